/**
 * A throwaway copy of the project for running `cdktf` as a user would: the real cdktf.json and
 * package.json, the sources linked, environments/ copied (so a test can break one), its own dist/
 * and cdktf.out/, and the stand-in terraform (test/deploy/bin/terraform) first on PATH.
 */
import { spawnSync } from 'node:child_process';
// The pty library cdktf itself runs terraform with (a dependency of cdktf-cli): cdktf asks before a
// deploy only on a terminal.
import { spawn as spawnPty } from '@cdktf/node-pty-prebuilt-multiarch';
import { accessSync, constants, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');
const STAND_IN = join(__dirname, 'bin');
const CDKTF = join(ROOT, 'node_modules', 'cdktf-cli', 'bundle', 'bin', 'cdktf');
/** Copied or made per project; everything else at the top level is linked (sources, policies, node_modules). */
const OWN = new Set(['.git', 'cdktf.json', 'package.json', 'scripts', 'environments', 'dist', 'cdktf.out', 'coverage', 'test']);

export interface TerraformCall {
  readonly args: string[];
  /** Relative to the project: `cdktf.out/stacks/prod-organization`, or `.` */
  readonly dir: string;
}

export interface Project {
  readonly dir: string;
  readonly log: string;
  /** Environment for cdktf: the stand-in terraform first on PATH, no telemetry, no colours. */
  env(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  calls(): TerraformCall[];
}

const made: string[] = [];

/** Removes every project made so far (their links into the repository are removed, not followed). */
export function removeProjects(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function makeProject(): Project {
  const dir = mkdtempSync(join(tmpdir(), 'cdktf-deploy-'));
  made.push(dir);
  for (const name of readdirSync(ROOT)) if (!OWN.has(name) && !name.endsWith('.tfstate')) symlinkSync(join(ROOT, name), join(dir, name));
  copyFileSync(join(ROOT, 'cdktf.json'), join(dir, 'cdktf.json'));
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  // Copied, not linked: transpile.js writes dist/ beside the scripts/ it runs from.
  cpSync(join(ROOT, 'scripts'), join(dir, 'scripts'), { recursive: true });
  cpSync(join(ROOT, 'environments'), join(dir, 'environments'), { recursive: true });
  const log = join(dir, 'terraform-calls.jsonl');
  return {
    dir,
    log,
    env: (extra = {}) => ({
      ...process.env,
      PATH: `${STAND_IN}${delimiter}${process.env.PATH ?? ''}`,
      FAKE_TERRAFORM_LOG: log,
      CHECKPOINT_DISABLE: '1',
      CDKTF_DISABLE_PLUGIN_CACHE_ENV: 'true',
      DISABLE_VERSION_CHECK: 'true',
      // cdktf's terminal UI (ink) shows no prompt when it thinks it runs in CI.
      CI: 'false',
      ...extra,
    }),
    calls: () =>
      existsSync(log)
        ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((line) => {
            const { args, cwd } = JSON.parse(line) as { args: string[]; cwd: string };
            return { args, dir: cwd === dir ? '.' : cwd.startsWith(`${dir}/`) ? cwd.slice(dir.length + 1) : cwd };
          })
        : [],
  };
}

export interface Run {
  readonly status: number | null;
  readonly output: string;
}

/** `cdktf <args>` without a terminal (fine for synth and plan; deploy needs one to ask). */
export function cdktf(project: Project, args: readonly string[], env: NodeJS.ProcessEnv = project.env()): Run {
  const result = spawnSync(process.execPath, [CDKTF, ...args], { cwd: project.dir, env, encoding: 'utf8', timeout: 240_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/**
 * `cdktf <args>` in a pseudo-terminal, as a person runs it: cdktf's prompt ("Please review the diff
 * output above for <stack>", Approve selected) is answered with Enter each time it appears.
 */
export function cdktfInTerminal(project: Project, args: readonly string[], env: NodeJS.ProcessEnv = project.env()): Promise<Run & { approvals: number }> {
  return new Promise((done) => {
    const child = spawnPty(process.execPath, [CDKTF, ...args], { cwd: project.dir, env: env as { [key: string]: string }, cols: 160, rows: 50 });
    let output = '';
    let approvals = 0;
    child.onData((data) => {
      output += data;
      const asked = output.match(/Please review the diff output above/g)?.length ?? 0;
      if (asked > approvals) {
        approvals = asked;
        setTimeout(() => child.write('\r'), 200);
      }
    });
    child.onExit(({ exitCode }) => done({ status: exitCode, output, approvals }));
  });
}

/** PATH without any terraform, with node and npm still on it (the app command runs npm). */
export function pathWithoutTerraform(): string {
  const bin = mkdtempSync(join(tmpdir(), 'no-terraform-'));
  made.push(bin);
  mkdirSync(bin, { recursive: true });
  symlinkSync(process.execPath, join(bin, 'node'));
  const dirs = (process.env.PATH ?? '').split(delimiter).filter((entry) => entry && !isExecutable(join(entry, 'terraform')));
  return [bin, ...dirs].join(delimiter);
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
