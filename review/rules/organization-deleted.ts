import { deletionRule } from './private/deletion-rule';

export const organizationDeleted = deletionRule({
  id: 'RISK-ORGANIZATION-DELETED',
  info: 'The AWS organization is destroyed or replaced.',
  explanation:
    'Deleting the organization needs every member account removed first and ends all SCPs, trusted access (IAM Identity Center) and consolidated billing. ' +
    'The stacks protect it with prevent_destroy; a plan that deletes it means that protection was removed. There is no routine reason to approve this.',
  types: ['aws_organizations_organization'],
  describe: () => 'the organization',
  consequence: 'every SCP, trusted service and Identity Center assignment depends on it',
});
