import { CATALOGUE } from '../../rules/catalogue';
import { currentString } from '../plan/attribute';
import { deletionRule, oldAndNewName } from './private/deletion-rule';

export const accountDeleted = deletionRule({
  ...CATALOGUE.accountDeleted,
  types: ['aws_organizations_account'],
  describe: (change) => {
    const id = currentString(change, 'id');
    return `account ${oldAndNewName(change, 'name')}${id ? ` (${id})` : ''}`;
  },
  consequence: 'it leaves the organization, and its workloads and access go with it',
});
