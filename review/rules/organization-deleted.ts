import { CATALOGUE } from '../../rules/catalogue';
import { deletionRule } from './private/deletion-rule';

export const organizationDeleted = deletionRule({
  ...CATALOGUE.organizationDeleted,
  types: ['aws_organizations_organization'],
  describe: () => 'the organization',
  consequence: 'every SCP, trusted service and Identity Center assignment depends on it',
});
