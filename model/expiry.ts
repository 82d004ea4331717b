/**
 * Access over time, as the synth reports it: the summary's lines and `expiry.json`, written beside
 * MANUAL-STEPS.md (`cdktf.out/environments/<env>/expiry.json`). The scheduled workflow reads that
 * file (scripts/expiry-plan-check.ts) to apply a plan only when it deletes nothing but expired grants.
 * The file holds no clock reading, so two synths that drop the same grants write the same bytes.
 */
import type { AssignmentModel, EnvironmentModel } from './environment';

export const EXPIRY_FILE = 'expiry.json';

/** One grant in `expiry.json`. `address` is the plan's resource address. */
export interface ExpiryEntry {
  readonly address: string;
  readonly principalType: 'USER' | 'GROUP';
  readonly principal: string;
  readonly permissionSet: string;
  readonly account: string;
  /** ISO-8601 UTC: the instant the grant ends. */
  readonly expires: string;
  readonly reason?: string;
}

/** The shape of `expiry.json` (version 1). */
export interface ExpiryFile {
  readonly version: 1;
  readonly environment: string;
  /** `identityCenter.access.requireExpiryFor`: the review flags an open-ended admin grant when administrator-sets. */
  readonly requireExpiryFor: 'none' | 'administrator-sets';
  /** Dropped: the plan deletes these if they were applied before. */
  readonly expired: readonly ExpiryEntry[];
  /** Still granted, ending within 7 days. */
  readonly expiringSoon: readonly ExpiryEntry[];
  /** Every grant with an expiry that is still granted. */
  readonly temporary: readonly ExpiryEntry[];
}

/**
 * An end instant as a person reads it. `expires: 2026-12-31` means through that day (UTC), so its
 * instant is the next midnight; printing that instant ("2027-01-01T00:00:00.000Z") would read as a day
 * late. Midnight UTC is shown as the day before, "through 2026-12-31 (UTC)"; any other instant as
 * "until 2026-12-31 14:30 UTC". The files for tools (expiry.json, access.json) keep the ISO instant.
 */
export function expiryWords(instant: Date | string): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return `until ${String(instant)}`;
  const iso = date.toISOString();
  if (iso.endsWith('T00:00:00.000Z')) return `through ${new Date(date.getTime() - 86_400_000).toISOString().slice(0, 10)} (UTC)`;
  const seconds = iso.slice(17, 19) === '00' && iso.slice(19, 23) === '.000' ? '' : iso.slice(16, 19);
  return `until ${iso.slice(0, 10)} ${iso.slice(11, 16)}${seconds} UTC`;
}

export const ASSIGNMENT_RESOURCE_TYPE = 'aws_ssoadmin_account_assignment';

function entry(assignment: AssignmentModel): ExpiryEntry {
  return {
    address: `${ASSIGNMENT_RESOURCE_TYPE}.${assignment.address}`,
    principalType: assignment.principalType,
    principal: assignment.principalName,
    permissionSet: assignment.permissionSetName,
    account: assignment.account.key,
    expires: assignment.expires!.toISOString(),
    ...(assignment.reason !== undefined ? { reason: assignment.reason } : {}),
  };
}

export function expiryFile(environment: EnvironmentModel): ExpiryFile {
  const { expiry, assignments } = environment.identityCenter;
  return {
    version: 1,
    environment: environment.name,
    requireExpiryFor: expiry.requireExpiryFor,
    expired: expiry.expired.map(entry),
    expiringSoon: expiry.expiringSoon.map(entry),
    temporary: assignments.filter((assignment) => assignment.expires !== undefined).map(entry),
  };
}

const who = (assignment: AssignmentModel) => `${assignment.principalType === 'USER' ? 'user' : 'group'} ${assignment.principalName}`;
const because = (assignment: AssignmentModel) => (assignment.reason !== undefined ? ` (reason: ${assignment.reason})` : '');

/** The summary's lines: every dropped grant, and a warning per grant ending within 7 days. */
export function expiryLines(environment: EnvironmentModel): string[] {
  const { expiry } = environment.identityCenter;
  const lines: string[] = [];
  if (expiry.expired.length > 0) {
    lines.push(`  expired: ${expiry.expired.length} ${expiry.expired.length === 1 ? 'assignment' : 'assignments'} dropped at ${expiry.now.toISOString()} (a plan deletes them where they were applied):`);
    for (const assignment of expiry.expired) {
      lines.push(`    expired  ${who(assignment)} / ${assignment.permissionSetName} / ${assignment.account.key}: was granted ${expiryWords(assignment.expires!)}${because(assignment)}`);
    }
  }
  for (const assignment of expiry.expiringSoon) {
    lines.push(`  warning: ${who(assignment)} / ${assignment.permissionSetName} / ${assignment.account.key} is granted ${expiryWords(assignment.expires!)}: it ends within 7 days${because(assignment)}`);
  }
  return lines;
}
