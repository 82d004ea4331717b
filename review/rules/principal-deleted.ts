import { currentString } from '../plan/attribute';
import { deletionRule } from './private/deletion-rule';

export const principalDeleted = deletionRule({
  id: 'RISK-PRINCIPAL-DELETED',
  info: 'An IAM Identity Center user or group is destroyed or replaced.',
  explanation:
    'Deleting an identity store user or group removes its memberships and account assignments with it; a replace gives it a new ID, ' +
    'so the user must be set up again (MFA devices included) and assignments are re-created. Approve when the person left or the group is retired.',
  types: ['aws_identitystore_user', 'aws_identitystore_group'],
  describe: (change) =>
    change.type === 'aws_identitystore_user'
      ? `user "${currentString(change, 'user_name') ?? change.name}"`
      : `group "${currentString(change, 'display_name') ?? change.name}"`,
  consequence: 'its memberships and account assignments go with it',
});
