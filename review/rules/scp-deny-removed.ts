import { describeStatement } from '../policy/document';
import type { Rule } from './rule';

/** Policy types whose Deny statements are guardrails. */
const GUARDRAIL_TYPES = new Set(['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY']);

export const scpDenyRemoved: Rule = {
  id: 'RISK-SCP-DENY-REMOVED',
  info: 'A Deny statement is removed from (or rewritten in) a service or resource control policy.',
  explanation:
    'The Deny statements of an SCP are the guardrails it exists for; removing or rewriting one loosens every account the policy is attached to, ' +
    'and nothing else in the plan shows it. Compare the removed and added statements, and approve when the loosening is intended.',
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
