import type { ResourceChange } from '../plan/model';
import { changeKind } from './kind';

/** Per-stack change counts, as in Terraform's own summary plus imports, moves and forgets. */
export interface ChangeCounts {
  readonly import: number;
  readonly create: number;
  readonly update: number;
  readonly replace: number;
  readonly destroy: number;
  /** Moved to a new address (`previous_address`), with or without another change. */
  readonly move: number;
  /** Removed from state but left in AWS (`removed` block with destroy = false). */
  readonly forget: number;
  /** Actions this review does not know (a future Terraform). */
  readonly other: number;
}

export function countChanges(changes: readonly ResourceChange[]): ChangeCounts {
  const counts = { import: 0, create: 0, update: 0, replace: 0, destroy: 0, move: 0, forget: 0, other: 0 };
  for (const change of changes) {
    if (change.mode !== 'managed') continue;
    if (change.importing) counts.import++;
    if (change.previousAddress) counts.move++;
    if (change.actions.includes('forget')) counts.forget++;
    const kind = changeKind(change);
    if (kind === 'create' || kind === 'update' || kind === 'replace' || kind === 'destroy' || kind === 'other') counts[kind]++;
  }
  return counts;
}

export function hasChanges(counts: ChangeCounts): boolean {
  return Object.values(counts).some((count) => count > 0);
}
