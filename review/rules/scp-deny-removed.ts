import { CATALOGUE } from '../../rules/catalogue';
import { describeStatement } from '../../rules/policy/document';
import type { Rule } from './rule';

/** Policy types whose Deny statements are guardrails. */
const GUARDRAIL_TYPES = new Set(['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY']);

export const scpDenyRemoved: Rule = {
  ...CATALOGUE.scpDenyRemoved,
  check: (facts) =>
    facts.policies
      .filter(
        (policy) =>
          policy.type === 'aws_organizations_policy' &&
          policy.kind !== 'destroy' &&
          (policy.policyType === undefined || GUARDRAIL_TYPES.has(policy.policyType)),
      )
      .flatMap((policy) =>
        policy.removed
          .filter((statement) => statement.effect === 'Deny')
          .map((statement) => ({
            ruleId: 'RISK-SCP-DENY-REMOVED',
            stack: facts.plan.stack,
            address: policy.address,
            reason: `${policy.title} no longer has: ${describeStatement(statement)}`,
          })),
      ),
};
