/**
 * One run of real Terraform over synthesized environments: synth into a temp dir, a working copy
 * per stack (stack-workdir.ts), state files for `terraform_remote_state`, the AWS stand-in, then
 * `terraform init` and `terraform plan -json -out` per stack on a small pool (and `show -json` when
 * the plans are saved as fixtures).
 *
 * Why no separate `terraform validate`: `terraform plan` runs the very same validation first and stops
 * on its errors. In Terraform v1.11.4, `terraform validate` is `tfCtx.Validate(cfg, nil)`
 * (internal/command/validate.go:97, plus the validation of `.tftest.hcl` files, which synthesized stacks
 * never have), and every plan of the local backend runs `ret.Core.Validate(ret.Config, nil)` before
 * planning (internal/backend/local/backend_local.go:131-136, `OpValidation`, which
 * internal/command/meta_backend.go:152 sets for plan and apply). A separate validate costs one provider
 * schema load plus one `ValidateProviderConfig` per provider configuration, and the latter runs the
 * provider's `InternalValidate` over every resource and data source schema it has (terraform-plugin-sdk/v2
 * helper/schema/provider.go, `Provider.Validate`), about 2.5 s of CPU each time here (measured: a
 * provider started once with `-debug` and reattached still spent that per configuration, so the cost is
 * the call, not the process start): a third of the CPU of the whole run, for no check the plan does
 * not make. The probe (ValidationProbe, and the test "a plan rejects what terraform validate rejects")
 * shows the plan rejects what validate rejects.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { loadEnvironments } from '../../config/load';
import type { EnvironmentModel } from '../../model/environment';
import { synthesize } from '../../synth/synthesize';
import { identityStoreObjectId, permissionSetArn, STAND_IN_INSTANCE, startAwsStandIn, type AwsStandIn, type StandInEstate, type StandInOrganization } from './aws-stand-in';
import { parsePlanStream, type PlanStream } from './plan-stream';
import { appliedOutputs, dataSourceAddresses, managedResourceCount, remoteStateReads, stackDirOf, stateWithOutputs, workingCopy, type StackJson } from './stack-workdir';
import { compareVersions, inPool, runTerraform, type CommandResult, type TerraformSetup } from './terraform-cli';

/** The version the project pins (stacks' required_providers). */
export const PINNED_AWS_VERSION = '6.25.0';

/** `terraform show -json` of a saved plan (read only when the plans are saved as fixtures). */
export interface PlanJson {
  readonly format_version: string;
  /** `index`: the instance key of a resource with for_each (an account ID for plan-time assignments). */
  readonly resource_changes?: ReadonlyArray<{ address: string; mode: 'managed' | 'data'; type: string; name?: string; index?: string | number; change: { actions: string[]; importing?: unknown; after?: Record<string, unknown> } }>;
  readonly [key: string]: unknown;
}

export interface StackRun {
  readonly stack: string;
  readonly environment: string;
  readonly dir: string;
  /** Managed resources in the synthesized stack. */
  readonly resources: number;
  readonly imports: number;
  /** `data.<type>.<name>` of every data source the stack declares. */
  readonly dataSources: readonly string[];
  readonly init: CommandResult;
  /** `terraform plan -json -out=tfplan` (Terraform validates the configuration first). */
  readonly plan?: CommandResult;
  readonly planStream?: PlanStream;
  /** Why the output of `terraform plan -json` did not parse. */
  readonly planStreamError?: string;
  /** `terraform show -json tfplan`: only when saving plans (RunOptions.showPlans). */
  readonly show?: CommandResult;
  readonly planJson?: PlanJson;
  /** Why the JSON of `terraform show -json` did not parse. */
  readonly planJsonError?: string;
}

/**
 * `terraform validate` and `terraform plan` of one stack made invalid on purpose, both ways
 * Terraform rejects a configuration: an argument the schema lacks (Terraform's own check) and a value
 * the provider's validation refuses. The test compares their errors: the plans of the real stacks
 * skip a separate validate because the plan makes the same checks (see the file comment).
 */
export interface ValidationProbe {
  readonly stack: string;
  readonly init: CommandResult;
  readonly validate?: CommandResult;
  readonly plan?: CommandResult;
}

export interface TerraformRun {
  readonly root: string;
  readonly awsVersion: string;
  readonly stacks: readonly StackRun[];
  readonly standIn: AwsStandIn;
  /** Absent when the run was asked for none (RunOptions.validationProbe). */
  readonly probe?: ValidationProbe;
  readonly seconds: number;
  /** CPU time of the terraform processes (and their providers) the run waited for; Linux only. */
  readonly childCpuSeconds?: number;
  cleanup(): Promise<void>;
}

/** The hashicorp/aws version the working copies require: the pin when installable, else the mirror's newest. */
export function bridgeVersion(setup: TerraformSetup): string {
  if (!setup.mirror || setup.awsVersions.includes(PINNED_AWS_VERSION)) return PINNED_AWS_VERSION;
  return [...setup.awsVersions].sort(compareVersions).pop()!;
}

/** Loads every environment of the directories (their import maps and policy files included). */
export function loadAll(directories: readonly string[]): EnvironmentModel[] {
  return directories.flatMap((directory) => loadEnvironments(directory));
}

/** The stand-in's estate: one instance, and every set, group and user the configs say exists or import. */
export function estateFor(models: readonly EnvironmentModel[]): StandInEstate {
  const permissionSets = new Map<string, StandInEstate['permissionSets'][number]>();
  const groups = new Map<string, StandInEstate['groups'][number]>();
  const users = new Map<string, StandInEstate['users'][number]>();
  for (const model of models) {
    for (const set of model.identityCenter.permissionSets) if (set.kind === 'existing') permissionSets.set(set.name, { name: set.name, arn: permissionSetArn(set.name) });
    for (const group of model.identityCenter.groups) if (group.kind === 'existing') groups.set(group.displayName, { displayName: group.displayName, groupId: identityStoreObjectId('group', group.displayName) });
    for (const user of model.identityCenter.users) if (user.kind === 'existing') users.set(user.userName, { userName: user.userName, userId: identityStoreObjectId('user', user.userName) });
    for (const entries of Object.values(model.imports?.stacks ?? {})) {
      for (const [address, entry] of Object.entries(entries)) {
        const type = address.split('.')[0];
        const observed = entry.observed as Record<string, unknown>;
        if (type === 'aws_ssoadmin_permission_set') {
          const name = String(observed.name);
          permissionSets.set(name, { name, arn: entry.id.split(',')[0], description: observed.description as string | undefined, sessionDuration: observed.session_duration as string | undefined, relayState: observed.relay_state as string | undefined });
        } else if (type === 'aws_identitystore_group') {
          const displayName = String(observed.display_name);
          groups.set(displayName, { displayName, groupId: entry.id.split('/')[1], description: observed.description as string | undefined });
        } else if (type === 'aws_identitystore_user') {
          const userName = String(observed.user_name);
          users.set(userName, { userName, userId: entry.id.split('/')[1], displayName: observed.display_name as string | undefined });
        }
      }
    }
  }
  const existing = models.find((model) => model.organization.existing);
  return {
    accountId: '111111111111',
    ...STAND_IN_INSTANCE,
    permissionSets: [...permissionSets.values()],
    groups: [...groups.values()],
    users: [...users.values()],
    ...(existing ? { organization: liveOrganizationFor(existing) } : {}),
  };
}

/**
 * The organization an environment with `organization.existing` reads (the first such environment): the
 * OUs it names, its accounts where it says they are (closed ones SUSPENDED), and in each OU two accounts
 * the file does not name, created outside it: one active, one suspended. So a plan shows that an OU target
 * reaches accounts created elsewhere and leaves closed ones out.
 */
export function liveOrganizationFor(model: EnvironmentModel): StandInOrganization {
  const digits = (text: string) => String(BigInt(`0x${createHash('sha256').update(text).digest('hex').slice(0, 15)}`) % 10n ** 12n).padStart(12, '0');
  const rootId = 'r-a1b2';
  const ouIds = new Map(model.organization.organizationalUnits.map((ou) => [ou.path, `ou-a1b2-${createHash('sha256').update(ou.path).digest('hex').slice(0, 8)}`]));
  const parentOf = (path: string | undefined) => (path === undefined ? rootId : ouIds.get(path)!);
  const management = model.organization.accounts.find((account) => account.kind === 'existing' && account.management);
  const managementAccountId = management?.kind === 'existing' ? management.id : '111111111111';
  const named = model.organization.accounts.flatMap((account) =>
    account.kind === 'existing' ? [{ id: account.id, name: account.name, email: `${account.key}@example.com`, status: account.closed ? ('SUSPENDED' as const) : ('ACTIVE' as const), parentId: parentOf(account.ouPath) }] : [],
  );
  const outside = model.organization.organizationalUnits.flatMap((ou) => [
    { id: digits(`active:${ou.path}`), name: `${ou.name} created elsewhere`, email: `active-${ou.address}@example.com`, status: 'ACTIVE' as const, parentId: parentOf(ou.path) },
    { id: digits(`suspended:${ou.path}`), name: `${ou.name} closed`, email: `closed-${ou.address}@example.com`, status: 'SUSPENDED' as const, parentId: parentOf(ou.path) },
  ]);
  const accounts = [...named, ...outside];
  if (!accounts.some((account) => account.id === managementAccountId)) accounts.unshift({ id: managementAccountId, name: 'Management', email: 'management@example.com', status: 'ACTIVE', parentId: rootId });
  return {
    id: 'o-a1b2c3d4e5',
    rootId,
    managementAccountId,
    units: model.organization.organizationalUnits.map((ou) => ({ id: ouIds.get(ou.path)!, name: ou.name, parentId: parentOf(ou.parentPath) })),
    accounts,
    servicePrincipals: ['sso.amazonaws.com'],
  };
}

export interface RunOptions {
  readonly setup: TerraformSetup;
  readonly models: readonly EnvironmentModel[];
  /** Concurrent stacks; 2 on a 2-core machine. */
  readonly pool?: number;
  /** Also run `terraform show -json` on each saved plan (for TF_SAVE_PLANS / `npm run fixtures:plans`). */
  readonly showPlans?: boolean;
  /**
   * Build and run the validation probe (default true); a run over environments without an organization
   * stack that has SCPs and OUs (an existing organization's) has nothing to build it from.
   */
  readonly validationProbe?: boolean;
}

export interface PreparedStack {
  readonly stack: string;
  readonly environment: string;
  readonly dir: string;
  readonly copy: StackJson;
  readonly resources: number;
  readonly imports: number;
  readonly dataSources: readonly string[];
}

export interface PreparedRun {
  readonly root: string;
  readonly awsVersion: string;
  readonly standIn: AwsStandIn;
  readonly stacks: readonly PreparedStack[];
}

/** Synth into a temp dir, the working copies, the producing stacks' state files and the stand-in, ready for `terraform init`. */
export async function prepareStacks(setup: TerraformSetup, models: readonly EnvironmentModel[]): Promise<PreparedRun> {
  const root = mkdtempSync(join(tmpdir(), 'tf-stacks-'));
  const synthesized = synthesize(models, join(root, 'cdktf.out'));
  const standIn = await startAwsStandIn(estateFor(models));
  const awsVersion = bridgeVersion(setup);

  const prepared = synthesized.flatMap(({ environment, stacks }) =>
    stacks.map((stack) => {
      const dir = stackDirOf(root, stack.name);
      const original = JSON.parse(readFileSync(stack.file, 'utf8')) as StackJson;
      const copy = workingCopy(original, { stackName: stack.name, awsVersion: awsVersion === PINNED_AWS_VERSION ? undefined : awsVersion, endpoint: standIn.url });
      writeFileSync(stack.file, JSON.stringify(copy, null, 2));
      return { stack: stack.name, environment: environment.name, dir, copy, resources: managedResourceCount(original), imports: original.import?.length ?? 0, dataSources: dataSourceAddresses(original) };
    }),
  );
  // What the producing stacks would have left behind after their apply, where the consumers read it.
  const byName = new Map(prepared.map((stack) => [stack.stack, stack]));
  for (const consumer of prepared) {
    for (const read of remoteStateReads(consumer.copy, consumer.dir)) {
      const producerName = relative(root, read.path).replace(/^terraform\./, '').replace(/\.tfstate$/, '');
      const producer = byName.get(producerName);
      if (!producer) throw new Error(`${consumer.stack}: data.terraform_remote_state.${read.name} reads ${read.path}, which no synthesized stack writes`);
      mkdirSync(join(read.path, '..'), { recursive: true });
      writeFileSync(read.path, stateWithOutputs(appliedOutputs(producer.copy), setup.version));
    }
  }
  return { root, awsVersion, standIn, stacks: prepared };
}

export async function runTerraformOverEnvironments({ setup, models, pool = 2, showPlans = false, validationProbe = true }: RunOptions): Promise<TerraformRun> {
  const started = process.hrtime.bigint();
  const cpuBefore = childCpuSeconds();
  const { root, awsVersion, standIn, stacks: prepared } = await prepareStacks(setup, models);

  // The CPU of a plan is almost all the provider: one schema load, then per provider configuration a
  // ValidateProviderConfig in the validate walk and another before ConfigureProvider in the plan walk,
  // each about 2.5 s (see the file comment). The stacks with most configurations start first, so none
  // is left running alone at the end.
  const byCost = [...prepared].sort((a, b) => planCost(b.copy) - planCost(a.copy));
  const initArgs = ['init', '-input=false', '-no-color'];
  // From the registry, the first init fills the plugin cache alone; the others link from it.
  const firstInit = setup.mirror ? undefined : await runTerraform(setup, byCost[0].dir, initArgs);
  const runStack = async (stack: PreparedStack): Promise<StackRun> => {
    const base = { stack: stack.stack, environment: stack.environment, dir: stack.dir, resources: stack.resources, imports: stack.imports, dataSources: stack.dataSources };
    const init = firstInit && stack === byCost[0] ? firstInit : await runTerraform(setup, stack.dir, initArgs);
    if (init.status !== 0) return { ...base, init };
    const plan = await runTerraform(setup, stack.dir, ['plan', '-json', '-input=false', '-no-color', '-lock=false', '-out=tfplan']);
    let parsed: { planStream?: PlanStream; planStreamError?: string };
    try {
      parsed = { planStream: parsePlanStream(plan.stdout) };
    } catch (error) {
      parsed = { planStreamError: (error as Error).message };
    }
    if (plan.status !== 0 || !showPlans) return { ...base, init, plan, ...parsed };
    const show = await runTerraform(setup, stack.dir, ['show', '-json', '-no-color', 'tfplan']);
    try {
      return { ...base, init, plan, ...parsed, show, planJson: JSON.parse(show.stdout) as PlanJson };
    } catch (error) {
      return { ...base, init, plan, ...parsed, show, planJsonError: (error as Error).message };
    }
  };
  const probeOf = validationProbe ? probeStack(root, prepared) : undefined;
  const runProbe = async (): Promise<ValidationProbe> => {
    if (!probeOf) throw new Error('bug: no validation probe');
    const init = await runTerraform(setup, probeOf.dir, initArgs);
    if (init.status !== 0) return { stack: probeOf.stack, init };
    const validate = await runTerraform(setup, probeOf.dir, ['validate', '-json', '-no-color']);
    const plan = await runTerraform(setup, probeOf.dir, ['plan', '-json', '-input=false', '-no-color', '-lock=false']);
    return { stack: probeOf.stack, init, validate, plan };
  };
  // One queue, most expensive first: the probe (validate and plan of a one-configuration stack, about
  // 4 schema-sized calls) goes before the stacks that cost 3.
  const jobs: Array<{ cost: number; run: () => Promise<StackRun | ValidationProbe> }> = [
    ...byCost.map((stack) => ({ cost: planCost(stack.copy), run: () => runStack(stack) })),
    ...(probeOf ? [{ cost: 4, run: runProbe }] : []),
  ].sort((a, b) => b.cost - a.cost);
  const results = await inPool(jobs, pool, (job) => job.run());
  const finished = results.filter((result): result is StackRun => 'environment' in result);
  const probe = results.find((result): result is ValidationProbe => !('environment' in result));

  const stacks = prepared.map((stack) => finished.find((run) => run.stack === stack.stack)!);
  return {
    root,
    awsVersion,
    stacks,
    standIn,
    probe,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    childCpuSeconds: cpuBefore === undefined ? undefined : childCpuSeconds()! - cpuBefore,
    cleanup: async () => {
      await standIn.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * The probe's working copy: an organization stack with one provider configuration, SCPs and OUs,
 * broken twice on resources that do not depend on each other (Terraform's walk skips what depends on a
 * resource that failed, so the organization itself stays intact).
 */
function probeStack(root: string, prepared: readonly PreparedStack[]): { stack: string; dir: string } {
  const source = prepared.find((stack) => stack.copy.resource?.aws_organizations_policy && stack.copy.resource.aws_organizations_organizational_unit && (stack.copy.provider?.aws?.length ?? 1) === 1);
  if (!source) throw new Error('no organization stack with SCPs, OUs and one provider configuration to build the validation probe from');
  const stack = `${source.stack}-validation-probe`;
  const dir = stackDirOf(root, stack);
  const copy = structuredClone(source.copy);
  copy.terraform.backend = { local: { path: `../../../terraform.${stack}.tfstate` } };
  // In the schema, refused by the provider's ValidateFunc (a policy type AWS Organizations knows).
  Object.values(copy.resource!.aws_organizations_policy)[0].type = 'NOT_A_POLICY_TYPE';
  // Not in the schema: Terraform's own check (in JSON syntax "Extraneous JSON object property").
  Object.values(copy.resource!.aws_organizations_organizational_unit)[0].not_an_argument = true;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(copy, null, 2));
  return { stack, dir };
}

/** Provider calls that load or check the whole schema in a plan: 1 + 2 per provider configuration. */
function planCost(copy: StackJson): number {
  return 1 + 2 * (copy.provider?.aws?.length ?? 1);
}

/** User + system time of this process's waited-for children (/proc/self/stat cutime, cstime: clock ticks, 100 a second). */
export function childCpuSeconds(): number | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return undefined;
  }
}

/** A failed command, for an assertion message a person can act on. */
export function describeFailure(result: CommandResult | undefined): string {
  if (!result) return 'not run';
  return `terraform ${result.args.join(' ')} (in ${result.cwd}) exited ${result.status}:\n${result.stderr || diagnosticsOf(result.stdout) || result.stdout}`.slice(0, 6000);
}

/** The diagnostics of a `-json` command's output, as text (its errors go to stdout as messages). */
function diagnosticsOf(stdout: string): string {
  try {
    return parsePlanStream(stdout)
      .diagnostics.map((diagnostic) => `${diagnostic.severity}: ${diagnostic.summary}${diagnostic.detail ? `\n${diagnostic.detail}` : ''}`)
      .join('\n');
  } catch {
    return '';
  }
}
