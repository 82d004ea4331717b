/**
 * A large plan's end (prior_state on) is read on a second thread (review/plan/tail.ts). The worker
 * runs only from the built JavaScript, so these tests load the review from dist/ (`npm test` builds it
 * first): the same plan must read the same on one thread and on two, errors included.
 */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { readPlan as ReadPlan, ReadPlanOptions } from '../../review/plan/read-plan';
import { FIXTURES } from './helpers';

const DIST = join(__dirname, '..', '..', 'dist', 'review', 'plan', 'read-plan.js');
if (!existsSync(DIST)) throw new Error(`${DIST} is missing: run \`npm run build\` (npm test does) before these tests`);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readPlan } = require(DIST) as { readPlan: typeof ReadPlan };

const scratch = mkdtempSync(join(tmpdir(), 'plan-review-threads-'));
function write(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

const KEEP: ReadPlanOptions = { keepPriorTypes: new Set(['aws_identitystore_group', 'aws_ssoadmin_permission_set']), keepConfigTypes: new Set(['aws_identitystore_group']) };

/** Both readings of a plan: the plan or the error message, and what the two-thread reading said of its worker. */
function bothWays(file: string, options: ReadPlanOptions = KEEP): { one: unknown; two: unknown; outcome: string | undefined } {
  const attempt = (twoThreads: boolean, onTail?: (outcome: string) => void) => {
    try {
      const plan = readPlan(file, { ...options, twoThreads, onTail });
      // The prior grants as their entries: the worker's arrive as it sent them, the main scan's as it recorded them.
      return { ...plan, priorGrants: [...(plan.priorGrants?.all() ?? [])] };
    } catch (error) {
      return (error as Error).message;
    }
  };
  let outcome: string | undefined;
  const two = attempt(true, (said) => (outcome = said));
  return { one: attempt(false), two, outcome };
}

interface StateResource {
  readonly address: string;
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  readonly values: Record<string, string>;
  readonly [more: string]: unknown;
}

const group = (key: string): StateResource => ({
  address: `aws_identitystore_group.${key}`,
  mode: 'managed',
  type: 'aws_identitystore_group',
  name: key,
  provider_name: 'registry.terraform.io/hashicorp/aws',
  schema_version: 0,
  values: { display_name: `Group ${key}`, group_id: `g-${key}`, identity_store_id: 'd-1' },
  sensitive_values: {},
});
const assignment = (key: string): StateResource => ({ ...group(key), address: `aws_ssoadmin_account_assignment.${key}`, type: 'aws_ssoadmin_account_assignment', values: { principal_id: `g-${key}`, permission_set_arn: `arn:aws:sso:::permissionSet/ssoins-1/ps-${key}`, target_id: '111111111111' } });
const change = (resource: StateResource, actions: string[]) => ({
  address: resource.address,
  mode: 'managed',
  type: resource.type,
  name: resource.name,
  change: { actions, before: actions.includes('create') ? null : resource.values, after: actions.includes('delete') ? null : resource.values, after_unknown: {}, before_sensitive: {}, after_sensitive: {} },
});
const config = (resource: StateResource) => ({ address: resource.address, mode: 'managed', type: resource.type, name: resource.name, expressions: { display_name: { constant_value: resource.name } } });

/** A plan in Terraform's field order and compact layout: groups, assignments (some changed), a module. */
function plan(extra: { decoy?: boolean; rcLast?: boolean } = {}): Record<string, unknown> {
  const groups = ['a', 'b', 'c'].map(group);
  const assignments = Array.from({ length: 40 }, (_, index) => assignment(`x${index}`));
  const resource_changes = [change(groups[0], ['update']), ...assignments.slice(0, 5).map((item) => change(item, ['delete'])), change(assignments[6], ['no-op'])];
  return {
    format_version: '1.2',
    terraform_version: '1.11.4',
    planned_values: { outputs: {}, root_module: { resources: groups } },
    ...(extra.rcLast ? {} : { resource_changes }),
    // Between resource_changes and prior_state, where the worker looks: a nested key of the same name.
    output_changes: extra.decoy ? { m: { actions: ['update'], before: null, after: { a: 1, prior_state: { x: 1 } } } } : {},
    prior_state: {
      format_version: '1.0',
      values: { root_module: { resources: [...groups, ...assignments], child_modules: [{ address: 'module.m', resources: [group('m')] }] } },
    },
    configuration: {
      root_module: {
        resources: [...groups, ...assignments].map(config),
        module_calls: { m: { source: './m', module: { resources: [config(group('m')), config(assignment('inner'))] } } },
      },
    },
    ...(extra.rcLast ? { resource_changes } : {}),
    timestamp: '2026-12-02T00:00:00Z',
    applyable: true,
    complete: true,
    errored: false,
  };
}

describe('reading the end of a plan on a second thread', () => {
  test('a plan in Terraform order reads the same, and the worker read its end', () => {
    const { one, two, outcome } = bothWays(write('plan.json', JSON.stringify(plan())));
    expect(outcome).toBe('taken');
    expect(typeof one).toBe('object');
    expect(two).toEqual(one);
    // What the worker kept: the prior_state types asked for, module ones included, and the configuration of what changes.
    const read = two as ReturnType<typeof ReadPlan>;
    expect(read.prior.map((resource) => resource.address)).toEqual(['aws_identitystore_group.a', 'aws_identitystore_group.b', 'aws_identitystore_group.c', 'aws_identitystore_group.m']);
    expect([...read.config.keys()].sort()).toEqual([
      'aws_identitystore_group.a',
      'aws_identitystore_group.b',
      'aws_identitystore_group.c',
      'aws_ssoadmin_account_assignment.x0',
      'aws_ssoadmin_account_assignment.x1',
      'aws_ssoadmin_account_assignment.x2',
      'aws_ssoadmin_account_assignment.x3',
      'aws_ssoadmin_account_assignment.x4',
      'module.m.aws_identitystore_group.m',
    ]);
    expect(read.complete).toBeUndefined();
    // prior_state's assignments, sent as a table and triples (prior-grants.ts), though none is kept as a resource.
    const grants = (two as unknown as { priorGrants: unknown[] }).priorGrants;
    expect(grants).toHaveLength(40);
    expect(grants[39]).toEqual({ principal: 'g-x39', set: 'arn:aws:sso:::permissionSet/ssoins-1/ps-x39', account: '111111111111' });
  });

  test('every fixture plan reads the same on one thread and on two', () => {
    const files = readdirSync(FIXTURES, { recursive: true })
      .map(String)
      .filter((name) => name.endsWith('.json') && !name.startsWith('synth'));
    expect(files.length).toBeGreaterThan(10);
    for (const name of files) {
      const { one, two } = bothWays(join(FIXTURES, name), {});
      expect({ name, two }).toEqual({ name, two: one });
    }
  });

  test('a look-alike "prior_state" earlier in the file: read on one thread, the same', () => {
    const { one, two, outcome } = bothWays(write('decoy.json', JSON.stringify(plan({ decoy: true }))));
    expect(outcome).toMatch(/^read on one thread: the worker started at byte \d+, prior_state is at \d+$/);
    expect(two).toEqual(one);
  });

  test('resource_changes after prior_state: read on one thread, the same', () => {
    const { one, two, outcome } = bothWays(write('rc-last.json', JSON.stringify(plan({ rcLast: true }))));
    expect(outcome).toBe('read on one thread: prior_state comes before resource_changes');
    expect(two).toEqual(one);
  });

  test('no element before prior_state (no planned_values, resource_changes last): read on one thread, the same', () => {
    const { planned_values: _planned, ...rest } = plan({ rcLast: true });
    const { one, two, outcome } = bothWays(write('nothing-first.json', JSON.stringify(rest)));
    expect(outcome).toBe('read on one thread: no element came before prior_state');
    expect(two).toEqual(one);
  });

  test('a plan whose first element (a resource of planned_values) is over a megabyte stays on one thread', () => {
    const big = plan();
    const planned = (big.planned_values as { root_module: { resources: StateResource[] } }).root_module.resources;
    planned[0] = { ...planned[0], values: { ...planned[0].values, description: 'x'.repeat(1024 * 1024) } };
    const { one, two, outcome } = bothWays(write('big-first.json', JSON.stringify(big)));
    expect(outcome).toMatch(/^read on one thread: the first element is \d+ bytes$/);
    expect(two).toEqual(one);
  });

  test('the worker starts after the first resource of planned_values: a large first change no longer matters', () => {
    const big = plan();
    const changes = big.resource_changes as Array<{ change: { after: Record<string, string> } }>;
    changes[0].change.after = { ...changes[0].change.after, description: 'x'.repeat(1024 * 1024) };
    const { one, two, outcome } = bothWays(write('big-change.json', JSON.stringify(big)));
    expect(outcome).toBe('taken');
    expect(two).toEqual(one);
  });

  test('a plan without prior_state', () => {
    const { prior_state: _prior, ...rest } = plan();
    const { one, two, outcome } = bothWays(write('no-prior.json', JSON.stringify(rest)));
    expect(outcome).toBe('prior_state not reached');
    expect(two).toEqual(one);
  });

  const text = JSON.stringify(plan());
  const inTail = text.indexOf('"aws_ssoadmin_account_assignment.x7"', text.indexOf('"prior_state"'));
  test.each([
    ['an invalid escape in prior_state', text.slice(0, inTail) + '"bad \\x escape",' + text.slice(inTail), /not valid JSON: invalid escape in a string at line 1, column \d+$/],
    ['a truncated configuration', text.slice(0, text.length - 200), /not valid JSON: unexpected end of file at line 1, column \d+$/],
    ['a state resource without an address', text.replace('{"address":"aws_ssoadmin_account_assignment.x9"', '{"addr":"x"'), /not a Terraform plan: prior_state.values.root_module.resources\[\d+\] is not a state resource/],
    ['content after the document', `${text} {}`, /not valid JSON: unexpected content after the end of the document at line 1, column \d+$/],
    ['a raw control character in prior_state', text.slice(0, inTail) + '"tab\there",' + text.slice(inTail), /not valid JSON: a raw control character \(U\+0009\) in a string: JSON writes it escaped \(\\u0009\) at line 1, column \d+$/],
    ['a top-level key the head already has, written again in the tail', text.replace('"timestamp":', '"planned_values":{},"timestamp":'), /not a Terraform plan: the top-level key "planned_values" is written twice/],
    [
      'a key written twice, then the file cut short: the earlier problem wins, as on one thread',
      text.replace('"timestamp":', '"planned_values":{},"timestamp":').slice(0, text.length - 5),
      /not a Terraform plan: the top-level key "planned_values" is written twice/,
    ],
  ])('%s: the same error, found by the worker', (_name, broken, message) => {
    const { one, two, outcome } = bothWays(write('broken.json', broken));
    expect(outcome).toBe('taken');
    expect(one).toMatch(message);
    expect(two).toBe(one);
  });

  test('a byte that is not UTF-8 in prior_state: the same error, found by the worker', () => {
    const path = join(scratch, 'not-utf8.json');
    writeFileSync(path, Buffer.concat([Buffer.from(text.slice(0, inTail)), Buffer.from([0x22, 0x63, 0xff, 0x22, 0x2c]), Buffer.from(text.slice(inTail))]));
    const { one, two, outcome } = bothWays(path);
    expect(outcome).toBe('taken');
    expect(one).toMatch(/not valid JSON: a byte that is not UTF-8 \(0xFF\): a plan is UTF-8 text at line 1, column \d+$/);
    expect(two).toBe(one);
  });

  test('an error before prior_state wins over one after it, as on one thread', () => {
    const broken = text.replace('"Group a"', '"Group \\q"').slice(0, text.length - 200);
    const { one, two, outcome } = bothWays(write('two-errors.json', broken));
    expect(one).toMatch(/invalid escape in a string at line 1, column \d+$/);
    expect(two).toBe(one);
    expect(outcome).toBe('prior_state not reached');
  });
});
