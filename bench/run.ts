/**
 * `npm run bench`: prints the figures the foundation is held to.
 *  1. The README's main job on the bundled environments, whole process (node start → exit).
 *  2. A generated organization of 10,000 assignments: this project's synth next to a bare cdktf app
 *     that synthesizes the same resources with no config layer, time and peak memory, as a ratio.
 *  3. The same organization adopted: an import map entry (a placeholder ID) for every resource, so
 *     synth writes an import block for each and runs the zero-diff check over all of them.
 * Each figure is the median of several runs, each in a fresh process.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { parseCommandLine, progress, progressDone, usageError, wholeNumber, type CommandSpec } from '../lib/cli';
import { generatedConfig } from './generate';

const ROOT = resolve(__dirname, '..', '..');
const CHILD = join(__dirname, 'synth-child.js');

const COMMAND: CommandSpec = {
  usage: 'node dist/bench/run.js',
  summary: [
    'Prints the figures the foundation is held to: the bundled environments as a whole process, a generated',
    'organization of 10,000 assignments next to a bare cdktf app (time and peak memory), and the same',
    'organization adopted (an import block per resource). Each figure is the median of several fresh',
    'processes; progress goes to stderr. Takes about a minute per run.',
  ].join('\n'),
  options: {
    runs: { type: 'string', value: 'N', description: 'runs per figure, 1–20 (default: $BENCH_RUNS, else 3)' },
    accounts: { type: 'string', value: 'N', description: 'accounts in the generated organization, 2–2000 (default: 200)' },
    groups: { type: 'string', value: 'N', description: 'groups, each assigned to every account, 1–500 (default: 50)' },
  },
  exitCodes: [[0, 'figures printed'], [1, 'a measured run failed'], [2, 'bad command line']],
  examples: ['npm run bench', 'npm run bench -- --runs 1 --accounts 50'],
};

const command = parseCommandLine<{ runs?: string; accounts?: string; groups?: string }>(COMMAND, process.argv.slice(2));
const RUNS = command.run ? wholeNumber(command.values.runs ?? process.env.BENCH_RUNS, 'runs', 3, 1, 20) : 0;
const ACCOUNTS = command.run ? wholeNumber(command.values.accounts, 'accounts', 200, 2, 2000) : 0;
const GROUPS = command.run ? wholeNumber(command.values.groups, 'groups', 50, 1, 500) : 0;
const badNumber = [RUNS, ACCOUNTS, GROUPS].find((value): value is string => typeof value === 'string');

interface Measure { seconds: number; maxRssMb: number; resources?: number }

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function timeProcess(args: string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed:\n${result.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function measureChild(args: string[]): Measure {
  const result = spawnSync(process.execPath, [CHILD, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (result.status !== 0) throw new Error(`synth-child ${args.join(' ')} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as Measure;
}

function repeat(label: string, runs: number, measure: () => Measure): Measure {
  const all = Array.from({ length: runs }, (_, i) => {
    progress(`${label}: run ${i + 1} of ${runs}…`);
    return measure();
  });
  progressDone();
  return { seconds: median(all.map((m) => m.seconds)), maxRssMb: median(all.map((m) => m.maxRssMb)), resources: all[0].resources };
}

function bench(): void {
  const scratch = mkdtempSync(join(tmpdir(), 'foundation-bench-'));
  try {
    const mainRuns = Array.from({ length: RUNS as number }, (_, i) => {
      progress(`bundled environments: run ${i + 1} of ${RUNS}…`);
      return timeProcess([join(ROOT, 'dist', 'main.js'), '--quiet', '--out', join(scratch, 'bundled')]);
    });
    progressDone();
    console.log(`bundled environments (dev, prod), node dist/main.js, whole process: median ${median(mainRuns).toFixed(2)} s over ${RUNS} runs (target < 3 s)`);

    const shape = { accounts: ACCOUNTS as number, groups: GROUPS as number, permissionSets: 5 };
    const environments = join(scratch, 'environments');
    mkdirSync(environments);
    writeFileSync(join(environments, 'bench.yaml'), stringify(generatedConfig(shape)));
    const ours = repeat('this project', RUNS as number, () => measureChild(['project', environments, join(scratch, 'project')]));
    const bare = repeat('bare cdktf app', RUNS as number, () => measureChild(['bare', String(shape.accounts), String(shape.groups), String(shape.permissionSets), join(scratch, 'bare')]));
    const assignments = shape.accounts * shape.groups;
    console.log(`generated organization: ${shape.accounts} accounts, ${shape.groups} groups, ${assignments} assignments (${ours.resources} resources)`);
    console.log(`  this project (YAML → validation → model → stacks → synth): ${ours.seconds.toFixed(2)} s, peak ${ours.maxRssMb.toFixed(0)} MB`);
    console.log(`  bare cdktf app, same resources:                           ${bare.seconds.toFixed(2)} s, peak ${bare.maxRssMb.toFixed(0)} MB`);
    console.log(`  ratio: time ${(ours.seconds / bare.seconds).toFixed(2)}× (target ≤ 1.3×), memory ${(ours.maxRssMb / bare.maxRssMb).toFixed(2)}×; peak ${ours.maxRssMb < 400 ? 'under' : 'OVER'} the 400 MB target`);

    // Adoption: every resource the project synthesized gets an import map entry.
    const stacksDir = join(scratch, 'project', 'stacks');
    const map = { version: 1, stacks: {} as Record<string, Record<string, { id: string }>> };
    for (const stack of readdirSync(stacksDir)) {
      const json = JSON.parse(readFileSync(join(stacksDir, stack, 'cdk.tf.json'), 'utf8')) as { resource?: Record<string, Record<string, unknown>> };
      map.stacks[stack] = Object.fromEntries(Object.entries(json.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((name) => [`${type}.${name}`, { id: `placeholder-${name}` }])));
    }
    const imports = Object.values(map.stacks).reduce((sum, entries) => sum + Object.keys(entries).length, 0);
    writeFileSync(join(environments, 'bench.imports.json'), JSON.stringify(map));
    const adopted = repeat('adopted', RUNS as number, () => measureChild(['project', environments, join(scratch, 'adopted')]));
    console.log(`  adopted (an import map entry for each of the ${imports} resources): ${adopted.seconds.toFixed(2)} s, peak ${adopted.maxRssMb.toFixed(0)} MB (${(adopted.seconds / ours.seconds).toFixed(2)}× the plain synth)`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (!command.run) process.exitCode = command.exitCode;
else if (badNumber) process.exitCode = usageError(COMMAND, badNumber);
else {
  try {
    bench();
  } catch (error) {
    progressDone();
    process.stderr.write(`benchmark failed: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
