import { changeKind, type ChangeKind } from '../../changes/kind';
import type { ResourceChange } from '../../plan/model';
import type { Finding, StackFacts } from '../rule';

/** The managed changes of the given types that are not no-ops, reads or forgets, with their kind. */
export function changesOf(facts: StackFacts, types: readonly string[]): Array<{ change: ResourceChange; kind: ChangeKind }> {
  const found: Array<{ change: ResourceChange; kind: ChangeKind }> = [];
  for (const change of changesOfTypes(facts, types)) {
    if (change.mode !== 'managed') continue;
    const kind = changeKind(change);
    if (kind === 'no-op' || kind === 'read' || kind === 'forget') continue;
    found.push({ change, kind });
  }
  return found;
}

/**
 * The plan's changes of the given types, in plan order. A plan of 60,000 assignments no longer walks
 * 60,000 changes once for each of the rules about other types.
 */
export function changesOfTypes(facts: StackFacts, types: readonly string[]): readonly ResourceChange[] {
  const present = types.filter((type) => facts.changesByType.has(type));
  if (present.length <= 1) return present.length === 0 ? [] : facts.changesByType.get(present[0])!;
  return facts.plan.changes.filter((change) => present.includes(change.type));
}

export function finding(ruleId: string, facts: StackFacts, address: string, reason: string, target?: string): Finding {
  return target === undefined ? { ruleId, stack: facts.plan.stack, address, reason } : { ruleId, stack: facts.plan.stack, address, reason, target };
}
