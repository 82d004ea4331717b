/**
 * Adopting an estate too large for one identity-center stack: discovery writes every assignment's
 * import entry under `<env>-identity-center` (the map describes AWS, not the layout), synth shards the
 * assignments into `<env>-access-<n>` stacks, and each shard must adopt the entries of its own
 * assignments: imported, not created, and no entry left unused.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeAdoption } from '../../adopt/write-adoption';
import { loadEnvironments } from '../../config/load';
import { shardRecordText, type ShardRecord } from '../../config/shard-map';
import { synthesize } from '../../synth/synthesize';
import { parse, stringify } from 'yaml';
import type { Estate } from '../../adopt/estate';
import { adoptEstate } from '../../adopt/estate-to-environment';
import { formatSummary } from '../../synth/summary';
import { synthAdopted } from '../helpers/adoption';

type Json = Record<string, any>;

const guides = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'estates', 'guides-estate.json'), 'utf8')) as Estate;
const INSTANCE = 'arn:aws:sso:::instance/ssoins-7223aaaabbbbcccc';
const POWER_USER = 'arn:aws:sso:::permissionSet/ssoins-7223aaaabbbbcccc/ps-3333cccc4444dddd';

/** The guides' estate with `accounts` more member accounts and `groups` more groups, each group given PowerUser on each new account. */
export function largeEstate(accounts: number, groups: number): Estate {
  const org = guides.organization;
  const ic = guides.identityCenter;
  const newAccounts = Array.from({ length: accounts }, (_, i) => ({
    id: String(500000000000 + i),
    name: `Workload ${i}`,
    email: `workload-${i}@guides.example.com`,
    parentId: 'ou-ab12-prod0001',
    status: 'ACTIVE',
    tags: {},
  }));
  const newGroups = Array.from({ length: groups }, (_, g) => ({ id: `9067-group-team-${g}`, displayName: `Team ${g}` }));
  const assignments = newAccounts.flatMap((account) => newGroups.map((group) => ({ permissionSetArn: POWER_USER, accountId: account.id, principalType: 'GROUP', principalId: group.id })));
  return {
    ...guides,
    organization: { ...org, accounts: [...org.accounts, ...newAccounts] },
    identityCenter: { ...ic, groups: [...ic.groups, ...newGroups], assignments: [...ic.assignments, ...assignments] },
  } as Estate;
}

/** The adopted YAML with identityCenter.maxResourcesPerStack set. */
function withLimit(yaml: string, limit: number | undefined): string {
  if (limit === undefined) return yaml;
  const config = parse(yaml);
  config.identityCenter.maxResourcesPerStack = limit;
  return stringify(config);
}

function adoptSharded(accounts: number, groups: number, limit?: number) {
  const adoption = adoptEstate(largeEstate(accounts, groups), 'guides');
  const adopted = synthAdopted(adoption, withLimit(adoption.yaml, limit));
  const stackJson = (name: string): Json => JSON.parse(readFileSync(join(adopted.root, 'cdktf.out', 'stacks', name, 'cdk.tf.json'), 'utf8'));
  return { adoption, ...adopted, stackJson };
}

describe('adopting an estate of 1,200 assignments (40 accounts × 30 groups) with the default limit of 1,000', () => {
  const { result, stackJson } = adoptSharded(40, 30);
  const environment = result.environment;
  const accessStacks = result.stacks.filter((stack) => stack.name.startsWith('guides-access-'));

  test('is sharded into access stacks', () => {
    expect(environment.access.kind).toBe('sharded');
    expect(accessStacks.length).toBeGreaterThan(1);
  });

  test('every assignment in an access stack is imported with the ID discovery wrote, none created', () => {
    const reports = new Map(result.imports!.stacks.map((stack) => [stack.stack, stack]));
    let imported = 0;
    for (const { name } of accessStacks) {
      const json = stackJson(name);
      const addresses = Object.keys(json.resource.aws_ssoadmin_account_assignment).map((address) => `aws_ssoadmin_account_assignment.${address}`);
      const blocks = new Map<string, string>((json.import ?? []).map((block: { to: string; id: string }) => [block.to, block.id]));
      expect({ name, missing: addresses.filter((address) => !blocks.has(address)) }).toEqual({ name, missing: [] });
      expect({ name, withoutEntry: reports.get(name)?.withoutEntry }).toEqual({ name, withoutEntry: [] });
      imported += addresses.length;
    }
    expect(imported).toBe(environment.identityCenter.assignments.length);
    const workload = accessStacks.map(({ name }) => stackJson(name)).find((json) => json.resource.aws_ssoadmin_account_assignment['group_team_0__poweruser__workload-0'])!;
    const block = workload.import.find((candidate: { to: string }) => candidate.to === 'aws_ssoadmin_account_assignment.group_team_0__poweruser__workload-0');
    // A literal ID from the map, not the expression a move between shards would use.
    expect(block.id).toBe(`9067-group-team-0,GROUP,500000000000,AWS_ACCOUNT,${POWER_USER},${INSTANCE}`);
    expect(workload.import.filter((candidate: { to: string }) => candidate.to === block.to)).toHaveLength(1);
  });

  test('no stack reports an entry unused or a resource without one', () => {
    for (const stack of result.imports!.stacks) {
      expect({ stack: stack.stack, withoutEntry: stack.withoutEntry, unused: stack.unusedEntries }).toEqual({ stack: stack.stack, withoutEntry: [], unused: [] });
    }
  });

  test('the summary names the access stacks as the ones that import the assignments', () => {
    const summary = formatSummary([result]);
    for (const { name } of accessStacks) {
      const count = Object.keys(stackJson(name).resource.aws_ssoadmin_account_assignment).length;
      expect(summary).toContain(`    import  ${name}: ${count} resources`);
    }
    expect(summary).toContain(`    import  guides-identity-center: ${stackJson('guides-identity-center').import.length} resources`);
    expect(summary).toMatch(/0 without an entry \(created\), 0 entries unused/);
    expect(summary).toContain('zero-diff: what AWS has matches the config for every imported resource');
  });

  test('the summary does not tell an adopted estate to delete "moved": its assignments exist in AWS, never applied or not', () => {
    const summary = formatSummary([result]);
    expect(summary).toContain('moving between stacks');
    expect(summary).not.toContain('never applied has nothing to move');
  });
});

/** The adopted config edited: group `Team 0` renamed (declared under renames:), account `workload-0` renamed without a declaration (same email: a detected rename). */
function renamedYaml(yaml: string): string {
  const config = parse(yaml);
  const groups = config.identityCenter.groups;
  config.identityCenter.groups = Object.fromEntries(Object.entries(groups).map(([name, group]) => [name === 'Team 0' ? 'Team Zero' : name, group]));
  const accounts = config.organization.accounts;
  config.organization.accounts = Object.fromEntries(Object.entries(accounts).map(([key, account]) => [key === 'workload-0' ? 'payments' : key, account]));
  for (const assignment of config.identityCenter.assignments) {
    if (assignment.group === 'Team 0') assignment.group = 'Team Zero';
    if (Array.isArray(assignment.accounts)) assignment.accounts = assignment.accounts.map((key: string) => (key === 'workload-0' ? 'payments' : key));
  }
  config.renames = { groups: { 'Team 0': 'Team Zero' } };
  return stringify(config);
}

describe('renames in an adopted estate that is sharded (the map has every assignment under identity-center)', () => {
  const adoption = adoptEstate(largeEstate(40, 30), 'guides');
  const { root, result } = synthAdopted(adoption, renamedYaml(adoption.yaml));
  const stackJson = (name: string): Json => JSON.parse(readFileSync(join(root, 'cdktf.out', 'stacks', name, 'cdk.tf.json'), 'utf8'));
  const accessNames = result.stacks.map((stack) => stack.name).filter((name) => name.startsWith('guides-access-'));
  const movedIn = (name: string): Array<{ from: string; to: string }> => stackJson(name).moved ?? [];
  const allMoves = () => accessNames.flatMap(movedIn);

  test('a declared group rename moves its assignments in the access stacks that hold them, each still imported', () => {
    const moves = allMoves().filter((move) => move.to.includes('group_team_zero__'));
    expect(moves).toHaveLength(40);
    expect(moves).toContainEqual({ from: 'aws_ssoadmin_account_assignment.group_team_0__poweruser__workload-5', to: 'aws_ssoadmin_account_assignment.group_team_zero__poweruser__workload-5' });
    for (const name of accessNames) {
      const resources = Object.keys(stackJson(name).resource.aws_ssoadmin_account_assignment).map((address) => `aws_ssoadmin_account_assignment.${address}`);
      // Terraform refuses a moved block to an address its configuration lacks.
      expect({ name, stray: movedIn(name).filter((move) => !resources.includes(move.to)) }).toEqual({ name, stray: [] });
    }
    const holder = accessNames.find((name) => stackJson(name).resource.aws_ssoadmin_account_assignment['group_team_zero__poweruser__workload-5'])!;
    const block = stackJson(holder).import.find((candidate: { to: string }) => candidate.to === 'aws_ssoadmin_account_assignment.group_team_zero__poweruser__workload-5');
    expect(block.id).toBe(`9067-group-team-0,GROUP,500000000005,AWS_ACCOUNT,${POWER_USER},${INSTANCE}`);
  });

  test('a detected account rename (same email) moves the account in the organization stack and its assignments in their access stack', () => {
    expect(stackJson('guides-organization').moved).toContainEqual({ from: 'aws_organizations_account.workload-0', to: 'aws_organizations_account.payments' });
    const moves = allMoves().filter((move) => move.to.endsWith('__payments'));
    expect(moves).toHaveLength(30);
    expect(moves).toContainEqual({ from: 'aws_ssoadmin_account_assignment.group_team_1__poweruser__workload-0', to: 'aws_ssoadmin_account_assignment.group_team_1__poweruser__payments' });
    // The assignment of both renamed names: one move, from where the map has it.
    expect(moves).toContainEqual({ from: 'aws_ssoadmin_account_assignment.group_team_0__poweruser__workload-0', to: 'aws_ssoadmin_account_assignment.group_team_zero__poweruser__payments' });
  });

  test('nothing is created, nothing is left unused, no rename is declined', () => {
    for (const stack of result.imports!.stacks) {
      expect({ stack: stack.stack, withoutEntry: stack.withoutEntry, unused: stack.unusedEntries, declined: stack.declinedRenames }).toEqual({ stack: stack.stack, withoutEntry: [], unused: [], declined: [] });
    }
  });

  test('identity-center releases the old addresses without destroying them, in case its state holds them from before the split', () => {
    const removed: string[] = (stackJson('guides-identity-center').removed ?? []).map((block: { from: string }) => block.from);
    expect(removed).toContain('aws_ssoadmin_account_assignment.group_team_0__poweruser__workload-5');
    expect(removed).toContain('aws_ssoadmin_account_assignment.group_team_zero__poweruser__workload-5');
    expect(new Set(removed).size).toBe(removed.length);
  });
});

describe('a map that lists assignments under access stacks (written after sharding, or before an account moved between shards)', () => {
  test('each entry is adopted by the stack that holds the assignment now, and none is unused', () => {
    const adoption = adoptEstate(largeEstate(40, 30), 'guides');
    const ic = adoption.importMap.stacks['guides-identity-center'];
    const assignments = Object.keys(ic).filter((address) => address.startsWith('aws_ssoadmin_account_assignment.'));
    // Half under a shard that may not hold them (the wrong one for some), half left under identity-center.
    const elsewhere = Object.fromEntries(assignments.filter((_, index) => index % 2 === 0).map((address) => [address, ic[address]]));
    for (const address of Object.keys(elsewhere)) delete ic[address];
    const moved = { ...adoption, importMap: { ...adoption.importMap, stacks: { ...adoption.importMap.stacks, 'guides-access-2': elsewhere } } };
    const { result } = synthAdopted(moved);
    for (const stack of result.imports!.stacks) {
      expect({ stack: stack.stack, withoutEntry: stack.withoutEntry.length, unused: stack.unusedEntries.length }).toEqual({ stack: stack.stack, withoutEntry: 0, unused: 0 });
    }
    const imported = result.imports!.stacks.filter((stack) => stack.stack.startsWith('guides-access-')).reduce((sum, stack) => sum + stack.imported.length, 0);
    expect(imported).toBe(assignments.length);
  });
});

describe('after the adopted estate was applied sharded, an account renamed without renames: (detected by its email) and placed in another shard', () => {
  test('the shard that held it releases its old addresses, and the new shard imports them', () => {
    const adoption = adoptEstate(largeEstate(40, 30), 'guides');
    const first = synthAdopted(adoption).result.environment.access.record!;
    const holder = Object.entries(first.shards).find(([, keys]) => keys.includes('workload-0'))![0];
    const other = Object.keys(first.shards).find((shard) => shard !== holder)!;
    // A person placed the new key in the other shard; the record still lists the old one where it was.
    const record = { version: 1 as const, shards: { ...first.shards, [other]: [...first.shards[other], 'payments'] }, moved: {} };
    const root = synthAdoptedWithRecord(adoption, renamedAccountYaml(adoption.yaml), record);
    const json = (name: string): Json => JSON.parse(readFileSync(join(root, 'cdktf.out', 'stacks', name, 'cdk.tf.json'), 'utf8'));
    const removed: string[] = (json(`guides-access-${holder}`).removed ?? []).map((block: { from: string }) => block.from);
    expect(removed).toContain('aws_ssoadmin_account_assignment.group_team_1__poweruser__workload-0');
    expect(removed.filter((address) => address.endsWith('__workload-0'))).toHaveLength(30);
    const imports: string[] = json(`guides-access-${other}`).import.map((block: { to: string }) => block.to);
    expect(imports).toContain('aws_ssoadmin_account_assignment.group_team_1__poweruser__payments');
  });
});

/** Account workload-0 renamed payments, nothing declared. */
function renamedAccountYaml(yaml: string): string {
  const config = parse(yaml);
  config.organization.accounts = Object.fromEntries(Object.entries(config.organization.accounts).map(([key, account]) => [key === 'workload-0' ? 'payments' : key, account]));
  for (const assignment of config.identityCenter.assignments) {
    if (Array.isArray(assignment.accounts)) assignment.accounts = assignment.accounts.map((key: string) => (key === 'workload-0' ? 'payments' : key));
  }
  return stringify(config);
}

/** synthAdopted with a shard record beside the config. */
function synthAdoptedWithRecord(adoption: ReturnType<typeof adoptEstate>, yaml: string, record: ShardRecord): string {
  const root = mkdtempSync(join(tmpdir(), 'adopt-sharded-'));
  writeAdoption({ ...adoption, yaml }, join(root, 'environments'), 'guides', false);
  writeFileSync(join(root, 'environments', 'guides.shards.json'), shardRecordText(record));
  const [model] = loadEnvironments(join(root, 'environments'));
  synthesize([model], join(root, 'cdktf.out'));
  return root;
}

describe('a group renamed without renames: in an adopted estate that is sharded', () => {
  test('the hint names the rename and counts its assignments in the access stacks as dependents it would move', () => {
    const adoption = adoptEstate(largeEstate(40, 30), 'guides');
    const config = parse(adoption.yaml);
    config.identityCenter.groups = Object.fromEntries(Object.entries(config.identityCenter.groups).map(([name, group]) => [name === 'Team 3' ? 'Team Three' : name, group]));
    for (const assignment of config.identityCenter.assignments) if (assignment.group === 'Team 3') assignment.group = 'Team Three';
    const { result } = synthAdopted(adoption, stringify(config));
    const hints = result.imports!.stacks.flatMap((stack) => stack.renameHints);
    expect(hints.map((hint) => [hint.stack, hint.from, hint.to, hint.entry, hint.dependents])).toEqual([
      ['guides-identity-center', 'aws_identitystore_group.team_3', 'aws_identitystore_group.team_three', 'renames: { groups: { "Team 3": "Team Three" } }', 40],
    ]);
    expect(hints[0].because).toContain('same assignments');
  });
});
