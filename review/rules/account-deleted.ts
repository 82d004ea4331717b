import { CATALOGUE } from '../../rules/catalogue';
import { currentString } from '../plan/attribute';
import { deletionRule } from './private/deletion-rule';

export const accountDeleted = deletionRule({
  ...CATALOGUE.accountDeleted,
  types: ['aws_organizations_account'],
  describe: (change) => {
    const name = currentString(change, 'name') ?? change.name;
    const id = currentString(change, 'id');
    return `account "${name}"${id ? ` (${id})` : ''}`;
  },
  consequence: 'it leaves the organization, and its workloads and access go with it',
});
