import { changeKind } from '../changes/kind';
import type { Rule } from './rule';

export const importWithChanges: Rule = {
  id: 'RISK-IMPORT-WITH-CHANGES',
  info: 'An imported resource is also changed by this plan.',
  explanation:
    'An import should adopt an existing object exactly as it is (actions ["no-op"] with "importing"). An import that also updates, replaces or destroys ' +
    'means the config does not match what exists: the apply would change a live object on its first run. Fix the config (see the zero-diff check) or approve the change knowingly.',
  check: (facts) =>
    facts.plan.changes
      .filter((change) => change.mode === 'managed' && change.importing !== undefined && changeKind(change) !== 'no-op')
      .map((change) => ({
        ruleId: 'RISK-IMPORT-WITH-CHANGES',
        stack: facts.plan.stack,
        address: change.address,
        reason: `${change.address} is imported${change.importing?.id ? ` (ID ${change.importing.id})` : ''} and also ${verb(
          changeKind(change),
        )} in the same apply`,
      })),
};

function verb(kind: string): string {
  return kind === 'update' ? 'updated' : kind === 'replace' ? 'replaced' : kind === 'destroy' ? 'destroyed' : `changed (${kind})`;
}
