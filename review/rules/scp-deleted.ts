import { currentString } from '../plan/attribute';
import { deletionRule } from './private/deletion-rule';

export const scpDeleted = deletionRule({
  id: 'RISK-SCP-DELETED',
  info: 'A service control policy (or other organization policy) is destroyed or replaced.',
  explanation:
    'An SCP is a guardrail on every account it is attached to; destroying it lifts its denies at once, and a replace lifts them between the delete and the create. ' +
    'Approve only when the guardrail is deliberately retired or another policy takes its place.',
  types: ['aws_organizations_policy'],
  describe: (change) => {
    const type = currentString(change, 'type');
    return `organization policy "${currentString(change, 'name') ?? change.name}"${type ? ` (${type})` : ''}`;
  },
  consequence: 'its guardrails stop applying to every target it is attached to',
});
