/**
 * `npm run bench`: prints the figures the foundation is held to.
 *  1. The README's main job on the bundled environments, whole process (node start → exit).
 *  2. A generated organization of 10,000 assignments: this project's synth next to a bare cdktf app
 *     that synthesizes the same resources in the same stacks with no config layer, time and peak
 *     memory, as a ratio.
 *     Of that synth, the access report's own time (model/access.ts and its three files), target < 1 s.
 *  3. The same organization adopted: an import map entry (a placeholder ID) for every resource, so
 *     synth writes an import block for each and runs the zero-diff check over all of them.
 *  4. Scale: 1,000, 10,000, 50,000 and 100,000 assignments, sharded into access stacks of 1,000
 *     (the default identityCenter.maxResourcesPerStack): time, CPU, peak memory and CPU per resource;
 *     at 50,000 next to the bare app (same stacks, and everything in one stack), and the plan-cost
 *     estimate of the sharded and the unsharded estate.
 * Each figure is the median of several runs, each in a fresh process; the scale figures run once
 * unless --scale-runs says otherwise. Timings on a loaded machine vary: CPU time is printed beside
 * wall time.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { parseCommandLine, progress, progressDone, usageError, wholeNumber, type CommandSpec } from '../lib/cli';
import { generatedConfig } from './generate';
import type { ChildPlanCost } from './synth-child';
import { loadEnvironments } from '../config/load';
import { DEFAULT_RESOURCES_PER_STACK } from '../config/schema';
import { shardRecordText } from '../config/shard-map';
import { formatDuration } from '../synth/plan-cost';

const ROOT = resolve(__dirname, '..', '..');
const CHILD = join(__dirname, 'synth-child.js');

const COMMAND: CommandSpec = {
  usage: 'node dist/bench/run.js',
  summary: [
    'Prints the figures the foundation is held to: the bundled environments as a whole process, a generated',
    'organization of 10,000 assignments next to a bare cdktf app (time and peak memory), and the same',
    'organization adopted (an import block per resource), and the scale figures: 1k to 100k assignments',
    'sharded into access stacks, peak memory and CPU per resource, 50k next to the bare app, and the plan',
    'cost of each. Each figure is the median of several fresh processes; progress goes to stderr.',
    'Takes about a minute per run, and about five minutes for the scale figures.',
  ].join('\n'),
  options: {
    runs: { type: 'string', value: 'N', description: 'runs per figure, 1–20 (default: $BENCH_RUNS, else 3)' },
    accounts: { type: 'string', value: 'N', description: 'accounts in the generated organization, 2–2000 (default: 200)' },
    groups: { type: 'string', value: 'N', description: 'groups, each assigned to every account, 1–500 (default: 50)' },
    'scale-runs': { type: 'string', value: 'N', description: 'runs per scale figure (1k to 100k assignments), 0–5; 0 skips them (default: 1)' },
  },
  exitCodes: [[0, 'figures printed'], [1, 'a measured run failed'], [2, 'bad command line']],
  examples: ['npm run bench', 'npm run bench -- --runs 1 --accounts 50', 'npm run bench -- --runs 1 --scale-runs 0'],
};

const command = parseCommandLine<{ runs?: string; accounts?: string; groups?: string; 'scale-runs'?: string }>(COMMAND, process.argv.slice(2));
const RUNS = command.run ? wholeNumber(command.values.runs ?? process.env.BENCH_RUNS, 'runs', 3, 1, 20) : 0;
const ACCOUNTS = command.run ? wholeNumber(command.values.accounts, 'accounts', 200, 2, 2000) : 0;
const GROUPS = command.run ? wholeNumber(command.values.groups, 'groups', 50, 1, 500) : 0;
const SCALE_RUNS = command.run ? wholeNumber(command.values['scale-runs'], 'scale-runs', 1, 0, 5) : 0;
const badNumber = [RUNS, ACCOUNTS, GROUPS, SCALE_RUNS].find((value): value is string => typeof value === 'string');

interface Measure { seconds: number; cpuSeconds: number; maxRssMb: number; resources?: number; planCost?: ChildPlanCost }

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
  return { seconds: median(all.map((m) => m.seconds)), cpuSeconds: median(all.map((m) => m.cpuSeconds)), maxRssMb: median(all.map((m) => m.maxRssMb)), resources: all[0].resources, planCost: all[0].planCost };
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
    const environments = writeEnvironment(scratch, 'environments', shape);
    const ours = repeat('this project', RUNS as number, () => measureChild(['project', environments, join(scratch, 'project')]));
    const bare = repeat('bare cdktf app', RUNS as number, () => measureChild(['bare', String(shape.accounts), String(shape.groups), String(shape.permissionSets), join(scratch, 'bare'), String(PER_STACK)]));
    const assignments = shape.accounts * shape.groups;
    console.log(`generated organization: ${shape.accounts} accounts, ${shape.groups} groups, ${assignments} assignments (${ours.resources} resources, ${ours.planCost?.stacks} stacks)`);
    console.log(`  this project (YAML → validation → model → stacks → synth): ${figure(ours)}`);
    console.log(`  bare cdktf app, same resources in the same stacks:        ${figure(bare)}`);
    console.log(`  ratio: time ${(ours.seconds / bare.seconds).toFixed(2)}× wall, ${(ours.cpuSeconds / bare.cpuSeconds).toFixed(2)}× CPU (target ≤ 1.3×), memory ${(ours.maxRssMb / bare.maxRssMb).toFixed(2)}×; peak ${ours.maxRssMb < 400 ? 'under' : 'OVER'} the 400 MB target`);
    // The access report (ACCESS.md, access.json, access.html) is part of the synth above; its own share, in a fresh process.
    const report = repeat('access report', RUNS as number, () => measureChild(['access', environments, join(scratch, 'access')]));
    console.log(`  of which the access report (model/access.ts, ACCESS.md, access.json, access.html): ${report.seconds.toFixed(2)} s (${report.cpuSeconds.toFixed(2)} s CPU) (target < 1 s on top of the synth)`);

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
    console.log(`  adopted (an import map entry for each of the ${imports} resources): ${figure(adopted)} (${(adopted.seconds / ours.seconds).toFixed(2)}× the plain synth)`);
    if ((SCALE_RUNS as number) > 0) scale(scratch);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Assignments in each access stack: identityCenter.maxResourcesPerStack's default. */
const PER_STACK = DEFAULT_RESOURCES_PER_STACK;

const figure = (m: Measure) => `${m.seconds.toFixed(2)} s (${m.cpuSeconds.toFixed(2)} s CPU), peak ${m.maxRssMb.toFixed(0)} MB`;

/**
 * A generated environment in `<scratch>/<name>/bench.yaml`, with its shard record as it is once the
 * split has been applied (no "moved" entries): the steady state every later synth sees.
 */
function writeEnvironment(scratch: string, name: string, shape: { accounts: number; groups: number; permissionSets: number }): string {
  const environments = join(scratch, name);
  mkdirSync(environments);
  writeFileSync(join(environments, 'bench.yaml'), stringify(generatedConfig(shape)));
  const [model] = loadEnvironments(environments);
  if (model.access.record) writeFileSync(join(environments, 'bench.shards.json'), shardRecordText({ ...model.access.record, moved: {} }));
  return environments;
}

/** 1k to 100k assignments: linear cost, 50k within 600 MB and 1.3× the bare app, 100k complete, and what a plan costs. */
function scale(scratch: string): void {
  const shapes = [
    { accounts: 20, groups: 50 },
    { accounts: 200, groups: 50 },
    { accounts: 500, groups: 100 },
    { accounts: 1000, groups: 100 },
  ];
  console.log(`scale: assignments sharded into access stacks of ${PER_STACK} (identityCenter.maxResourcesPerStack), ${SCALE_RUNS} run(s) each, load average ${loadavg()[0].toFixed(1)}`);
  const measured: Array<{ assignments: number; m: Measure }> = [];
  for (const { accounts, groups } of shapes) {
    const shape = { accounts, groups, permissionSets: 5 };
    const assignments = accounts * groups;
    const environments = writeEnvironment(scratch, `scale-${assignments}`, shape);
    const m = repeat(`${assignments} assignments`, SCALE_RUNS as number, () => measureChild(['project', environments, join(scratch, `scale-${assignments}-out`)]));
    rmSync(join(scratch, `scale-${assignments}-out`), { recursive: true, force: true });
    measured.push({ assignments, m });
    const perResource = (m.cpuSeconds / m.resources!) * 1e6;
    console.log(`  ${String(assignments).padStart(6)} assignments (${m.resources} resources, ${m.planCost?.stacks} stacks): ${figure(m)}, ${perResource.toFixed(0)} µs CPU per resource`);
    if (assignments === 50_000) {
      const sameStacks = repeat('bare cdktf app, same stacks', SCALE_RUNS as number, () => measureChild(['bare', String(accounts), String(groups), '5', join(scratch, 'bare-50k'), String(PER_STACK)]));
      rmSync(join(scratch, 'bare-50k'), { recursive: true, force: true });
      const oneStack = repeat('bare cdktf app, one stack', SCALE_RUNS as number, () => measureChild(['bare', String(accounts), String(groups), '5', join(scratch, 'bare-50k-one')]));
      rmSync(join(scratch, 'bare-50k-one'), { recursive: true, force: true });
      console.log(`         bare cdktf app, same resources in the same stacks, one App: ${figure(sameStacks)}`);
      console.log(`         bare cdktf app, same resources in one identity-center stack: ${figure(oneStack)}`);
      const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
      console.log(`         50,000: peak ${m.maxRssMb.toFixed(0)} MB, ${m.maxRssMb < 600 ? 'under' : 'OVER'} the 600 MB target; against the same stacks: time ${ratio(m.seconds, sameStacks.seconds)} wall, ${ratio(m.cpuSeconds, sameStacks.cpuSeconds)} CPU (target ≤ 1.3×), memory ${ratio(m.maxRssMb, sameStacks.maxRssMb)}; against one stack: time ${ratio(m.seconds, oneStack.seconds)} wall, ${ratio(m.cpuSeconds, oneStack.cpuSeconds)} CPU, memory ${ratio(m.maxRssMb, oneStack.maxRssMb)}`);
      const cost = m.planCost!;
      console.log(`         plan cost (synth --costs): the largest stack ${cost.largest.stack} (${cost.largest.resources} resources) refreshes in at least ${formatDuration(cost.largest.seconds)}; all ${cost.stacks} stacks ${formatDuration(cost.totalSeconds)} (one rate per account); unsharded, one identity-center stack would take ${formatDuration(cost.unshardedSeconds)} per plan`);
    }
  }
  const [first] = measured;
  const marginal = measured.slice(1).map(({ assignments, m }) => `${assignments}: ${(((m.cpuSeconds - first.m.cpuSeconds) / (m.resources! - first.m.resources!)) * 1e6).toFixed(0)} µs`);
  console.log(`  CPU per resource beyond the ${first.assignments}-assignment run (start-up excluded): ${marginal.join(', ')}`);
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
