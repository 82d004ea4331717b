import { changeKind } from '../changes/kind';
import { assignmentAddressParts, describeName, type Name, type Names } from '../names';
import { knownString, attribute, type Side } from '../plan/attribute';
import type { Plan, ResourceChange } from '../plan/model';

/**
 * Who gains or loses what access where: one row per principal × permission set × account that an
 * `aws_ssoadmin_account_assignment` change grants, revokes or re-creates. Assignments have no
 * update: any change replaces them, and access is gone between the delete and the create.
 */

export type AccessChangeKind = 'granted' | 'revoked' | 're-created';

export interface AccessChange {
  readonly address: string;
  readonly change: AccessChangeKind;
  readonly principalType: 'USER' | 'GROUP' | 'UNKNOWN';
  readonly principal: Name;
  readonly permissionSet: Name;
  readonly account: Name;
  /**
   * The set's effective access in the account, in the access report's words (`full admin`,
   * `list/read only (12 services)`: access.json of --synth-dir, of --base-synth-dir for a revocation;
   * diff/access-words.ts), or `not known: …` and why; absent when the synth output of that side
   * (--synth-dir for a grant, --base-synth-dir for a revocation) was not given.
   */
  readonly effectiveAccess?: string;
  /** The set is administrator-level, by the access report. */
  readonly adminLevel?: boolean;
  /** ISO-8601 UTC: when the grant ends, by the access report. */
  readonly expires?: string;
  /** The config's reason for a temporary grant. */
  readonly reason?: string;
}

/**
 * `annotate` adds to each row as it is made (the access report's words): a large plan's rows are not
 * held twice. `byChange`, when given, gets each change's rows: rules look them up by the change, a
 * lookup by object instead of by address string (a deposed object shares its address, too).
 */
export function accessChanges(
  plan: Plan,
  names: Names,
  annotate: (row: AccessChange) => AccessChange = (row) => row,
  byChange?: Map<ResourceChange, readonly AccessChange[]>,
): AccessChange[] {
  const made: AccessChange[] = [];
  const add = (change: ResourceChange, ...rows: AccessChange[]) => {
    const annotated = rows.map(annotate);
    made.push(...annotated);
    byChange?.set(change, annotated);
  };
  for (const change of plan.changes) {
    if (change.type !== 'aws_ssoadmin_account_assignment' || change.mode !== 'managed') continue;
    const kind = changeKind(change);
    if (kind === 'create') add(change, row(plan, names, change, 'after', 'granted'));
    else if (kind === 'destroy') add(change, row(plan, names, change, 'before', 'revoked'));
    else if (kind === 'replace') {
      const before = row(plan, names, change, 'before', 'revoked');
      const after = row(plan, names, change, 'after', 'granted');
      // The same grant made again, unless a known part of it differs (then it moves).
      if (sameGrant(change)) add(change, { ...after, change: 're-created' });
      else add(change, before, after);
    }
  }
  return made;
}

function row(plan: Plan, names: Names, change: ResourceChange, side: Side, kind: AccessChangeKind): AccessChange {
  const parts = assignmentAddressParts(change.name);
  const principalType = knownString(attribute(change, side, 'principal_type'));
  const type = principalType === 'USER' || principalType === 'GROUP' ? principalType : parts.principalType ?? 'UNKNOWN';
  return {
    address: change.address,
    change: kind,
    principalType: type,
    principal: names.of(plan, change, side, 'principal_id', type === 'USER' ? 'user' : 'group', parts.principal),
    permissionSet: names.of(plan, change, side, 'permission_set_arn', 'permission-set', parts.permissionSet),
    account: names.of(plan, change, side, 'target_id', 'account', parts.account),
  };
}

/** True unless a tuple attribute is known on both sides and differs. */
function sameGrant(change: ResourceChange): boolean {
  return ['principal_id', 'principal_type', 'permission_set_arn', 'target_id'].every((attr) => {
    const before = knownString(attribute(change, 'before', attr));
    const after = knownString(attribute(change, 'after', attr));
    return before === undefined || after === undefined || before === after;
  });
}

/** `group Platform Admins: Admin on Prod Workloads (111111111111)`. */
export function describeAccess(row: AccessChange): string {
  const principal = `${row.principalType === 'USER' ? 'user' : row.principalType === 'GROUP' ? 'group' : 'principal'} ${describeName(
    row.principal,
    row.principalType === 'USER' ? 'user' : 'group',
  )}`;
  return `${principal}: ${describeName(row.permissionSet, 'permission-set')} on ${describeName(row.account, 'account')}`;
}
