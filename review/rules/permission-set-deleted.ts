import { CATALOGUE } from '../../rules/catalogue';
import { deletionRule, oldAndNewName } from './private/deletion-rule';

export const permissionSetDeleted = deletionRule({
  ...CATALOGUE.permissionSetDeleted,
  types: ['aws_ssoadmin_permission_set'],
  describe: (change) => `permission set ${oldAndNewName(change, 'name')}`,
  consequence: 'everyone assigned to it loses that access in every account',
});
