/**
 * Seeded mutations of real plans (test/fixtures/plans/real: `terraform show -json` of this project's
 * stacks, and of hostile configs) through the review as a user runs it. A plan is untrusted input: a
 * mutated one must be reviewed (exit 0 or 3) or refused as unreadable (exit 4, with a message), never
 * stop the review with an internal error, and no rule may fail on it (a failing rule is reported as a
 * finding that says so, which would make every such plan need approval for the wrong reason).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../review/cli';

const SEED = 20261202;
const CASES = 240;
const REAL = join(__dirname, '..', 'fixtures', 'plans', 'real');
const plans = readdirSync(REAL)
  .filter((file) => file.endsWith('.json'))
  .map((file) => ({ file, plan: JSON.parse(readFileSync(join(REAL, file), 'utf8')) as unknown }));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Names every object answers through its prototype, and other strings that have broken parsers. */
const HOSTILE_STRINGS = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', '', '*', '*:*', 'iam:*', '${each.key}', '\u0000', 'é😀\u2028', '"\\', 'x'.repeat(5_000)];
const HOSTILE_VALUES: ReadonlyArray<() => Json> = [
  ...HOSTILE_STRINGS.map((text) => () => text),
  () => null,
  () => true,
  () => 0,
  () => -1.5e300,
  () => [],
  () => ({}),
  () => [[[]]],
  () => ({ __proto__: { a: 1 } }) as unknown as Json,
  () => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'constructor:*', Resource: '*', Condition: { __proto__: { x: '1' } } }] }),
  () => JSON.stringify({ Statement: { Effect: 'Deny', NotAction: [], Resource: [null] } }),
  () => '{"Statement": [',
];

/** A small deterministic generator (a linear congruential one), so a failure replays. */
function generator(seed: number): (below: number) => number {
  let state = seed % 2147483647 || 1;
  return (below) => {
    state = (state * 48271) % 2147483647;
    return state % below;
  };
}

/** Every container in the value, with how to replace a member of it. */
function containers(value: Json, found: Array<{ [key: string]: Json } | Json[]> = []): Array<{ [key: string]: Json } | Json[]> {
  if (value !== null && typeof value === 'object') {
    found.push(value);
    for (const item of Array.isArray(value) ? value : Object.values(value)) containers(item, found);
  }
  return found;
}

function mutate(plan: Json, random: (below: number) => number): string[] {
  const done: string[] = [];
  const all = containers(plan);
  for (let count = 1 + random(4); count > 0; count--) {
    const target = all[random(all.length)];
    const hostile = HOSTILE_VALUES[random(HOSTILE_VALUES.length)]();
    if (Array.isArray(target)) {
      if (target.length === 0 || random(4) === 0) target.push(hostile);
      else target[random(target.length)] = hostile;
      done.push(`array element ← ${JSON.stringify(hostile)?.slice(0, 40)}`);
      continue;
    }
    const keys = Object.keys(target);
    if (keys.length === 0 || random(3) === 0) {
      // A key of its own: JSON.parse makes `__proto__` an own property, as Terraform's JSON would hold it.
      const key = HOSTILE_STRINGS[random(HOSTILE_STRINGS.length)];
      Object.defineProperty(target, key, { value: hostile, enumerable: true, writable: true, configurable: true });
      done.push(`member ${JSON.stringify(key).slice(0, 20)} ← ${JSON.stringify(hostile)?.slice(0, 40)}`);
    } else {
      const key = keys[random(keys.length)];
      target[key] = hostile;
      done.push(`.${key} ← ${JSON.stringify(hostile)?.slice(0, 40)}`);
    }
  }
  return done;
}

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'fuzz-plans-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('the generator has real plans to start from', () => {
  expect(plans.length).toBeGreaterThanOrEqual(5);
});

test(`${CASES} seeded mutations of real plans: reviewed or refused as unreadable, never an internal error or a failing rule`, async () => {
  const problems: string[] = [];
  const codes = new Set<number>();
  for (let id = 0; id < CASES; id++) {
    const random = generator(SEED + id);
    const { file, plan } = plans[random(plans.length)];
    const copy = JSON.parse(JSON.stringify(plan)) as Json;
    const mutations = mutate(copy, random);
    const input = join(dir, `case-${id}.json`);
    // Every third case indented as `jq .` writes it: read by brackets, not by Terraform's layout.
    writeFileSync(input, id % 3 === 0 ? JSON.stringify(copy, null, 2) : JSON.stringify(copy));
    let stderr = '';
    const label = `case ${id} (${file}: ${mutations.join('; ')})`;
    try {
      const code = await main(['--json', join(dir, `case-${id}.review.json`), '--markdown', join(dir, `case-${id}.md`), input], {
        stdout: () => undefined,
        stderr: (text) => void (stderr += text),
      });
      codes.add(code);
      if (![0, 3, 4].includes(code)) problems.push(`${label}: exit ${code}: ${stderr.slice(0, 200)}`);
      else if (code === 4 && !stderr.includes(input)) problems.push(`${label}: exit 4 without naming the file: ${stderr.slice(0, 200)}`);
      else if (code !== 4) {
        const report = JSON.parse(readFileSync(join(dir, `case-${id}.review.json`), 'utf8')) as { findings: Array<{ reason: string }> };
        const failed = report.findings.filter((finding) => finding.reason.includes('the rule failed'));
        if (failed.length > 0) problems.push(`${label}: ${failed[0].reason.slice(0, 200)}`);
      }
    } catch (error) {
      problems.push(`${label}: internal error: ${(error as Error).stack?.split('\n').slice(0, 3).join(' | ')}`);
    }
    rmSync(input, { force: true });
  }
  expect(problems).toEqual([]);
  // The mutations reach both outcomes: some plans stay reviewable, some are refused.
  expect([...codes].some((code) => code === 0 || code === 3)).toBe(true);
  expect(codes.has(4)).toBe(true);
});
