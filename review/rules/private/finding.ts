import { changeKind, type ChangeKind } from '../../changes/kind';
import type { ResourceChange } from '../../plan/model';
import type { Finding, StackFacts } from '../rule';

/** The managed changes of the given types that are not no-ops, reads or forgets, with their kind. */
export function changesOf(facts: StackFacts, types: readonly string[]): Array<{ change: ResourceChange; kind: ChangeKind }> {
  const found: Array<{ change: ResourceChange; kind: ChangeKind }> = [];
  for (const change of facts.plan.changes) {
    if (change.mode !== 'managed' || !types.includes(change.type)) continue;
    const kind = changeKind(change);
    if (kind === 'no-op' || kind === 'read' || kind === 'forget') continue;
    found.push({ change, kind });
  }
  return found;
}

export function finding(ruleId: string, facts: StackFacts, address: string, reason: string, target?: string): Finding {
  return target === undefined ? { ruleId, stack: facts.plan.stack, address, reason } : { ruleId, stack: facts.plan.stack, address, reason, target };
}
