import { CATALOGUE } from '../../rules/catalogue';
import { currentString } from '../plan/attribute';
import { deletionRule } from './private/deletion-rule';

export const principalDeleted = deletionRule({
  ...CATALOGUE.principalDeleted,
  types: ['aws_identitystore_user', 'aws_identitystore_group'],
  describe: (change) =>
    change.type === 'aws_identitystore_user'
      ? `user "${currentString(change, 'user_name') ?? change.name}"`
      : `group "${currentString(change, 'display_name') ?? change.name}"`,
  consequence: 'its memberships and account assignments go with it',
});
