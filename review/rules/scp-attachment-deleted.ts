import { CATALOGUE } from '../../rules/catalogue';
import { currentString } from '../plan/attribute';
import { deletionRule } from './private/deletion-rule';

export const scpAttachmentDeleted = deletionRule({
  ...CATALOGUE.scpAttachmentDeleted,
  types: ['aws_organizations_policy_attachment'],
  describe: (change) => {
    const policy = currentString(change, 'policy_id');
    const target = currentString(change, 'target_id');
    return `the attachment of policy ${policy ?? change.name.split('__')[0]} to ${target ?? change.name.split('__')[1] ?? 'its target'}`;
  },
  consequence: 'the policy stops applying to that target',
});
