import { countChanges, hasChanges, type ChangeCounts } from './changes/counts';
import { changeKind, deletesObject, deletionPhrase, type ChangeKind } from './changes/kind';
import { accessChanges, type AccessChange } from './diff/access';
import { membershipChanges, type MembershipChange } from './diff/memberships';
import { permissionSetChanges, type PermissionSetChange } from './diff/permission-sets';
import { policyChanges, type PolicyChange } from './diff/policies';
import { titleOf, updateChanges, type UpdateChange } from './diff/updates';
import { ReviewContext } from './diff/context';
import { flatFields } from './flat';
import { Names } from './names';
import type { Plan, ResourceChange } from './plan/model';
import { RULES, type Finding, type Rule, type StackFacts } from './rules';
import type { AcceptedFinding, SynthStack } from './synth/read-synth';

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
  readonly findings: readonly Finding[];
}

export interface Review {
  readonly stacks: readonly StackReview[];
  /** Every finding of every stack: each needs an explicit approval. */
  readonly findings: readonly Finding[];
  /** Rules that could not run for lack of an input, and why. */
  readonly notChecked: ReadonlyArray<{ readonly ruleId: string; readonly reason: string }>;
  /** Findings the config accepts at synth, with the config's reason: shown so the reviewer sees them too. */
  readonly accepted: readonly AcceptedFinding[];
  /** The rules that produced findings, for readers of the report. */
  readonly rules: ReadonlyArray<{ readonly id: string; readonly info: string; readonly explanation: string }>;
}

export function reviewPlans(input: ReviewInput): Review {
  const rules = input.rules ?? RULES;
  const names = new Names(input.plans, input.synth);
  const context = new ReviewContext(input.plans, input.synth, { managementAccountIds: input.managementAccountIds, adminPermissionSet: input.adminPermissionSet });
  const stacks = input.plans.map((plan) => reviewStack(plan, names, context, rules, input));
  const findings = stacks.flatMap((stack) => stack.findings);
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
    notChecked,
    accepted: input.accepted ?? [],
    rules: rules.filter((rule) => firing.has(rule.id)).map(({ id, info, explanation }) => ({ id, info, explanation })),
  };
}

function reviewStack(plan: Plan, names: Names, context: ReviewContext, rules: readonly Rule[], input: ReviewInput): StackReview {
  const policies = policyChanges(plan, names);
  const access = accessChanges(plan, names);
  const accessByAddress = new Map<string, AccessChange[]>();
  for (const row of access) {
    const rows = accessByAddress.get(row.address);
    if (rows) rows.push(row);
    else accessByAddress.set(row.address, [row]);
  }
  const facts: StackFacts = {
    plan,
    names,
    context,
    access,
    accessByAddress,
    memberships: membershipChanges(plan, names),
    permissionSets: permissionSetChanges(plan, names, policies),
    policies,
    synth: input.synth?.get(plan.stack),
    baseSynth: input.baseSynth?.get(plan.stack),
  };
  const counts = countChanges(plan.changes);
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
    findings: rules.flatMap((rule) => runRule(rule, facts)),
  };
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
  return plan.changes
    .filter((change) => change.mode === 'managed')
    .filter((change) => changeKind(change) !== 'no-op' || change.importing !== undefined || change.previousAddress !== undefined)
    .map((change) => ({
      address: change.address,
      kind: changeKind(change),
      actions: change.actions,
      importId: change.importing ? importIdOf(change.importing) : undefined,
      previousAddress: change.previousAddress,
      detail: deletesObject(change) && (changeKind(change) === 'replace' || change.deposed) ? deletionPhrase(change) : undefined,
      title: deletesObject(change) || changeKind(change) === 'update' ? namedTitle(change) : undefined,
    }))
    .map(flatFields);
}

/** The object's name when the plan knows it (from the old side for a destroy), or nothing when only the address would say it. */
function namedTitle(change: ResourceChange): string | undefined {
  const title = titleOf(change);
  return title === change.address || title.endsWith(` ${change.address}`) ? undefined : title;
}

function importIdOf(importing: NonNullable<ResourceChange['importing']>): string {
  return importing.id ?? (importing.byIdentity ? 'by resource identity' : 'known after apply');
}
