import type { AccessReport, AccessRow, AccountAccess, PermissionSetAccess } from '../../model/access';
import { addressName } from '../../model/address';
import type { Name } from '../names';
import type { AccessChange } from './access';
import type { PermissionSetChange } from './permission-sets';

/**
 * The words of the synth's access report (access.json) for the plan's access rows: the permission
 * set's effective access in the account (model/effective-access.ts, with the SCPs there), whether it
 * is administrator-level, the grant's expiry and reason, and the config's display names where the
 * plan only had the address or an ID. Grants read the head branch's report, revocations the base's.
 */

/** The reports to read and, when one is missing, why the words are not known. */
export interface ReportSides {
  /** access.json of --synth-dir by environment; undefined without --synth-dir. */
  readonly head?: ReadonlyMap<string, AccessReport>;
  /** access.json of --base-synth-dir by environment; undefined without --base-synth-dir. */
  readonly base?: ReadonlyMap<string, AccessReport>;
}

interface Indexed {
  readonly byAssignment: ReadonlyMap<string, { readonly row: AccessRow; readonly account: AccountAccess }>;
  readonly sets: ReadonlyMap<string, PermissionSetAccess>;
}

const indexes = new WeakMap<AccessReport, Indexed>();

function indexOf(report: AccessReport): Indexed {
  let indexed = indexes.get(report);
  if (indexed) return indexed;
  const byAssignment = new Map<string, { row: AccessRow; account: AccountAccess }>();
  for (const account of report.accounts) for (const row of account.access) if (row.assignment !== undefined && !byAssignment.has(row.assignment)) byAssignment.set(row.assignment, { row, account });
  const sets = new Map<string, PermissionSetAccess>();
  for (const set of report.permissionSets) {
    sets.set(set.name, set);
    // A set named only from the Terraform address (`admin`): the address part our stacks derive from its name.
    if (!sets.has(addressName(set.name))) sets.set(addressName(set.name), set);
  }
  indexed = { byAssignment, sets };
  indexes.set(report, indexed);
  return indexed;
}

/** A name the plan or the synthesized config gave is kept; one from the address or a bare ID gives way to the report's. */
function better(name: Name, text: string | undefined, id?: string): Name {
  if (text === undefined || name.source === 'plan' || name.source === 'synth') return name;
  const known = id ?? name.id;
  return { text, ...(known !== undefined ? { id: known } : {}), source: 'synth' };
}

/** The row with the report's words (and names) added; the row itself when that side's synth output was not given. */
export function withReportWords(row: AccessChange, environment: string, sides: ReportSides): AccessChange {
  const revoked = row.change === 'revoked';
  const reports = revoked ? sides.base : sides.head;
  // Without the synth output of that side the row is left as it is (the table says why once): a large plan's rows are not copied.
  if (!reports) return row;
  const report = reports.get(environment);
  if (!report) return { ...row, effectiveAccess: `not known: no environments/${environment}/access.json in ${revoked ? '--base-synth-dir' : '--synth-dir'}` };
  const { byAssignment, sets } = indexOf(report);
  const found = byAssignment.get(row.address);
  if (found) {
    const { row: reportRow, account } = found;
    return {
      ...row,
      principal: better(row.principal, row.principalType === 'USER' ? reportRow.person : reportRow.group),
      permissionSet: better(row.permissionSet, reportRow.permissionSet),
      account: better(row.account, account.name, account.id),
      effectiveAccess: reportRow.effectiveAccess,
      adminLevel: reportRow.adminLevel,
      ...(reportRow.expires !== undefined ? { expires: reportRow.expires } : {}),
      ...(reportRow.reason !== undefined ? { reason: reportRow.reason } : {}),
    };
  }
  // A grant the report has no row for (an organization-wide for_each grant): the set's own reading, before any SCP.
  const set = sets.get(row.permissionSet.text);
  if (set) return { ...row, permissionSet: better(row.permissionSet, set.name), effectiveAccess: `${set.effectiveAccess.summary} (before SCPs)`, adminLevel: set.adminLevel };
  return { ...row, effectiveAccess: `not known: permission set ${row.permissionSet.text} is not in environments/${environment}/access.json` };
}

/** The set's reading on each side, when a report of that side knows it. */
export function withSetWords(set: PermissionSetChange, environment: string, sides: ReportSides): PermissionSetChange {
  const reading = (reports: ReadonlyMap<string, AccessReport> | undefined) => {
    const report = reports?.get(environment);
    return report ? indexOf(report).sets.get(set.name)?.effectiveAccess.summary : undefined;
  };
  const before = set.kind === 'create' ? undefined : reading(sides.base);
  const after = set.kind === 'destroy' ? undefined : reading(sides.head);
  if (before === undefined && after === undefined) return set;
  return { ...set, effectiveAccess: { ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) } };
}
