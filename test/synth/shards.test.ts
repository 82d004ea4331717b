/**
 * Sharded assignment stacks (model/shards.ts, stacks/access-stack.ts), through the real synth: a
 * generated 5,000-assignment estate splits into stacks within the limit; adding accounts or groups
 * moves nothing; moving an account yields matching removed and import blocks and nothing else.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { generatedConfig } from '../../bench/generate';
import { loadEnvironmentText } from '../../config/load';
import type { ShardRecord } from '../../config/shard-map';
import type { EnvironmentModel } from '../../model/environment';
import { synthesize, type SynthesizedEnvironment } from '../../synth/synthesize';
import { formatSummary } from '../../synth/summary';
import { environmentsOfStacks } from '../../synth/cdktf-run';

type Json = Record<string, any>;

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function modelOf(config: Record<string, unknown>, record?: ShardRecord): EnvironmentModel {
  const result = loadEnvironmentText(stringify(config), 'environments/big.yaml', undefined, undefined, record);
  if (!result.ok) throw new Error(result.issues.map((issue) => `${issue.line}: ${issue.message}`).join('\n'));
  return result.model;
}

/** The synth's result, and every stack's JSON by name. */
function synthesized(model: EnvironmentModel): { results: SynthesizedEnvironment[]; stacks: Map<string, Json> } {
  const out = mkdtempSync(join(tmpdir(), 'shards-'));
  dirs.push(out);
  const results = synthesize([model], out);
  return { results, stacks: new Map(results[0].stacks.map((stack) => [stack.name, JSON.parse(readFileSync(stack.file, 'utf8')) as Json])) };
}

/** Every stack's JSON by name. */
const synthStacks = (model: EnvironmentModel): Map<string, Json> => synthesized(model).stacks;

/** `type.name` → the stack that holds it, for every resource. */
function stackOfEachResource(stacks: Map<string, Json>): Map<string, string> {
  const where = new Map<string, string>();
  for (const [name, json] of stacks) {
    for (const [type, byName] of Object.entries((json.resource ?? {}) as Json)) for (const address of Object.keys(byName)) where.set(`${type}.${address}`, name);
  }
  return where;
}

const resourceCount = (json: Json) => Object.values((json.resource ?? {}) as Json).reduce((sum: number, byName) => sum + Object.keys(byName).length, 0);

/** The record after its moves were applied: synth writes `moved` for the split; a person deletes it afterwards. */
const applied = (record: ShardRecord): ShardRecord => ({ ...record, moved: {} });

const estate = (accounts: number, groups: number) => generatedConfig({ accounts, groups, permissionSets: 5 });

describe('a generated estate of 5,000 assignments (200 accounts × 25 groups)', () => {
  const model = modelOf(estate(200, 25));
  // One synth of the estate, read by every test below (the summary is printed from the same result).
  const first = synthesized(model);
  const stacks = first.stacks;

  test('is sharded, and every access stack holds at most identityCenter.maxResourcesPerStack (1,000) resources', () => {
    expect(model.access.kind).toBe('sharded');
    const access = [...stacks].filter(([name]) => name.startsWith('big-access-'));
    expect(access.map(([name]) => name)).toEqual(['big-access-1', 'big-access-2', 'big-access-3', 'big-access-4', 'big-access-5']);
    for (const [name, json] of access) expect({ name, resources: resourceCount(json) }).toEqual({ name, resources: 1000 });
  });

  test('every assignment is in exactly one access stack, at its unsharded address, and none is left in identity-center', () => {
    const where = stackOfEachResource(stacks);
    const assignments = [...where].filter(([address]) => address.startsWith('aws_ssoadmin_account_assignment.'));
    expect(assignments).toHaveLength(5000);
    expect(assignments.filter(([, stack]) => !stack.startsWith('big-access-'))).toEqual([]);
    expect(where.get('aws_ssoadmin_account_assignment.group_group_0__set0__account-0')).toBeDefined();
    // An account's assignments share one stack.
    const stacksOfAccount = new Map<string, Set<string>>();
    for (const [address, stack] of assignments) {
      const account = address.split('__').pop()!;
      stacksOfAccount.set(account, new Set([...(stacksOfAccount.get(account) ?? []), stack]));
    }
    expect([...stacksOfAccount.values()].filter((set) => set.size > 1)).toEqual([]);
  });

  test('splitting the identity-center stack releases each assignment there and imports it in its access stack', () => {
    const ic = stacks.get('big-identity-center')!;
    const released = (ic.removed as Json[]).map((block) => block.from).sort();
    const imported = [...stacks].filter(([name]) => name.startsWith('big-access-')).flatMap(([, json]) => (json.import as Json[]).map((block) => block.to)).sort();
    expect(released).toHaveLength(5000);
    expect(imported).toEqual(released);
    expect((ic.removed as Json[]).every((block) => block.lifecycle.destroy === false)).toBe(true);
    expect(ic.terraform.required_version).toBe('>= 1.7.0, < 2.0.0');
  });

  test('the summary shows the shards, the record written and the moves', () => {
    const summary = formatSummary(first.results);
    expect(summary).toContain('  big-access-1                     1000 resources 40 accounts, 1000 assignments, 1000 imported');
    expect(summary).toContain('assignments sharded into 5 access stacks of at most 1,000 resources');
    expect(summary).toContain('shard record: wrote environments/big.shards.json: created it');
    expect(summary).toContain('    move    big-identity-center → big-access-1: 40 accounts, 1000 assignments');
  });

  test('an access stack reads the set ARN, the group ID and created accounts\' IDs from remote state, not from hashed cross-stack outputs', () => {
    const shard = stacks.get('big-access-1')!;
    const assignment = shard.resource.aws_ssoadmin_account_assignment['group_group_0__set0__account-0'];
    expect(assignment.permission_set_arn).toBe('${data.terraform_remote_state.identity_center.outputs.permission_set_arns.Set0}');
    expect(assignment.principal_id).toBe('${data.terraform_remote_state.identity_center.outputs.group_ids.group_0}');
    expect(assignment.target_id).toBe('${data.terraform_remote_state.organization.outputs.account_ids["account-0"]}');
    expect(Object.keys(shard.output ?? {})).toEqual([]);
  });

  describe('after the split is applied (record kept, "moved" deleted)', () => {
    const record = applied(model.access.record!);
    const before = synthStacks(modelOf(estate(200, 25), record));

    test('no stack has removed or import blocks any more', () => {
      for (const [name, json] of before) expect({ name, removed: json.removed, import: json.import }).toEqual({ name, removed: undefined, import: undefined });
    });

    test('adding accounts and groups changes no existing resource\'s stack or address', () => {
      const grown = modelOf(estate(230, 27), record);
      const after = stackOfEachResource(synthStacks(grown));
      const moved = [...stackOfEachResource(before)].filter(([address, stack]) => after.get(address) !== stack);
      expect(moved).toEqual([]);
      // The new accounts go where there is room, the existing ones stay: the record only grows.
      const change = grown.access.recordChange!;
      expect(change.placed.map((p) => p.account)).toEqual(Array.from({ length: 30 }, (_, i) => `account-${199 + i}`));
      for (const [shard, accounts] of Object.entries(record.shards)) expect(grown.access.record!.shards[shard].slice(0, accounts.length)).toEqual(accounts);
    });

    test('an account moved to another shard and renamed in the same synth is released at its old addresses too, never destroyed', () => {
      const moving = record.shards['1'][5];
      const config = estate(200, 25) as Json;
      config.organization.accounts['renamed-account'] = config.organization.accounts[moving];
      delete config.organization.accounts[moving];
      config.renames = { accounts: { [moving]: 'renamed-account' } };
      const moved: ShardRecord = {
        version: 1,
        shards: { ...record.shards, '1': record.shards['1'].filter((key) => key !== moving), '2': [...record.shards['2'], moving] },
        moved: { [moving]: '1' },
      };
      const after = synthStacks(modelOf(config, moved));
      const old = Object.keys(before.get('big-access-1')!.resource.aws_ssoadmin_account_assignment).filter((name) => name.endsWith(`__${moving}`)).map((name) => `aws_ssoadmin_account_assignment.${name}`).sort();
      const renamed = old.map((address) => address.replace(new RegExp(`__${moving}$`), '__renamed-account'));
      expect(old).toHaveLength(25);
      // The old shard's state holds the old addresses (the rename is not applied yet) or the new ones (it was): both are released.
      const removed = (after.get('big-access-1')!.removed as Json[]).map((block) => block.from).sort();
      expect(removed).toEqual([...old, ...renamed].sort());
      expect((after.get('big-access-2')!.import as Json[]).map((block) => block.to).sort()).toEqual(renamed);
      // A moved block only where its target is in the configuration.
      const resources = (name: string) => new Set(Object.keys(after.get(name)!.resource.aws_ssoadmin_account_assignment ?? {}).map((address) => `aws_ssoadmin_account_assignment.${address}`));
      for (const name of ['big-access-1', 'big-access-2']) expect({ name, stray: ((after.get(name)!.moved ?? []) as Json[]).filter((block) => !resources(name).has(block.to)) }).toEqual({ name, stray: [] });
    });

    test('moving an account to another shard yields matching removed and import blocks, and nothing else', () => {
      const moving = record.shards['1'][5];
      const moved: ShardRecord = {
        version: 1,
        shards: { ...record.shards, '1': record.shards['1'].filter((key) => key !== moving), '2': [...record.shards['2'], moving] },
        moved: { [moving]: '1' },
      };
      const after = synthStacks(modelOf(estate(200, 25), moved));
      const mine = (address: string) => address.endsWith(`__${moving}`);
      const assignmentsOf = (json: Json) => Object.keys(json.resource.aws_ssoadmin_account_assignment).filter(mine).map((name) => `aws_ssoadmin_account_assignment.${name}`).sort();
      const movedAssignments = assignmentsOf(before.get('big-access-1')!);
      expect(movedAssignments).toHaveLength(25);
      expect((after.get('big-access-1')!.removed as Json[]).map((block) => block.from).sort()).toEqual(movedAssignments);
      expect((after.get('big-access-2')!.import as Json[]).map((block) => block.to).sort()).toEqual(movedAssignments);
      expect(assignmentsOf(after.get('big-access-2')!)).toEqual(movedAssignments);
      // Each import ID is the provider's six-part ID of the same assignment.
      const anImport = (after.get('big-access-2')!.import as Json[]).find((block) => block.to === movedAssignments[0])!;
      expect(anImport.id).toBe(
        `\${data.terraform_remote_state.identity_center.outputs.group_ids.group_0},GROUP,\${data.terraform_remote_state.organization.outputs.account_ids["${moving}"]},AWS_ACCOUNT,` +
          '${data.terraform_remote_state.identity_center.outputs.permission_set_arns.Set0},${data.terraform_remote_state.identity_center.outputs.instance_arn}',
      );
      // Nothing else: the same stacks, every other stack as it was, the two stacks alike but for the account's resources, the blocks and the Terraform version they need.
      expect([...after.keys()]).toEqual([...before.keys()]);
      const normalized = (json: Json, drop: (address: string) => boolean) => {
        const copy = structuredClone(json);
        delete copy.removed;
        delete copy.import;
        delete copy.terraform.required_version;
        delete copy['//']; // cdktf's metadata, which lists the overrides (removed, import)
        for (const name of Object.keys(copy.resource.aws_ssoadmin_account_assignment ?? {})) {
          if (drop(name)) delete copy.resource.aws_ssoadmin_account_assignment[name];
          else delete copy.resource.aws_ssoadmin_account_assignment[name]['//'];
        }
        return copy;
      };
      for (const [name, json] of before) {
        if (name === 'big-access-1' || name === 'big-access-2') expect(normalized(after.get(name)!, mine)).toEqual(normalized(json, mine));
        else expect({ name, json: after.get(name) }).toEqual({ name, json });
      }
    });
  });
});

test('an environment under the limit with no shard record keeps its assignments in the identity-center stack, with no access stack and no new output', () => {
  const model = modelOf(estate(10, 5));
  expect(model.access.kind).toBe('single');
  const stacks = synthStacks(model);
  expect([...stacks.keys()]).toEqual(['big-organization', 'big-identity-center']);
  const ic = stacks.get('big-identity-center')!;
  expect(Object.keys(ic.resource.aws_ssoadmin_account_assignment)).toHaveLength(50);
  expect(Object.keys(ic.output)).toEqual(['access_portal_url', 'identity_store_id', 'instance_arn', 'permission_set_arns']);
  expect(ic.removed).toBeUndefined();
});

test('cdktf plan of an access stack synthesizes only its environment', () => {
  expect(environmentsOfStacks(['prod-access-2'])).toEqual(['prod']);
  expect(environmentsOfStacks(['prod-access-access-1', 'prod-access-organization'])).toEqual(['prod-access']);
});

test('synth writes a changed shard record beside the config, and --frozen-shards refuses to instead', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shards-main-'));
  dirs.push(dir);
  const environments = join(dir, 'environments');
  mkdirSync(environments);
  writeFileSync(join(environments, 'big.yaml'), stringify(estate(30, 40)));
  const main = join(__dirname, '..', '..', 'dist', 'main.js');
  const frozen = spawnSync(process.execPath, [main, '--environments', environments, '--out', join(dir, 'out'), '--quiet', '--frozen-shards'], { encoding: 'utf8' });
  expect(frozen.status).toBe(1);
  expect(frozen.stderr).toContain('big.shards.json: the shard record is out of date');
  expect(existsSync(join(environments, 'big.shards.json'))).toBe(false);
  const written = spawnSync(process.execPath, [main, '--environments', environments, '--out', join(dir, 'out'), '--quiet'], { encoding: 'utf8' });
  expect(written.status).toBe(0);
  const record = JSON.parse(readFileSync(join(environments, 'big.shards.json'), 'utf8'));
  expect(Object.keys(record.shards)).toEqual(['1', '2']);
  expect(Object.keys(record.moved)).toHaveLength(30);
  // The next synth finds the record up to date.
  expect(spawnSync(process.execPath, [main, '--environments', environments, '--out', join(dir, 'out'), '--quiet', '--frozen-shards'], { encoding: 'utf8' }).status).toBe(0);
});
