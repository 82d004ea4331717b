import { CATALOGUE } from '../../rules/catalogue';
import { currentString } from '../plan/attribute';
import { deletionRule } from './private/deletion-rule';

export const scpAttachmentDeleted = deletionRule({
  ...CATALOGUE.scpAttachmentDeleted,
  types: ['aws_organizations_policy_attachment'],
  describe: (change, facts) => {
    const policy = facts.names.of(facts.plan, change, 'before', 'policy_id', 'policy');
    const target = facts.names.target(facts.plan, change, 'before', 'target_id');
    const policyText = policy.source === 'plan' || policy.source === 'synth' ? `${policy.text} (${policy.id})` : currentString(change, 'policy_id') ?? change.name.split('__')[0];
    const targetText = target.source === 'plan' || target.source === 'synth' ? `${target.text} (${target.id})` : currentString(change, 'target_id') ?? change.name.split('__')[1] ?? 'its target';
    return `the attachment of policy ${policyText} to ${targetText}`;
  },
  consequence: 'the policy stops applying to that target',
});
