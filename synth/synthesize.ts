/** Models → one cdktf App per stack → cdk.tf.json files, plus the manual-step checklists. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { App, releaseTokensSince, TerraformDataSource, tokenMark, type TerraformResource } from '../lib/cdktf';
import type { EnvironmentModel } from '../model/environment';
import { manualStepsMarkdown } from '../model/manual-steps';
import { EXPIRY_FILE, expiryFile } from '../model/expiry';
import { buildAccessReport } from '../model/access';
import { ACCESS_HTML_FILE, ACCESS_JSON_FILE, ACCESS_MARKDOWN_FILE, accessHtml, accessJson, accessMarkdown } from './access-report';
import { addressName } from '../model/address';
import { baselineMoves, type MovedAddress } from '../model/renames';
import { BaselineStack } from '../stacks/baseline-stack';
import type { EnvironmentStack } from '../stacks/environment-stack';
import { environmentStackBuilders, type StackBuilder } from '../stacks/environment-stacks';
import { applyImports, resourcesOf, type StackImports } from './imports';
import { zeroDiff, type Difference } from './zero-diff';
import { SECURITY_RULES_FILE, type SynthCheck } from '../rules/synth';
import { checkSecurityRules, securityRulesFile } from './security-rules';

export interface SynthesizedStack {
  readonly name: string;
  /** Path of the stack's cdk.tf.json. */
  readonly file: string;
  /** Resource count by Terraform type, from the stack's construct tree (what its JSON holds). */
  readonly resourcesByType: Readonly<Record<string, number>>;
  /** Data source count by Terraform type (`aws_ssoadmin_instances`): each is read again by every plan. */
  readonly dataSourcesByType: Readonly<Record<string, number>>;
  /** The synthesized Terraform JSON, read from the file each time it is asked for. */
  readonly json: StackJson;
}

export interface StackJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly provider?: { aws?: Array<{ default_tags?: Array<{ tags?: Record<string, string> }> }> };
}

/** What synth did with the environment's import map. */
export interface ImportReport {
  readonly stacks: readonly StackImports[];
  /** Where the first plan after import would change something. */
  readonly differences: readonly Difference[];
}

export interface SynthesizedEnvironment {
  readonly environment: EnvironmentModel;
  readonly stacks: readonly SynthesizedStack[];
  /** The manual-step checklist written for the environment. */
  readonly manualStepsFile: string;
  /** ACCESS.md, with access.json and access.html beside it. */
  readonly accessFile: string;
  /** Present when the environment has an import map. */
  readonly imports?: ImportReport;
  /** The security rule pack's findings over the environment (rules/synth.ts). */
  readonly securityRules: SynthCheck;
}

/** The output directory cannot be used; the message is one line naming it. */
export class OutputDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputDirError';
  }
}

/**
 * Synthesizes every environment into `outdir`. Nothing there changes until the whole synth has
 * succeeded: the App writes into a fresh staging directory inside `outdir`, and only then is each
 * file moved into place (a rename per file, on one file system). What else `outdir` holds
 * (`.terraform` directories, plan files) stays; a failed run leaves an earlier output as it was.
 */
export function synthesize(environments: readonly EnvironmentModel[], outdir: string): SynthesizedEnvironment[] {
  // Before the output directory is touched: an unsuppressed error-level finding writes nothing.
  const securityRules = checkSecurityRules(environments);
  const staging = prepareOutputDir(outdir);
  try {
    const results = synthesizeInto(environments, securityRules, staging, outdir);
    install(staging, outdir);
    return results;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Checks `outdir` (creating it if needed) and makes the staging directory inside it. */
export function prepareOutputDir(outdir: string): string {
  if (outdir.trim() === '') throw new OutputDirError('the output directory is empty: pass --out <dir> (or set CDKTF_OUTDIR to a directory)');
  const absolute = resolve(outdir);
  const blocking = fileOnTheWay(absolute);
  if (blocking === absolute) throw new OutputDirError(`the output directory ${outdir} is a file, not a directory: remove it, or pass another --out`);
  if (blocking) throw new OutputDirError(`the output directory ${outdir} cannot be created: ${relative(process.cwd(), blocking) || blocking} is a file, not a directory`);
  try {
    makeDirectories(absolute);
    return mkdtempSync(join(absolute, '.staging-'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'the file system is read-only' : code ?? (error as Error).message;
    throw new OutputDirError(`the output directory ${outdir} cannot be written (${reason}): pass a writable --out`);
  }
}

/**
 * `mkdir -p`, one level at a time. Node's own recursive mkdirSync loops for ever on some paths
 * (`/proc/x` answers ENOENT for a parent that exists), so it is not used.
 */
function makeDirectories(path: string): void {
  const missing: string[] = [];
  for (let at = path; !existsSync(at); at = dirname(at)) {
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const at of missing) mkdirSync(at);
}

/** The first path on the way to `path` (or `path` itself) that exists and is not a directory. */
function fileOnTheWay(path: string): string | undefined {
  const chain: string[] = [];
  for (let at = path; ; at = dirname(at)) {
    chain.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const at of chain) {
    try {
      if (!statSync(at).isDirectory()) return at;
    } catch {
      return undefined; // missing from here on: mkdir creates the rest
    }
  }
  return undefined;
}

/** Moves every file of `staging` to the same place under `outdir`. */
function install(staging: string, outdir: string): void {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)]));
  for (const file of files(staging)) {
    const target = join(outdir, relative(staging, file));
    makeDirectories(dirname(target));
    renameSync(file, target);
  }
}

/**
 * cdktf captures a stack trace at every token it creates (Intrinsic, ComplexResolvable:
 * cdktf/lib/tokens/private/stack-trace.js, onto a plain object) and formats it as text at once, for
 * its own error messages only: about 1.2 s of CPU at 12,000 imported resources. While `run` runs,
 * a trace captured onto anything but an Error formats as empty; errors keep theirs, formatted as before.
 */
function withoutTokenStackTraces<T>(run: () => T): T {
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (error: unknown, frames: NodeJS.CallSite[]) => {
    if (!(error instanceof Error)) return '';
    if (previous) return previous(error, frames);
    // Node's default format (lib/internal/errors.js defaultPrepareStackTrace).
    const header = Error.prototype.toString.call(error);
    return frames.length === 0 ? header : `${header}\n    at ${frames.join('\n    at ')}`;
  };
  try {
    return run();
  } finally {
    Error.prepareStackTrace = previous;
  }
}

function synthesizeInto(environments: readonly EnvironmentModel[], securityRules: ReadonlyMap<EnvironmentModel, SynthCheck>, staging: string, outdir: string): SynthesizedEnvironment[] {
  return withoutTokenStackTraces(() => synthesizeApp(environments, securityRules, staging, outdir));
}

function synthesizeApp(environments: readonly EnvironmentModel[], securityRules: ReadonlyMap<EnvironmentModel, SynthCheck>, staging: string, outdir: string): SynthesizedEnvironment[] {
  const manifest = new ManifestMerge(staging);
  const results = environments.map((environment) => {
    // Readers of another stack's outputs get a stand-in of it, made here and never synthesized.
    const references = new App({ outdir: staging, stackTraces: false });
    const builders = environmentStackBuilders(environment, references);
    // One App per stack: its construct tree is written and dropped before the next is built, so
    // memory follows the largest stack, not the estate (README, "Performance"). With an import map
    // the environment's stacks are decided together (an account renamed in the organization stack
    // moves its assignments in identity-center and its baseline resources), so they are built
    // together and dropped together: adoption's memory follows the environment.
    const groups: StackBuilder[][] = environment.imports ? [builders] : builders.map((builder) => [builder]);
    const read: SynthesizedStack[] = [];
    const imports: StackImports[] = [];
    // Where each account sits, for rename hints (synth/rename-hints.ts): once per environment, not per stack.
    const organization = environment.organization;
    const ouAddresses = new Map(organization.organizationalUnits.map((ou) => [ou.path, ou.address]));
    const accountOus = new Map(organization.accounts.flatMap((account) => (account.ouPath === undefined ? [] : [[`aws_organizations_account.${account.address}`, `aws_organizations_organizational_unit.${ouAddresses.get(account.ouPath)}`] as const])));
    for (const group of groups) {
      const mark = tokenMark();
      const built = group.map((builder) => {
        // Stack traces on every construct cost time and memory at 10,000 resources and are never read.
        const app = new App({ outdir: staging, stackTraces: false });
        const stack = builder.build(app);
        const resources = resourcesOf(stack);
        // identity-center and the access shards share the assignments' entries (synth/imports.ts).
        const holdsAssignments = builder.kind === 'identityCenter' || builder.kind === 'access';
        const formerAccounts = Object.entries(environment.access.forgottenIn ?? {}).filter(([, holder]) => holder === builder.name).map(([key]) => addressName(key));
        return { app, stack, resources, explicitMoves: explicitMovesOf(builder, stack, resources, environment), holdsAssignments, formerAccounts };
      });
      imports.push(...(applyImports(built, environment.imports, { file: environment.sourceFile, definitions: environment.definitions, accountOus }) ?? []));
      for (const { app, stack, resources } of built) {
        const resourcesByType: Record<string, number> = {};
        for (const resource of resources.values()) resourcesByType[resource.terraformResourceType] = (resourcesByType[resource.terraformResourceType] ?? 0) + 1;
        const dataSourcesByType: Record<string, number> = {};
        for (const child of stack.node.findAll()) if (child instanceof TerraformDataSource) dataSourcesByType[child.terraformResourceType] = (dataSourcesByType[child.terraformResourceType] ?? 0) + 1;
        app.synth();
        manifest.add();
        read.push(stackResult(staging, outdir, stack.stackName, resourcesByType, dataSourcesByType));
      }
      // cdktf's process-wide token map would keep these stacks' trees alive (lib/cdktf.ts).
      releaseTokensSince(mark);
    }
    return { environment, read, imports: environment.imports ? imports : undefined };
  });
  manifest.write();
  return results.map(({ environment, read, imports }) => {
    const checklist = join('environments', environment.name, 'MANUAL-STEPS.md');
    makeDirectories(join(staging, 'environments', environment.name));
    writeFileSync(join(staging, checklist), manualStepsMarkdown(environment.name, environment.manualSteps));
    const rules = securityRules.get(environment)!;
    writeFileSync(join(staging, 'environments', environment.name, SECURITY_RULES_FILE), securityRulesFile(environment, rules));
    writeFileSync(join(staging, 'environments', environment.name, EXPIRY_FILE), `${JSON.stringify(expiryFile(environment), null, 2)}\n`);
    // The access report (model/access.ts): who can reach which account, with what.
    const access = buildAccessReport(environment);
    writeFileSync(join(staging, 'environments', environment.name, ACCESS_MARKDOWN_FILE), accessMarkdown(access));
    writeFileSync(join(staging, 'environments', environment.name, ACCESS_JSON_FILE), accessJson(access));
    writeFileSync(join(staging, 'environments', environment.name, ACCESS_HTML_FILE), accessHtml(access));
    const importReport = imports && environment.imports
      ? { stacks: imports, differences: zeroDiff(environment.name, environment.imports, new Map(read.map((stack) => [stack.name, stack.json])), imports) }
      : undefined;
    return { environment, manualStepsFile: join(outdir, checklist), accessFile: join(outdir, 'environments', environment.name, ACCESS_MARKDOWN_FILE), stacks: read, imports: importReport, securityRules: rules };
  });
}

/**
 * cdktf's manifest.json (what `cdktf deploy` reads for stacks and their dependencies): each App
 * writes one naming its own stack, so the entries are collected after each synth and written once.
 */
class ManifestMerge {
  private readonly stacks: Record<string, unknown> = {};
  private version = '';
  constructor(private readonly staging: string) {}

  add(): void {
    const written = JSON.parse(readFileSync(join(this.staging, 'manifest.json'), 'utf8')) as { version: string; stacks: Record<string, unknown> };
    this.version = written.version;
    Object.assign(this.stacks, written.stacks);
  }

  write(): void {
    if (this.version === '') return;
    const stacks = Object.fromEntries(Object.keys(this.stacks).sort().map((name) => [name, this.stacks[name]]));
    writeFileSync(join(this.staging, 'manifest.json'), `${JSON.stringify({ stacks, version: this.version }, null, 2)}`);
  }
}

/** The config's renames (`renames:`) that apply to a stack, before the import map's detected ones merge in. */
function explicitMovesOf(builder: StackBuilder, stack: EnvironmentStack, resources: ReadonlyMap<string, TerraformResource>, environment: EnvironmentModel): readonly MovedAddress[] {
  if (stack instanceof BaselineStack) return baselineStackMoves(stack, resources, environment);
  if (builder.kind === 'organization') return environment.moved.organization;
  // An access shard holds assignments the identity-center stack held: the same renames apply.
  if (builder.kind === 'identityCenter' || builder.kind === 'access') return environment.moved.identityCenter;
  return [];
}

/** The baseline stack's moves, with each resource's account taken from where the stack put it. */
function baselineStackMoves(stack: BaselineStack, resources: ReadonlyMap<string, TerraformResource>, environment: EnvironmentModel): MovedAddress[] {
  const located = [...resources].map(([address, resource]) => {
    const account = stack.accountOf(resource);
    return { address, memberAccount: account && !account.management ? account.account.address : undefined };
  });
  return baselineMoves(located, environment.moved.baseline, environment.baseline?.groups.map((group) => group.address) ?? []);
}

/**
 * A stack's result. Its JSON is read when asked for (the zero-diff check, tests), not kept: a sharded
 * estate's JSON parsed at once would cost what the per-stack Apps saved. It is read from the staging
 * directory while that exists, else from where it was installed.
 */
function stackResult(staging: string, outdir: string, name: string, resourcesByType: Readonly<Record<string, number>>, dataSourcesByType: Readonly<Record<string, number>>): SynthesizedStack {
  const file = join(outdir, 'stacks', name, 'cdk.tf.json');
  const written = join(staging, 'stacks', name, 'cdk.tf.json');
  return {
    name,
    file,
    resourcesByType,
    dataSourcesByType,
    get json(): StackJson {
      return JSON.parse(readFileSync(existsSync(written) ? written : file, 'utf8')) as StackJson;
    },
  };
}
