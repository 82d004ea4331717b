import { CATALOGUE } from '../../rules/catalogue';
import { deletionRule, oldAndNewName } from './private/deletion-rule';

export const principalDeleted = deletionRule({
  ...CATALOGUE.principalDeleted,
  types: ['aws_identitystore_user', 'aws_identitystore_group'],
  describe: (change) => (change.type === 'aws_identitystore_user' ? `user ${oldAndNewName(change, 'user_name')}` : `group ${oldAndNewName(change, 'display_name')}`),
  consequence: 'its memberships and account assignments go with it',
});
