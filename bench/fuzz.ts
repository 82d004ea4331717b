/**
 * `npm run fuzz`: thousands of generated hostile environment files (bench/fuzz-cases.ts), each
 * loaded in-process, and a sample run as a user runs dist/main.js. Prints the counts by class,
 * the slowest cases, the peak memory of the process runs, and every failure with its seed and case,
 * so one can be replayed with --seed S --only N. Exits 1 when any case failed.
 */
import { formatBytes } from '../config/read-file';
import { parseCommandLine, progress, progressDone, usageError, wholeNumber, type CommandSpec } from '../lib/cli';
import { fuzzCase } from './fuzz-cases';
import { bundledTexts, goodOutput, MEMORY_LIMIT_MB, runInProcess, runProcess, TIME_LIMIT_MS, type Outcome } from './fuzz-run';

const COMMAND: CommandSpec = {
  usage: 'node dist/bench/fuzz.js',
  summary: [
    'Generates hostile environment files from a seed and checks every outcome: exit 0, 1 or 2, no stack',
    'trace or internal error text, every issue with file, line, config path and a fix, under',
    `${TIME_LIMIT_MS / 1000} s and ${MEMORY_LIMIT_MB} MB, and a failed run leaves an earlier good cdktf.out as it was.`,
  ].join('\n'),
  options: {
    cases: { type: 'string', value: 'N', description: 'cases loaded in-process, 1–100000 (default: 3000)' },
    processes: { type: 'string', value: 'N', description: 'of those, cases also run as a process of dist/main.js, 0–10000 (default: 60)' },
    seed: { type: 'string', value: 'S', description: 'seed (default: 1); the same seed makes the same cases' },
    only: { type: 'string', value: 'ID', description: 'run only case ID of the seed, in-process and as a process, and print it' },
  },
  exitCodes: [[0, 'every case passed'], [1, 'a case failed (printed)'], [2, 'bad command line']],
  examples: ['npm run fuzz', 'npm run fuzz -- --cases 500 --seed 7', 'npm run fuzz -- --seed 7 --only 123'],
};

function main(argv: string[]): number {
  const command = parseCommandLine<{ cases?: string; processes?: string; seed?: string; only?: string }>(COMMAND, argv);
  if (!command.run) return command.exitCode;
  const cases = wholeNumber(command.values.cases, 'cases', 3000, 1, 100000);
  const processes = wholeNumber(command.values.processes, 'processes', 60, 0, 10000);
  const seed = wholeNumber(command.values.seed, 'seed', 1, 0, 999999999);
  const only = command.values.only === undefined ? undefined : wholeNumber(command.values.only, 'only', 0, 0, 999999999);
  const bad = [cases, processes, seed, only].find((value): value is string => typeof value === 'string');
  if (bad) return usageError(COMMAND, bad);

  const bases = bundledTexts();
  const ids = only !== undefined ? [only as number] : Array.from({ length: cases as number }, (_, i) => i);
  const every = only !== undefined ? 1 : Math.max(1, Math.floor((cases as number) / Math.max(1, processes as number)));
  const good = (processes as number) > 0 || only !== undefined ? goodOutput() : '';
  const outcomes: Outcome[] = [];
  const processOutcomes: Outcome[] = [];
  const byKind = new Map<string, number>();
  const started = Date.now();
  for (const id of ids) {
    const fuzz = fuzzCase(seed as number, id, bases);
    if (only !== undefined) console.log(`case ${id} (${fuzz.kind}): ${fuzz.label}; files ${Object.entries(fuzz.files).map(([name, content]) => `${name} (${typeof content === 'string' || Buffer.isBuffer(content) ? formatBytes(content.length) : content.special})`).join(', ')}; argv ${JSON.stringify(fuzz.argv)}`);
    byKind.set(fuzz.kind, (byKind.get(fuzz.kind) ?? 0) + 1);
    if (fuzz.argv.length === 0) outcomes.push(runInProcess(fuzz));
    if (only !== undefined || (id % every === 0 && processOutcomes.length < (processes as number))) processOutcomes.push(runProcess(fuzz, good));
    if (id % 50 === 0) progress(`fuzz: case ${id + 1} of ${ids.length}, ${processOutcomes.length} as processes…`);
  }
  progressDone();
  const failed = [...outcomes, ...processOutcomes].filter((outcome) => outcome.problems.length > 0);
  const slowest = [...outcomes].sort((a, b) => b.ms - a.ms).slice(0, 3);
  const peak = Math.max(0, ...processOutcomes.map((outcome) => outcome.rssMb ?? 0));
  const slowestProcess = Math.max(0, ...processOutcomes.map((outcome) => outcome.ms));
  const exits = new Map<number, number>();
  for (const outcome of processOutcomes) exits.set(outcome.exitCode ?? -1, (exits.get(outcome.exitCode ?? -1) ?? 0) + 1);
  console.log(`fuzz seed ${seed}: ${ids.length} cases (${[...byKind].map(([kind, n]) => `${kind} ${n}`).join(', ')}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`  in-process: ${outcomes.length} loads, slowest ${slowest.map((o) => `${o.ms.toFixed(0)} ms (#${o.case.id} ${o.case.label.slice(0, 40)})`).join(', ')}`);
  console.log(`  as processes: ${processOutcomes.length} runs of dist/main.js, exit codes ${[...exits].sort(([a], [b]) => a - b).map(([code, n]) => `${code}×${n}`).join(', ')}; slowest ${(slowestProcess / 1000).toFixed(2)} s (limit ${TIME_LIMIT_MS / 1000} s), peak ${peak.toFixed(0)} MB (limit ${MEMORY_LIMIT_MB} MB)`);
  console.log(`  failed: ${failed.length}`);
  for (const outcome of failed.slice(0, 50)) {
    console.log(`  case ${outcome.case.id} (${outcome.case.kind}: ${outcome.case.label.slice(0, 100)}), replay: npm run fuzz -- --seed ${seed} --only ${outcome.case.id}`);
    for (const problem of outcome.problems.slice(0, 5)) console.log(`    ${problem}`);
  }
  return failed.length > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
