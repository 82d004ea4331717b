import { CATALOGUE } from '../../rules/catalogue';
import { attribute, knownString } from '../plan/attribute';
import type { ResourceChange } from '../plan/model';
import { deletionRule } from './private/deletion-rule';

/** The name the deleted object has now (before), then the one it is re-created with: `"jane" (re-created as "jane.doe")`. */
function named(change: ResourceChange, attr: string): string {
  const before = knownString(attribute(change, 'before', attr));
  const after = knownString(attribute(change, 'after', attr));
  const current = before ?? after ?? change.name;
  return after !== undefined && before !== undefined && after !== before ? `"${current}" (re-created as "${after}")` : `"${current}"`;
}

export const principalDeleted = deletionRule({
  ...CATALOGUE.principalDeleted,
  types: ['aws_identitystore_user', 'aws_identitystore_group'],
  describe: (change) => (change.type === 'aws_identitystore_user' ? `user ${named(change, 'user_name')}` : `group ${named(change, 'display_name')}`),
  consequence: 'its memberships and account assignments go with it',
});
