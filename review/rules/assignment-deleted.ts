import { changeKind } from '../changes/kind';
import { describeAccess } from '../diff/access';
import type { Rule } from './rule';

export const assignmentDeleted: Rule = {
  id: 'RISK-ASSIGNMENT-DELETED',
  info: 'An account assignment is destroyed: someone loses access.',
  explanation:
    'Destroying an aws_ssoadmin_account_assignment revokes a permission set in an account from a user or group at apply time; ' +
    'active sessions keep working until they expire. Approve when the revocation is intended, and check it is not the last way in (break-glass admins).',
  check: (facts) =>
    facts.plan.changes
      .filter((change) => change.type === 'aws_ssoadmin_account_assignment' && change.mode === 'managed' && changeKind(change) === 'destroy')
      .map((change) => {
        const row = facts.access.find((candidate) => candidate.address === change.address);
        return {
          ruleId: 'RISK-ASSIGNMENT-DELETED',
          stack: facts.plan.stack,
          address: change.address,
          reason: `revoked ${row ? describeAccess(row) : change.address}${change.deposed ? ` (deposed object ${change.deposed})` : ''}`,
        };
      }),
};
