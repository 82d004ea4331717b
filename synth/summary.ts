/** The few lines per stack a person reads after synth. */
import type { BaselineModel } from '../model/baseline';
import type { EnvironmentModel, IdentityCenterModel } from '../model/environment';
import type { SynthCheck } from '../rules/synth';
import { expiryLines } from '../model/expiry';
import type { AccessLayout, AccessShard } from '../model/shards';
import { planCostLines, sizeAndQuotaWarnings } from './plan-cost';
import type { ImportReport, SynthesizedEnvironment } from './synthesize';
import type { RenameHint } from './imports';
import type { Difference } from './zero-diff';

const plural = (count: number, word: string, words = `${word}s`) => `${count} ${count === 1 ? word : words}`;

export interface SummaryOptions {
  /** Also print each stack's plan cost in Identity Center API calls (synth/plan-cost.ts). */
  readonly costs?: boolean;
}

export function formatSummary(results: readonly SynthesizedEnvironment[], options: SummaryOptions = {}): string {
  const lines: string[] = [];
  for (const { environment, stacks, manualStepsFile, accessFile, imports, securityRules } of results) {
    const ic = environment.identityCenter;
    const org = environment.organization;
    lines.push(`${environment.name} (${environment.sourceFile})`);
    for (const stack of stacks) {
      const total = Object.values(stack.resourcesByType).reduce((sum, count) => sum + count, 0);
      const shard = environment.access.shards.find((candidate) => candidate.stackName === stack.name);
      const detail = shard
        ? accessDetail(shard)
        : stack.name.endsWith('-organization')
        ? org.existing
          ? [`existing organization, read at plan time: ${plural(org.organizationalUnits.length, 'OU')} and ${plural(org.accounts.length, 'account')} named here`]
          : [plural(org.organizationalUnits.length, 'OU'), plural(org.accounts.length, 'account') + ` (${org.accounts.filter((a) => a.kind === 'managed').length} created)`, ...guardrailDetail(environment.baseline), ...delegationDetail(ic)]
        : stack.name.endsWith('-baseline') && environment.baseline
          ? baselineDetail(environment.baseline)
          : [
              plural(ic.permissionSets.length, 'permission set'),
              plural(ic.users.length, 'user'),
              plural(ic.groups.length, 'group'),
              plural(ic.memberships.length, 'membership'),
              environment.access.kind === 'sharded' ? `assignments in ${plural(environment.access.shards.length, 'access stack')}` : plural(ic.assignments.length, 'assignment'),
              ...(ic.organizationAssignments.length > 0 ? [`${plural(ic.organizationAssignments.length, 'grant')} to the accounts the organization holds at plan time (one instance per account ID, in this stack: not sharded)`] : []),
              ...customerPolicyDetail(ic),
              ...(ic.delegatedAdministrator ? [`run in the delegated administrator ${administratorName(ic)} (role ${ic.delegatedAdministrator.roleName})`] : []),
            ];
      lines.push(`  ${stack.name.padEnd(32)} ${plural(total, 'resource').padEnd(14)} ${detail.join(', ')}`);
    }
    lines.push(...shardLines(environment.access, environment.imports !== undefined));
    if (options.costs) lines.push(...planCostLines({ environment, stacks }));
    lines.push(...sizeAndQuotaWarnings({ environment, stacks }));
    lines.push(...prerequisiteWarnings(environment));
    lines.push(...expiryLines(environment));
    if (imports) lines.push(...importLines(imports));
    lines.push(...ruleLines(securityRules));
    lines.push(`  access report → ${accessFile} (and access.json, access.html)`);
    lines.push(`  ${plural(environment.manualSteps.length, 'manual step')} → ${manualStepsFile}`);
    for (const step of environment.manualSteps) lines.push(`    [${step.id}] ${step.title}: ${step.actions[0]}`);
    lines.push('');
  }
  return lines.join('\n');
}

function administratorName(ic: IdentityCenterModel): string {
  const administrator = ic.delegatedAdministrator!;
  return administrator.account?.key ?? administrator.accountId!;
}

/** The registration of Identity Center's delegated administrator, which the organization stack holds. */
function delegationDetail(ic: IdentityCenterModel): string[] {
  return ic.delegatedAdministrator ? [`Identity Center delegated to ${administratorName(ic)}`] : [];
}

/** Customer managed policies the identity-center stack creates, and in how many accounts. */
function customerPolicyDetail(ic: IdentityCenterModel): string[] {
  const created = ic.customerManagedPolicies.filter((policy) => policy.instances.length > 0);
  if (created.length === 0) return [];
  const accounts = new Set(created.flatMap((policy) => policy.instances.map((instance) => instance.account.key)));
  return [`${plural(created.length, 'customer managed policy', 'customer managed policies')} in ${plural(accounts.size, 'account')}`];
}

/** What the apply needs that nothing creates: named here, before anyone runs it. */
function prerequisiteWarnings(environment: EnvironmentModel): string[] {
  return environment.identityCenter.undefinedCustomerManagedPolicies.map(
    (policy) =>
      `  warning: customer managed policy ${policy.path}${policy.name} (permission set ${policy.permissionSets.join(', ')}) is not in identityCenter.customerManagedPolicies: ` +
      `it must exist in ${policy.accounts.map((account) => account.key).join(', ')} before the apply (IC-CUSTOMER-POLICIES)`,
  );
}

/** The organization stack's share of the baseline: SCPs and centralized root access. */
function guardrailDetail(baseline: BaselineModel | undefined): string[] {
  if (!baseline) return [];
  const { serviceControlPolicies, centralizedRootAccess } = baseline.organization;
  return [plural(serviceControlPolicies.length, 'SCP'), ...(centralizedRootAccess ? ['centralized root access'] : [])];
}

/** Accounts with the IAM path, IAM users, and where the Config rules run. */
function baselineDetail(baseline: BaselineModel): string[] {
  const users = baseline.accounts.reduce((sum, account) => sum + account.users.length, 0);
  const rules = baseline.accounts.reduce((sum, account) => sum + account.configRules.length, 0);
  return [
    plural(baseline.accounts.length, 'account'),
    plural(users, 'IAM user') + (baseline.breakGlassOnly && users > 0 ? ' (break-glass)' : ''),
    ...(baseline.requireMfa.enabled ? [] : ['MFA policy OFF (baseline.requireMfa)']),
    baseline.configRules ? `${plural(rules, 'Config rule')} (${baseline.configRules.recorder === 'existing' ? 'existing recorder' : 'recorder created'})` : 'no Config rules',
  ];
}

/** The security rule pack over the config (rules/synth.ts): one line per finding, suppressed ones with their reason. */
export function ruleLines(check: SynthCheck): string[] {
  const { findings, unusedSuppressions } = check;
  const open = findings.filter((finding) => finding.suppressed === undefined);
  const lines = [
    `  security rules: ${findings.length === 0 ? 'no findings' : `${plural(open.filter((f) => f.severity === 'error').length, 'error')}, ${plural(open.filter((f) => f.severity === 'warning').length, 'warning')}, ${findings.length - open.length} suppressed`}`,
  ];
  for (const finding of findings) {
    const label = finding.suppressed !== undefined ? 'suppressed' : finding.severity;
    lines.push(`    ${label.padEnd(10)} ${finding.ruleId} target: ${finding.target}: ${finding.reason}${finding.suppressed !== undefined ? ` (reason: ${finding.suppressed})` : ''}`);
  }
  for (const unused of unusedSuppressions) lines.push(`    unused     suppression ${unused.rule} target: ${unused.target}: ${unused.problem}`);
  for (const skipped of check.notJudged ?? []) lines.push(`    not judged ${skipped.target}: ${skipped.reason}`);
  return lines;
}

/** A likely rename: what to add, where, and what it turns into moves. */
function hintLines(hint: RenameHint): string[] {
  const more = hint.dependents > 0 ? ` and ${hint.dependents} more` : '';
  const where = hint.renamesLine !== undefined && hint.entry.startsWith('renames:')
    ? `under renames: at ${hint.file}:${hint.renamesLine}`
    : hint.entry.startsWith('renames:') ? `to ${hint.file} (top level)` : `to ${hint.file}`;
  return [
    `    hint    ${hint.from} → ${hint.to} looks like a rename (${hint.because}): add ${hint.entry} to move it${more} instead of creating ${hint.dependents > 0 ? 'them' : 'it'} (${hint.stack})`,
    `            ${hint.line !== undefined ? `${hint.file}:${hint.line} defines ${hint.to}; ` : ''}add ${where}:`,
    ...hint.yaml.trimEnd().split('\n').map((line) => `              ${line}`),
  ];
}

/** What the first plan after discovery does: imports, renames, creations, and any difference from AWS. */
function importLines(report: ImportReport): string[] {
  const count = (pick: (stack: ImportReport['stacks'][number]) => readonly unknown[]) => report.stacks.reduce((sum, stack) => sum + pick(stack).length, 0);
  const lines = [
    `  import map: ${plural(count((s) => s.imported), 'resource')} to import, ${plural(count((s) => s.moved), 'rename')} (moved), ` +
      `${count((s) => s.withoutEntry)} without an entry (created), ${plural(count((s) => s.unusedEntries), 'entry', 'entries')} unused`,
  ];
  // Per stack: an assignment's entry is adopted by the stack that holds it now (an access shard), wherever the map has it (synth/imports.ts).
  const importing = report.stacks.filter((stack) => stack.imported.length > 0);
  if (importing.length > 1) for (const stack of importing) lines.push(`    import  ${stack.stack}: ${plural(stack.imported.length, 'resource')}`);
  for (const stack of report.stacks) {
    for (const move of stack.moved) lines.push(`    moved   ${move.from} → ${move.to} (${stack.stack})`);
    for (const address of stack.withoutEntry) lines.push(`    create  ${address} (${stack.stack}): not in the import map`);
    for (const address of stack.unusedEntries) lines.push(`    unused  ${address} (${stack.stack}): exists in AWS, not in this config`);
    for (const declined of stack.declinedRenames) {
      lines.push(`    kept    ${declined.from} → ${declined.to} looks renamed but is not moved: a detected rename moves all its dependents or none, and ${plural(declined.blockedBy.length, 'dependent')} cannot move (${stack.stack}):`);
      for (const blocked of declined.blockedBy) lines.push(`              ${blocked.entry} → ${blocked.target} (${blocked.stack}): ${blocked.reason}`);
    }
    for (const hint of stack.renameHints) lines.push(...hintLines(hint));
    for (const found of stack.ambiguousRenames) {
      lines.push(`    unsure  ${found.gone.join(', ')} → ${found.added.join(' or ')}: equally likely renames (${found.because || 'nothing else to tell them apart'}); no hint — declare the right pair under renames: (${stack.stack})`);
    }
  }
  const changes = report.differences.filter((d) => d.consequence !== 'first-apply');
  const stateOnly = report.differences.filter((d) => d.consequence === 'first-apply');
  if (changes.length === 0) {
    lines.push('  zero-diff: what AWS has matches the config for every imported resource');
  } else {
    lines.push(`  zero-diff: ${plural(changes.length, 'difference')} — the first plan would change these:`);
    for (const d of changes) {
      lines.push(`    ${d.consequence === 'replace' ? 'REPLACE' : 'update '} ${d.address}.${d.attribute}: AWS has ${JSON.stringify(d.aws)}, config sets ${JSON.stringify(d.config)} (${d.stack})${cannotClear(d) ? `; ${CANNOT_CLEAR_DESCRIPTION}` : ''}`);
    }
  }
  if (stateOnly.length > 0) {
    lines.push(`  ${plural(stateOnly.length, 'argument')} AWS never returns, shown as updates by the first plan:`);
    for (const d of stateOnly) lines.push(`    state   ${d.address}.${d.attribute}: set on the first apply, no change in AWS (config sets ${JSON.stringify(d.config)}) (${d.stack})`);
  }
  return lines;
}

/** AWS keeps a permission set's description once set: UpdatePermissionSet leaves it when none is sent (github.com/hashicorp/terraform-provider-aws/issues/41897). */
const CANNOT_CLEAR_DESCRIPTION = 'AWS cannot remove a permission set\'s description, so this update recurs on every plan: keep the description in the config';

function cannotClear(d: Difference): boolean {
  return d.address.startsWith('aws_ssoadmin_permission_set.') && d.attribute === 'description' && typeof d.aws === 'string' && d.aws !== '' && (d.config === null || d.config === '');
}

/** An access stack: its accounts and assignments, and what moves in and out of it. */
function accessDetail(shard: AccessShard): string[] {
  return [
    plural(shard.accounts.length, 'account'),
    plural(shard.assignments.length, 'assignment'),
    ...(shard.imported.length > 0 ? [`${shard.imported.length} imported`] : []),
    ...(shard.released.length > 0 ? [`${shard.released.length} released`] : []),
  ];
}

/** How the assignments are sharded, what synth wrote in the shard record, and every cross-state move. */
/** `adopted`: the environment has an import map, so its assignments exist in AWS whether or not it was ever applied. */
function shardLines(access: AccessLayout, adopted: boolean): string[] {
  if (access.kind === 'single') return [];
  const lines = [`  assignments sharded into ${plural(access.shards.length, 'access stack')} of at most ${access.maxResourcesPerStack.toLocaleString('en-US')} resources (identityCenter.maxResourcesPerStack), as ${access.recordFile} records`];
  const change = access.recordChange;
  if (change) {
    const what = [
      ...(change.created ? ['created it: the identity-center stack would hold more than the limit'] : []),
      ...(change.placed.length > 0 && !change.created ? [`${plural(change.placed.length, 'new account')} placed (${change.placed.slice(0, 5).map((p) => `${p.account} → ${p.shard}`).join(', ')}${change.placed.length > 5 ? ', …' : ''})`] : []),
      ...(change.forgotten.length > 0 ? [`${plural(change.forgotten.length, 'account')} no longer in the config forgotten (${change.forgotten.slice(0, 5).join(', ')})`] : []),
      ...change.renamed.map((r) => `${r.from} renamed ${r.to}, kept in its shard`),
    ];
    lines.push(`  shard record: wrote ${access.recordFile}: ${what.join('; ')}; review and commit it with this change`);
  }
  if (access.moves.length > 0) {
    lines.push(`  ${plural(access.moves.length, 'account')} moving between stacks: removed blocks (destroy = false) in the old stack, import blocks in the new; nothing is destroyed and no one loses access`);
    // One line per pair of stacks; the accounts are named when there are few (the record names them all).
    const pairs = new Map<string, AccessLayout['moves'][number][]>();
    for (const move of access.moves) pairs.set(`${move.from} → ${move.to}`, [...(pairs.get(`${move.from} → ${move.to}`) ?? []), move]);
    for (const [pair, moves] of pairs) {
      const assignments = moves.reduce((sum, move) => sum + move.assignments, 0);
      const names = moves.length <= 5 ? `: ${moves.map((move) => move.account).join(', ')}` : '';
      lines.push(`    move    ${pair}: ${plural(moves.length, 'account')}, ${plural(assignments, 'assignment')}${names}`);
    }
    const fromIdentityCenter = access.moves.some((move) => move.from.endsWith('-identity-center'));
    lines.push(
      `    apply both stacks of each move, then delete its "moved" entry from ${access.recordFile}` +
        (fromIdentityCenter && !adopted ? `; an environment never applied has nothing to move: delete "moved" (the imports would find nothing)` : ''),
    );
  }
  return lines;
}
