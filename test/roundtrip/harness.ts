/**
 * Round trips with real Terraform against the local AWS double (test/aws-double/): synth into a temp
 * project, a working copy of each stack (test/terraform/stack-workdir.ts, plus the one change below),
 * then `terraform init`, `apply`, `plan -detailed-exitcode`, `show -json` per stack, stacks that read
 * another's state after it (terraform_remote_state through the real local state files the producers'
 * applies write: the bundled local backend's `../../../terraform.<stack>.tfstate`, which both sides
 * resolve to the same file in the temp project).
 *
 * The one change on top of stack-workdir.ts's: a `pgp_key` of the form `keybase:<user>` makes the
 * provider fetch the key from keybase.io (no network here); the copy gets a fixed test public key
 * instead (test/fixtures/pgp/roundtrip-public-key.b64, whose private half was never kept). The login
 * profile ignores `pgp_key` after creation, so this changes nothing the plans look at.
 *
 * Nothing here is part of the product.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { EnvironmentModel } from '../../model/environment';
import { synthesize, type SynthesizedEnvironment } from '../../synth/synthesize';
import { bridgeVersion, PINNED_AWS_VERSION, type PlanJson } from '../terraform/terraform-run';
import { remoteStateReads, stackDirOf, workingCopy, type StackJson } from '../terraform/stack-workdir';
import { inPool, runTerraform, type CommandResult, type TerraformSetup } from '../terraform/terraform-cli';

/** The management account's access key in the double (test/aws-double/accounts.ts). */
export const MANAGEMENT_ACCESS_KEY = 'AKIAMANAGEMENT0000001';

const TEST_PGP_KEY = readFileSync(resolve(__dirname, '..', 'fixtures', 'pgp', 'roundtrip-public-key.b64'), 'utf8').trim();

export interface Stack {
  readonly name: string;
  readonly environment: string;
  readonly dir: string;
  /** Stacks whose state this one reads (terraform_remote_state). */
  readonly reads: readonly string[];
  readonly copy: StackJson;
}

/** A temp project: synthesized stacks, their state files, the double they talk to. */
export interface Project {
  readonly root: string;
  readonly setup: TerraformSetup;
  readonly endpoint: string;
  readonly awsVersion: string;
  stacks: Stack[];
  /** The last synth's results (the import report with the zero-diff differences among them). */
  synthesized: SynthesizedEnvironment[];
  /** Every terraform command run, for the figures. */
  readonly commands: CommandResult[];
}

/** The setup with the double's management credentials instead of the stand-in's fake ones. */
export function doubleSetup(setup: TerraformSetup): TerraformSetup {
  return { ...setup, env: { ...setup.env, AWS_ACCESS_KEY_ID: MANAGEMENT_ACCESS_KEY, AWS_SECRET_ACCESS_KEY: 'round-trip-secret-not-checked' } };
}

export function createProject(setup: TerraformSetup, endpoint: string, prefix = 'tf-roundtrip-'): Project {
  return { root: mkdtempSync(join(tmpdir(), prefix)), setup: doubleSetup(setup), endpoint, awsVersion: bridgeVersion(setup), stacks: [], synthesized: [], commands: [] };
}

export function removeProject(project: Project): void {
  rmSync(project.root, { recursive: true, force: true });
}

/**
 * Synthesizes the models into the project (again: the state files stay, the stack directories are
 * replaced, so every stack needs `init` again) and writes the working copies.
 */
export function synthInto(project: Project, models: readonly EnvironmentModel[]): Stack[] {
  const synthesized = synthesize(models, join(project.root, 'cdktf.out'));
  project.synthesized = synthesized;
  const names = new Set(synthesized.flatMap(({ stacks }) => stacks.map((stack) => stack.name)));
  project.stacks = synthesized.flatMap(({ environment, stacks }) =>
    stacks.map((stack) => {
      const dir = stackDirOf(project.root, stack.name);
      const original = JSON.parse(readFileSync(stack.file, 'utf8')) as StackJson;
      const copy = withTestPgpKey(workingCopy(original, { stackName: stack.name, awsVersion: project.awsVersion === PINNED_AWS_VERSION ? undefined : project.awsVersion, endpoint: project.endpoint }));
      writeFileSync(stack.file, JSON.stringify(copy, null, 2));
      const reads = remoteStateReads(copy, dir).map((read) => {
        const producer = relative(project.root, read.path).replace(/^terraform\./, '').replace(/\.tfstate$/, '');
        if (!names.has(producer)) throw new Error(`${stack.name}: data.terraform_remote_state.${read.name} reads ${read.path}, which no synthesized stack writes`);
        mkdirSync(join(read.path, '..'), { recursive: true });
        return producer;
      });
      return { name: stack.name, environment: environment.name, dir, reads, copy };
    }),
  );
  return project.stacks;
}

/** `keybase:<user>` PGP keys become the fixed test key (see the header). */
function withTestPgpKey(copy: StackJson): StackJson {
  for (const profile of Object.values(copy.resource?.aws_iam_user_login_profile ?? {})) {
    if (typeof profile.pgp_key === 'string' && profile.pgp_key.startsWith('keybase:')) profile.pgp_key = TEST_PGP_KEY;
  }
  return copy;
}

export function stack(project: Project, name: string): Stack {
  const found = project.stacks.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no stack ${name} in the project (${project.stacks.map((s) => s.name).join(', ')})`);
  return found;
}

/**
 * The stacks in waves: each wave reads only the state of earlier waves (organization, then
 * identity center and baseline side by side).
 */
export function waves(stacks: readonly Stack[]): Stack[][] {
  const done = new Set<string>();
  const left = [...stacks];
  const result: Stack[][] = [];
  while (left.length > 0) {
    const ready = left.filter((candidate) => candidate.reads.every((read) => done.has(read) || !stacks.some((s) => s.name === read)));
    if (ready.length === 0) throw new Error(`a cycle of remote state reads among ${left.map((s) => s.name).join(', ')}`);
    for (const item of ready) left.splice(left.indexOf(item), 1);
    ready.forEach((item) => done.add(item.name));
    // The costliest first (one provider process per configuration), so none is left alone at the end.
    result.push(ready.sort((a, b) => (b.copy.provider?.aws?.length ?? 1) - (a.copy.provider?.aws?.length ?? 1)));
  }
  return result;
}

/**
 * At most this many terraform commands at once in this process, over every project (2 cores: the
 * provider loading its schema is CPU-bound; applies also wait in the provider's pollers, so a third
 * slot can help on a quiet machine). `TF_ROUNDTRIP_SLOTS` overrides it.
 */
const SLOTS = Number(process.env.TF_ROUNDTRIP_SLOTS ?? '') || 2;
let running = 0;
const waiting: Array<() => void> = [];

async function withSlot<T>(work: () => Promise<T>): Promise<T> {
  // A finished command hands its slot straight to the next waiting one.
  if (running < SLOTS) running += 1;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

async function terraform(project: Project, target: Stack, args: readonly string[]): Promise<CommandResult> {
  const result = await withSlot(() => runTerraform(project.setup, target.dir, args));
  project.commands.push(result);
  // TF_ROUNDTRIP_LOG=1: one line per finished command, as it happens (jest prints console output only at the end).
  if (process.env.TF_ROUNDTRIP_LOG) process.stderr.write(`[round trip] ${target.name}: terraform ${args[0]} exited ${result.status} after ${result.seconds.toFixed(1)} s\n`);
  return result;
}

export class TerraformFailed extends Error {}

function check(result: CommandResult, ...okStatuses: number[]): CommandResult {
  if (!okStatuses.includes(result.status ?? -1)) {
    throw new TerraformFailed(`terraform ${result.args.join(' ')} (in ${result.cwd}) exited ${result.status}:\n${(result.stderr || result.stdout).slice(0, 8000)}`);
  }
  return result;
}

export async function init(project: Project, target: Stack): Promise<void> {
  check(await terraform(project, target, ['init', '-input=false', '-no-color', '-backend=true']), 0);
}

const PLAN_ARGS = ['plan', '-input=false', '-no-color', '-lock=false', '-parallelism=20', '-detailed-exitcode', '-out=tfplan'];

export interface Plan {
  readonly stack: string;
  /** 0: no changes; 2: changes (`-detailed-exitcode`). */
  readonly exitCode: number;
  /** `terraform show -json tfplan`: read only when asked for or when the plan has changes. */
  readonly json?: PlanJson;
  readonly text: string;
}

/** `terraform plan -detailed-exitcode -out=tfplan`, and its JSON when it changes something (or `withJson`). */
export async function plan(project: Project, target: Stack, withJson = false): Promise<Plan> {
  const planned = check(await terraform(project, target, PLAN_ARGS), 0, 2);
  const exitCode = planned.status!;
  if (exitCode === 0 && !withJson) return { stack: target.name, exitCode, text: planned.stdout };
  const shown = check(await terraform(project, target, ['show', '-json', '-no-color', 'tfplan']), 0);
  return { stack: target.name, exitCode, json: JSON.parse(shown.stdout) as PlanJson, text: planned.stdout };
}

/** Applies the plan `plan()` saved (no second plan). */
export async function applySaved(project: Project, target: Stack): Promise<CommandResult> {
  return check(await terraform(project, target, ['apply', '-input=false', '-no-color', '-lock=false', '-parallelism=20', '-auto-approve', 'tfplan']), 0);
}

/** `terraform apply -auto-approve` (plans and applies in one command). */
export async function apply(project: Project, target: Stack): Promise<CommandResult> {
  return check(await terraform(project, target, ['apply', '-input=false', '-no-color', '-lock=false', '-parallelism=20', '-auto-approve']), 0);
}

/** Runs `work` on every stack, wave after wave, `pool` stacks at a time within a wave. */
export async function inWaves<R>(stacks: readonly Stack[], pool: number, work: (target: Stack) => Promise<R>): Promise<Map<string, R>> {
  const results = new Map<string, R>();
  for (const wave of waves(stacks)) {
    const done = await inPool(wave, pool, work);
    wave.forEach((item, index) => results.set(item.name, done[index]));
  }
  return results;
}

/** Init, then apply, every stack in dependency order. */
export async function initAndApplyAll(project: Project, stacks: readonly Stack[], pool = 2): Promise<void> {
  await inWaves(stacks, pool, async (target) => {
    await init(project, target);
    await apply(project, target);
  });
}

/** The plans of an adoption: each stack's first plan (its imports), applied when it changes anything, then its next plan. */
export interface ImportRun {
  readonly importPlans: Map<string, Plan>;
  readonly finalPlans: Map<string, Plan>;
  /** Per stack: a failed command, or why it was not planned. */
  readonly failures: Map<string, string>;
}

/**
 * Per wave of stacks (dependencies first): init, the first plan (kept as JSON), apply it when it changes
 * anything; then every stack that did not fail is planned again. A stack whose dependency failed is not planned.
 */
export async function importApplyAndReplan(project: Project): Promise<ImportRun> {
  const importPlans = new Map<string, Plan>();
  const finalPlans = new Map<string, Plan>();
  const failures = new Map<string, string>();
  for (const wave of waves(project.stacks)) {
    await Promise.all(
      wave.map(async (target) => {
        if (target.reads.some((read) => failures.has(read))) return void failures.set(target.name, 'not planned: a stack it reads failed');
        try {
          await init(project, target);
          const first = await plan(project, target, true);
          importPlans.set(target.name, first);
          if (first.exitCode === 2) await applySaved(project, target);
        } catch (error) {
          failures.set(target.name, (error as Error).message);
        }
      }),
    );
  }
  await Promise.all(
    project.stacks
      .filter((target) => !failures.has(target.name))
      .map(async (target) => {
        try {
          finalPlans.set(target.name, await plan(project, target));
        } catch (error) {
          failures.set(target.name, (error as Error).message);
        }
      }),
  );
  return { importPlans, finalPlans, failures };
}
