import { CATALOGUE } from '../../rules/catalogue';
import { widenings, type Widening } from '../../rules/policy/analysis';
import { describeStatement } from '../../rules/policy/document';
import type { PolicyChange } from '../diff/policies';
import { finding } from './private/finding';
import type { Finding, Rule, StackFacts } from './rule';

/** Organization policies' Allows grant nothing (an SCP only limits), and a trust policy says who, not what. */
function grants(policy: PolicyChange): boolean {
  return policy.type !== 'aws_organizations_policy' && !policy.trust;
}

function widened(facts: StackFacts, ruleId: string, kind: Widening['kind']): Finding[] {
  return facts.policies.filter(grants).flatMap((policy) =>
    policy.added.flatMap((statement) => {
      const found = widenings(statement).filter((widening) => widening.kind === kind);
      if (found.length === 0) return [];
      // The synth judges permission sets' inline policies, by the set's name.
      const target = policy.type === 'aws_ssoadmin_permission_set_inline_policy' ? policy.permissionSet : undefined;
      return [finding(ruleId, facts, policy.address, `${policy.title} newly allows ${found.map((widening) => widening.what).join(' and ')}: ${describeStatement(statement)}`, target)];
    }),
  );
}

export const wildcardAllowed: Rule = {
  ...CATALOGUE.wildcardAllowed,
  check: (facts) => widened(facts, CATALOGUE.wildcardAllowed.id, 'wildcard'),
};

export const passRoleAny: Rule = {
  ...CATALOGUE.passRoleAny,
  check: (facts) => widened(facts, CATALOGUE.passRoleAny.id, 'pass-role'),
};
