/**
 * .github/scripts/changed-stacks.js, the plan workflow's "plan only what changed": run on real synth
 * outputs of environments/prod.yaml (state in S3, as CI requires), once as on the base branch and once
 * with one thing changed, then on hand-edited copies for what must not count as a change.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

const script = require('../../.github/scripts/changed-stacks.js') as {
  compare(base: string, head: string): Selection;
  normalise(stack: object): object;
  readsOf(stacks: Map<string, { json: object; workingDirectory: string }>): { reads: Map<string, string[]>; unresolved: string[] };
};
/** The remote state reads of a synth output, from its JSON alone (not the manifest). */
const jsonReads = (out: string) => {
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { stacks: Record<string, { synthesizedStackPath: string; workingDirectory: string }> };
  const stacks = new Map(Object.entries(manifest.stacks).map(([name, entry]) => [name, { json: JSON.parse(readFileSync(join(out, entry.synthesizedStackPath), 'utf8')) as object, workingDirectory: entry.workingDirectory }]));
  const { reads, unresolved } = script.readsOf(stacks);
  return { reads: Object.fromEntries([...reads].filter(([, upstream]) => upstream.length > 0)), unresolved };
};
interface Selection {
  plan: string[];
  changed: string[];
  matrix: { include: Array<{ stack: string; reason: string }> };
  skipped: Array<{ stack: string; reason: string }>;
  gone: Array<{ stack: string; reason: string }>;
  reads: Record<string, string[]>;
  unresolved: string[];
}

const ROOT = resolve(__dirname, '..', '..');
const SCRIPT = join(ROOT, '.github', 'scripts', 'changed-stacks.js');
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A checkout of environments/ with prod in S3, `edit` applied to prod.yaml, synthesized; its cdktf.out. */
function synth(edit: (yaml: string) => string = (yaml) => yaml): string {
  const dir = mkdtempSync(join(tmpdir(), 'changed-stacks-'));
  made.push(dir);
  cpSync(join(ROOT, 'environments'), join(dir, 'environments'), { recursive: true });
  symlinkSync(join(ROOT, 'policies'), join(dir, 'policies'));
  const file = join(dir, 'environments', 'prod.yaml');
  const s3 = readFileSync(file, 'utf8').replace(/^backend:\n  type: local.*\n/m, 'backend:\n  type: s3\n  bucket: example-corp-terraform-state\n  keyPrefix: identity-foundation/prod\n');
  const edited = edit(s3);
  writeFileSync(file, edited);
  const result = spawnSync(process.execPath, [join(ROOT, 'dist', 'main.js'), '--env', 'prod', '--quiet'], { cwd: dir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return join(dir, 'cdktf.out');
}
/** A copy of a synth output, so a test can edit its JSON. */
function copyOf(out: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'changed-stacks-copy-'));
  made.push(dir);
  cpSync(out, join(dir, 'cdktf.out'), { recursive: true });
  return join(dir, 'cdktf.out');
}
const stackFile = (out: string, stack: string) => join(out, 'stacks', stack, 'cdk.tf.json');
const editStack = (out: string, stack: string, edit: (json: Record<string, any>) => Record<string, any>) =>
  writeFileSync(stackFile(out, stack), JSON.stringify(edit(JSON.parse(readFileSync(stackFile(out, stack), 'utf8')))));
const replaceIn = (yaml: string, from: string, to: string) => {
  if (!yaml.includes(from)) throw new Error(`prod.yaml no longer contains ${from}`);
  return yaml.replace(from, to);
};

/** prod with a permission set's session duration changed, synthesized once (two tests read it; the one that writes into it takes a copy). */
let sessionDurationSynth: string | undefined;
const sessionDurationChanged = () => (sessionDurationSynth ??= synth((yaml) => replaceIn(yaml, 'sessionDuration: PT8H', 'sessionDuration: PT4H')));

let base: string;
beforeAll(() => {
  base = synth();
});

describe('on two real synth outputs', () => {
  test('the same config synthesized twice plans nothing: the synth is deterministic', () => {
    const result = script.compare(base, synth());
    expect(result.plan).toEqual([]);
    expect(result.skipped.map(({ stack }) => stack)).toEqual(['prod-baseline', 'prod-identity-center', 'prod-organization']);
  });

  test("a permission set's session duration plans only the identity-center stack, and says why the others are skipped", () => {
    const head = sessionDurationChanged();
    const result = script.compare(base, head);
    expect(result.plan).toEqual(['prod-identity-center']);
    expect(result.matrix.include).toEqual([{ stack: 'prod-identity-center', reason: expect.stringMatching(/^changed: aws_ssoadmin_permission_set\.[\w-]+ changed$/) }]);
    expect(result.skipped).toEqual([
      { stack: 'prod-baseline', reason: 'synthesized Terraform identical to the base branch, and prod-organization (whose state it reads) unchanged' },
      { stack: 'prod-organization', reason: 'synthesized Terraform identical to the base branch' },
    ]);
  });

  test('an account tag changes the organization stack, and the stacks that read its state are planned after it', () => {
    const head = synth((yaml) => replaceIn(yaml, 'Owner: platform-team', 'Owner: network-team'));
    const result = script.compare(base, head);
    expect(result.changed).toEqual(['prod-organization']);
    expect(result.plan).toEqual(['prod-organization', 'prod-baseline', 'prod-identity-center']);
    expect(result.matrix.include).toEqual([
      { stack: 'prod-organization', reason: 'changed: aws_organizations_account.shared-network changed' },
      { stack: 'prod-baseline', reason: 'reads the state of prod-organization, which is planned' },
      { stack: 'prod-identity-center', reason: 'reads the state of prod-organization, which is planned' },
    ]);
    expect(result.skipped).toEqual([]);
  });

  test('the dependency graph read from the remote state data sources is the one cdktf records', () => {
    const result = jsonReads(base);
    const manifest = JSON.parse(readFileSync(join(base, 'manifest.json'), 'utf8')) as { stacks: Record<string, { dependencies: string[] }> };
    const recorded = Object.fromEntries(Object.entries(manifest.stacks).filter(([, stack]) => stack.dependencies.length > 0).map(([name, stack]) => [name, [...stack.dependencies].sort()]));
    expect(result.reads).toEqual(recorded);
    expect(result.reads).toEqual({ 'prod-baseline': ['prod-organization'], 'prod-identity-center': ['prod-organization'] });
    expect(result.unresolved).toEqual([]);
  });

  test('with local state too, the remote state files resolve to the stacks that write them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'changed-stacks-local-'));
    made.push(dir);
    cpSync(join(ROOT, 'environments'), join(dir, 'environments'), { recursive: true });
    symlinkSync(join(ROOT, 'policies'), join(dir, 'policies'));
    const synthLocal = spawnSync(process.execPath, [join(ROOT, 'dist', 'main.js'), '--env', 'prod', '--quiet'], { cwd: dir, encoding: 'utf8' });
    if (synthLocal.status !== 0) throw new Error(synthLocal.stderr);
    expect(jsonReads(join(dir, 'cdktf.out'))).toEqual({ reads: { 'prod-baseline': ['prod-organization'], 'prod-identity-center': ['prod-organization'] }, unresolved: [] });
  });

  test('with state in HCP Terraform workspaces, the remote backend reads resolve to the workspaces the stacks write', () => {
    const cloud = synth((yaml) => replaceIn(yaml, 'backend:\n  type: s3\n  bucket: example-corp-terraform-state\n  keyPrefix: identity-foundation/prod\n', 'backend:\n  type: cloud\n  organization: example-corp\n  workspacePrefix: identity-foundation\n'));
    expect(jsonReads(cloud)).toEqual({ reads: { 'prod-baseline': ['prod-organization'], 'prod-identity-center': ['prod-organization'] }, unresolved: [] });
  });
});

describe('what does not count as a change', () => {
  test("cdktf's metadata (construct paths, stack name, version) and the order of properties", () => {
    const head = copyOf(base);
    editStack(head, 'prod-organization', (json) => {
      json['//'] = { metadata: { version: '9.9.9', stackName: 'renamed' } };
      for (const byName of Object.values(json.resource as Record<string, Record<string, Record<string, unknown>>>)) {
        for (const block of Object.values(byName)) block['//'] = { metadata: { path: 'moved/elsewhere/in/the/tree', uniqueId: 'other' } };
      }
      // Every object with its properties in reverse order.
      const reversed = (value: unknown): unknown =>
        Array.isArray(value) ? value.map(reversed) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)])) : value;
      return reversed(json) as Record<string, unknown>;
    });
    expect(script.compare(base, head).changed).toEqual([]);
  });

  test('the order of import, moved and removed blocks, but not the order of a list attribute', () => {
    const blocks = { import: [{ to: 'aws_a.one', id: '1' }, { to: 'aws_a.two', id: '2' }], moved: [{ from: 'aws_a.x', to: 'aws_a.y' }, { from: 'aws_a.p', to: 'aws_a.q' }] };
    const reordered = { import: [...blocks.import].reverse(), moved: [...blocks.moved].reverse() };
    expect(script.normalise(reordered)).toEqual(script.normalise(blocks));
    const list = (order: string[]) => ({ resource: { aws_x: { y: { values: order } } } });
    expect(script.normalise(list(['a', 'b']))).not.toEqual(script.normalise(list(['b', 'a'])));
  });

  test('a property named "//" inside a value (a tag) is data and counts', () => {
    const tagged = (value: string) => ({ resource: { aws_x: { y: { tags: { '//': value } } } } });
    expect(script.normalise(tagged('one'))).not.toEqual(script.normalise(tagged('two')));
  });
});

describe('stacks that come and go', () => {
  test('a base without a synth output (a new environment, a failed base synth) plans every stack', () => {
    const result = script.compare(join(tmpdir(), 'no-such-synth-output'), base);
    expect(result.plan).toEqual(['prod-organization', 'prod-baseline', 'prod-identity-center']);
    expect(new Set(result.matrix.include.map(({ reason }) => reason))).toEqual(new Set(['the base branch has no synth output to compare with']));
  });

  test('a new kind of stack that reads another through remote state is planned when that one changes, with no change to the script', () => {
    // A stack like the sharded <env>-access-<shard> ones: it reads prod-identity-center's state.
    const withShard = (out: string) => {
      const json = JSON.parse(readFileSync(stackFile(out, 'prod-identity-center'), 'utf8')) as Record<string, any>;
      const remote = JSON.parse(readFileSync(stackFile(out, 'prod-baseline'), 'utf8')).data.terraform_remote_state.organization;
      const shard = {
        terraform: { backend: { s3: { ...json.terraform.backend.s3, key: 'identity-foundation/prod/prod-access-0.tfstate' } } },
        data: { terraform_remote_state: { identity_center: { ...remote, config: { ...remote.config, key: json.terraform.backend.s3.key } } } },
        resource: { aws_ssoadmin_account_assignment: { a: { instance_arn: '${data.terraform_remote_state.identity_center.outputs.instance_arn}' } } },
      };
      cpSync(join(out, 'stacks', 'prod-baseline'), join(out, 'stacks', 'prod-access-0'), { recursive: true });
      writeFileSync(stackFile(out, 'prod-access-0'), JSON.stringify(shard));
      const manifestFile = join(out, 'manifest.json');
      const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
      manifest.stacks['prod-access-0'] = { ...manifest.stacks['prod-baseline'], name: 'prod-access-0', constructPath: 'prod-access-0', dependencies: [], synthesizedStackPath: 'stacks/prod-access-0/cdk.tf.json', workingDirectory: 'stacks/prod-access-0' };
      writeFileSync(manifestFile, JSON.stringify(manifest));
      return out;
    };
    const before = withShard(copyOf(base));
    const unchanged = script.compare(before, withShard(copyOf(base)));
    expect(unchanged.reads['prod-access-0']).toEqual(['prod-identity-center']);
    expect(unchanged.plan).toEqual([]);
    const head = withShard(copyOf(base));
    editStack(head, 'prod-identity-center', (json) => ({ ...json, output: { ...json.output, extra: { value: 'x' } } }));
    const result = script.compare(before, head);
    expect(result.plan).toEqual(['prod-identity-center', 'prod-access-0']);
    expect(result.matrix.include[0].reason).toBe('changed: output.extra added');
    expect(result.matrix.include[1]).toEqual({ stack: 'prod-access-0', reason: 'reads the state of prod-identity-center, which is planned' });
    // And a new stack on its own is planned as new.
    expect(script.compare(base, head).matrix.include.find(({ stack }) => stack === 'prod-access-0')?.reason).toBe('new stack');
  });

  test('a stack the base had and the pull request no longer synthesizes is named, not planned', () => {
    const head = copyOf(base);
    const manifestFile = join(head, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    delete manifest.stacks['prod-baseline'];
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const result = script.compare(base, head);
    expect(result.gone).toEqual([{ stack: 'prod-baseline', reason: 'no longer synthesized: nothing plans it, and no workflow destroys its resources' }]);
    expect(result.plan).toEqual([]);
  });
});

describe('the command line, with plan-stacks.sh', () => {
  test('--write lists the selected stacks, and plan-stacks.sh with ONLY= plans just those', () => {
    const head = copyOf(sessionDurationChanged());
    const cli = spawnSync(process.execPath, [SCRIPT, '--base', base, '--head', head, '--write'], { encoding: 'utf8' });
    expect(cli.status).toBe(0);
    expect((JSON.parse(cli.stdout) as Selection).plan).toEqual(['prod-identity-center']);
    expect(cli.stderr).toBe('plan: prod-identity-center; skipped: prod-baseline prod-organization\n');
    expect(readFileSync(join(head, 'selected-stacks.txt'), 'utf8')).toBe('prod-identity-center\n');
    const comment = readFileSync(join(head, 'skipped-stacks.md'), 'utf8');
    expect(comment).toContain('**Not planned (unchanged):** `prod-baseline`, `prod-organization`.');
    expect(comment).toMatch(/\*\*Planned, and why:\*\*\n- `prod-identity-center`: changed: aws_ssoadmin_permission_set\.[\w-]+ changed\n/);
    expect(comment).toContain('- `prod-organization`: synthesized Terraform identical to the base branch\n');
    expect(comment).toContain('the nightly drift run, which plans every stack');

    const checkout = resolve(head, '..');
    const log = join(checkout, 'calls.jsonl');
    const plan = spawnSync('bash', [join(ROOT, '.github', 'scripts', 'plan-stacks.sh'), 'all', '-lock=false'], {
      cwd: checkout,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${join(ROOT, 'test', 'deploy', 'bin')}${delimiter}${process.env.PATH}`, FAKE_TERRAFORM_LOG: log, ONLY: 'cdktf.out/selected-stacks.txt', GITHUB_OUTPUT: join(checkout, 'github-output') },
    });
    if (plan.status !== 0) throw new Error(plan.stderr + plan.stdout);
    const calls = readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { args: string[]; cwd: string }).filter((call) => call.cwd.includes('/cdktf.out/stacks/'));
    expect(calls.map((call) => `${call.args[0]} ${call.cwd.split('/').pop()}`)).toEqual(['init prod-identity-center', 'plan prod-identity-center', 'show prod-identity-center']);
    expect(readFileSync(join(head, 'planned-stacks.txt'), 'utf8')).toBe('prod-identity-center\n');
  });

  test('without --base it says how to call it', () => {
    const cli = spawnSync(process.execPath, [SCRIPT], { encoding: 'utf8' });
    expect(cli.status).toBe(2);
    expect(cli.stderr).toContain('usage: changed-stacks.js --base');
  });
});
