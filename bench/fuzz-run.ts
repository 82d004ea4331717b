/**
 * Runs fuzz cases (bench/fuzz-cases.ts): in-process through the loader, or as a user runs
 * dist/main.js in a child process with an earlier good output in place. Returns what was wrong.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { loadEnvironments } from '../config/load';
import { ConfigError } from '../config/issues';
import { SecurityRulesError } from '../synth/security-rules';
import { synthesize } from '../synth/synthesize';
import { outputProblems, type FileContent, type FuzzCase } from './fuzz-cases';

/** The project root: the nearest directory up with a package.json (from dist/bench/ and bench/ alike). */
export const ROOT = ((): string => {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
})();
const MAIN = join(ROOT, 'dist', 'main.js');
const RSS_PRELOAD = join(ROOT, 'dist', 'bench', 'fuzz-rss.js');

export const TIME_LIMIT_MS = 10_000;
export const MEMORY_LIMIT_MB = 500;

export interface Outcome {
  readonly case: FuzzCase;
  readonly problems: readonly string[];
  readonly ms: number;
  readonly exitCode?: number;
  readonly rssMb?: number;
}

export function bundledTexts(): string[] {
  return ['dev.yaml', 'prod.yaml'].map((file) => readFileSync(join(ROOT, 'environments', file), 'utf8'));
}

/** A fresh directory with `environments/` holding the case's files and a copy of `policies/`. */
export function workspace(fuzzCase: FuzzCase): string {
  const dir = mkdtempSync(join(tmpdir(), 'foundation-fuzz-'));
  const environments = join(dir, 'environments');
  mkdirSync(environments);
  cpSync(join(ROOT, 'policies'), join(dir, 'policies'), { recursive: true });
  for (const [name, content] of Object.entries(fuzzCase.files)) place(join(environments, name), content);
  for (const [name, content] of Object.entries(fuzzCase.policies ?? {})) {
    rmSync(join(dir, 'policies', 'scp', name), { force: true });
    place(join(dir, 'policies', 'scp', name), content);
  }
  return dir;
}

function place(path: string, content: FileContent): void {
  if (typeof content === 'string' || Buffer.isBuffer(content)) writeFileSync(path, content);
  else if (content.special === 'directory') mkdirSync(path);
  else if (content.special === 'fifo') execFileSync('mkfifo', [path]);
  else symlinkSync(`${path}.missing-target`, path);
}

/**
 * The loader in this process: it returns models or throws ConfigError, whose every issue is located
 * and has a fix; with `synth`, accepted models are also synthesized, which must not throw.
 */
export function runInProcess(fuzzCase: FuzzCase, options: { synth?: boolean } = {}): Outcome {
  const dir = workspace(fuzzCase);
  const start = process.hrtime.bigint();
  const problems: string[] = [];
  try {
    const models = loadEnvironments(join(dir, 'environments'));
    // A config the loader accepts must synthesize: a crash there is a check validation lacks.
    if (options.synth) synthesize(models, join(dir, 'cdktf.out'));
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const issue of error.issues) {
        if (!issue.file) problems.push(`an issue without a file: ${issue.message.slice(0, 80)}`);
        if (!(issue.line >= 1 && issue.column >= 1)) problems.push(`an issue without a line: ${issue.file} ${issue.message.slice(0, 80)}`);
        if (!issue.fix) problems.push(`an issue without a fix: ${issue.message.slice(0, 80)}`);
        if (!Array.isArray(issue.path)) problems.push('an issue without a config path');
      }
      problems.push(...outputProblems(`${error.message}\n`));
    } else if (error instanceof SecurityRulesError) {
      // A config that breaks an error-level security rule is refused as documented (exit 1, nothing written): each block names the file, the rule and a fix.
      problems.push(...securityRuleProblems(error.message));
    } else {
      problems.push(`threw ${(error as Error)?.name}: ${String((error as Error)?.message).slice(0, 200)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (ms > TIME_LIMIT_MS) problems.push(`took ${ms.toFixed(0)} ms`);
  return { case: fuzzCase, problems, ms };
}

/** What a SecurityRulesError's text lacks: every block starts with the file (and, where the finding has a config path, line, column and path), and has a fix. */
function securityRuleProblems(text: string): string[] {
  const problems = outputProblems(`${text}\n`);
  const blocks = text.split(/\n(?=\S)/);
  for (const block of blocks) {
    const [first = '', ...rest] = block.split('\n');
    if (!/^\S+(:\d+:\d+ {2}\S+)? {2}security rule RISK-[A-Z-]+ \(/.test(first)) problems.push(`a security rule error without its file: ${JSON.stringify(first.slice(0, 120))}`);
    if (!rest.some((line) => line.startsWith('    fix: '))) problems.push(`a security rule error without a fix: ${JSON.stringify(first.slice(0, 120))}`);
  }
  return problems;
}

/** Every file under `dir` with its content. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.set(path.slice(dir.length), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

/** A good output of the bundled dev environment, made once, copied before each process run. */
export function goodOutput(): string {
  const dir = mkdtempSync(join(tmpdir(), 'foundation-fuzz-good-'));
  const result = spawnSync(process.execPath, [MAIN, '--env', 'dev', '--quiet', '--out', join(dir, 'cdktf.out')], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`the good output could not be made: ${result.stderr}`);
  return join(dir, 'cdktf.out');
}

/** dist/main.js as a user runs it: exit 0, 1 or 2, clean output, in time and memory, and a failed run leaves the earlier output as it was. */
export function runProcess(fuzzCase: FuzzCase, good: string): Outcome {
  const dir = workspace(fuzzCase);
  const out = join(dir, 'cdktf.out');
  cpSync(good, out, { recursive: true });
  const before = snapshot(out);
  const rssFile = join(dir, 'rss');
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['-r', RSS_PRELOAD, MAIN, '--out', 'cdktf.out', ...fuzzCase.argv], {
    cwd: dir,
    encoding: 'utf8',
    timeout: TIME_LIMIT_MS,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, FUZZ_RSS_FILE: rssFile, CDKTF_OUTDIR: '' },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const problems: string[] = [];
  let rssMb: number | undefined;
  try {
    rssMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
  } catch {
    problems.push('no memory figure (the process did not exit normally)');
  }
  if (result.error || result.signal) problems.push(`did not finish: ${result.error?.message ?? result.signal} after ${ms.toFixed(0)} ms`);
  const status = result.status ?? -1;
  if (![0, 1, 2].includes(status)) problems.push(`exit code ${status}`);
  if (rssMb !== undefined && rssMb > MEMORY_LIMIT_MB) problems.push(`peak memory ${rssMb.toFixed(0)} MB`);
  if (result.stderr.length > 1024 * 1024) problems.push(`${result.stderr.length} bytes of stderr`);
  problems.push(...outputProblems(`${result.stderr}`));
  if (status !== 0) {
    const after = snapshot(out);
    const changed = [...new Set([...before.keys(), ...after.keys()])].filter((file) => before.get(file) !== after.get(file));
    if (changed.length > 0) problems.push(`a failed run changed the earlier output: ${changed.slice(0, 3).join(', ')}`);
  }
  rmSync(dir, { recursive: true, force: true });
  return { case: fuzzCase, problems, ms, exitCode: status, rssMb };
}
