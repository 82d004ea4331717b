import type { AccessReport, AccessRow, ExpiredGrant, PermissionSetAccess } from '../../model/access';
import { serviceDifferences } from '../../model/effective-access';
import { expiryWords } from '../../model/expiry';

/**
 * The changed rows of the access report: the base branch's access.json against this change's, per
 * environment. Who gains or loses which account with which set, through which group (one row per
 * person a group reaches: a change of membership shows here too), whose access there reads
 * differently, which permission sets read differently, and which grants this synth drops as expired.
 * The plan says what Terraform does; this says what it means for people.
 */

export type ReportRowChangeKind = 'gains' | 'loses' | 'changes';

/** One row of the report's "By account" table that differs. */
export interface ReportRowChange {
  readonly change: ReportRowChangeKind;
  /** The account key. */
  readonly account: string;
  readonly accountName: string;
  /** The person (a user name); absent for a group whose members are managed in the IdP and none are named. */
  readonly person?: string;
  /** The group it comes through; absent for an assignment to the user directly. */
  readonly group?: string;
  readonly permissionSet: string;
  /** The effective access there after the change (before it, for `loses`). */
  readonly effectiveAccess: string;
  readonly adminLevel: boolean;
  readonly expires?: string;
  readonly reason?: string;
  /** For `changes`: what differs, `effective access: read → write`, `expires: (none) → 2026-12-31T…`. */
  readonly differences?: readonly string[];
}

/** A permission set whose reading (before SCPs) differs, or that comes or goes. */
export interface ReportSetChange {
  readonly change: 'added' | 'removed' | 'changed';
  readonly permissionSet: string;
  readonly effectiveAccess: string;
  readonly adminLevel: boolean;
  /** For `changed`: the reading before. */
  readonly before?: string;
  readonly adminLevelBefore?: boolean;
  /** For `changed`: what differs per service, `IAM (iam): list, read → list, read, write` (model/effective-access.ts). */
  readonly services?: readonly string[];
}

export interface AccessReportChanges {
  readonly environment: string;
  /** Where the full report is, relative to the synth dir: `environments/<env>/ACCESS.md`. */
  readonly report: string;
  readonly rows: readonly ReportRowChange[];
  readonly permissionSets: readonly ReportSetChange[];
  /** Grants this change's synth drops as expired that the base's still held. */
  readonly newlyExpired: readonly ExpiredGrant[];
}

/** The fields of a row that, when they differ, make it `changes`; in the words the comment uses. */
const COMPARED: ReadonlyArray<[keyof AccessRow, string]> = [
  ['effectiveAccess', 'effective access'],
  ['adminLevel', 'administrator-level'],
  ['sessionDuration', 'session'],
  ['mfaAtSignIn', 'MFA at sign-in'],
  ['expires', 'expires'],
  ['reason', 'reason'],
];

function rowKey(account: string, row: AccessRow): string {
  return [account, row.person ?? '', row.group ?? '', row.permissionSet].join('\u0000');
}

function rowsOf(report: AccessReport | undefined): Map<string, { row: AccessRow; account: string; accountName: string }> {
  const rows = new Map<string, { row: AccessRow; account: string; accountName: string }>();
  for (const account of report?.accounts ?? []) for (const row of account.access) rows.set(rowKey(account.key, row), { row, account: account.key, accountName: account.name });
  return rows;
}

function shown(value: unknown): string {
  return value === undefined ? '(none)' : String(value);
}

function entry(change: ReportRowChangeKind, found: { row: AccessRow; account: string; accountName: string }, differences?: string[]): ReportRowChange {
  const { row } = found;
  return {
    change,
    account: found.account,
    accountName: found.accountName,
    ...(row.person !== undefined ? { person: row.person } : {}),
    ...(row.group !== undefined ? { group: row.group } : {}),
    permissionSet: row.permissionSet,
    effectiveAccess: row.effectiveAccess,
    adminLevel: row.adminLevel,
    ...(row.expires !== undefined ? { expires: row.expires } : {}),
    ...(row.reason !== undefined ? { reason: row.reason } : {}),
    ...(differences ? { differences } : {}),
  };
}

/**
 * The changes of one environment's report; undefined when nothing differs. An environment the base
 * has no report of (a new one) gains every row; one this change has none of loses every row.
 */
export function accessReportChanges(environment: string, base: AccessReport | undefined, head: AccessReport | undefined): AccessReportChanges | undefined {
  const before = rowsOf(base);
  const after = rowsOf(head);
  const rows: ReportRowChange[] = [];
  for (const [key, found] of after) {
    const old = before.get(key);
    if (!old) {
      rows.push(entry('gains', found));
      continue;
    }
    const differences = COMPARED.filter(([field]) => old.row[field] !== found.row[field]).map(([field, words]) => `${words}: ${shown(old.row[field])} → ${shown(found.row[field])}`);
    if (differences.length > 0) rows.push(entry('changes', found, differences));
  }
  for (const [key, found] of before) if (!after.has(key)) rows.push(entry('loses', found));

  const setsBefore = new Map((base?.permissionSets ?? []).map((set) => [set.name, set]));
  const setsAfter = new Map((head?.permissionSets ?? []).map((set) => [set.name, set]));
  const permissionSets: ReportSetChange[] = [];
  const setEntry = (change: ReportSetChange['change'], set: PermissionSetAccess) => ({ change, permissionSet: set.name, effectiveAccess: set.effectiveAccess.summary, adminLevel: set.adminLevel });
  for (const [name, set] of setsAfter) {
    const old = setsBefore.get(name);
    if (!old) permissionSets.push(setEntry('added', set));
    else if (old.effectiveAccess.summary !== set.effectiveAccess.summary || old.adminLevel !== set.adminLevel) {
      permissionSets.push({ ...setEntry('changed', set), before: old.effectiveAccess.summary, adminLevelBefore: old.adminLevel, services: serviceDifferences(old.effectiveAccess, set.effectiveAccess) });
    }
  }
  for (const [name, set] of setsBefore) if (!setsAfter.has(name)) permissionSets.push(setEntry('removed', set));

  const expiredBefore = new Set((base?.expired ?? []).map((grant) => grant.assignment));
  const newlyExpired = (head?.expired ?? []).filter((grant) => !expiredBefore.has(grant.assignment));

  if (rows.length === 0 && permissionSets.length === 0 && newlyExpired.length === 0) return undefined;
  return { environment, report: `environments/${environment}/ACCESS.md`, rows, permissionSets, newlyExpired };
}

/** `alice@example.com gains prod / Admin (full admin, administrator-level) through group Platform Admins, until 2027-01-01T00:00:00.000Z (INC-1)`. */
export function describeReportRow(row: ReportRowChange): string {
  const who = row.person ?? `members of ${row.group} (managed in the IdP)`;
  const through = row.group === undefined ? 'directly' : `through group ${row.group}`;
  const access = `${row.effectiveAccess}${row.adminLevel ? ', administrator-level' : ''}`;
  const expiry = row.expires === undefined ? '' : `, ${expiryWords(row.expires)}${row.reason !== undefined ? ` (${row.reason})` : ''}`;
  if (row.change === 'changes') return `${who} on ${row.account} / ${row.permissionSet} ${through}: ${(row.differences ?? []).join('; ')}`;
  return `${who} ${row.change} ${row.account} / ${row.permissionSet} (${access}) ${through}${row.change === 'gains' ? expiry : ''}`;
}
