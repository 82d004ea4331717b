import { changeKind, deletionPhrase } from '../changes/kind';
import { describeAccess } from '../diff/access';
import type { Rule } from './rule';

export const assignmentReplaced: Rule = {
  id: 'RISK-ASSIGNMENT-REPLACED',
  info: 'An account assignment is replaced: access drops while it is re-created.',
  explanation:
    'aws_ssoadmin_account_assignment has no in-place update: any change deletes the assignment and creates it again, so the principal cannot sign in ' +
    'to that account with that permission set between the two (seconds to minutes, longer if the apply fails half-way). ' +
    'Approve at a quiet time, or when the replacement is the point of the change (a principal or account that changes).',
  check: (facts) =>
    facts.plan.changes
      .filter((change) => change.type === 'aws_ssoadmin_account_assignment' && change.mode === 'managed' && changeKind(change) === 'replace')
      .map((change) => {
        const rows = facts.access.filter((row) => row.address === change.address);
        const what = rows.map((row) => `${row.change === 're-created' ? '' : `${row.change} `}${describeAccess(row)}`).join('; ');
        return {
          ruleId: 'RISK-ASSIGNMENT-REPLACED',
          stack: facts.plan.stack,
          address: change.address,
          reason: `${what} (${deletionPhrase(change)}): the access is gone between the delete and the create`,
        };
      }),
};
