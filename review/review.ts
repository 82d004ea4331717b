import { countChanges, hasChanges, type ChangeCounts } from './changes/counts';
import { changeKind, deletesObject, deletionPhrase, type ChangeKind } from './changes/kind';
import { accessChanges, type AccessChange } from './diff/access';
import { accessReportChanges, type AccessReportChanges } from './diff/access-report';
import { withReportWords, withSetWords, type ReportSides } from './diff/access-words';
import { membershipChanges, type MembershipChange } from './diff/memberships';
import { permissionSetChanges, type PermissionSetChange } from './diff/permission-sets';
import { policyChanges, type PolicyChange } from './diff/policies';
import { titleOf, updateChanges, type UpdateChange } from './diff/updates';
import { ReviewContext } from './diff/context';
import { flatFields } from './flat';
import { environmentOf, Names } from './names';
import type { Plan, ResourceChange } from './plan/model';
import { RULES, type Finding, type Rule, type StackFacts } from './rules';
import type { AcceptedFinding, ExpiryPolicy, SynthStack } from './synth/read-synth';

/**
 * The review of one or more stacks' plans: counts, access diff, permission set and policy changes,
 * and risk findings. Pure: plans and synthesized configs in, a structured result out.
 */

export interface ReviewInput {
  readonly plans: readonly Plan[];
  /** Stacks of --synth-dir, by name. */
  readonly synth?: ReadonlyMap<string, SynthStack>;
  /** Stacks of --base-synth-dir (the base branch), by name. */
  readonly baseSynth?: ReadonlyMap<string, SynthStack>;
  /** @default RULES */
  readonly rules?: readonly Rule[];
  /** From --management-account-id: the management account, when no plan has the organization. */
  readonly managementAccountIds?: readonly string[];
  /** From --admin-permission-set: the one set meant to be administrator-level. @default 'Admin' */
  readonly adminPermissionSet?: string;
  /** Findings the synth reported and the config accepts (suppressions), from --synth-dir. */
  readonly accepted?: readonly AcceptedFinding[];
  /** Each environment's expiry policy and temporary grants (expiry.json), from --synth-dir. */
  readonly expiry?: ReadonlyMap<string, ExpiryPolicy>;
  /** Each environment's access report (access.json) of --synth-dir and of --base-synth-dir; a side is absent without its option. */
  readonly accessReports?: ReportSides;
  /** Where a reader finds the full ACCESS.md: a URL (--access-report-url) or the --synth-dir path. */
  readonly accessReportLocation?: string;
}

/** One line of a stack's change list. */
export interface ChangeLine {
  readonly address: string;
  readonly kind: ChangeKind;
  readonly actions: readonly string[];
  /** For an import: the import ID, `by resource identity`, or `known after apply`. */
  readonly importId?: string;
  readonly previousAddress?: string;
  /** For a destroy or replace: how and why (`replaced (forced by a change of target_id)`). */
  readonly detail?: string;
  /** What the object is, named from the old side and the new: `permission set "Admin" → "Administrators"`. */
  readonly title?: string;
}

export interface StackReview {
  readonly stack: string;
  readonly file: string;
  readonly terraformVersion?: string;
  readonly counts: ChangeCounts;
  readonly noChanges: boolean;
  readonly changes: readonly ChangeLine[];
  readonly access: readonly AccessChange[];
  readonly memberships: readonly MembershipChange[];
  readonly permissionSets: readonly PermissionSetChange[];
  readonly policies: readonly PolicyChange[];
  /** Updates and replaces of IAM, Organizations, Identity Center and identity-store objects, argument by argument. */
  readonly updates: readonly UpdateChange[];
  /** Findings that need an approval: those no config suppression covers. */
  readonly findings: readonly Finding[];
  /** Findings a suppression of the config covers (same rule, same target): shown, not counted. */
  readonly suppressed: readonly SuppressedFinding[];
}

/** A finding the config accepts: the suppression of the same rule and target, and where it is. */
export interface SuppressedFinding extends Finding {
  /** `environments/dev.yaml:42`, or the environment's config when the synth did not record the line. */
  readonly suppressedBy: string;
  /** The suppression's reason. */
  readonly suppression: string;
}

export interface Review {
  readonly stacks: readonly StackReview[];
  /** Every finding of every stack that no config suppression covers: each needs an explicit approval. */
  readonly findings: readonly Finding[];
  /** Every stack's findings that a config suppression covers (`suppressions:` at synth, read with --synth-dir). */
  readonly suppressed: readonly SuppressedFinding[];
  /** Rules that could not run for lack of an input, and why. */
  readonly notChecked: ReadonlyArray<{ readonly ruleId: string; readonly reason: string }>;
  /** Findings the config accepts at synth, with the config's reason: shown so the reviewer sees them too. */
  readonly accepted: readonly AcceptedFinding[];
  /** The rules that produced findings, for readers of the report. */
  readonly rules: ReadonlyArray<{ readonly id: string; readonly info: string; readonly explanation: string }>;
  /** The changed rows of the access report (ACCESS.md), base branch → this change, per reviewed environment. */
  readonly accessReport: AccessReportReview;
}

export interface AccessReportReview {
  /** Environments whose report differs; those that do not are left out. */
  readonly environments: readonly AccessReportChanges[];
  /** Why some or all environments were not compared (`needs --synth-dir and --base-synth-dir`); absent when all were. */
  readonly notCompared?: string;
  /** Where the full report is: a URL, or the synth dir the files are in. */
  readonly location?: string;
}

export function reviewPlans(input: ReviewInput): Review {
  const rules = input.rules ?? RULES;
  const names = new Names(input.plans, input.synth);
  const context = new ReviewContext(input.plans, input.synth, { managementAccountIds: input.managementAccountIds, adminPermissionSet: input.adminPermissionSet });
  const stacks = input.plans.map((plan) => reviewStack(plan, names, context, rules, input));
  const findings = stacks.flatMap((stack) => stack.findings);
  const suppressed = stacks.flatMap((stack) => stack.suppressed);
  const notChecked = [
    ...rules
      .filter((rule) => rule.needs === 'synth-dirs' && (!input.synth || !input.baseSynth))
      .map((rule) => ({ ruleId: rule.id, reason: 'needs --synth-dir and --base-synth-dir: lifecycle settings are not in the plan JSON' })),
    ...rules
      .filter((rule) => rule.needs === 'management-account' && context.managementAccounts.size === 0)
      // Only grants can land on the management account: without any, there is nothing to check.
      .filter(() => stacks.some((stack) => stack.access.some((row) => row.change === 'granted')))
      .map((rule) => ({
        ruleId: rule.id,
        reason: "the management account is unknown: review the organization stack's plan together with this one, or pass --management-account-id",
      })),
  ];
  const firing = new Set(findings.map((finding) => finding.ruleId));
  return {
    stacks,
    findings,
    suppressed,
    notChecked,
    accepted: input.accepted ?? [],
    rules: rules.filter((rule) => firing.has(rule.id)).map(({ id, info, explanation }) => ({ id, info, explanation })),
    accessReport: accessReportReview(input),
  };
}

/** The access report's changed rows for the environments of the reviewed stacks. */
function accessReportReview(input: ReviewInput): AccessReportReview {
  const { head, base } = input.accessReports ?? {};
  const location = input.accessReportLocation !== undefined ? { location: input.accessReportLocation } : {};
  if (!head || !base) return { environments: [], notCompared: `needs --synth-dir and --base-synth-dir (their environments/<env>/access.json)`, ...location };
  const names = [...new Set(input.plans.map((plan) => environmentOf(plan.stack)))].sort();
  const missing = names.filter((name) => !head.has(name));
  const environments = names.flatMap((name) => (head.has(name) ? accessReportChanges(name, base.get(name), head.get(name)) ?? [] : []));
  return {
    environments,
    ...(missing.length > 0 ? { notCompared: `--synth-dir has no access.json for ${missing.join(', ')} (synthesized by an older version?)` } : {}),
    ...location,
  };
}

function reviewStack(plan: Plan, names: Names, context: ReviewContext, rules: readonly Rule[], input: ReviewInput): StackReview {
  const policies = policyChanges(plan, names);
  const environment = environmentOf(plan.stack);
  const sides = input.accessReports ?? {};
  const accessByChange = new Map<ResourceChange, readonly AccessChange[]>();
  const access = accessChanges(plan, names, (row) => withReportWords(row, environment, sides), accessByChange);
  const facts: StackFacts = {
    plan,
    changesByType: byType(plan.changes),
    names,
    context,
    access,
    accessByChange,
    memberships: membershipChanges(plan, names),
    permissionSets: permissionSetChanges(plan, names, policies).map((set) => withSetWords(set, environment, sides)),
    policies,
    synth: input.synth?.get(plan.stack),
    baseSynth: input.baseSynth?.get(plan.stack),
    expiry: input.expiry?.get(environmentOf(plan.stack)),
  };
  const counts = countChanges(plan.changes);
  const { findings, suppressed } = applySuppressions(
    rules.flatMap((rule) => runRule(rule, facts)),
    plan.stack,
    input.accepted ?? [],
  );
  return {
    stack: plan.stack,
    file: plan.file,
    terraformVersion: plan.terraformVersion,
    counts,
    noChanges: !hasChanges(counts),
    changes: changeLines(plan),
    access: facts.access,
    memberships: facts.memberships,
    permissionSets: facts.permissionSets,
    updates: updateChanges(plan, names),
    // Both sides in full are for the rules; the report shows what changed.
    policies: policies.map(({ mfaBefore: _mfaBefore, mfaAfter: _mfaAfter, trustBefore: _trustBefore, trustAfter: _trustAfter, ...shown }) => shown),
    findings,
    suppressed,
  };
}

function byType(changes: readonly ResourceChange[]): Map<string, ResourceChange[]> {
  const grouped = new Map<string, ResourceChange[]>();
  for (const change of changes) {
    const list = grouped.get(change.type);
    if (list) list.push(change);
    else grouped.set(change.type, [change]);
  }
  return grouped;
}

/**
 * One rule catalogue, one set of suppressions: a finding whose rule and target (Finding.target, in
 * the synth's words) a suppression of this stack's environment covers is the finding the config
 * already accepts at synth, so it is shown with the suppression and needs no approval. A finding
 * without a target (the plan does not say the names the config uses) is never suppressed.
 */
function applySuppressions(all: readonly Finding[], stack: string, accepted: readonly AcceptedFinding[]): { findings: Finding[]; suppressed: SuppressedFinding[] } {
  const environment = environmentOf(stack);
  const byKey = new Map<string, AcceptedFinding>();
  for (const entry of accepted) if (entry.environment === environment) byKey.set(`${entry.ruleId}\u0000${entry.target}`, entry);
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const finding of all) {
    const entry = finding.target === undefined ? undefined : byKey.get(`${finding.ruleId}\u0000${finding.target}`);
    if (!entry) findings.push(finding);
    else suppressed.push({ ...finding, suppressedBy: entry.at ?? `the ${environment} environment's config`, suppression: entry.accepted });
  }
  return { findings, suppressed };
}

/** A rule that throws is reported as a finding, so a bug in the review never lets a plan through. */
function runRule(rule: Rule, facts: StackFacts): readonly Finding[] {
  try {
    // Reasons are kept to the end, one per flagged change: flat, not as trees of their parts.
    return rule.check(facts).map(flatFields);
  } catch (error) {
    return [
      { ruleId: rule.id, stack: facts.plan.stack, address: '(whole plan)', reason: `the rule failed (${(error as Error).message}); review this plan by hand` },
    ];
  }
}

function changeLines(plan: Plan): ChangeLine[] {
  const lines: ChangeLine[] = [];
  for (const change of plan.changes) {
    if (change.mode !== 'managed') continue;
    const kind = changeKind(change);
    if (kind === 'no-op' && change.importing === undefined && change.previousAddress === undefined) continue;
    const line: { -readonly [K in keyof ChangeLine]: ChangeLine[K] } = { address: change.address, kind, actions: change.actions };
    // Only the fields a line has: tens of thousands of lines of a large plan have none of them.
    if (change.importing) line.importId = importIdOf(change.importing);
    if (change.previousAddress !== undefined) line.previousAddress = change.previousAddress;
    if (deletesObject(change) && (kind === 'replace' || change.deposed)) line.detail = deletionPhrase(change);
    const title = deletesObject(change) || kind === 'update' ? namedTitle(change) : undefined;
    if (title !== undefined) line.title = title;
    lines.push(flatFields(line));
  }
  return lines;
}

/** The object's name when the plan knows it (from the old side for a destroy), or nothing when only the address would say it. */
function namedTitle(change: ResourceChange): string | undefined {
  const title = titleOf(change);
  return title === change.address || title.endsWith(` ${change.address}`) ? undefined : title;
}

function importIdOf(importing: NonNullable<ResourceChange['importing']>): string {
  return importing.id ?? (importing.byIdentity ? 'by resource identity' : 'known after apply');
}
