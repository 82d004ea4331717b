import { CATALOGUE } from '../../rules/catalogue';
import { changeKind } from '../changes/kind';
import type { Rule } from './rule';

export const importWithChanges: Rule = {
  ...CATALOGUE.importWithChanges,
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
