/**
 * One measured synth, run in its own process so its time and peak memory are its own:
 *   node dist/bench/synth-child.js project <environments-dir> <outdir>
 *   node dist/bench/synth-child.js bare <accounts> <groups> <sets> <outdir> [<per-stack>]
 * Prints one JSON line: { seconds (whole process, from node start), cpuSeconds, maxRssMb, resources, planCost (project) }.
 */
import { IdentitystoreGroup } from '@cdktf/provider-aws/lib/identitystore-group';
import { OrganizationsAccount } from '@cdktf/provider-aws/lib/organizations-account';
import { OrganizationsOrganization } from '@cdktf/provider-aws/lib/organizations-organization';
import { OrganizationsOrganizationalUnit } from '@cdktf/provider-aws/lib/organizations-organizational-unit';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DataAwsSsoadminInstances } from '@cdktf/provider-aws/lib/data-aws-ssoadmin-instances';
import { SsoadminAccountAssignment } from '@cdktf/provider-aws/lib/ssoadmin-account-assignment';
import { SsoadminManagedPolicyAttachment } from '@cdktf/provider-aws/lib/ssoadmin-managed-policy-attachment';
import { SsoadminPermissionSet } from '@cdktf/provider-aws/lib/ssoadmin-permission-set';
import { App, DataTerraformRemoteStateLocal, Fn, LocalBackend, propertyAccess, TerraformOutput, TerraformStack, Token } from '../lib/cdktf';
import { loadEnvironments } from '../config/load';
import { synthesize } from '../synth/synthesize';
import { buildAccessReport } from '../model/access';
import { ACCESS_HTML_FILE, ACCESS_JSON_FILE, ACCESS_MARKDOWN_FILE, accessHtml, accessJson, accessMarkdown } from '../synth/access-report';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stackPlanCost, type StackPlanCost } from '../synth/plan-cost';
import { parseCommandLine, usageError, wholeNumber, type CommandSpec } from '../lib/cli';


/** The plan cost of what the project wrote: every stack's, and the largest (synth/plan-cost.ts). */
export interface ChildPlanCost {
  readonly stacks: number;
  readonly totalSeconds: number;
  readonly largest: { readonly stack: string; readonly seconds: number; readonly resources: number };
  /** The same resources in one stack per environment kind (no sharding): its refresh time. */
  readonly unshardedSeconds: number;
}

function project(environmentsDir: string, outdir: string): { resources: number; planCost: ChildPlanCost } {
  const results = synthesize(loadEnvironments(environmentsDir), outdir);
  const stacks = results.flatMap((r) => r.stacks);
  const costs = stacks.map(stackPlanCost);
  const sum = (pick: (cost: StackPlanCost) => number) => costs.reduce((total, cost) => total + pick(cost), 0);
  const largest = costs.reduce((most, cost) => (cost.seconds > most.seconds ? cost : most), costs[0]);
  const identityCenterLike = costs.filter((cost) => cost.stack.endsWith('-identity-center') || cost.stack.includes('-access-'));
  const unsharded = Math.max(identityCenterLike.reduce((total, cost) => total + cost.calls['sso-admin'], 0), identityCenterLike.reduce((total, cost) => total + cost.calls.identitystore, 0)) / 20;
  return {
    resources: sum((cost) => cost.resources),
    planCost: {
      stacks: stacks.length,
      totalSeconds: Math.max(sum((cost) => cost.calls['sso-admin']), sum((cost) => cost.calls.identitystore)) / 20,
      largest: { stack: largest.stack, seconds: largest.seconds, resources: largest.resources },
      unshardedSeconds: unsharded,
    },
  };
}

/**
 * The same resources written straight against cdktf, as a hand-written app would, with no config layer:
 * every assignment in the identity-center stack (`perStack` 0), or in stacks of at most `perStack`.
 */
function bare(accounts: number, groups: number, sets: number, outdir: string, perStack = 0): number {
  const app = new App({ outdir, stackTraces: false });
  const org = new TerraformStack(app, 'bare-organization');
  new AwsProvider(org, 'aws', { region: 'eu-west-1' });
  new LocalBackend(org, { path: '../../../terraform.bare-organization.tfstate' });
  const organization = new OrganizationsOrganization(org, 'organization', { featureSet: 'ALL', awsServiceAccessPrincipals: ['iam.amazonaws.com', 'sso.amazonaws.com'], enabledPolicyTypes: ['SERVICE_CONTROL_POLICY'], lifecycle: { preventDestroy: true } });
  const workloads = new OrganizationsOrganizationalUnit(org, 'workloads', { name: 'Workloads', parentId: organization.roots.get(0).id });
  const ouIds: string[] = [];
  for (let t = 0; t < 10; t++) {
    const team = new OrganizationsOrganizationalUnit(org, `workloads__team${t}`, { name: `Team${t}`, parentId: workloads.id });
    for (const env of ['Dev', 'Prod']) ouIds.push(new OrganizationsOrganizationalUnit(org, `workloads__team${t}__${env.toLowerCase()}`, { name: env, parentId: team.id }).id);
  }
  const accountIds: Record<string, string> = { management: '100000000000' };
  for (let i = 0; i < accounts - 1; i++) {
    accountIds[`account-${i}`] = new OrganizationsAccount(org, `account-${i}`, {
      name: `Account ${i}`, email: `aws-account-${i}@example.com`, parentId: ouIds[(i % 10) * 2 + (i % 2)], closeOnDeletion: false,
      lifecycle: { preventDestroy: true, ignoreChanges: ['role_name', 'iam_user_access_to_billing'] },
    }).id;
  }
  new TerraformOutput(org, 'account_ids', { value: accountIds });

  const ic = new TerraformStack(app, 'bare-identity-center');
  new AwsProvider(ic, 'aws', { region: 'eu-west-1' });
  new LocalBackend(ic, { path: '../../../terraform.bare-identity-center.tfstate' });
  const instances = new DataAwsSsoadminInstances(ic, 'identity_center');
  const instanceArn = Fn.element(Fn.tolist(instances.arns), 0);
  const identityStoreId = Fn.element(Fn.tolist(instances.identityStoreIds), 0);
  const setArns: string[] = [];
  const attachments: SsoadminManagedPolicyAttachment[] = [];
  for (let s = 0; s < sets; s++) {
    const set = new SsoadminPermissionSet(ic, `set${s}`, { instanceArn, name: `Set${s}`, sessionDuration: 'PT2H' });
    setArns.push(set.arn);
    attachments.push(new SsoadminManagedPolicyAttachment(ic, `set${s}__readonlyaccess`, { instanceArn, permissionSetArn: set.arn, managedPolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
  }
  // Account IDs read from the organization stack's output, the same way the project does.
  const remote = new DataTerraformRemoteStateLocal(ic, 'organization', { path: '../../../terraform.bare-organization.tfstate' });
  ic.addDependency(org);
  const remoteIds = remote.get('account_ids');
  const keys = Object.keys(accountIds);
  const groupIds: string[] = [];
  for (let g = 0; g < groups; g++) groupIds.push(new IdentitystoreGroup(ic, `group_${g}`, { identityStoreId, displayName: `Group ${g}`, description: `Team ${g}` }).groupId);
  if (perStack === 0) {
    const targetIds = keys.map((key) => (key === 'management' ? accountIds[key] : Token.asString(propertyAccess(remoteIds, [key]))));
    for (let g = 0; g < groups; g++) {
      for (const [k, key] of keys.entries()) {
        new SsoadminAccountAssignment(ic, `group_group_${g}__set${g % sets}__${key}`, {
          instanceArn, permissionSetArn: setArns[g % sets], principalId: groupIds[g], principalType: 'GROUP',
          targetId: targetIds[k], targetType: 'AWS_ACCOUNT', dependsOn: [attachments[g % sets]],
        });
      }
    }
  } else {
    // The same stacks as the project's sharded synth: whole accounts per stack, each stack reading the
    // identity-center stack's outputs (and the organization's account IDs) through remote state.
    new TerraformOutput(ic, 'instance_arn', { value: instanceArn });
    new TerraformOutput(ic, 'permission_set_arns', { value: Object.fromEntries(setArns.map((arn, s) => [`Set${s}`, arn])) });
    new TerraformOutput(ic, 'group_ids', { value: Object.fromEntries(groupIds.map((id, g) => [`group_${g}`, id])) });
    const perShard = Math.max(1, Math.floor(perStack / groups));
    for (let first = 0, shard = 1; first < keys.length; first += perShard, shard++) {
      const name = `bare-access-${shard}`;
      const stack = new TerraformStack(app, name);
      new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
      new LocalBackend(stack, { path: `../../../terraform.${name}.tfstate` });
      const fromIc = new DataTerraformRemoteStateLocal(stack, 'identity_center', { path: '../../../terraform.bare-identity-center.tfstate' });
      const fromOrg = new DataTerraformRemoteStateLocal(stack, 'organization', { path: '../../../terraform.bare-organization.tfstate' });
      stack.addDependency(ic);
      const arn = fromIc.getString('instance_arn');
      const setArnOf = Array.from({ length: sets }, (_, s) => Token.asString(propertyAccess(fromIc.get('permission_set_arns'), [`Set${s}`])));
      const groupIdOf = Array.from({ length: groups }, (_, g) => Token.asString(propertyAccess(fromIc.get('group_ids'), [`group_${g}`])));
      for (const key of keys.slice(first, first + perShard)) {
        const target = key === 'management' ? accountIds[key] : Token.asString(propertyAccess(fromOrg.get('account_ids'), [key]));
        for (let g = 0; g < groups; g++) {
          new SsoadminAccountAssignment(stack, `group_group_${g}__set${g % sets}__${key}`, {
            instanceArn: arn, permissionSetArn: setArnOf[g % sets], principalId: groupIdOf[g], principalType: 'GROUP', targetId: target, targetType: 'AWS_ACCOUNT',
          });
        }
      }
    }
  }
  app.synth();
  return 1 + 1 + 30 + (accounts - 1) + sets * 2 + groups + groups * accounts;
}

/**
 * The access report alone (model/access.ts and its three files), what the synth adds for it: the
 * environments are loaded first, untimed; the figures are the report's own wall and CPU time.
 */
function access(environmentsDir: string, outdir: string): { seconds: number; cpuSeconds: number; rows: number } {
  const environments = loadEnvironments(environmentsDir);
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  let rows = 0;
  for (const environment of environments) {
    const report = buildAccessReport(environment);
    rows += report.accounts.reduce((sum, account) => sum + account.access.length, 0);
    const dir = join(outdir, 'environments', environment.name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, ACCESS_MARKDOWN_FILE), accessMarkdown(report));
    writeFileSync(join(dir, ACCESS_JSON_FILE), accessJson(report));
    writeFileSync(join(dir, ACCESS_HTML_FILE), accessHtml(report));
  }
  const used = process.cpuUsage(cpu);
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, cpuSeconds: (used.user + used.system) / 1e6, rows };
}

const COMMAND: CommandSpec = {
  usage: 'node dist/bench/synth-child.js',
  summary: [
    'One measured synth in its own process, for npm run bench (bench/run.ts runs it; not meant to be run by hand):',
    '  project ENVIRONMENTS_DIR OUTDIR         this project: load, validate, model, synth',
    '  access ENVIRONMENTS_DIR OUTDIR          the access report alone, after an untimed load (seconds and cpuSeconds are its own)',
    '  bare ACCOUNTS GROUPS SETS OUTDIR [PER_STACK]   the same resources written straight against cdktf,',
    '                                        in one App; PER_STACK > 0 splits the assignments as the project does',
    'Prints one JSON line: { seconds (whole process), cpuSeconds, maxRssMb, resources, planCost }.',
  ].join('\n'),
  options: {},
  positionals: { name: 'MODE ARGS...', description: 'project ENVIRONMENTS_DIR OUTDIR, access ENVIRONMENTS_DIR OUTDIR, or bare ACCOUNTS GROUPS SETS OUTDIR [PER_STACK]' },
  exitCodes: [[0, 'measured'], [1, 'the synth failed'], [2, 'bad command line']],
};

function childMain(argv: string[]): number {
  const command = parseCommandLine(COMMAND, argv);
  if (!command.run) return command.exitCode;
  const [mode, ...args] = command.positionals;
  const counts = args.slice(0, 3).map((arg) => wholeNumber(arg, 'count', 0, 1, 100000));
  if (mode === 'project' && args.length !== 2) return usageError(COMMAND, 'project takes ENVIRONMENTS_DIR OUTDIR');
  const perStack = args.length === 5 ? wholeNumber(args[4], 'PER_STACK', 0, 0, 100000) : 0;
  if (mode === 'bare' && (args.length < 4 || args.length > 5 || counts.some((count) => typeof count === 'string') || typeof perStack === 'string')) return usageError(COMMAND, 'bare takes ACCOUNTS GROUPS SETS (whole numbers), OUTDIR and optionally PER_STACK');
  if (mode === 'access') {
    if (args.length !== 2) return usageError(COMMAND, 'access takes ENVIRONMENTS_DIR OUTDIR');
    const report = access(args[0], args[1]);
    process.stdout.write(`${JSON.stringify({ ...report, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
    return 0;
  }
  if (mode !== 'project' && mode !== 'bare') return usageError(COMMAND, `unknown mode ${JSON.stringify(mode ?? '')}: use project, access or bare`);
  const measured = mode === 'project' ? project(args[0], args[1]) : { resources: bare(Number(args[0]), Number(args[1]), Number(args[2]), args[3], perStack as number) };
  const seconds = process.uptime();
  const cpu = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssMb: process.resourceUsage().maxRSS / 1024, ...measured })}\n`);
  return 0;
}

try {
  process.exitCode = childMain(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
