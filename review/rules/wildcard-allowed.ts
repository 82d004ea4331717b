import { describeStatement, wildcards } from '../policy/document';
import type { Rule } from './rule';

export const wildcardAllowed: Rule = {
  id: 'RISK-WILDCARD-ALLOWED',
  info: 'A policy newly allows a wildcard Action or Resource.',
  explanation:
    'An Allow statement that is new (or rewritten) in this plan grants "*" as an action, a whole service ("s3:*"), NotAction, "*" as a resource, or NotResource. ' +
    'Checked in permission set inline policies, SCPs and IAM policies. Narrow patterns such as "ec2:Describe*" are not flagged. ' +
    'Approve when the breadth is intended, ideally with a Condition that limits it.',
  check: (facts) =>
    facts.policies.flatMap((policy) =>
      policy.added.flatMap((statement) => {
        const found = wildcards(statement);
        if (found.length === 0) return [];
        return [
          {
            ruleId: 'RISK-WILDCARD-ALLOWED',
            stack: facts.plan.stack,
            address: policy.address,
            reason: `${policy.title} newly allows ${found.join(' and ')}: ${describeStatement(statement)}`,
          },
        ];
      }),
    ),
};
