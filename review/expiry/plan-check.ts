/**
 * Whether the scheduled expiry workflow (.github/workflows/expiry.yml) may apply a plan without a
 * human: only when every change in it removes a grant the synth dropped as expired (expiry.json,
 * model/expiry.ts). Removing access is the safe direction and the grant itself was reviewed when it
 * was added; anything else (a create, an update, a replace, a forget, an import, a deletion of
 * anything else, an incomplete or deferred plan) needs the normal reviewed deploy.
 */
import { changeKind } from '../changes/kind';
import type { Plan } from '../plan/model';
import { ASSIGNMENT_RESOURCE_TYPE, type ExpiryEntry } from '../../model/expiry';

export interface ExpiryVerdict {
  /** True when the plans may be applied unattended: at least one change, all of them expired grants' deletions. */
  readonly apply: boolean;
  /** The expired grants the plans delete, by plan address, with the stack. */
  readonly removals: ReadonlyArray<{ readonly stack: string; readonly entry: ExpiryEntry }>;
  /** Why not, one line per change or plan that is not an expired grant's deletion. */
  readonly blockers: readonly string[];
}

/** `expired`: every environment's `expiry.json` `expired` list; `plans`: every planned stack's plan. */
export function judgeExpiryPlans(plans: readonly Plan[], expired: readonly ExpiryEntry[]): ExpiryVerdict {
  const byAddress = new Map(expired.map((entry) => [entry.address, entry]));
  const removals: Array<{ stack: string; entry: ExpiryEntry }> = [];
  const blockers: string[] = [];
  for (const plan of plans) {
    if (plan.complete === false) blockers.push(`${plan.stack}: the plan is not complete ("complete": false): applying it leaves changes for another plan`);
    if (plan.deferredChanges > 0) blockers.push(`${plan.stack}: Terraform deferred ${plan.deferredChanges} change(s)`);
    for (const change of plan.changes) {
      const kind = changeKind(change);
      if (change.importing) {
        blockers.push(`${plan.stack}: ${change.address} is imported`);
        continue;
      }
      if (kind === 'no-op' || (kind === 'read' && change.mode === 'data')) continue;
      const entry = byAddress.get(change.address);
      if (kind === 'destroy' && change.mode === 'managed' && change.type === ASSIGNMENT_RESOURCE_TYPE && change.deposed === undefined && change.moduleAddress === undefined && entry) {
        removals.push({ stack: plan.stack, entry });
        continue;
      }
      const what = kind === 'destroy' && change.type === ASSIGNMENT_RESOURCE_TYPE ? 'is deleted but is not an expired grant in expiry.json' : `is not an expired grant's deletion: ${kind} (actions ${change.actions.join(', ')})`;
      blockers.push(`${plan.stack}: ${change.address} ${what}`);
    }
  }
  if (removals.length === 0 && blockers.length === 0) return { apply: false, removals, blockers: [] };
  return { apply: blockers.length === 0, removals, blockers };
}
