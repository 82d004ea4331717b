import { CATALOGUE } from '../../rules/catalogue';
import { changeKind, deletionPhrase } from '../changes/kind';
import { describeAccess } from '../diff/access';
import { changesOfTypes } from './private/finding';
import type { Rule } from './rule';

export const assignmentReplaced: Rule = {
  ...CATALOGUE.assignmentReplaced,
  check: (facts) =>
    changesOfTypes(facts, ['aws_ssoadmin_account_assignment'])
      .filter((change) => change.mode === 'managed' && changeKind(change) === 'replace')
      .map((change) => {
        const rows = facts.accessByChange.get(change) ?? [];
        const what = rows.map((row) => `${row.change === 're-created' ? '' : `${row.change} `}${describeAccess(row)}`).join('; ');
        return {
          ruleId: 'RISK-ASSIGNMENT-REPLACED',
          stack: facts.plan.stack,
          address: change.address,
          reason: `${what} (${deletionPhrase(change)}): the access is gone between the delete and the create`,
        };
      }),
};
