/**
 * Seeded fuzzing of the main job (bench/fuzz-cases.ts; `npm run fuzz` runs thousands): every case
 * is loaded in-process, and a sample of every class runs as a user runs dist/main.js, with an earlier
 * good cdktf.out in place. A failure names the replay command.
 */
import { fuzzCase, outputProblems, type FuzzCase } from '../bench/fuzz-cases';
import { bundledTexts, goodOutput, runInProcess, runProcess, type Outcome } from '../bench/fuzz-run';

const SEED = 20261201;
const CASES = 250;
const bases = bundledTexts();
const cases: FuzzCase[] = Array.from({ length: CASES }, (_, id) => fuzzCase(SEED, id, bases));

const report = (outcomes: readonly Outcome[]) =>
  outcomes.filter((outcome) => outcome.problems.length > 0).map((outcome) => `case ${outcome.case.id} (${outcome.case.kind}: ${outcome.case.label.slice(0, 80)}; npm run fuzz -- --seed ${SEED} --only ${outcome.case.id}): ${outcome.problems.slice(0, 3).join(' | ')}`);

jest.setTimeout(120_000);

describe('fuzzed environment files', () => {
  test('the generator covers every class of hostile input', () => {
    expect(new Set(cases.map((c) => c.kind))).toEqual(new Set(['object', 'text', 'bytes', 'files', 'argv']));
  });

  test(`${CASES} seeded cases through the loader: ConfigError or models, every issue located with a fix, no internal error`, () => {
    expect(report(cases.filter((c) => c.argv.length === 0).map(runInProcess))).toEqual([]);
  });

  test('a sample of every class as a process: exit 0/1/2, clean output, in time and memory, earlier output untouched on failure', () => {
    const good = goodOutput();
    const sample = ['bytes', 'files', 'argv', 'text', 'object', 'text'].map((kind, i) => cases.filter((c) => c.kind === kind)[i] ?? cases[i]);
    const outcomes = sample.map((c) => runProcess(c, good));
    expect(report(outcomes)).toEqual([]);
    expect(outcomes.some((outcome) => outcome.exitCode === 1)).toBe(true);
  });

  test('the output check itself catches a stack trace, a missing fix and :0:0', () => {
    expect(outputProblems('TypeError: x\n    at foo (/a/b.js:1:2)\n')).not.toEqual([]);
    expect(outputProblems('f.yaml has 1 issue:\n  f.yaml:3:4  region\n    bad\n')).toEqual(['an issue without a fix: "  f.yaml:3:4  region"']);
    expect(outputProblems('f.yaml has 1 issue:\n  f.yaml:0:0  region\n    bad\n    fix: x\n')).toEqual(['a position :0:0']);
    expect(outputProblems('f.yaml has 1 issue:\n  f.yaml:3:4  region\n    bad\n    fix: x\n')).toEqual([]);
  });
});
