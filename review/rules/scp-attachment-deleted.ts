import { currentString } from '../plan/attribute';
import { deletionRule } from './private/deletion-rule';

export const scpAttachmentDeleted = deletionRule({
  id: 'RISK-SCP-ATTACHMENT-DELETED',
  info: 'An organization policy is detached from a root, OU or account.',
  explanation:
    'Destroying an aws_organizations_policy_attachment lifts the policy from its target (and everything below an OU or root); a replace lifts it between the delete and the create. ' +
    'Approve only when the target should no longer be governed by that policy.',
  types: ['aws_organizations_policy_attachment'],
  describe: (change) => {
    const policy = currentString(change, 'policy_id');
    const target = currentString(change, 'target_id');
    return `the attachment of policy ${policy ?? change.name.split('__')[0]} to ${target ?? change.name.split('__')[1] ?? 'its target'}`;
  },
  consequence: 'the policy stops applying to that target',
});
