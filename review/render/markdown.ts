import type { ChangeCounts } from '../changes/counts';
import type { AccessChange } from '../diff/access';
import { describeReportRow, type AccessReportChanges } from '../diff/access-report';
import type { PermissionSetChange } from '../diff/permission-sets';
import type { PolicyChange } from '../diff/policies';
import type { UpdateChange } from '../diff/updates';
import { describeStatement } from '../../rules/policy/document';
import { expiryWords } from '../../model/expiry';
import type { AccessReportReview, Review, StackReview } from '../review';
import { code, name, text } from './markdown-text';

/**
 * The review as GitHub-flavoured Markdown for the pull request comment: a summary table, every risk
 * flag, then per stack a collapsible section with the access diff, permission set and policy
 * changes and the full change list. GitHub rejects comments over 65,536 characters, so long lists
 * are cut (first rows kept, with a count of the rest) until the comment fits; it never fails.
 */

export const GITHUB_COMMENT_LIMIT = 65_536;

export interface MarkdownOptions {
  /** Heading; also keys the hidden marker a workflow uses to find and update its comment. */
  readonly title: string;
  /** @default GITHUB_COMMENT_LIMIT */
  readonly maxChars?: number;
}

/** Row limits tried in turn until the comment fits. */
const ROW_LIMITS = [Infinity, 1000, 300, 100, 30, 10, 3, 0];

/** No list row is shorter than this; limits that cannot fit are not even tried. */
const MIN_ROW_CHARS = 40;
/** Nor an item under a permission set, policy or update: `  - ➕ \`…\`` (indent, icon, a described statement in code). */
const MIN_ITEM_CHARS = 8;

export function renderMarkdown(review: Review, options: MarkdownOptions): string {
  const maxChars = options.maxChars ?? GITHUB_COMMENT_LIMIT;
  for (const rows of ROW_LIMITS) {
    if (fewestChars(review, rows) > maxChars && rows > 0) continue;
    const markdown = render(review, options.title, rows);
    if (markdown.length <= maxChars) return markdown;
  }
  return hardTruncate(render(review, options.title, 0), maxChars);
}

/**
 * The least a rendering with `rows` rows a list can be: rows of top-level lists at MIN_ROW_CHARS,
 * and the items under each shown permission set, policy and update (statements described only when
 * shown) at MIN_ITEM_CHARS. A policy of megabytes changes thousands of statements: limits that cannot
 * fit are skipped without describing them.
 */
function fewestChars(review: Review, rows: number): number {
  const items = (lists: readonly number[]) => lists.slice(0, rows).reduce((sum, length) => sum + Math.min(length, Math.max(rows, 1)), 0);
  let chars = 0;
  const add = (length: number) => (chars += Math.min(length, rows) * MIN_ROW_CHARS);
  add(review.findings.length);
  add(review.suppressed.length);
  for (const environment of review.accessReport.environments) [environment.rows.length, environment.permissionSets.length, environment.newlyExpired.length].forEach(add);
  for (const stack of review.stacks) {
    [stack.access.length, stack.memberships.length, stack.permissionSets.length, stack.policies.length, stack.updates.length, stack.changes.length].forEach(add);
    const statements = (added: readonly unknown[], removed: readonly unknown[]) => added.length + removed.length;
    chars += MIN_ITEM_CHARS * items(stack.permissionSets.map((set) => statements(set.inlineStatementsAdded, set.inlineStatementsRemoved) + set.attachments.length));
    chars += MIN_ITEM_CHARS * items(stack.policies.filter((policy) => policy.permissionSet === undefined).map((policy) => statements(policy.added, policy.removed)));
    chars += MIN_ITEM_CHARS * items(stack.updates.map((update) => update.arguments.length));
  }
  return chars;
}

/** The hidden first line of the comment: `<!-- plan-review: prod -->`. */
export function commentMarker(title: string): string {
  return `<!-- plan-review: ${title.replace(/--+/g, '-')} -->`;
}

function render(review: Review, title: string, rows: number): string {
  const out: string[] = [commentMarker(title), `## ${text(title)}`, ''];
  out.push(verdict(review.findings.length), '');
  if (rows < Infinity) {
    const limit = GITHUB_COMMENT_LIMIT.toLocaleString('en-US');
    out.push(`> ℹ️ Shortened to fit GitHub's ${limit}-character comment limit: long lists show their first ${rows} rows. The JSON report has everything.`, '');
  }
  out.push(...summaryTable(review.stacks), '');
  if (review.findings.length > 0) out.push(...riskFlags(review, rows), '');
  if (review.suppressed.length > 0) out.push(...suppressedLines(review, rows), '');
  for (const skipped of review.notChecked) out.push(`> Not checked: ${code(skipped.ruleId)}: ${text(skipped.reason)}.`, '');
  if (review.accepted.length > 0) out.push(...acceptedLines(review, rows), '');
  out.push(...accessReportLines(review, rows));
  for (const stack of review.stacks) if (!stack.noChanges) out.push(...stackDetails(stack, rows), '');
  if (out.some((line) => /[†‡]/.test(line))) out.push(`<sub>${FOOTNOTE}</sub>`, '');
  return out.join('\n');
}

const FOOTNOTE = '† name derived from the Terraform address (not known from AWS or the config) · ‡ ID with no known name';

function verdict(flags: number): string {
  if (flags === 0) return '**✅ No risk flags.**';
  const needs = flags === 1 ? '1 risk flag needs' : `${flags} risk flags need`;
  return `**⚠️ ${needs} an explicit approval** before this plan is applied (see "Approving" in docs/plan-review.md).`;
}

function summaryTable(stacks: readonly StackReview[]): string[] {
  const lines = ['| Stack | Import | Create | Update | Replace | Destroy | Risk flags |', '|:--|--:|--:|--:|--:|--:|--:|'];
  for (const stack of stacks) {
    const { counts } = stack;
    const label = stack.noChanges ? `${code(stack.stack, true)} — no changes` : code(stack.stack, true);
    const flags = stack.findings.length > 0 ? `**${stack.findings.length}**` : '0';
    lines.push(`| ${label} | ${counts.import} | ${counts.create} | ${counts.update} | ${counts.replace} | ${counts.destroy} | ${flags} |`);
  }
  const extras = stacks.flatMap((stack) => {
    const parts = extraCounts(stack.counts);
    return parts.length > 0 ? [`${code(stack.stack)}: ${parts.join(', ')}`] : [];
  });
  if (extras.length > 0) lines.push('', `Also: ${extras.join('; ')}.`);
  return lines;
}

function extraCounts(counts: ChangeCounts): string[] {
  const parts: string[] = [];
  if (counts.move > 0) parts.push(`${counts.move} moved`);
  if (counts.forget > 0) parts.push(`${counts.forget} forgotten (removed from state, left in AWS)`);
  if (counts.other > 0) parts.push(`${counts.other} with actions this review does not know`);
  return parts;
}

function riskFlags(review: Review, rows: number): string[] {
  const lines = ['### ⚠️ Risk flags', '', '| Flag | Count | What it means |', '|:--|--:|:--|'];
  for (const rule of review.rules) {
    const count = review.findings.filter((finding) => finding.ruleId === rule.id).length;
    if (count > 0) lines.push(`| ${code(rule.id, true)} | ${count} | ${text(rule.info)} |`);
  }
  lines.push('');
  const shown = review.findings.slice(0, rows);
  for (const finding of shown) lines.push(`- ${code(finding.ruleId)} ${code(finding.stack)} ${code(finding.address)}: ${text(finding.reason)}`);
  lines.push(...more(review.findings.length - shown.length, 'risk flags'));
  return lines;
}

/** Findings of this plan that a config suppression covers: not counted as risk flags, but shown with the suppression that silences them. */
function suppressedLines(review: Review, rows: number): string[] {
  const count = review.suppressed.length;
  const lines = [`### Suppressed by the config: ${count} finding${count === 1 ? '' : 's'}`, ''];
  const shown = review.suppressed.slice(0, Math.max(rows, 3));
  for (const finding of shown) {
    lines.push(`- ${code(finding.ruleId)} ${code(finding.stack)} ${code(finding.address)}: ${text(finding.reason)} — suppressed by ${code(finding.suppressedBy)}: ${text(finding.suppression)}`);
  }
  lines.push(...more(count - shown.length, 'suppressed findings'));
  return lines;
}

/** What the config accepts at synth (suppressions), so the approver sees the standing exceptions with their reasons. */
function acceptedLines(review: Review, rows: number): string[] {
  const lines = ['<details><summary>Accepted in the config (suppressions): ' + `${review.accepted.length}</summary>`, ''];
  const shown = review.accepted.slice(0, Math.max(rows, 3));
  for (const finding of shown) {
    lines.push(`- ${code(finding.ruleId)} ${code(finding.environment)} ${code(finding.target)}: ${text(finding.reason)} — reason: ${text(finding.accepted)}`);
  }
  lines.push(...more(review.accepted.length - shown.length, 'accepted findings'), '', '</details>');
  return lines;
}

function stackDetails(stack: StackReview, rows: number): string[] {
  const interesting = stack.access.length + stack.memberships.length + stack.permissionSets.length + stack.policies.length + stack.updates.length + stack.findings.length > 0;
  const flags = stack.findings.length === 0 ? '' : ` — ${stack.findings.length} risk flag${stack.findings.length === 1 ? '' : 's'}`;
  const summary = `<b>${text(stack.stack)}</b>: ${countPhrase(stack.counts)}${flags}`;
  const lines = [`<details${interesting ? ' open' : ''}>`, `<summary>${summary}</summary>`, ''];
  if (stack.access.length > 0) lines.push('#### Access', '', ...accessTable(stack.access, rows), '');
  if (stack.memberships.length > 0) {
    lines.push('#### Group membership', '', '| | User | Group |', '|:--|:--|:--|');
    const shown = stack.memberships.slice(0, rows);
    for (const row of shown) lines.push(`| ${MEMBERSHIP_ICONS[row.change]} ${row.change} | ${name(row.user)} | ${name(row.group)} |`);
    lines.push(...more(stack.memberships.length - shown.length, 'membership changes'), '');
  }
  if (stack.permissionSets.length > 0) lines.push('#### Permission sets', '', ...permissionSets(stack.permissionSets, rows), '');
  const policies = stack.policies.filter((policy) => policy.permissionSet === undefined);
  if (policies.length > 0) lines.push('#### Policies', '', ...policyLines(policies, rows), '');
  if (stack.updates.length > 0) lines.push('#### Updates', '', ...updateLines(stack.updates, rows), '');
  lines.push(`<details><summary>All ${stack.changes.length} change${stack.changes.length === 1 ? '' : 's'}</summary>`, '');
  const shown = stack.changes.slice(0, rows);
  for (const change of shown) {
    const verb =
      change.importId !== undefined ? (change.kind === 'no-op' ? 'import' : `import + ${change.kind}`) : change.kind === 'no-op' ? 'move' : change.kind;
    const moved = change.previousAddress ? ` (moved from ${code(change.previousAddress)})` : '';
    const imported = change.importId !== undefined ? ` (${code(change.importId)})` : '';
    const detail = change.detail ? `: ${text(change.detail)}` : '';
    const title = change.title ? ` (${text(change.title)})` : '';
    lines.push(`- ${verb} ${code(change.address)}${title}${moved}${imported}${detail}`);
  }
  lines.push(...more(stack.changes.length - shown.length, 'changes'), '', '</details>', '', '</details>');
  return lines;
}

const ACCESS_ICONS: Record<AccessChange['change'], string> = { granted: '➕', revoked: '➖', 're-created': '🔁' };
const MEMBERSHIP_ICONS: Record<'added' | 'removed' | 're-created', string> = { added: '➕', removed: '➖', 're-created': '🔁' };

function accessTable(access: readonly AccessChange[], rows: number): string[] {
  const shown = access.slice(0, rows);
  // Without any access report the column would say "not known" on every row: said once instead.
  const words = access.some((row) => row.effectiveAccess !== undefined);
  const lines = words
    ? ['| | Principal | Permission set | Effective access | Account |', '|:--|:--|:--|:--|:--|']
    : ['_Effective access not known: it comes from the access report, `environments/<env>/access.json` of --synth-dir (grants) and --base-synth-dir (revocations)._', '', '| | Principal | Permission set | Account |', '|:--|:--|:--|:--|'];
  for (const row of shown) {
    const type = row.principalType === 'USER' ? 'user' : row.principalType === 'GROUP' ? 'group' : '';
    const reading = words ? ` ${accessWords(row)} |` : '';
    lines.push(`| ${ACCESS_ICONS[row.change]} ${row.change} | ${type} **${name(row.principal)}** | ${name(row.permissionSet)} |${reading} ${name(row.account, true)} |`);
  }
  lines.push(...more(access.length - shown.length, 'access changes'));
  return lines;
}

/** `**full admin** (administrator-level), until 2026-12-31T00:00:00.000Z`: the access report's words for the row. */
function accessWords(row: AccessChange): string {
  if (row.effectiveAccess === undefined) return `_not known: no ${row.change === 'revoked' ? '--base-synth-dir' : '--synth-dir'}_`;
  if (row.effectiveAccess.startsWith('not known')) return `_${text(row.effectiveAccess)}_`;
  const until = row.expires === undefined ? '' : `, ${text(expiryWords(row.expires))}`;
  return `${text(row.effectiveAccess)}${row.adminLevel ? ' (**admin-level**)' : ''}${until}`;
}

const REPORT_ICONS = { gains: '➕', loses: '➖', changes: '🔁', added: '➕', removed: '➖', changed: '🔁' } as const;

/**
 * The access report's changed rows (base branch → this change): what the plan means for people,
 * with a pointer to the full ACCESS.md. Nothing when no reviewed environment's report changes.
 */
function accessReportLines(review: Review, rows: number): string[] {
  const report = review.accessReport;
  const touchesAccess = review.stacks.some((stack) => stack.access.length + stack.memberships.length + stack.permissionSets.length > 0);
  if (report.environments.length === 0) return report.notCompared !== undefined && touchesAccess ? [`> Access report not compared: ${text(report.notCompared)}.`, ''] : [];
  const lines: string[] = [];
  for (const environment of report.environments) lines.push(...environmentReportLines(environment, report, rows), '');
  if (report.notCompared !== undefined) lines.push(`> Access report not compared: ${text(report.notCompared)}.`, '');
  return lines;
}

function environmentReportLines(environment: AccessReportChanges, report: AccessReportReview, rows: number): string[] {
  const count = environment.rows.length + environment.permissionSets.length + environment.newlyExpired.length;
  const lines = [`### Access report changes: ${text(environment.environment)} (${count})`, '', `Full report: ${reportLink(environment, report.location)}.`, ''];
  const shown = environment.rows.slice(0, Math.max(rows, 3));
  for (const row of shown) lines.push(`- ${REPORT_ICONS[row.change]} ${text(describeReportRow(row))}`);
  lines.push(...more(environment.rows.length - shown.length, 'access report rows'));
  const sets = environment.permissionSets.slice(0, Math.max(rows, 3));
  for (const set of sets) {
    const admin = (level: boolean | undefined) => (level ? ', administrator-level' : '');
    const words =
      set.change === 'changed' ? `reads ${set.before ?? ''}${admin(set.adminLevelBefore)} → ${set.effectiveAccess}${admin(set.adminLevel)}` : `${set.change} (${set.effectiveAccess}${admin(set.adminLevel)})`;
    lines.push(`- ${REPORT_ICONS[set.change]} permission set **${text(set.permissionSet)}** ${text(words)}`);
    const services = (set.services ?? []).slice(0, Math.max(rows, 5));
    lines.push(...services.map((service) => `  - ${text(service)}`), ...more((set.services ?? []).length - services.length, 'services').map((line) => `  ${line}`));
  }
  lines.push(...more(environment.permissionSets.length - sets.length, 'permission set readings'));
  const expired = environment.newlyExpired.slice(0, Math.max(rows, 3));
  for (const grant of expired) {
    const who = `${grant.principalType === 'USER' ? 'user' : 'group'} ${grant.principal}`;
    lines.push(`- ⌛ expired, removed by this synth: ${text(`${who} / ${grant.permissionSet} / ${grant.account}, was granted ${expiryWords(grant.expires)}${grant.reason !== undefined ? ` (${grant.reason})` : ''}`)}`);
  }
  lines.push(...more(environment.newlyExpired.length - expired.length, 'expired grants'));
  return lines;
}

/** A link when the location is a URL (--access-report-url), else the file's path under --synth-dir. */
function reportLink(environment: AccessReportChanges, location: string | undefined): string {
  if (location !== undefined && /^https:\/\/[^\s()<>]+$/.test(location)) return `[ACCESS.md and access.html of ${text(environment.environment)}](${location})`;
  return code(location === undefined ? environment.report : `${location.replace(/\/+$/, '')}/${environment.report}`);
}

/**
 * A line of a list, or how to write it: statements are described only when shown, since a policy of
 * megabytes can change thousands of them and describing one reads its details.
 */
type Item = string | (() => string);

function itemText(item: Item): string {
  return typeof item === 'string' ? item : item();
}

function permissionSets(sets: readonly PermissionSetChange[], rows: number): string[] {
  const lines: string[] = [];
  for (const set of sets.slice(0, rows)) {
    const items: Item[] = [];
    if (set.effectiveAccess) {
      const { before, after } = set.effectiveAccess;
      items.push(before === after ? `effective access: ${text(after ?? '')} (unchanged)` : `effective access: ${before === undefined ? '' : `${text(before)} → `}${text(after ?? '(gone)')}`);
    }
    if (set.sessionDuration) {
      const { before, after } = set.sessionDuration;
      items.push(`session duration: ${before === undefined ? '' : `${text(before)} → `}${text(after ?? '(not set)')}`);
    }
    for (const attachment of set.attachments) items.push(`${attachment.policyKind} policy ${code(attachment.policy)} ${attachment.change}`);
    for (const statement of set.inlineStatementsAdded) items.push(() => `➕ inline statement ${code(describeStatement(statement))}`);
    for (const statement of set.inlineStatementsRemoved) items.push(() => `➖ inline statement ${code(describeStatement(statement))}`);
    for (const note of set.inlineNotes) items.push(`inline policy: ${text(note)}`);
    if (set.boundary) items.push(`permissions boundary: ${text(set.boundary.before)} → ${text(set.boundary.after)}`);
    if (set.otherChanges.length > 0) items.push(`also changes: ${set.otherChanges.map((argument) => code(argument)).join(', ')}`);
    lines.push(`- **${text(set.name)}**${set.kind ? ` (${SET_VERBS[set.kind] ?? set.kind})` : ''}`);
    const shown = items.slice(0, Math.max(rows, 1)).map(itemText);
    lines.push(...shown.map((item) => `  - ${item}`), ...more(items.length - shown.length, 'items').map((line) => `  ${line}`));
  }
  lines.push(...more(sets.length - Math.min(sets.length, rows), 'permission sets'));
  return lines;
}

const SET_VERBS: Partial<Record<string, string>> = { create: 'created', update: 'updated', replace: 'replaced', destroy: 'destroyed' };

function policyLines(policies: readonly PolicyChange[], rows: number): string[] {
  const lines: string[] = [];
  for (const policy of policies.slice(0, rows)) {
    lines.push(`- **${text(policy.title)}** (${SET_VERBS[policy.kind] ?? policy.kind}) ${code(policy.address)}`);
    const items: Item[] = [
      ...policy.added.map((statement) => () => `➕ ${code(describeStatement(statement))}`),
      ...policy.removed.map((statement) => () => `➖ ${code(describeStatement(statement))}`),
      ...policy.notes.map(text),
    ];
    const shown = items.slice(0, Math.max(rows, 1)).map(itemText);
    lines.push(...shown.map((item) => `  - ${item}`), ...more(items.length - shown.length, 'statements').map((line) => `  ${line}`));
  }
  lines.push(...more(policies.length - Math.min(policies.length, rows), 'policies'));
  return lines;
}

/** Each update's changed arguments, before → after; values were masked and named when the review read them. */
function updateLines(updates: readonly UpdateChange[], rows: number): string[] {
  const lines: string[] = [];
  for (const update of updates.slice(0, rows)) {
    lines.push(`- **${text(update.title)}** (${SET_VERBS[update.kind] ?? update.kind}) ${code(update.address)}`);
    const items = update.arguments.map((argument) => `${code(argument.argument)}: ${code(argument.before)} → ${code(argument.after)}${argument.note ? ` ⚠️ ${text(argument.note)}` : ''}`);
    const shown = items.slice(0, Math.max(rows, 1));
    lines.push(...shown.map((item) => `  - ${item}`), ...more(items.length - shown.length, 'arguments').map((line) => `  ${line}`));
  }
  lines.push(...more(updates.length - Math.min(updates.length, rows), 'updates'));
  return lines;
}

function countPhrase(counts: ChangeCounts): string {
  const parts = [
    counts.import > 0 ? `${counts.import} to import` : '',
    counts.create > 0 ? `${counts.create} to create` : '',
    counts.update > 0 ? `${counts.update} to update` : '',
    counts.replace > 0 ? `${counts.replace} to replace` : '',
    counts.destroy > 0 ? `${counts.destroy} to destroy` : '',
    ...extraCounts(counts),
  ].filter((part) => part !== '');
  return parts.join(', ');
}

function more(hidden: number, what: string): string[] {
  return hidden > 0 ? [`- _… and ${hidden} more ${what} (not shown: comment size limit; see the JSON report)_`] : [];
}

/** Last resort when even the shortest rendering is too long (thousands of stacks): cut, close, say so. */
function hardTruncate(markdown: string, maxChars: number): string {
  const note = '\n\n_… truncated to fit the comment size limit; see the JSON report._\n';
  let cut = markdown.slice(0, Math.max(0, maxChars - note.length - 200));
  cut = cut.slice(0, Math.max(cut.lastIndexOf('\n'), 0));
  const open = (cut.match(/<details/g) ?? []).length - (cut.match(/<\/details>/g) ?? []).length;
  return `${cut}${note}${'\n</details>'.repeat(Math.max(open, 0))}`.slice(0, maxChars);
}
