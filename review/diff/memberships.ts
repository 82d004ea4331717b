import { changeKind } from '../changes/kind';
import { pairAddressParts, type Name, type Names } from '../names';
import type { Side } from '../plan/attribute';
import type { Plan } from '../plan/model';

/** A user added to or removed from a group: they gain or lose everything the group is assigned. */
export interface MembershipChange {
  readonly address: string;
  readonly change: 'added' | 'removed' | 're-created';
  readonly user: Name;
  readonly group: Name;
}

export function membershipChanges(plan: Plan, names: Names): MembershipChange[] {
  const rows: MembershipChange[] = [];
  for (const change of plan.changes) {
    if (change.type !== 'aws_identitystore_group_membership' || change.mode !== 'managed') continue;
    const kind = changeKind(change);
    if (kind !== 'create' && kind !== 'destroy' && kind !== 'replace') continue;
    const side: Side = kind === 'destroy' ? 'before' : 'after';
    const parts = pairAddressParts(change.name);
    rows.push({
      address: change.address,
      change: kind === 'create' ? 'added' : kind === 'destroy' ? 'removed' : 're-created',
      user: names.of(plan, change, side, 'member_id', 'user', parts.second),
      group: names.of(plan, change, side, 'group_id', 'group', parts.first),
    });
  }
  return rows;
}
