/**
 * Renames nothing can detect (the name itself changed) are matched by content — the same members,
 * assignments, policies, accounts, child OUs — and each unambiguous pair gets the renames: YAML that
 * turns its creations into moves, with the file and line; pairs that could go several ways are named
 * as such. Applying a hint's YAML is checked to leave nothing created and nothing unused.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { ImportEntry, ImportMap } from '../../config/import-map';
import { formatSummary } from '../../synth/summary';
import { synthesize } from '../../synth/synthesize';
import { baseConfig, model, toYaml } from '../helpers/environment';

const ORG = 'test-organization';
const IC = 'test-identity-center';

function synth(config: any, imports?: ImportMap) {
  const outdir = mkdtempSync(join(tmpdir(), 'rename-hints-'));
  const [result] = synthesize([{ ...model(config), ...(imports ? { imports } : {}) }], outdir);
  const stacks = new Map(readdirSync(join(outdir, 'stacks')).map((name) => [name, JSON.parse(readFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'))]));
  return { result, stacks };
}

/** What discovery would write for `config`: an entry per resource, references observed as the ID of what they refer to. */
function discovered(config: any): ImportMap {
  const { stacks } = synth(config);
  const idOf = (address: string, attribute: string) => (attribute === 'id' ? `id:${address}` : `${attribute}:${address}`);
  const map: ImportMap = { version: 1, stacks: {}, lookups: {} };
  for (const [name, json] of stacks) {
    const entries: Record<string, ImportEntry> = {};
    for (const [type, byName] of Object.entries((json.resource ?? {}) as Record<string, Record<string, Record<string, unknown>>>)) {
      for (const [resource, args] of Object.entries(byName)) {
        const address = `${type}.${resource}`;
        const observed: Record<string, unknown> = {};
        for (const [attribute, value] of Object.entries(args)) {
          if (['//', 'provider', 'depends_on', 'lifecycle'].includes(attribute)) continue;
          const reference = typeof value === 'string' ? /^\$\{(?!data\.)([a-z0-9_]+\.[A-Za-z0-9_-]+)\.([a-z_\[\]0-9.]+)\}$/.exec(value) : null;
          if (reference) observed[attribute] = idOf(reference[1], reference[2]);
          else if (typeof value !== 'string' || !value.includes('${')) observed[attribute] = value;
        }
        entries[address] = { id: idOf(address, 'id'), observed, known: Object.fromEntries(['arn', 'group_id', 'user_id', 'roots[0].id'].map((a) => [a, idOf(address, a)])) } as ImportEntry;
      }
    }
    map.stacks[name] = entries;
  }
  return map;
}

function after(before: any, change: (config: any) => void) {
  const config = structuredClone(before);
  change(config);
  const map = discovered(before);
  const { result } = synth(config, map);
  const stack = (name: string) => result.imports!.stacks.find((candidate) => candidate.stack === name)!;
  return { config, map, result, stack };
}

/** The config with a hint's YAML merged in, as a person would paste it. */
function withHint(config: any, yaml: string): any {
  const added = parse(yaml);
  const merged = structuredClone(config);
  for (const [section, entries] of Object.entries(added.renames ?? {})) merged.renames = { ...merged.renames, [section]: { ...(merged.renames?.[section] ?? {}), ...(entries as object) } };
  return merged;
}

function twoGroups(): any {
  const config: any = baseConfig();
  config.identityCenter.users['john.roe@example.com'] = { displayName: 'John Roe', givenName: 'John', familyName: 'Roe' };
  config.identityCenter.groups = {
    'Platform Admins': { members: ['jane.doe@example.com'] },
    Auditors: { members: ['john.roe@example.com'] },
  };
  config.identityCenter.assignments = [
    { group: 'Platform Admins', permissionSets: ['Admin'], accounts: ['prod', 'dev'] },
    { group: 'Auditors', permissionSets: ['PowerUser'], accounts: ['dev'] },
  ];
  return config;
}

function renameGroup(config: any, from: string, to: string) {
  config.identityCenter.groups[to] = config.identityCenter.groups[from];
  delete config.identityCenter.groups[from];
  for (const assignment of config.identityCenter.assignments) if (assignment.group === from) assignment.group = to;
}

describe('two groups renamed at once', () => {
  const run = after(twoGroups(), (config) => {
    renameGroup(config, 'Platform Admins', 'Platform Engineers');
    renameGroup(config, 'Auditors', 'Security Auditors');
  });

  test('each gets its own hint, paired by members and assignments', () => {
    expect(run.stack(IC).renameHints.map((hint) => [hint.entry, hint.because, hint.dependents])).toEqual([
      ['renames: { groups: { "Auditors": "Security Auditors" } }', 'same assignments, same members', 2],
      ['renames: { groups: { "Platform Admins": "Platform Engineers" } }', 'same assignments, same members', 3],
    ]);
    expect(run.stack(IC).ambiguousRenames).toEqual([]);
  });

  test('each hint points at the line that defines the new group', () => {
    const lines = toYaml(run.config).split('\n');
    for (const hint of run.stack(IC).renameHints) expect(lines[hint.line! - 1].trim()).toBe(`${hint.to === 'aws_identitystore_group.platform_engineers' ? 'Platform Engineers' : 'Security Auditors'}:`);
  });

  test('with both hints applied, every creation is a move', () => {
    let config = run.config;
    for (const hint of run.stack(IC).renameHints) config = withHint(config, hint.yaml);
    const { result } = synth(config, run.map);
    const ic = result.imports!.stacks.find((stack) => stack.stack === IC)!;
    expect({ created: ic.withoutEntry, unused: ic.unusedEntries, hints: ic.renameHints }).toEqual({ created: [], unused: [], hints: [] });
    expect(ic.moved).toHaveLength(7);
  });

  test('with renames: in the file, the hint says to add under it, at its line', () => {
    const withRenames = after(twoGroups(), (config) => {
      renameGroup(config, 'Platform Admins', 'Platform Engineers');
      config.renames = { users: {} };
    });
    const [hint] = withRenames.stack(IC).renameHints;
    const renamesLine = toYaml(withRenames.config).split('\n').findIndex((line) => line === 'renames:') + 1;
    expect(hint.renamesLine).toBe(renamesLine);
    expect(formatSummary([withRenames.result])).toContain(`add under renames: at environments/test.yaml:${renamesLine}:`);
  });
});

describe('two groups with the same content renamed at once', () => {
  const before = (): any => {
    const config = twoGroups();
    config.identityCenter.groups.Auditors.members = ['jane.doe@example.com'];
    config.identityCenter.assignments[1] = { group: 'Auditors', permissionSets: ['Admin'], accounts: ['prod', 'dev'] };
    return config;
  };
  const run = after(before(), (config) => {
    renameGroup(config, 'Platform Admins', 'Platform Engineers');
    renameGroup(config, 'Auditors', 'Security Auditors');
  });

  test('no hint picks a pair: both are named as ambiguous', () => {
    expect(run.stack(IC).renameHints).toEqual([]);
    expect(run.stack(IC).ambiguousRenames).toEqual([{
      stack: IC,
      gone: ['aws_identitystore_group.auditors', 'aws_identitystore_group.platform_admins'],
      added: ['aws_identitystore_group.platform_engineers', 'aws_identitystore_group.security_auditors'],
      because: 'same assignments, same members',
    }]);
    expect(formatSummary([run.result])).toContain('unsure  aws_identitystore_group.auditors, aws_identitystore_group.platform_admins → aws_identitystore_group.platform_engineers or aws_identitystore_group.security_auditors: equally likely renames');
  });
});

describe('an OU renamed (its name changed)', () => {
  const run = after(baseConfig(), (config) => {
    config.organization.organizationalUnits = { Apps: config.organization.organizationalUnits.Workloads, Security: {} };
    config.organization.accounts.prod.ou = 'Apps/Prod';
    config.organization.accounts.dev.ou = 'Apps/Dev';
  });

  test('nothing is detected: the child OUs are not moved on their own under a new parent', () => {
    expect(run.stack(ORG).moved).toEqual([]);
  });

  test('one hint, for the OU whose name changed, by its child OUs: the children move with it', () => {
    expect(run.stack(ORG).renameHints.map((hint) => [hint.entry, hint.because, hint.dependents])).toEqual([
      ['renames: { organizationalUnits: { "Workloads": "Apps" } }', 'same child OUs', 2],
    ]);
  });

  test('applied, the OU and the OUs below it move, and the accounts in them keep their parent', () => {
    const [hint] = run.stack(ORG).renameHints;
    const { result } = synth(withHint(run.config, hint.yaml), run.map);
    const org = result.imports!.stacks.find((stack) => stack.stack === ORG)!;
    expect({ created: org.withoutEntry, unused: org.unusedEntries }).toEqual({ created: [], unused: [] });
    expect(result.imports!.differences.filter((d) => d.address.startsWith('aws_organizations_account') && d.attribute === 'parent_id')).toEqual([]);
  });

  test('a nested OU renamed is hinted by its path, with its accounts', () => {
    const nested = after(baseConfig(), (config) => {
      config.organization.organizationalUnits.Workloads.children = { Production: {}, Dev: {} };
      config.organization.accounts.prod.ou = 'Workloads/Production';
    });
    expect(nested.stack(ORG).renameHints.map((hint) => [hint.entry, hint.because])).toEqual([
      ['renames: { organizationalUnits: { "Workloads/Prod": "Workloads/Production" } }', 'same accounts'],
    ]);
  });
});
