import { CATALOGUE } from '../../rules/catalogue';
import { currentString } from '../plan/attribute';
import { deletionRule, oldAndNewName } from './private/deletion-rule';

export const scpDeleted = deletionRule({
  ...CATALOGUE.scpDeleted,
  types: ['aws_organizations_policy'],
  describe: (change) => {
    const type = currentString(change, 'type');
    return `organization policy ${oldAndNewName(change, 'name')}${type ? ` (${type})` : ''}`;
  },
  consequence: 'its guardrails stop applying to every target it is attached to',
});
