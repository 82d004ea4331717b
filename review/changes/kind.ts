import type { ResourceChange } from '../plan/model';

/**
 * What a change does to its object, from `change.actions`. A replace is a two-element list
 * (`["delete","create"]`, or `["create","delete"]` for create_before_destroy); as Terraform's docs
 * advise, any list containing "delete" deletes the object.
 */
export type ChangeKind = 'no-op' | 'create' | 'update' | 'replace' | 'destroy' | 'read' | 'forget' | 'other';

/** By action list: plans share a few lists (elements.ts interns them), so this is one lookup a call. */
const KINDS = new WeakMap<readonly string[], ChangeKind>();

export function changeKind(change: ResourceChange): ChangeKind {
  let kind = KINDS.get(change.actions);
  if (kind === undefined) {
    kind = kindOf(change.actions);
    KINDS.set(change.actions, kind);
  }
  return kind;
}

function kindOf(actions: readonly string[]): ChangeKind {
  const deletes = actions.includes('delete');
  const creates = actions.includes('create');
  if (deletes && creates) return 'replace';
  if (deletes) return 'destroy';
  // ["create","forget"]: a new object, while the old one leaves the state but stays in AWS.
  if (creates) return 'create';
  if (actions.includes('update')) return 'update';
  if (actions.includes('forget')) return 'forget';
  if (actions.length === 1 && actions[0] === 'read') return 'read';
  if (actions.length === 1 && actions[0] === 'no-op') return 'no-op';
  return 'other';
}

/** True when the object that exists now is deleted: destroy or replace, deposed objects included. */
export function deletesObject(change: ResourceChange): boolean {
  return change.mode === 'managed' && change.actions.includes('delete');
}

/** Import with nothing else: the object is adopted exactly as it is. */
export function isImportOnly(change: ResourceChange): boolean {
  return change.importing !== undefined && changeKind(change) === 'no-op';
}

/** "destroyed", "replaced (forced by target_id)", "replaced (tainted)", …: how a deleting change deletes. */
export function deletionPhrase(change: ResourceChange): string {
  const deposed = change.deposed ? ` (deposed object ${change.deposed})` : '';
  if (changeKind(change) !== 'replace') return `destroyed${deposed}`;
  const forcedBy = change.replacePaths.map((path) => path.join('.')).filter((path) => path !== '');
  const reason =
    forcedBy.length > 0
      ? `forced by a change of ${forcedBy.join(', ')}`
      : change.actionReason === 'replace_because_tainted'
      ? 'the object is tainted'
      : change.actionReason === 'replace_by_request'
      ? 'requested with -replace'
      : change.actionReason === 'replace_by_triggers'
      ? 'replace_triggered_by'
      : undefined;
  return `replaced${reason ? ` (${reason})` : ''}${deposed}`;
}
