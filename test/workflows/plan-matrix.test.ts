/**
 * One plan job a stack (.github/scripts/plan-matrix.js, second-phase.js and the jobs of plan.yml and
 * drift.yml around them): the matrix the select job computes on real synth outputs of a sharded
 * environment, batching over GitHub's matrix limit, the second phase held back by a first-phase plan,
 * and the plan and review steps of plan.yml run as written, with the stand-in terraform.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { parse } from 'yaml';

interface Job { environment: string; stack: string; phase: 'first' | 'second'; reason: string; stacks: string; id: string }
interface Matrix { environments: string[]; first: { include: Job[] }; second: { include: Job[] }; jobs: number }
const { planMatrix, batched, MATRIX_LIMIT } = require('../../.github/scripts/plan-matrix.js') as {
  planMatrix(synth: string, options?: { all?: boolean; limit?: number }): Matrix;
  batched(stacks: Array<Omit<Job, 'stacks' | 'id'>>, limit: number): Job[];
  MATRIX_LIMIT: number;
};
const { secondPhase } = require('../../.github/scripts/second-phase.js') as {
  secondPhase(synth: string, first: { include: Job[] }, second: { include: Job[] }): { matrix: { include: Job[] }; deferred: Record<string, string>; blocked: Record<string, string> };
};

interface Step { name?: string; id?: string; uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string>; 'working-directory'?: string }
interface WorkflowJob { name?: string; needs?: string | string[]; if?: string; outputs?: Record<string, string>; strategy?: { matrix: unknown }; env?: Record<string, string>; steps?: Step[] }
const ROOT = resolve(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'main.js');
const STAND_IN = join(ROOT, 'test', 'deploy', 'bin');
const workflowText = (name: string) => readFileSync(join(ROOT, '.github', 'workflows', name), 'utf8');
const jobs = (name: string) => (parse(workflowText(name)) as { jobs: Record<string, WorkflowJob> }).jobs;
const step = (job: WorkflowJob, name: string) => job.steps!.find((s) => s.name === name)!;

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const temporary = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
};

/** A checkout with the sharded fixture (shop: organization, identity-center, access-1 … access-3) and prod, `edit` applied to shop.yaml. */
function shopCheckout(edit: (yaml: string) => string = (yaml) => yaml): string {
  const dir = temporary('plan-matrix-checkout-');
  cpSync(join(ROOT, 'test', 'fixtures', 'sharded'), join(dir, 'environments'), { recursive: true });
  cpSync(join(ROOT, 'environments', 'prod.yaml'), join(dir, 'environments', 'prod.yaml'));
  symlinkSync(join(ROOT, 'policies'), join(dir, 'policies'));
  const file = join(dir, 'environments', 'shop.yaml');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  return dir;
}
/** node dist/main.js --env <env> --out <out> --frozen-shards, as the select job runs it. */
function synthInto(checkout: string, environment: string, out: string) {
  const result = spawnSync(process.execPath, [MAIN, '--env', environment, '--out', out, '--frozen-shards', '--quiet'], { cwd: checkout, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
}
const replaceIn = (yaml: string, from: string, to: string) => {
  if (!yaml.includes(from)) throw new Error(`the fixture no longer contains ${from}`);
  return yaml.replace(from, to);
};
// One more assignment on the audit account only: shop.shards.json keeps audit in shard 3.
const AUDIT_ASSIGNMENT = (yaml: string) => replaceIn(yaml, 'permissionSets: [ReadOnly]\n      accounts: [audit]', 'permissionSets: [ReadOnly, PowerUser]\n      accounts: [audit]');

/** A workspace as the select job leaves it: synth/<env>/head and synth/<env>/base for shop (edited) and prod (unchanged). */
function selectWorkspace(edit: (yaml: string) => string): string {
  const dir = temporary('plan-matrix-');
  const [base, head] = [shopCheckout(), shopCheckout(edit)];
  for (const environment of ['shop', 'prod']) {
    synthInto(base, environment, join(dir, 'synth', environment, 'base'));
    synthInto(head, environment, join(dir, 'synth', environment, 'head'));
  }
  return dir;
}

/** The select workspace of AUDIT_ASSIGNMENT, synthesized once; each caller gets its own copy (the select job writes into it). */
let auditSynth: string | undefined;
function auditWorkspace(): string {
  auditSynth ??= selectWorkspace(AUDIT_ASSIGNMENT);
  const dir = temporary('plan-matrix-');
  cpSync(auditSynth, dir, { recursive: true });
  return dir;
}

const stacksOf = (matrix: { include: Job[] }) => matrix.include.flatMap((job) => job.stacks.split(' '));

describe('the select job on two real synth outputs', () => {
  let dir: string;
  let matrix: Matrix;
  beforeAll(() => {
    dir = auditWorkspace();
    matrix = planMatrix(join(dir, 'synth'));
  });

  test("a new assignment on one account of a sharded environment plans only that account's shard, one job", () => {
    expect(matrix.environments).toEqual(['prod', 'shop']);
    expect(matrix.first.include).toEqual([]);
    expect(matrix.second.include).toEqual([
      {
        environment: 'shop',
        stack: 'shop-access-3',
        phase: 'second',
        reason: 'changed: aws_ssoadmin_account_assignment.user_jane_doe_at_example_com__poweruser__audit added',
        stacks: 'shop-access-3',
        id: 'shop-access-3',
      },
    ]);
    expect(matrix.jobs).toBe(1);
  });

  test("each environment's selection is written for its review: the unchanged environment plans nothing", () => {
    expect(readFileSync(join(dir, 'synth', 'shop', 'head', 'selected-stacks.txt'), 'utf8')).toBe('shop-access-3\n');
    expect(readFileSync(join(dir, 'synth', 'prod', 'head', 'selected-stacks.txt'), 'utf8')).toBe('');
    const skipped = readFileSync(join(dir, 'synth', 'shop', 'head', 'skipped-stacks.md'), 'utf8');
    expect(skipped).toContain('**Not planned (unchanged):** `shop-access-1`, `shop-access-2`, `shop-identity-center`, `shop-organization`.');
    expect(skipped).toContain('- `shop-access-3`: changed: aws_ssoadmin_account_assignment.user_jane_doe_at_example_com__poweruser__audit added');
  });

  test("a changed account plans the organization in the first phase and every stack that reads it in the second", () => {
    const tagged = planMatrix(join(selectWorkspace((yaml) => replaceIn(yaml, 'name: Shop Dev', 'name: Shop Development')), 'synth'));
    expect(tagged.first.include.map((job) => [job.stack, job.reason])).toEqual([['shop-organization', 'changed: aws_organizations_account.dev changed']]);
    // The manifest's order, dependencies first: the access stacks read identity-center too.
    expect(stacksOf(tagged.second)).toEqual(['shop-identity-center', 'shop-access-1', 'shop-access-2', 'shop-access-3']);
    for (const job of tagged.second.include) expect(job.reason).toMatch(/^reads the state of shop-(organization|identity-center), which is planned$/);
  });

  test('the drift run (--all) plans every stack of every environment exactly once, in its phase', () => {
    const all = planMatrix(join(dir, 'synth'), { all: true });
    for (const environment of ['prod', 'shop']) {
      const manifest = JSON.parse(readFileSync(join(dir, 'synth', environment, 'head', 'manifest.json'), 'utf8')) as { stacks: Record<string, { dependencies: string[] }> };
      const planned = [...all.first.include, ...all.second.include].filter((job) => job.environment === environment);
      expect(planned.map((job) => job.stack).sort()).toEqual(Object.keys(manifest.stacks).sort());
      for (const job of planned) expect(job.phase).toBe(manifest.stacks[job.stack].dependencies.length === 0 ? 'first' : 'second');
    }
    expect(stacksOf(all.first)).toEqual(['prod-organization', 'shop-organization']);
  });

  test('on real synth outputs over a limit, the jobs batch stacks of one environment and phase and still plan every stack once', () => {
    const all = planMatrix(join(dir, 'synth'), { all: true, limit: 4 });
    expect(all.jobs).toBe(4);
    expect([...all.first.include, ...all.second.include].map((job) => [job.environment, job.phase, job.stacks])).toEqual([
      ['prod', 'first', 'prod-organization'],
      ['shop', 'first', 'shop-organization'],
      ['prod', 'second', 'prod-baseline prod-identity-center'],
      ['shop', 'second', 'shop-identity-center shop-access-1 shop-access-2 shop-access-3'],
    ]);
    expect(all.second.include[1]).toMatchObject({ stack: 'shop-identity-center … shop-access-3 (4 stacks)', id: 'second-batch-1' });
  });

  test('the command line prints the matrices as one JSON line for $GITHUB_OUTPUT, and a summary on stderr', () => {
    const cli = spawnSync(process.execPath, [join(ROOT, '.github', 'scripts', 'plan-matrix.js'), '--synth', join(dir, 'synth'), '--limit', '250'], { encoding: 'utf8' });
    expect(cli.status).toBe(0);
    expect(cli.stdout.trim().split('\n')).toHaveLength(1);
    expect((JSON.parse(cli.stdout) as Matrix).second.include.map((job) => job.stack)).toEqual(['shop-access-3']);
    expect(cli.stderr).toBe('1 plan jobs: first phase (none); second phase shop-access-3\n');
    const usage = spawnSync(process.execPath, [join(ROOT, '.github', 'scripts', 'plan-matrix.js')], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('usage: plan-matrix.js --synth');
  });
});

describe('over the matrix limit', () => {
  // 50 shards in prod and 30 in dev, the organization and identity-center of each.
  const stacks = (environment: string, shards: number) => [
    { environment, stack: `${environment}-organization`, phase: 'first' as const, reason: 'changed' },
    { environment, stack: `${environment}-identity-center`, phase: 'second' as const, reason: 'reads' },
    ...Array.from({ length: shards }, (_, i) => ({ environment, stack: `${environment}-access-${i + 1}`, phase: 'second' as const, reason: 'reads' })),
  ];
  const estate = [...stacks('dev', 30), ...stacks('prod', 50)];

  test("GitHub's limit is 256 jobs a matrix", () => {
    expect(MATRIX_LIMIT).toBe(256);
  });

  test('under the limit, one job a stack', () => {
    const result = batched(estate, 256);
    expect(result).toHaveLength(estate.length);
    expect(result.every((job) => job.stacks === job.stack && job.id === job.stack)).toBe(true);
  });

  test('over it, consecutive stacks of one environment and phase share a job, within the limit, each stack once', () => {
    const result = batched(estate, 20);
    expect(result.length).toBeLessThanOrEqual(20);
    expect(result.flatMap((job) => job.stacks.split(' '))).toEqual(estate.map((entry) => entry.stack));
    for (const job of result) {
      const members = job.stacks.split(' ');
      expect(estate.filter((entry) => members.includes(entry.stack)).every((entry) => entry.environment === job.environment && entry.phase === job.phase)).toBe(true);
    }
    // k = 5: the organizations alone (2 jobs) + ceil(31 / 5) + ceil(51 / 5) = 2 + 7 + 11 = 20.
    expect(result.filter((job) => job.environment === 'prod' && job.phase === 'second').map((job) => job.stack)).toEqual([
      'prod-identity-center … prod-access-4 (5 stacks)',
      ...Array.from({ length: 9 }, (_, i) => `prod-access-${5 * i + 5} … prod-access-${5 * i + 9} (5 stacks)`),
      'prod-access-50',
    ]);
    expect(new Set(result.map((job) => `${job.environment} ${job.id}`)).size).toBe(result.length);
  });

  test('the same selection always gives the same jobs', () => {
    expect(batched(estate, 20)).toEqual(batched([...estate], 20));
  });

  test('more environment phases than jobs is an error that says what to do', () => {
    expect(() => batched(estate, 3)).toThrow('4 environment phases to plan, more than the 3 jobs a run can hold');
  });
});

describe('the second phase', () => {
  let dir: string;
  let all: Matrix;
  beforeEach(() => {
    dir = temporary('plan-matrix-second-');
    synthInto(shopCheckout(), 'shop', join(dir, 'synth', 'shop', 'head'));
    all = planMatrix(join(dir, 'synth'), { all: true });
  });
  const planOf = (stack: string, outputChanges: object) => {
    mkdirSync(join(dir, 'synth', 'shop', 'head', 'stacks', stack), { recursive: true });
    writeFileSync(join(dir, 'synth', 'shop', 'head', 'stacks', stack, 'plan.json'), JSON.stringify({ output_changes: outputChanges }));
  };

  test('runs when the first-phase plans change no output it reads', () => {
    planOf('shop-organization', { account_ids: { actions: ['no-op'] } });
    expect(secondPhase(join(dir, 'synth'), all.first, all.second)).toEqual({ matrix: all.second, deferred: {}, blocked: {} });
  });

  test("waits for the deploy when the organization's plan changes the account IDs the shards read", () => {
    planOf('shop-organization', { account_ids: { actions: ['update'] } });
    const result = secondPhase(join(dir, 'synth'), all.first, all.second);
    expect(result.matrix.include).toEqual([]);
    expect(result.deferred).toEqual({ shop: 'shop-identity-center shop-access-1 shop-access-2 shop-access-3' });
  });

  test("drift.yml's second-phase step, run as written, reports the held-back stacks as not planned for the issue", () => {
    const artifact = join(dir, 'plans', 'plan_shop_shop-organization', 'shop-organization');
    mkdirSync(artifact, { recursive: true });
    writeFileSync(join(artifact, 'plan.json'), JSON.stringify({ output_changes: { account_ids: { actions: ['update'] } } }));
    symlinkSync(join(ROOT, '.github'), join(dir, '.github'));
    const script = jobs('drift.yml')['second-phase'].steps!.find((s) => s.id === 'decide')!.run!;
    const result = spawnSync('bash', ['-e', '-o', 'pipefail', '-c', script], { cwd: dir, encoding: 'utf8', env: { ...process.env, FIRST: JSON.stringify(all.first), SECOND: JSON.stringify(all.second), GITHUB_OUTPUT: join(dir, 'github-output') } });
    if (result.status !== 0) throw new Error(result.stderr + result.stdout);
    expect(readFileSync(join(dir, 'github-output'), 'utf8')).toContain('jobs=0\n');
    expect(JSON.parse(readFileSync(join(dir, 'drift', 'shop-held.json'), 'utf8'))).toEqual({ environment: 'shop', outcome: 'success', changed: [], unplanned: ['shop-identity-center', 'shop-access-1', 'shop-access-2', 'shop-access-3'] });
  });

  test('is not planned, and says so, when a first-phase plan is missing (its job failed)', () => {
    const result = secondPhase(join(dir, 'synth'), all.first, all.second);
    expect(result.matrix.include).toEqual([]);
    expect(result.blocked).toEqual({ shop: 'shop-identity-center shop-access-1 shop-access-2 shop-access-3' });
  });
});

describe("plan.yml's plan and review steps, run as written", () => {
  const plan = jobs('plan.yml');
  /** Runs a step's script with bash in `cwd`, the stand-in terraform first on PATH. */
  const runStep = (script: string, cwd: string, env: NodeJS.ProcessEnv) =>
    spawnSync('bash', ['-e', '-o', 'pipefail', '-c', script], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${STAND_IN}${delimiter}${process.env.PATH}`, RUNNER_TEMP: temporary('runner-temp-'), GITHUB_OUTPUT: join(cwd, 'github-output'), GITHUB_STEP_SUMMARY: join(cwd, 'summary.md'), FAKE_TERRAFORM_LOG: join(cwd, 'calls.jsonl'), ...env },
    });
  /** The selection workspace with the repository's scripts and build, as the jobs check them out. */
  let template: string | undefined;
  function jobWorkspace(): string {
    if (template === undefined) {
      template = auditWorkspace();
      planMatrix(join(template, 'synth'));
    }
    const dir = temporary('plan-matrix-job-');
    cpSync(join(template, 'synth'), join(dir, 'synth'), { recursive: true });
    symlinkSync(join(ROOT, '.github'), join(dir, '.github'));
    symlinkSync(join(ROOT, 'dist'), join(dir, 'dist'));
    return dir;
  }
  /** What the plan job's upload and the review job's download (merge-multiple) do: plans/<stack>/ into the environment's stacks/. */
  const restorePlans = (dir: string, environment: string) => {
    if (existsSync(join(dir, 'plans'))) cpSync(join(dir, 'plans'), join(dir, 'synth', environment, 'head', 'stacks'), { recursive: true });
  };

  test("the plan job plans its one stack, and the review reviews exactly the environment's planned stacks", () => {
    const dir = jobWorkspace();
    const [job] = planMatrix(join(dir, 'synth')).second.include;
    const planned = runStep(step(plan['plan-second'], 'Plan').run!, dir, { ENVIRONMENT: job.environment, PHASE: job.phase, STACKS: job.stacks, OUT: `synth/${job.environment}/head` });
    if (planned.status !== 0) throw new Error(planned.stderr + planned.stdout);
    const calls = readFileSync(join(dir, 'calls.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { args: string[]; cwd: string });
    expect(calls.map((call) => `${call.args[0]} ${call.cwd.split('/').pop()}`)).toEqual(['init shop-access-3', 'plan shop-access-3', 'show shop-access-3']);
    expect(readdirSync(join(dir, 'plans'))).toEqual(['shop-access-3']);
    expect(readdirSync(join(dir, 'plans', 'shop-access-3'))).toEqual(['plan.json']); // never the saved plan

    restorePlans(dir, 'shop');
    const reviewed = runStep(step(plan.review, 'Review').run!, dir, { ENVIRONMENT: 'shop', TITLE: 'Plan review: shop', OUT: 'synth/shop/head', DEFERRED: '', BLOCKED: '' });
    if (reviewed.status !== 0) throw new Error(reviewed.stderr + reviewed.stdout);
    expect(readFileSync(join(dir, 'synth', 'shop', 'head', 'planned-stacks.txt'), 'utf8')).toBe('shop-access-3\n');
    const review = readFileSync(join(dir, 'review.md'), 'utf8');
    expect(review.split('\n')[0]).toBe('<!-- plan-review: Plan review: shop -->');
    expect(review).toContain('**Not planned (unchanged):** `shop-access-1`, `shop-access-2`, `shop-identity-center`, `shop-organization`.');
    expect(readFileSync(join(dir, 'github-output'), 'utf8')).toContain('exit-code=0');
  });

  test("the select job's outputs are the matrices, and second-phase passes an undeferred second phase through", () => {
    const dir = jobWorkspace();
    const outputs = (file: string) => Object.fromEntries(readFileSync(file, 'utf8').trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
    const selected = runStep(step(plan.select, 'Select the stacks to plan').run!, dir, { ENVIRONMENTS: '["prod","shop"]' });
    if (selected.status !== 0) throw new Error(selected.stderr + selected.stdout);
    const select = outputs(join(dir, 'github-output'));
    expect(Object.keys(select).sort()).toEqual(Object.keys(plan.select.outputs!).sort());
    expect(select).toMatchObject({ 'first-jobs': '0', 'second-jobs': '1', first: '{"include":[]}' });
    expect((JSON.parse(select.second) as { include: Job[] }).include.map((job) => job.stack)).toEqual(['shop-access-3']);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain('| shop / shop-access-3 | second | shop-access-3 | changed: aws_ssoadmin_account_assignment.');

    rmSync(join(dir, 'github-output'));
    const decided = runStep(step(plan['second-phase'], 'Which second-phase stacks to plan now').run!, dir, { FIRST: select.first, SECOND: select.second });
    if (decided.status !== 0) throw new Error(decided.stderr + decided.stdout);
    const second = outputs(join(dir, 'github-output'));
    expect(Object.keys(second).sort()).toEqual(Object.keys(plan['second-phase'].outputs!).sort());
    expect(second).toEqual({ matrix: select.second, jobs: '1', deferred: '{}', blocked: '{}' });
  });

  test('an environment with nothing selected gets its comment', () => {
    const dir = jobWorkspace();
    const reviewed = runStep(step(plan.review, 'Review').run!, dir, { ENVIRONMENT: 'prod', TITLE: 'Plan review: prod', OUT: 'synth/prod/head', DEFERRED: '', BLOCKED: '' });
    if (reviewed.status !== 0) throw new Error(reviewed.stderr + reviewed.stdout);
    expect(readFileSync(join(dir, 'review.md'), 'utf8')).toContain('**No stack to plan:** no stack of this environment changed.');
  });

  test('a selected stack without its plan (its job failed) fails the review: nothing is reviewed', () => {
    const dir = jobWorkspace();
    const reviewed = runStep(step(plan.review, 'Review').run!, dir, { ENVIRONMENT: 'shop', TITLE: 'Plan review: shop', OUT: 'synth/shop/head', DEFERRED: '', BLOCKED: '' });
    expect(reviewed.status).toBe(1);
    expect(reviewed.stdout).toContain('::error::No plan of shop-access-3');
    expect(existsSync(join(dir, 'review.md'))).toBe(false);
  });

  test('stacks deferred to deploy are not expected, and the comment names them', () => {
    const dir = jobWorkspace();
    const reviewed = runStep(step(plan.review, 'Review').run!, dir, { ENVIRONMENT: 'shop', TITLE: 'Plan review: shop', OUT: 'synth/shop/head', DEFERRED: 'shop-access-3', BLOCKED: '' });
    if (reviewed.status !== 0) throw new Error(reviewed.stderr + reviewed.stdout);
    expect(readFileSync(join(dir, 'synth', 'shop', 'head', 'planned-stacks.txt'), 'utf8')).toBe('');
    expect(readFileSync(join(dir, 'review.md'), 'utf8')).toContain('**Planned at deploy, after the organization is applied:** shop-access-3.');
  });
});

describe('the jobs are wired to each other', () => {
  const plan = jobs('plan.yml');
  const drift = jobs('drift.yml');

  test.each([
    ['plan.yml', plan],
    ['drift.yml', drift],
  ])('%s: one job a stack in two phases, named "plan (<env> / <stack>)", the second after second-phase', (_name, all) => {
    expect(all['plan-first'].needs).toBe('select');
    expect(all['second-phase'].needs).toEqual(['select', 'plan-first']);
    expect(all['plan-second'].needs).toEqual(['select', 'second-phase']);
    for (const id of ['plan-first', 'plan-second']) expect(all[id].name).toBe('plan (${{ matrix.environment }} / ${{ matrix.stack }})');
    expect(all['plan-first'].strategy?.matrix).toBe('${{ fromJSON(needs.select.outputs.first) }}');
    expect(all['plan-second'].strategy?.matrix).toBe('${{ fromJSON(needs.second-phase.outputs.matrix) }}');
    // An empty matrix is an error in GitHub: each job runs only when its matrix has a job.
    expect(all['plan-first'].if).toBe('fromJSON(needs.select.outputs.first-jobs) > 0');
    // !cancelled(), not always(): a newer push cancels the run (concurrency), and always() would still start these.
    expect(all['plan-second'].if).toBe("${{ !cancelled() && needs.second-phase.result == 'success' && fromJSON(needs.second-phase.outputs.jobs) > 0 }}");
    expect(all['second-phase'].if).toBe("${{ !cancelled() && needs.select.result == 'success' && fromJSON(needs.select.outputs.second-jobs) > 0 }}");
  });

  test('plan.yml: the two phases run the same steps', () => {
    expect(plan['plan-second'].steps).toEqual(plan['plan-first'].steps);
  });

  test('the matrix fields the plan jobs read are the ones plan-matrix.js writes', () => {
    const entry = batched([{ environment: 'prod', stack: 'prod-organization', phase: 'first', reason: 'changed' }], 256)[0];
    for (const name of ['plan.yml', 'drift.yml']) {
      const used = [...workflowText(name).matchAll(/matrix\.(\w+)/g)].map((match) => match[1]);
      const planJobs = ['plan-first', 'plan-second'].map((id) => JSON.stringify(jobs(name)[id]));
      const inPlanJobs = new Set(planJobs.flatMap((text) => [...text.matchAll(/matrix\.(\w+)/g)].map((match) => match[1])));
      expect([...inPlanJobs].filter((field) => !(field in entry))).toEqual([]);
      expect(used.length).toBeGreaterThan(0);
    }
  });

  test.each(['plan.yml', 'drift.yml', 'deploy-environment.yml', 'expiry.yml'])('%s: every needs.<job>.outputs.<name> is an output of a job it needs, and every output is written', (name) => {
    const all = jobs(name);
    for (const [id, job] of Object.entries(all)) {
      const needs = [job.needs ?? []].flat();
      for (const [, other, output] of JSON.stringify(job).matchAll(/needs\.([\w-]+)\.outputs\.([\w-]+)/g)) {
        expect({ id, other, needed: needs.includes(other) }).toEqual({ id, other, needed: true });
        expect({ other, output, declared: output in (all[other].outputs ?? {}) }).toEqual({ other, output, declared: true });
      }
      for (const [output, value] of Object.entries(job.outputs ?? {})) {
        const [, stepId, stepOutput] = /^\$\{\{ steps\.([\w-]+)\.outputs\.([\w-]+) \}\}$/.exec(value)!;
        const writer = job.steps!.find((s) => s.id === stepId);
        expect({ output, step: writer?.id }).toEqual({ output, step: stepId });
        // A run step of ours writes it with echo "<name>=…" (a script or an action may write its own).
        if (writer?.run?.includes('>> "$GITHUB_OUTPUT"') && !/plan-stacks\.sh/.test(writer.run)) expect({ output, writes: writer.run.includes(`${stepOutput}=`) }).toEqual({ output, writes: true });
      }
    }
  });

  test('plan.yml: the synth outputs go from select to every plan job, and each plan job\'s plans to its environment\'s review', () => {
    const upload = (job: WorkflowJob) => job.steps!.filter((s) => s.uses?.startsWith('actions/upload-artifact@')).map((s) => s.with);
    const download = (job: WorkflowJob) => job.steps!.filter((s) => s.uses?.startsWith('actions/download-artifact@')).map((s) => s.with);
    expect(upload(plan.select)).toEqual([expect.objectContaining({ name: 'synth', path: 'synth/ # never a plan: none is made here'.split(' #')[0] })]);
    for (const id of ['plan-first', 'second-phase', 'plan-second', 'review']) expect(download(plan[id])).toContainEqual({ name: 'synth', path: 'synth' });
    for (const id of ['plan-first', 'plan-second']) {
      expect(upload(plan[id])).toEqual([expect.objectContaining({ name: 'plan_${{ matrix.environment }}_${{ matrix.id }}', path: 'plans/', 'retention-days': 1 })]);
      expect(plan[id].env?.OUT).toBe('synth/${{ matrix.environment }}/head');
    }
    expect(download(plan['second-phase'])).toContainEqual({ pattern: 'plan_*', path: 'plans' });
    expect(download(plan.review)).toContainEqual({ pattern: 'plan_${{ matrix.environment }}_*', 'merge-multiple': true, path: 'synth/${{ matrix.environment }}/head/stacks' });
    expect(plan.review.env?.OUT).toBe('synth/${{ matrix.environment }}/head');
    // "_" separates: environment names are [a-z0-9-] (plan.yml's list), so plan_prod_* never matches plan_prod-eu_….
    expect(workflowText('plan.yml')).toContain("grep -E '^[a-z0-9-]+$'");
  });

  test('plan.yml: every environment is reviewed (one comment each), and the verdict needs every job', () => {
    expect(plan.review.strategy?.matrix).toEqual({ environment: '${{ fromJSON(needs.changes.outputs.names) }}' });
    expect(plan.review.if).toBe("${{ !cancelled() && needs.changes.outputs.plan == 'true' }}");
    expect(plan.verdict.needs).toEqual(['changes', 'select', 'plan-first', 'second-phase', 'plan-second', 'review']);
  });

  test('drift.yml: every stack (--all), each job reporting its result, merged in the report', () => {
    expect(step(drift.select, 'List every stack').run).toContain('plan-matrix.js --synth synth --all');
    expect(drift.report.needs).toEqual(['select', 'plan-first', 'second-phase', 'plan-second']);
    for (const id of ['plan-first', 'plan-second']) expect(drift[id].steps!.find((s) => s.name === 'Keep the result')?.with?.name).toBe('drift_${{ matrix.environment }}_${{ matrix.id }}');
    expect(drift.report.steps!.find((s) => s.uses?.startsWith('actions/download-artifact@'))?.with?.pattern).toBe('drift_*');
  });
});

describe('CI never rewrites the shard record', () => {
  const synthCommands = (name: string) =>
    Object.values(jobs(name)).flatMap((job) => (job.steps ?? []).filter((s) => s['working-directory'] !== 'base').flatMap((s) => (s.run ?? '').split('\n').filter((line) => line.includes('node dist/main.js'))));

  test.each(['plan.yml', 'drift.yml', 'deploy-environment.yml', 'expiry.yml'])('%s synthesizes with --frozen-shards', (name) => {
    expect(synthCommands(name).length).toBeGreaterThan(0);
    for (const line of synthCommands(name)) expect(line).toContain('--frozen-shards');
  });

  test('a pull request that adds an account to a sharded environment without its record entry fails, telling the author what to commit', () => {
    const checkout = shopCheckout((yaml) => replaceIn(yaml, '    audit:\n', '    sandbox:\n      name: Shop Sandbox\n      email: aws-shop-sandbox@example.com\n      ou: Workloads/Dev\n    audit:\n'));
    const result = spawnSync(process.execPath, [MAIN, '--env', 'shop', '--out', join(checkout, 'synth', 'shop', 'head'), '--frozen-shards', '--quiet'], { cwd: checkout, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('environments/shop.shards.json: the shard record is out of date (new, forgotten or renamed accounts): run npm run synth and commit environments/shop.shards.json');
    expect(readFileSync(join(checkout, 'environments', 'shop.shards.json'), 'utf8')).toBe(readFileSync(join(ROOT, 'test', 'fixtures', 'sharded', 'shop.shards.json'), 'utf8'));
  });
});
