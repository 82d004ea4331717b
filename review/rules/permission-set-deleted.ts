import { CATALOGUE } from '../../rules/catalogue';
import { currentString } from '../plan/attribute';
import { deletionRule } from './private/deletion-rule';

export const permissionSetDeleted = deletionRule({
  ...CATALOGUE.permissionSetDeleted,
  types: ['aws_ssoadmin_permission_set'],
  describe: (change) => `permission set "${currentString(change, 'name') ?? change.name}"`,
  consequence: 'everyone assigned to it loses that access in every account',
});
