import { CATALOGUE } from '../../rules/catalogue';
import { denyCoverage } from '../../rules/policy/analysis';
import { describeStatement } from '../../rules/policy/document';
import type { PolicyChange } from '../diff/policies';
import type { Rule } from './rule';

/** Policy types whose Deny statements are guardrails, and whose content is an IAM policy document. */
export const GUARDRAIL_TYPES: ReadonlySet<string> = new Set(['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY']);

/** An organization policy whose type is a guardrail's, or not known (then it may be one). */
export function isGuardrail(policy: PolicyChange): boolean {
  return policy.type === 'aws_organizations_policy' && (policy.policyType === undefined || GUARDRAIL_TYPES.has(policy.policyType));
}

/**
 * A Deny of before that no Deny of after covers (rules/policy/analysis.ts denyCovers): a Deny that
 * is rewritten to deny more, or merged into a broader one, is no loss.
 */
export const scpDenyRemoved: Rule = {
  ...CATALOGUE.scpDenyRemoved,
  check: (facts) =>
    facts.policies
      .filter((policy) => isGuardrail(policy) && policy.kind !== 'destroy')
      .flatMap((policy) => {
        // A large document's unchanged statements are not kept: only its added ones can cover.
        const stillDenied = denyCoverage(policy.deniesAfter ?? policy.added.filter((statement) => statement.effect === 'Deny'));
        return policy.removed
          .filter((statement) => statement.effect === 'Deny' && !stillDenied(statement))
          .map((statement) => ({
            ruleId: 'RISK-SCP-DENY-REMOVED',
            stack: facts.plan.stack,
            address: policy.address,
            reason: `${policy.title} no longer has: ${describeStatement(statement)}`,
          }));
      }),
};
