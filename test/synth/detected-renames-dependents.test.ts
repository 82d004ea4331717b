/**
 * A rename nobody declared moves the object with every dependent or moves nothing: checked on the
 * synthesized `moved` blocks. The import map is what discovery would have written for the config
 * before the change: every resource of its synthesized stacks, its literal arguments observed, each
 * reference observed as the ID of what it refers to.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportEntry, ImportMap } from '../../config/import-map';
import { formatSummary } from '../../synth/summary';
import { synthesize } from '../../synth/synthesize';
import { changesOf } from '../helpers/adoption';
import { baselineConfig } from '../helpers/baseline';
import { baseConfig, model } from '../helpers/environment';

const ORG = 'test-organization';
const IC = 'test-identity-center';
const READ_ONLY_POLICY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';

type Json = { resource?: Record<string, Record<string, Record<string, unknown>>>; moved?: Array<{ from: string; to: string }> };

function synthJson(config: any, imports?: ImportMap) {
  const outdir = mkdtempSync(join(tmpdir(), 'renames-dependents-'));
  const [result] = synthesize([{ ...model(config), ...(imports ? { imports } : {}) }], outdir);
  const stacks = new Map(readdirSync(join(outdir, 'stacks')).map((name) => [name, JSON.parse(readFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8')) as Json]));
  return { result, stacks };
}

/** The map discovery would write for `config`: an entry per resource, references observed as the referred object's ID. */
function discovered(config: any): ImportMap {
  const { stacks } = synthJson(config);
  const idOf = (address: string, attribute: string) => (attribute === 'id' ? `id:${address}` : `${attribute}:${address}`);
  const map: ImportMap = { version: 1, stacks: {}, lookups: {} };
  const accountIds = new Map<string, string>();
  for (const [name, json] of stacks) {
    const entries: Record<string, ImportEntry> = {};
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      for (const [resource, args] of Object.entries(byName)) {
        const address = `${type}.${resource}`;
        const observed: Record<string, unknown> = {};
        for (const [attribute, value] of Object.entries(args)) {
          if (attribute === '//' || attribute === 'provider' || attribute === 'depends_on' || attribute === 'lifecycle') continue;
          const reference = typeof value === 'string' ? /^\$\{(?!data\.)([a-z0-9_]+\.[A-Za-z0-9_-]+)\.([a-z_\[\]0-9.]+)\}$/.exec(value) : null;
          if (reference) observed[attribute] = idOf(reference[1], reference[2]);
          else if (typeof value !== 'string' || !value.includes('${')) observed[attribute] = value;
        }
        const known: Record<string, string> = Object.fromEntries(['id', 'arn', 'group_id', 'user_id', 'roots[0].id'].map((attribute) => [attribute, idOf(address, attribute)]));
        entries[address] = { id: idOf(address, 'id'), observed, known } as ImportEntry;
        if (type === 'aws_organizations_account') accountIds.set(resource, idOf(address, 'id'));
      }
    }
    map.stacks[name] = entries;
  }
  // What the identity-center stack looks up: the instance, and the account IDs from the organization stack's outputs.
  map.lookups![IC] = {
    'data.aws_ssoadmin_instances.identity_center': { arns: 'arn:aws:sso:::instance/ssoins-1111111111111111', identity_store_ids: 'd-1111111111' },
    'data.terraform_remote_state.organization': Object.fromEntries([...accountIds].map(([key, id]) => [`outputs.account_ids.${key}`, id])),
  };
  return map;
}

/** Before and after the change: the after-config synthesized with the map of the before-config. */
function renamed(before: any, change: (config: any) => void) {
  const after = structuredClone(before);
  change(after);
  const map = discovered(before);
  const { result, stacks } = synthJson(after, map);
  const imports = (stack: string) => result.imports!.stacks.find((candidate) => candidate.stack === stack)!;
  const moved = (stack: string) => (stacks.get(stack)!.moved ?? []).map((move) => `${move.from} → ${move.to}`).sort();
  return { result, stacks, imports, moved, map };
}

/** In every stack: nothing is created and nothing is left behind — every entry is adopted, renamed ones through a moved block. */
function expectAllAdopted(run: ReturnType<typeof renamed>) {
  for (const stack of run.result.imports!.stacks) {
    expect({ stack: stack.stack, created: stack.withoutEntry, unused: stack.unusedEntries, declined: stack.declinedRenames }).toEqual({ stack: stack.stack, created: [], unused: [], declined: [] });
  }
}

function twoAccounts(): any {
  const config: any = baseConfig();
  config.identityCenter.assignments[0].accounts = ['prod', 'dev'];
  return config;
}

function renameAccountKey(config: any, from: string, to: string) {
  config.organization.accounts[to] = config.organization.accounts[from];
  delete config.organization.accounts[from];
  for (const assignment of config.identityCenter.assignments) assignment.accounts = assignment.accounts.map((key: string) => (key === from ? to : key));
}

describe('an account key renamed without renames:, with assignments', () => {
  const run = renamed(twoAccounts(), (config) => renameAccountKey(config, 'dev', 'development'));

  test('the account moves, found by its email', () => {
    expect(run.moved(ORG)).toEqual(['aws_organizations_account.dev → aws_organizations_account.development']);
  });

  test('every assignment on it moves in the identity-center stack, and nothing else', () => {
    expect(run.moved(IC)).toEqual(['aws_ssoadmin_account_assignment.group_platform_admins__admin__dev → aws_ssoadmin_account_assignment.group_platform_admins__admin__development']);
    expectAllAdopted(run);
  });

  test('the moved assignment and the account compare equal to what AWS has', () => {
    expect(changesOf(run.result)).toEqual([]);
  });
});

describe('an account key renamed without renames:, one of whose assignments has no new address', () => {
  const run = renamed(twoAccounts(), (config) => {
    renameAccountKey(config, 'dev', 'development');
    config.identityCenter.assignments[0].accounts = ['prod'];
  });

  test('nothing moves: not the account, not its other dependents', () => {
    expect(run.moved(ORG)).toEqual([]);
    expect(run.moved(IC)).toEqual([]);
    expect(run.imports(ORG).withoutEntry).toEqual(['aws_organizations_account.development']);
    expect(run.imports(ORG).unusedEntries).toEqual(['aws_organizations_account.dev']);
  });

  test('the declined rename names the dependent that could not move, and why', () => {
    expect(run.imports(ORG).declinedRenames).toEqual([{
      from: 'aws_organizations_account.dev',
      to: 'aws_organizations_account.development',
      stack: ORG,
      blockedBy: [{ entry: 'aws_ssoadmin_account_assignment.group_platform_admins__admin__dev', target: 'aws_ssoadmin_account_assignment.group_platform_admins__admin__development', stack: IC, reason: 'its new address is not in the config' }],
    }]);
    const summary = formatSummary([run.result]);
    expect(summary).toContain('kept    aws_organizations_account.dev → aws_organizations_account.development looks renamed but is not moved: a detected rename moves all its dependents or none, and 1 dependent cannot move (test-organization):');
    expect(summary).toContain('aws_ssoadmin_account_assignment.group_platform_admins__admin__dev → aws_ssoadmin_account_assignment.group_platform_admins__admin__development (test-identity-center): its new address is not in the config');
  });

  test('the summary says which renames: entry declares it', () => {
    expect(run.imports(ORG).renameHints.map((hint) => hint.entry)).toEqual(['renames: { accounts: { "dev": "development" } }']);
  });

  test('declared, the account moves and the dropped assignment is left unused', () => {
    const declared = renamed(twoAccounts(), (config) => {
      renameAccountKey(config, 'dev', 'development');
      config.identityCenter.assignments[0].accounts = ['prod'];
      config.renames = { accounts: { dev: 'development' } };
    });
    expect(declared.moved(ORG)).toEqual(['aws_organizations_account.dev → aws_organizations_account.development']);
    expect(declared.imports(IC).unusedEntries).toEqual(['aws_ssoadmin_account_assignment.group_platform_admins__admin__dev']);
    expect(declared.imports(ORG).declinedRenames).toEqual([]);
  });
});

describe('a group key renamed without renames: (its name kept), with memberships and assignments', () => {
  const rename = (config: any) => {
    config.identityCenter.groups.admins = { ...config.identityCenter.groups['Platform Admins'], name: 'Platform Admins' };
    delete config.identityCenter.groups['Platform Admins'];
    config.identityCenter.assignments[0].group = 'admins';
  };
  const run = renamed(twoAccounts(), rename);

  test('the group, its membership and both assignments move', () => {
    expect(run.moved(IC)).toEqual([
      'aws_identitystore_group.platform_admins → aws_identitystore_group.admins',
      'aws_identitystore_group_membership.platform_admins__jane_doe_at_example_com → aws_identitystore_group_membership.admins__jane_doe_at_example_com',
      'aws_ssoadmin_account_assignment.group_platform_admins__admin__dev → aws_ssoadmin_account_assignment.group_admins__admin__dev',
      'aws_ssoadmin_account_assignment.group_platform_admins__admin__prod → aws_ssoadmin_account_assignment.group_admins__admin__prod',
    ]);
    expectAllAdopted(run);
    expect(changesOf(run.result)).toEqual([]);
  });

  test('with the account renamed as well, each assignment moves once, from where the map has it', () => {
    const both = renamed(twoAccounts(), (config) => {
      rename(config);
      renameAccountKey(config, 'dev', 'development');
    });
    expect(both.moved(IC)).toContain('aws_ssoadmin_account_assignment.group_platform_admins__admin__dev → aws_ssoadmin_account_assignment.group_admins__admin__development');
    expect(both.moved(IC).filter((move) => move.endsWith('group_admins__admin__development'))).toHaveLength(1);
    expectAllAdopted(both);
  });

  test('a member dropped in the same change declines the rename: the membership has no new address', () => {
    const run2 = renamed(twoAccounts(), (config) => {
      rename(config);
      config.identityCenter.groups.admins.members = [];
    });
    const declined = run2.imports(IC).declinedRenames;
    expect(declined.map((found) => `${found.from} → ${found.to}`)).toEqual(['aws_identitystore_group.platform_admins → aws_identitystore_group.admins']);
    expect(declined[0].blockedBy).toEqual([
      { entry: 'aws_identitystore_group_membership.platform_admins__jane_doe_at_example_com', target: 'aws_identitystore_group_membership.admins__jane_doe_at_example_com', stack: IC, reason: 'its new address is not in the config' },
    ]);
    expect(run2.moved(IC)).toEqual([]);
    expect(run2.imports(IC).withoutEntry).toEqual(expect.arrayContaining(['aws_identitystore_group.admins', 'aws_ssoadmin_account_assignment.group_admins__admin__prod']));
  });
});

describe('a group renamed declared, on an account renamed detected', () => {
  const run = renamed(twoAccounts(), (config) => {
    config.identityCenter.groups['Platform Engineers'] = config.identityCenter.groups['Platform Admins'];
    delete config.identityCenter.groups['Platform Admins'];
    config.identityCenter.assignments[0].group = 'Platform Engineers';
    config.renames = { groups: { 'Platform Admins': 'Platform Engineers' } };
    renameAccountKey(config, 'dev', 'development');
  });

  test('the two renames merge into one move from the map\'s address, instead of the declared one from an address nothing has', () => {
    const toDevelopment = run.stacks.get(IC)!.moved!.filter((move) => move.to.endsWith('group_platform_engineers__admin__development'));
    expect(toDevelopment).toEqual([{ from: 'aws_ssoadmin_account_assignment.group_platform_admins__admin__dev', to: 'aws_ssoadmin_account_assignment.group_platform_engineers__admin__development' }]);
    expectAllAdopted(run);
  });
});

describe('a permission set key renamed without renames: (its name kept), with attachments and assignments', () => {
  const before = (): any => {
    const config = twoAccounts();
    config.identityCenter.defaultPermissionSets = false;
    config.identityCenter.permissionSets = {
      ReadOnly: { managedPolicies: [READ_ONLY_POLICY], inlinePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:GetObject', Resource: '*' }] } },
    };
    config.identityCenter.assignments[0].permissionSets = ['ReadOnly'];
    return config;
  };
  const rename = (config: any) => {
    config.identityCenter.permissionSets.Readers = { ...config.identityCenter.permissionSets.ReadOnly, name: 'ReadOnly' };
    delete config.identityCenter.permissionSets.ReadOnly;
    config.identityCenter.assignments[0].permissionSets = ['Readers'];
  };
  const run = renamed(before(), rename);

  test('the set, its policy attachment, its inline policy and both assignments move', () => {
    expect(run.moved(IC)).toEqual([
      'aws_ssoadmin_account_assignment.group_platform_admins__readonly__dev → aws_ssoadmin_account_assignment.group_platform_admins__readers__dev',
      'aws_ssoadmin_account_assignment.group_platform_admins__readonly__prod → aws_ssoadmin_account_assignment.group_platform_admins__readers__prod',
      'aws_ssoadmin_managed_policy_attachment.readonly__readonlyaccess → aws_ssoadmin_managed_policy_attachment.readers__readonlyaccess',
      'aws_ssoadmin_permission_set.readonly → aws_ssoadmin_permission_set.readers',
      'aws_ssoadmin_permission_set_inline_policy.readonly → aws_ssoadmin_permission_set_inline_policy.readers',
    ]);
    expectAllAdopted(run);
    expect(changesOf(run.result)).toEqual([]);
  });

  test('its name changed too, no move is detected, and the hint says to keep the name', () => {
    const changed = renamed(before(), (config) => {
      rename(config);
      delete config.identityCenter.permissionSets.Readers.name;
    });
    expect(changed.moved(IC)).toEqual([]);
    const [hint] = changed.imports(IC).renameHints;
    expect(hint).toMatchObject({ from: 'aws_ssoadmin_permission_set.readonly', to: 'aws_ssoadmin_permission_set.readers', because: 'same assignments, same inline policy, same policies', dependents: 4 });
    expect(hint.yaml).toBe('identityCenter:\n  permissionSets:\n    Readers:\n      name: ReadOnly\n');
  });
});

describe('an OU key renamed without renames: (its name kept), with accounts in it', () => {
  const rename = (config: any) => {
    config.organization.organizationalUnits = { Apps: { name: 'Workloads', children: config.organization.organizationalUnits.Workloads.children }, Security: {} };
    config.organization.accounts.prod.ou = 'Apps/Prod';
    config.organization.accounts.dev.ou = 'Apps/Dev';
  };
  const run = renamed(twoAccounts(), rename);

  test('the OU and the OUs below it move', () => {
    expect(run.moved(ORG)).toEqual([
      'aws_organizations_organizational_unit.workloads → aws_organizations_organizational_unit.apps',
      'aws_organizations_organizational_unit.workloads__dev → aws_organizations_organizational_unit.apps__dev',
      'aws_organizations_organizational_unit.workloads__prod → aws_organizations_organizational_unit.apps__prod',
    ]);
    expectAllAdopted(run);
  });

  test('the accounts in them stay where they are: their parent resolves to the same OU', () => {
    expect(changesOf(run.result).filter((difference) => difference.address.startsWith('aws_organizations_account'))).toEqual([]);
  });

  test('with service control policies attached, the attachments move too', () => {
    const before: any = baselineConfig();
    const run2 = renamed(before, (config) => {
      rename(config);
      config.baseline.serviceControlPolicies['protect-identity-baseline'].targets = ['Apps', 'Apps/Prod'];
    });
    expect(run2.moved(ORG)).toEqual(expect.arrayContaining([
      'aws_organizations_policy_attachment.protect-identity-baseline__workloads → aws_organizations_policy_attachment.protect-identity-baseline__apps',
      'aws_organizations_policy_attachment.protect-identity-baseline__workloads__prod → aws_organizations_policy_attachment.protect-identity-baseline__apps__prod',
    ]));
    expectAllAdopted(run2);
  });
});

describe('a baselined account key renamed without renames:', () => {
  const run = renamed(baselineConfig(), (config) => {
    renameAccountKey(config, 'prod', 'production');
    config.baseline.accounts.production = config.baseline.accounts.prod;
    delete config.baseline.accounts.prod;
  });

  test('every resource of the account in the baseline stack moves with it', () => {
    const baseline = run.result.imports!.stacks.find((stack) => stack.stack === 'test-baseline')!;
    const moved = run.moved('test-baseline');
    expect(moved.length).toBeGreaterThan(3);
    for (const move of moved) expect(move).toMatch(/^(aws_[a-z_]+)\.prod__(\S+) → \1\.production__\2$/);
    expect(baseline.withoutEntry.filter((address) => address.includes('production__'))).toEqual([]);
    expectAllAdopted(run);
  });
});
