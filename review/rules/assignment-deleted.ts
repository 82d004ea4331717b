import { CATALOGUE } from '../../rules/catalogue';
import { changeKind } from '../changes/kind';
import { describeAccess } from '../diff/access';
import { changesOfTypes } from './private/finding';
import type { Rule } from './rule';

export const assignmentDeleted: Rule = {
  ...CATALOGUE.assignmentDeleted,
  check: (facts) =>
    changesOfTypes(facts, ['aws_ssoadmin_account_assignment'])
      .filter((change) => change.mode === 'managed' && changeKind(change) === 'destroy')
      .map((change) => {
        const row = facts.accessByChange.get(change)?.[0];
        return {
          ruleId: 'RISK-ASSIGNMENT-DELETED',
          stack: facts.plan.stack,
          address: change.address,
          reason: `revoked ${row ? describeAccess(row) : change.address}${change.deposed ? ` (deposed object ${change.deposed})` : ''}`,
        };
      }),
};
