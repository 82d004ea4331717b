import { currentString } from '../plan/attribute';
import { deletionRule } from './private/deletion-rule';

export const permissionSetDeleted = deletionRule({
  id: 'RISK-PERMISSION-SET-DELETED',
  info: 'An IAM Identity Center permission set is destroyed or replaced.',
  explanation:
    'Deleting a permission set removes its role from every account it is provisioned to, so everyone assigned to it loses that access; ' +
    'a replace (for example a name change) does the same until the new set and its assignments are created. Check the access diff for who is affected.',
  types: ['aws_ssoadmin_permission_set'],
  describe: (change) => `permission set "${currentString(change, 'name') ?? change.name}"`,
  consequence: 'everyone assigned to it loses that access in every account',
});
