import { CATALOGUE } from '../../rules/catalogue';
import { changeKind } from '../changes/kind';
import { describeAccess } from '../diff/access';
import type { Rule } from './rule';

export const assignmentDeleted: Rule = {
  ...CATALOGUE.assignmentDeleted,
  check: (facts) =>
    facts.plan.changes
      .filter((change) => change.type === 'aws_ssoadmin_account_assignment' && change.mode === 'managed' && changeKind(change) === 'destroy')
      .map((change) => {
        const row = facts.accessByAddress.get(change.address)?.[0];
        return {
          ruleId: 'RISK-ASSIGNMENT-DELETED',
          stack: facts.plan.stack,
          address: change.address,
          reason: `revoked ${row ? describeAccess(row) : change.address}${change.deposed ? ` (deposed object ${change.deposed})` : ''}`,
        };
      }),
};
