/**
 * What a `terraform show -json` plan does, as assertions want it: per managed resource its actions,
 * whether it is imported or moved, and which attributes an update changes. Field names from
 * Terraform's JSON output format (https://developer.hashicorp.com/terraform/internals/json-format,
 * "Plan Representation": `resource_changes[].change.{actions,before,after,after_unknown,importing}`,
 * `previous_address`).
 */
import { isDeepStrictEqual } from 'node:util';
import type { PlanJson } from '../terraform/terraform-run';

interface ResourceChangeJson {
  address: string;
  previous_address?: string;
  mode: 'managed' | 'data';
  type: string;
  change: { actions: string[]; before?: unknown; after?: unknown; after_unknown?: unknown; importing?: { id?: string } };
}

export interface Change {
  readonly address: string;
  /** `create`, `update`, `delete`, `replace` (delete + create, either order), `no-op`, `read`. */
  readonly action: string;
  readonly importing: boolean;
  readonly movedFrom?: string;
  /** For `update` and `replace`: the top-level attributes whose value changes (or becomes unknown). */
  readonly attributes: readonly string[];
}

export function changesOf(plan: PlanJson | undefined): Change[] {
  const rows = (plan?.resource_changes ?? []) as unknown as ResourceChangeJson[];
  return rows
    .filter((row) => row.mode === 'managed')
    .map((row) => {
      const actions = row.change.actions;
      const action = actions.length === 2 ? 'replace' : actions[0];
      return {
        address: row.address,
        action,
        importing: row.change.importing !== undefined,
        ...(row.previous_address && row.previous_address !== row.address ? { movedFrom: row.previous_address } : {}),
        attributes: action === 'update' || action === 'replace' ? changedAttributes(row.change) : [],
      };
    });
}

function changedAttributes(change: ResourceChangeJson['change']): string[] {
  const before = (change.before ?? {}) as Record<string, unknown>;
  const after = (change.after ?? {}) as Record<string, unknown>;
  const unknown = (change.after_unknown ?? {}) as Record<string, unknown>;
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => !isDeepStrictEqual(before[key], after[key]) || containsTrue(unknown[key])).sort();
}

function containsTrue(value: unknown): boolean {
  if (value === true) return true;
  if (Array.isArray(value)) return value.some(containsTrue);
  if (value !== null && typeof value === 'object') return Object.values(value).some(containsTrue);
  return false;
}

/** Everything the plan would do to AWS or state, one line each, for assertion messages: `update aws_x.y (tags, name)`. */
export function describeChanges(changes: readonly Change[]): string[] {
  return changes
    .filter((change) => change.action !== 'no-op' || change.importing || change.movedFrom)
    .map((change) => [change.importing ? 'import' : '', change.movedFrom ? `move from ${change.movedFrom}` : '', change.action === 'no-op' ? '' : change.action, change.address, change.attributes.length ? `(${change.attributes.join(', ')})` : ''].filter(Boolean).join(' '));
}

/** Lines of a plan that would change AWS: anything but no-op (a no-op import or move changes state only). */
export function awsChanges(changes: readonly Change[]): string[] {
  return describeChanges(changes.filter((change) => change.action !== 'no-op' && change.action !== 'read'));
}
