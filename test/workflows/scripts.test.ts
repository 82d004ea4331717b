/**
 * The scripts the workflows run between synth and Terraform, run here against the bundled
 * environments with the stand-in terraform (test/deploy/bin/terraform): the local-state guard,
 * the plan in two phases, and the apply that takes only the approved saved plans.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { readmeBlockAfter } from '../helpers/readme-examples';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const ROOT = resolve(__dirname, '..', '..');
const SCRIPTS = join(ROOT, '.github', 'scripts');
const STAND_IN = join(ROOT, 'test', 'deploy', 'bin');

interface Workspace {
  readonly dir: string;
  run(command: string, args: string[], extra?: NodeJS.ProcessEnv): { status: number | null; stdout: string; stderr: string };
  /** `<verb> <stack>` per stand-in terraform call in a stack directory. */
  calls(): string[];
}

const checkouts = new Map<'local' | 's3', string>();

/** The checkout of `backend`, synthesized the first time it is asked for. */
function synthesizedCheckout(backend: 'local' | 's3'): string {
  const known = checkouts.get(backend);
  if (known) return known;
  const dir = mkdtempSync(join(tmpdir(), 'workflow-scripts-checkout-'));
  made.push(dir);
  cpSync(join(ROOT, 'environments'), join(dir, 'environments'), { recursive: true });
  symlinkSync(join(ROOT, 'policies'), join(dir, 'policies'));
  symlinkSync(join(ROOT, 'dist'), join(dir, 'dist'));
  if (backend === 's3') {
    const file = join(dir, 'environments', 'prod.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^backend:\n  type: local.*\n/m, 'backend:\n  type: s3\n  bucket: example-corp-terraform-state\n  keyPrefix: identity-foundation/prod\n'));
  }
  const synth = spawnSync(process.execPath, [join(ROOT, 'dist', 'main.js'), '--env', 'prod', '--quiet'], { cwd: dir, encoding: 'utf8' });
  if (synth.status !== 0) throw new Error(synth.stderr);
  checkouts.set(backend, dir);
  return dir;
}

/**
 * A checkout with environments/prod.yaml synthesized into cdktf.out, its state in S3 or local. The synth
 * runs once per backend (node dist/main.js, as the workflow runs it); each test gets its own copy of that
 * checkout, so one test's plans, logs and tampering never reach another.
 */
function workspace(backend: 'local' | 's3'): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'workflow-scripts-'));
  made.push(dir);
  cpSync(synthesizedCheckout(backend), dir, { recursive: true, verbatimSymlinks: true });
  const log = join(dir, 'calls.jsonl');
  return {
    dir,
    run: (command, args, extra = {}) => {
      const result = spawnSync(command, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH: `${STAND_IN}${delimiter}${process.env.PATH}`, FAKE_TERRAFORM_LOG: log, GITHUB_OUTPUT: join(dir, 'github-output'), ...extra } });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    },
    calls: () =>
      existsSync(log)
        ? readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { args: string[]; cwd: string })
            .filter((call) => call.cwd.includes('/cdktf.out/stacks/'))
            .map((call) => `${call.args[0]} ${call.cwd.split('/').pop()}`)
        : [],
  };
}

const outputs = (space: Workspace) => Object.fromEntries(readFileSync(join(space.dir, 'github-output'), 'utf8').trim().split('\n').map((line) => line.split('=') as [string, string]));

describe('the local-state guard', () => {
  test('refuses the bundled (local state) environment, naming the file and the backend: block to add', () => {
    const space = workspace('local');
    const result = space.run(process.execPath, [join(SCRIPTS, 'require-remote-state.js')]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('::error file=environments/prod.yaml,title=Local state in CI::prod-baseline, prod-identity-center, prod-organization keep their state in local files');
    expect(result.stdout).toContain('Add a backend: block to environments/prod.yaml');
    expect(result.stdout).toContain('%0Abackend:%0A  type: s3%0A');
    expect(result.stderr).toContain('Refusing to run Terraform against local state');
  });

  test('lets an environment with state in S3 through', () => {
    const space = workspace('s3');
    const result = space.run(process.execPath, [join(SCRIPTS, 'require-remote-state.js')]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('plan in phases, apply only what was approved', () => {
  test('without new account IDs, all stacks are planned in one go, dependencies first', () => {
    const space = workspace('s3');
    const result = space.run('bash', [join(SCRIPTS, 'plan-stacks.sh'), 'all', '-lock=false']);
    if (result.status !== 0) throw new Error(result.stderr + result.stdout);
    expect(space.calls()).toEqual([
      'init prod-organization', 'plan prod-organization', 'show prod-organization',
      'init prod-baseline', 'plan prod-baseline', 'show prod-baseline',
      'init prod-identity-center', 'plan prod-identity-center', 'show prod-identity-center',
    ]);
    expect(outputs(space)).toMatchObject({ changes: 'false', deferred: 'false' });
  });

  test('when the organization plan changes account_ids, the stacks that read it wait for its apply', () => {
    const space = workspace('s3');
    const result = space.run('bash', [join(SCRIPTS, 'plan-stacks.sh'), 'all'], { FAKE_TERRAFORM_CHANGES: 'prod-organization' });
    if (result.status !== 0) throw new Error(result.stderr + result.stdout);
    expect(space.calls()).toEqual(['init prod-organization', 'plan prod-organization', 'show prod-organization']);
    expect(outputs(space)).toMatchObject({ changes: 'true', deferred: 'true' });
    expect(readFileSync(join(space.dir, 'cdktf.out', 'deferred-stacks.txt'), 'utf8').trim().split('\n')).toEqual(['prod-baseline', 'prod-identity-center']);
    // The second phase, after the apply, in the same run.
    const second = space.run('bash', [join(SCRIPTS, 'plan-stacks.sh'), 'second']);
    expect(second.status).toBe(0);
    expect(space.calls().slice(3).filter((call) => call.startsWith('plan'))).toEqual(['plan prod-baseline', 'plan prod-identity-center']);
  });

  test('the apply applies the saved plan files with the digest the plan reported, in order', () => {
    const space = workspace('s3');
    space.run('bash', [join(SCRIPTS, 'plan-stacks.sh'), 'all']);
    const { digest } = outputs(space);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    const before = space.calls().length;
    const result = space.run('bash', [join(SCRIPTS, 'apply-plans.sh'), digest]);
    if (result.status !== 0) throw new Error(result.stderr + result.stdout);
    expect(space.calls().slice(before).filter((call) => call.startsWith('apply'))).toEqual(['apply prod-organization', 'apply prod-baseline', 'apply prod-identity-center']);
    const log = readFileSync(join(space.dir, 'calls.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { args: string[] });
    expect(log.filter((call) => call.args[0] === 'apply').map((call) => call.args)).toEqual(Array(3).fill(['apply', '-input=false', 'plan.tfplan']));
  });

  test('a plan file that differs from the reviewed one, or another digest, is refused before any apply', () => {
    const space = workspace('s3');
    space.run('bash', [join(SCRIPTS, 'plan-stacks.sh'), 'all']);
    const { digest } = outputs(space);
    const wrongDigest = space.run('bash', [join(SCRIPTS, 'apply-plans.sh'), '0'.repeat(64)]);
    expect(wrongDigest.status).toBe(1);
    expect(wrongDigest.stderr).toContain('The saved plans are not the reviewed ones');
    appendFileSync(join(space.dir, 'cdktf.out', 'stacks', 'prod-identity-center', 'plan.tfplan'), 'changed after the review\n');
    const tampered = space.run('bash', [join(SCRIPTS, 'apply-plans.sh'), digest]);
    expect(tampered.status).toBe(1);
    expect(tampered.stderr).toContain('A saved plan differs from the one that was reviewed and approved');
    expect(space.calls().filter((call) => call.startsWith('apply'))).toEqual([]);
  });

  test('the deploy review names the saved plans and the digest the apply checks', () => {
    const space = workspace('s3');
    space.run('bash', [join(SCRIPTS, 'plan-stacks.sh'), 'all'], { FAKE_TERRAFORM_CHANGES: 'prod-organization' });
    const { digest } = outputs(space);
    const result = space.run('bash', [join(SCRIPTS, 'review-deploy.sh'), 'Deploy plan: prod', digest], { GITHUB_STEP_SUMMARY: join(space.dir, 'summary.md') });
    if (result.status !== 0) throw new Error(result.stderr + result.stdout);
    const review = readFileSync(join(space.dir, 'cdktf.out', 'review.md'), 'utf8');
    expect(review).toContain('## Deploy plan: prod');
    expect(review).toContain(`Saved plans: prod-organization; SHA-256 of their list (plans.sha256): \`${digest}\``);
    expect(review).toContain('Planned after this apply, in the same run (they read the new account IDs): prod-baseline, prod-identity-center.');
    expect(readFileSync(join(space.dir, 'summary.md'), 'utf8')).toBe(review);
  });
});

test('the README shows the local-state annotation as GitHub displays it', () => {
  const space = workspace('local');
  const result = space.run(process.execPath, [join(SCRIPTS, 'require-remote-state.js')]);
  const prod = result.stdout.split('\n').find((line) => line.startsWith('::error file=environments/prod.yaml'))!;
  const [, title, message] = /^::error file=[^,]+,title=([^:]+)::(.*)$/.exec(prod)!;
  expect(`${title}: ${message.replace(/%0A/g, '\n')}\n`).toBe(readmeBlockAfter('the annotation on the environment file reads:'));
});

test('only an output the dependent stacks read defers them: a changed output of a stack nothing reads does not', () => {
  const space = workspace('s3');
  // prod-baseline reads prod-organization; nothing reads prod-baseline or prod-identity-center.
  const result = space.run('bash', [join(SCRIPTS, 'plan-stacks.sh'), 'all'], { FAKE_TERRAFORM_CHANGES: 'prod-baseline' });
  if (result.status !== 0) throw new Error(result.stderr + result.stdout);
  expect(outputs(space)).toMatchObject({ changes: 'true', deferred: 'false' });
  expect(space.run(process.execPath, [join(SCRIPTS, 'defers-dependents.js'), 'prod-baseline']).stdout).toBe('false\n');
  expect(space.run(process.execPath, [join(SCRIPTS, 'defers-dependents.js'), 'prod-organization']).stdout).toBe('false\n');
});

