/**
 * What the app does differently when `cdktf` runs it (cdktf.json's app command, which takes no
 * arguments of its own):
 *
 * - `cdktf plan prod-organization` (or deploy, with one or more stack names) synthesizes only the
 *   environments of the stacks named, so one environment's broken file does not stop another's plan.
 *   `CDKTF_ENV=prod` (or `prod,dev`) names them for any command (synth, stack globs); `--env` on the
 *   command line wins over both.
 * - A `cdktf` command that runs Terraform (plan, diff, deploy, apply, destroy, output, watch) with
 *   no `terraform` on PATH is refused before synth, so the last line says what is missing instead of
 *   cdktf's "terraform init failed with exit code 1". `cdktf synth` and `npm run synth` need none.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

export interface CdktfRun {
  /** Environments to synthesize; undefined means every file in the environments directory. */
  readonly environments?: readonly string[];
  /** Set when the run must stop: the text for stderr, its last line saying why. */
  readonly refusal?: string;
}

/** cdktf's commands that run the terraform binary (cdktf-cli 0.21 `cdktf --help`). */
const RUNS_TERRAFORM = new Set(['plan', 'diff', 'deploy', 'apply', 'destroy', 'output', 'outputs', 'watch']);
const OTHER_COMMANDS = new Set(['synth', 'synthesize', 'list', 'get', 'init', 'convert', 'provider', 'login']);

export function cdktfRun(flagEnvironments: readonly string[] | undefined, env: NodeJS.ProcessEnv = process.env, invocation = cdktfInvocation(env)): CdktfRun {
  const command = invocation?.command;
  const fromEnv = env.CDKTF_ENV?.split(',').map((name) => name.trim()).filter((name) => name.length > 0);
  const fromStacks = invocation ? environmentsOfStacks(invocation.args) : undefined;
  const environments = flagEnvironments && flagEnvironments.length > 0 ? flagEnvironments : fromEnv && fromEnv.length > 0 ? fromEnv : fromStacks;
  if (command && RUNS_TERRAFORM.has(command) && !findTerraform(env)) {
    const binary = env.TERRAFORM_BINARY_NAME || 'terraform';
    return {
      environments,
      refusal:
        `cdktf ${command} runs Terraform after this synth; \`npm run synth\` and \`cdktf synth\` need none.\n` +
        `Terraform is not installed: no "${binary}" on PATH. Install Terraform 1.11 or later (https://developer.hashicorp.com/terraform/install) and run cdktf ${command} again.\n`,
    };
  }
  return { environments };
}

export interface CdktfInvocation {
  /** `plan`, `deploy`, `synth`, … */
  readonly command: string;
  /** What follows the command: stack names and options. */
  readonly args: readonly string[];
}

/** The stack kinds an environment has, as the suffix of their names (`prod-identity-center`, `prod-access-2`). */
const STACK_NAME = /^([a-z][a-z0-9-]*?)-(organization|identity-center|baseline)$/;
/** `<env>-access-<shard>`; the environment part greedy, so `prod-access-access-1` is environment prod-access. */
const ACCESS_STACK_NAME = /^([a-z][a-z0-9-]*)-access-[a-z0-9][a-z0-9-]*$/;

/**
 * The environments of the stacks a command names, or undefined when it names none or names one by a
 * pattern (`'prod-*'`, which cdktf matches against every synthesized stack).
 */
export function environmentsOfStacks(args: readonly string[]): string[] | undefined {
  const words = args.filter((arg) => !arg.startsWith('-'));
  if (words.some((word) => /[*?[\]{}!]/.test(word))) return undefined;
  const environments = [...new Set(words.map((word) => (STACK_NAME.exec(word) ?? ACCESS_STACK_NAME.exec(word))?.[1]).filter((name): name is string => name !== undefined))];
  return environments.length > 0 ? environments : undefined;
}

/**
 * The cdktf command line this process runs under, or undefined outside cdktf. cdktf passes no
 * arguments to the app, but it always sets CDKTF_CONTEXT_JSON for it (cli-core synth-stack.js); the
 * command line is read from the nearest ancestor process that is cdktf.
 */
export function cdktfInvocation(env: NodeJS.ProcessEnv = process.env): CdktfInvocation | undefined {
  if (env.CDKTF_CONTEXT_JSON === undefined) return undefined;
  let pid = process.ppid;
  for (let depth = 0; depth < 6 && pid > 1; depth++) {
    const processInfo = processLine(pid);
    if (!processInfo) return undefined; // neither /proc nor ps: do not guess
    const found = invocationOf(processInfo.args);
    if (found) return found;
    pid = processInfo.parent;
  }
  return undefined;
}

/** A process's parent and command line: from /proc on Linux, else from ps (macOS). */
function processLine(pid: number): { parent: number; args: string[] } | undefined {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return { parent: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]), args };
  } catch {
    try {
      const line = execFileSync('ps', ['-o', 'ppid=', '-o', 'args=', '-p', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      const [parent, ...args] = line.split(/\s+/);
      return { parent: Number(parent), args };
    } catch {
      return undefined;
    }
  }
}

/** `node …/cdktf-cli/bundle/bin/cdktf deploy prod-organization` → deploy, [prod-organization]. */
export function invocationOf(args: readonly string[]): CdktfInvocation | undefined {
  const at = args.findIndex((arg) => /(^|[/\\])cdktf(\.js)?$/.test(arg));
  if (at < 0) return undefined;
  // The first word that is a command: option values (`--log-level debug`) are not.
  const rest = args.slice(at + 1);
  const index = rest.findIndex((arg) => RUNS_TERRAFORM.has(arg) || OTHER_COMMANDS.has(arg));
  return index < 0 ? undefined : { command: rest[index], args: rest.slice(index + 1) };
}

function findTerraform(env: NodeJS.ProcessEnv): boolean {
  const binary = env.TERRAFORM_BINARY_NAME || 'terraform';
  const candidates = isAbsolute(binary) ? [binary] : (env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, binary));
  return candidates.some((file) => {
    try {
      accessSync(file, constants.X_OK);
      return statSync(file).isFile();
    } catch {
      return false;
    }
  });
}
