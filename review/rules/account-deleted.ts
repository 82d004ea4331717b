import { currentString } from '../plan/attribute';
import { deletionRule } from './private/deletion-rule';

export const accountDeleted = deletionRule({
  id: 'RISK-ACCOUNT-DELETED',
  info: 'An AWS account is destroyed or replaced.',
  explanation:
    'Destroying an aws_organizations_account removes the account from the organization (and closes it when close_on_deletion is true); ' +
    'a replace does that and creates a new, empty account with a new ID. Everything in the account, and every assignment to it, is affected. ' +
    'Approve only when the account is meant to leave the organization.',
  types: ['aws_organizations_account'],
  describe: (change) => {
    const name = currentString(change, 'name') ?? change.name;
    const id = currentString(change, 'id');
    return `account "${name}"${id ? ` (${id})` : ''}`;
  },
  consequence: 'it leaves the organization, and its workloads and access go with it',
});
