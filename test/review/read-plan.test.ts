/** Reading `terraform show -json` output: what is kept, and a clear error for anything that is not a plan. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPlan, stackNameOf } from '../../review/plan/read-plan';
import { FIXTURES } from './helpers';

const scratch = mkdtempSync(join(tmpdir(), 'plan-review-read-'));
function file(name: string, content: string | Buffer): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}
const minimalPlan = (extra: object = {}) => JSON.stringify({ format_version: '1.2', planned_values: { root_module: {} }, ...extra });

describe('reading a plan', () => {
  test('reads resource changes, prior state resources and configuration resources', () => {
    const plan = readPlan(join(FIXTURES, 'new-user-and-group', 'dev-identity-center.json'));
    expect(plan.stack).toBe('dev-identity-center');
    expect(plan.formatVersion).toBe('1.2');
    expect(plan.terraformVersion).toBe('1.9.8');
    expect(plan.changes.map((change) => change.address)).toContain('aws_identitystore_group.data_engineers');
    expect(plan.prior.map((resource) => resource.address)).toContain('data.terraform_remote_state.organization');
    expect(plan.config.get('aws_ssoadmin_permission_set.readonly')?.expressions.name).toEqual({ constant_value: 'ReadOnly' });
  });

  test('keeps only the prior_state resource types asked for', () => {
    const plan = readPlan(join(FIXTURES, 'new-user-and-group', 'dev-identity-center.json'), { keepPriorTypes: new Set(['terraform_remote_state']) });
    expect(plan.prior.map((resource) => resource.type)).toEqual(['terraform_remote_state']);
  });

  test('keeps configuration blocks of changed resources and of the types asked for, in either order of sections', () => {
    const keepConfigTypes = new Set(['aws_ssoadmin_permission_set']);
    const plan = readPlan(join(FIXTURES, 'new-user-and-group', 'dev-identity-center.json'), { keepConfigTypes });
    expect([...plan.config.keys()].sort()).toEqual([
      'aws_identitystore_group.data_engineers',
      'aws_identitystore_group_membership.data_engineers__jane_doe_at_example_com',
      'aws_identitystore_user.jane_doe_at_example_com',
      'aws_ssoadmin_account_assignment.group_data_engineers__readonly__dev-workloads',
      'aws_ssoadmin_account_assignment.user_jane_doe_at_example_com__poweruser__sandbox-alice',
      'aws_ssoadmin_permission_set.poweruser',
      'aws_ssoadmin_permission_set.readonly',
    ]);
    const { configuration, ...rest } = JSON.parse(readFileSync(join(FIXTURES, 'new-user-and-group', 'dev-identity-center.json'), 'utf8'));
    const configFirst = readPlan(file('config-first.json', JSON.stringify({ configuration, ...rest })), { keepConfigTypes });
    expect([...configFirst.config.keys()].sort()).toEqual([...plan.config.keys()].sort());
  });

  test('drops the values of a no-op that imports nothing, and keeps those of an import', () => {
    const noOp = readPlan(join(FIXTURES, 'no-changes', 'dev-identity-center.json')).changes[0];
    const imported = readPlan(join(FIXTURES, 'import-only', 'dev-identity-center.json')).changes[0];
    expect(noOp.before).toBeNull();
    expect(imported.before).toMatchObject({ display_name: 'Platform Admins' });
  });

  test('reads replace actions, replace_paths, deposed keys, moves and imports', () => {
    const path = file(
      'shapes.json',
      minimalPlan({
        resource_changes: [
          {
            address: 'a.b',
            mode: 'managed',
            type: 'a',
            name: 'b',
            change: { actions: ['create', 'delete'], before: {}, after: {}, replace_paths: [['target_id']] },
          },
          { address: 'a.c', mode: 'managed', type: 'a', name: 'c', deposed: '23af97a9', change: { actions: ['delete'], before: {}, after: null } },
          { address: 'a.d', previous_address: 'a.old', mode: 'managed', type: 'a', name: 'd', change: { actions: ['no-op'], before: {}, after: {} } },
          { address: 'a.e', mode: 'managed', type: 'a', name: 'e', change: { actions: ['no-op'], before: {}, after: {}, importing: { id: 'x' } } },
        ],
      }),
    );
    const [replaced, deposed, moved, imported] = readPlan(path).changes;
    expect(replaced.actions).toEqual(['create', 'delete']);
    expect(replaced.replacePaths).toEqual([['target_id']]);
    expect(deposed.deposed).toBe('23af97a9');
    expect(moved.previousAddress).toBe('a.old');
    expect(imported.importing).toEqual({ id: 'x' });
  });

  test('accepts a UTF-8 byte order mark', () => {
    const path = file('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(minimalPlan())]));
    expect(readPlan(path).formatVersion).toBe('1.2');
  });

  test('names the stack after the directory of a plan.json, otherwise after the file', () => {
    expect(stackNameOf('cdktf.out/stacks/prod-organization/plan.json')).toBe('prod-organization');
    expect(stackNameOf('plans/prod-organization.json')).toBe('prod-organization');
    expect(stackNameOf('prod-organization.plan.json')).toBe('prod-organization');
  });
});

function problemOf(path: string): string {
  try {
    readPlan(path);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${path} was read`);
}

describe('a file that cannot be reviewed', () => {

  test('a missing file', () => {
    expect(problemOf(join(scratch, 'missing.json'))).toBe(`${join(scratch, 'missing.json')}: no such file`);
  });

  test('an empty file', () => {
    const path = file('empty.json', '');
    expect(problemOf(path)).toBe(`${path}: the file is empty (did \`terraform show -json\` fail?)`);
  });

  test('text that is not JSON, with the line and column', () => {
    const path = file('text.json', '{\n  "format_version": "1.2",\n  oops\n}');
    expect(problemOf(path)).toBe(`${path}: not valid JSON: expected a string at line 3, column 3`);
  });

  test('a truncated plan', () => {
    const path = file('truncated.json', minimalPlan({ resource_changes: [{ address: 'a.b' }] }).slice(0, -20));
    expect(problemOf(path)).toMatch(/: not valid JSON: unexpected end of file at line 1, column \d+$/);
  });

  test('garbage inside a part the review skips is still an error', () => {
    const path = file('garbage.json', '{"format_version":"1.2","planned_values":{"root_module":{"resources":[1,,2]}}}');
    expect(problemOf(path)).toBe(`${path}: not valid JSON: expected a value at line 1, column 73`);
  });

  test('a UTF-16 file written by PowerShell', () => {
    const path = file('utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(minimalPlan(), 'utf16le')]));
    expect(problemOf(path)).toContain(': the file is UTF-16 encoded, not UTF-8');
  });

  test('JSON that is not an object', () => {
    const path = file('array.json', '[1, 2]');
    expect(problemOf(path)).toBe(
      `${path}: not a Terraform plan: the document is not a JSON object (expected the output of \`terraform show -json <planfile>\`)`,
    );
  });

  test('JSON that is not a plan', () => {
    const path = file('package.json', '{"name": "x", "version": "1.0.0"}');
    expect(problemOf(path)).toContain(': not a Terraform plan: expected "format_version" and "resource_changes" or "planned_values"');
  });

  test('a state instead of a plan', () => {
    const path = file('state.json', '{"format_version": "1.0", "terraform_version": "1.9.8", "values": {"root_module": {}}}');
    expect(problemOf(path)).toContain(': is a Terraform state (`terraform show -json` without a plan file), not a plan');
  });

  test('a plan format of an unsupported major version', () => {
    const path = file('v2.json', minimalPlan({ format_version: '2.0' }));
    expect(problemOf(path)).toBe(
      `${path}: plan format_version "2.0" is not supported: this review reads format 0.x and 1.x, and a new major version means an incompatible format`,
    );
  });

  test('a resource change without actions', () => {
    const path = file('no-actions.json', minimalPlan({ resource_changes: [{ address: 'a.b', type: 'a', name: 'b', change: {} }] }));
    expect(problemOf(path)).toBe(
      `${path}: not a Terraform plan: resource_changes[0] is not a resource change: it needs "address", "type", "name" and "change.actions"`,
    );
  });

  test('a plan Terraform marked as errored', () => {
    const path = file('errored.json', minimalPlan({ errored: true }));
    expect(problemOf(path)).toContain('Terraform marked this plan as errored');
  });
});

describe('a plan that could read two ways', () => {
  test.each([
    ['resource_changes', '{"format_version":"1.2","resource_changes":[],"resource_changes":[{"address":"a.b"}]}'],
    ['format_version', '{"format_version":"1.2","resource_changes":[],"format_version":"9.0"}'],
  ])('a top-level key written twice (%s) is not a plan: JSON.parse keeps the last, a scan the first', (key, text) => {
    const path = file(`twice-${key}.json`, text);
    expect(problemOf(path)).toBe(`${path}: not a Terraform plan: the top-level key "${key}" is written twice, so which one Terraform meant cannot be told`);
  });

  test.each([
    ['{}', 'an object'],
    ['null', 'null or a single value'],
  ])('deferred_changes that is %s is not a plan', (value, what) => {
    const path = file('deferred.json', `{"format_version":"1.2","resource_changes":[],"deferred_changes":${value}}`);
    expect(problemOf(path)).toBe(`${path}: not a Terraform plan: "deferred_changes" is ${what}, not a list of deferred changes, so whether this plan is complete cannot be told`);
  });
});

describe('the parts of a plan nothing is kept of are still checked', () => {
  /** A plan in Terraform's compact layout whose `section` holds a resource with `bad` in a string. */
  const planWith = (section: 'planned_values' | 'resource_drift' | 'prior_state' | 'configuration', bad: string) => {
    const resource = { address: 'aws_iam_user.a', mode: 'managed', type: 'aws_iam_user', name: 'a', values: { name: 'MARK' } };
    const change = { address: 'aws_iam_user.a', mode: 'managed', type: 'aws_iam_user', name: 'a', change: { actions: ['update'], before: { name: 'a' }, after: { name: 'b' } } };
    const sections = {
      planned_values: { root_module: { resources: [resource, { ...resource, address: 'aws_iam_user.b' }] } },
      resource_drift: [change, change],
      prior_state: { values: { root_module: { resources: [{ ...resource, type: 'aws_ssoadmin_account_assignment' }, resource] } } },
      configuration: { root_module: { resources: [{ address: 'aws_iam_user.a', mode: 'managed', type: 'aws_iam_user', name: 'a', expressions: { name: { constant_value: 'MARK' } } }] } },
    };
    const text = JSON.stringify({ format_version: '1.2', ...(section === 'planned_values' ? {} : { planned_values: sections.planned_values }), [section]: sections[section], resource_changes: [change] });
    return text.replace('MARK', bad);
  };

  test.each(['planned_values', 'resource_drift', 'prior_state', 'configuration'] as const)('an invalid escape in a resource of %s, with its line and column', (section) => {
    const text = planWith(section, 'bad \\x escape');
    const path = file(`bad-escape-${section}.json`, text);
    expect(problemOf(path)).toBe(`${path}: not valid JSON: invalid escape in a string at line 1, column ${text.indexOf('\\x') + 1}`);
  });

  test.each(['planned_values', 'resource_drift', 'prior_state', 'configuration'] as const)('a raw control character in a resource of %s, at its own line and column', (section) => {
    const text = planWith(section, 'tab\there');
    const path = file(`control-${section}.json`, text);
    expect(problemOf(path)).toBe(`${path}: not valid JSON: a raw control character (U+0009) in a string: JSON writes it escaped (\\u0009) at line 1, column ${text.indexOf('\t') + 1}`);
  });

  test('a raw control character in a section skipped whole (variables), and in a change that is kept', () => {
    const skipped = JSON.stringify({ format_version: '1.2', variables: { v: { value: 'MARK' } }, resource_changes: [] }).replace('MARK', 'a\u0001b');
    const skippedPath = file('control-variables.json', skipped);
    expect(problemOf(skippedPath)).toBe(`${skippedPath}: not valid JSON: a raw control character (U+0001) in a string: JSON writes it escaped (\\u0001) at line 1, column ${skipped.indexOf('\u0001') + 1}`);
    const kept = planWith('configuration', 'fine').replace('"after":{"name":"b"}', '"after":{"name":"line\nbreak"}');
    const keptPath = file('control-change.json', kept);
    expect(problemOf(keptPath)).toBe(`${keptPath}: not valid JSON: a raw control character (U+000A) in a string: JSON writes it escaped (\\u000A) at line 1, column ${kept.indexOf('\n') + 1}`);
  });

  test('a well-formed plan of those sections reads as before', () => {
    const plan = readPlan(file('checked.json', planWith('planned_values', 'fine')));
    expect(plan.changes.map((change) => change.address)).toEqual(['aws_iam_user.a']);
  });
});

describe('a plan not laid out as Terraform writes it', () => {
  /** A plan of `count` assignments in every section, keys in `order` (Terraform's: address first). */
  function assignmentsPlan(count: number, order: 'terraform' | 'type first'): object {
    const resource = (index: number, extra: object) => {
      const fields = { address: `aws_ssoadmin_account_assignment.a${index}`, mode: 'managed', type: 'aws_ssoadmin_account_assignment', name: `a${index}`, ...extra };
      if (order === 'terraform') return fields;
      const { type, ...rest } = fields;
      return { type, ...rest };
    };
    const values = (index: number) => ({ principal_id: `g-${index}`, principal_type: 'GROUP', permission_set_arn: 'arn:aws:sso:::permissionSet/ssoins-1/ps-1', target_id: '111111111111' });
    return {
      format_version: '1.2',
      terraform_version: '1.11.4',
      planned_values: { root_module: { resources: Array.from({ length: count }, (_, index) => resource(index, { values: values(index), sensitive_values: {} })) } },
      resource_changes: Array.from({ length: count }, (_, index) =>
        resource(index, { change: { actions: ['delete'], before: values(index), after: null, after_unknown: {}, before_sensitive: {}, after_sensitive: false } }),
      ),
      prior_state: { values: { root_module: { resources: Array.from({ length: count }, (_, index) => resource(index, { values: values(index), sensitive_values: {} })) } } },
      configuration: { root_module: { resources: Array.from({ length: count }, (_, index) => resource(index, { expressions: { target_id: { constant_value: '111111111111' } } })) } },
    };
  }

  test.each([
    ['indented as jq and JSON.stringify(…, 2) write it', 'terraform', 2],
    ['with "type" before "address" in every element', 'type first', 0],
  ] as const)('%s: read the same, and element ends are guessed a few times only, not for every element (the guesses made it quadratic)', (_, order, indent) => {
    const { ByteWindow } = jest.requireActual<typeof import('../../review/plan/byte-window')>('../../review/plan/byte-window');
    const compact = file('compact.json', JSON.stringify(assignmentsPlan(300, 'terraform')));
    const other = file('other.json', JSON.stringify(assignmentsPlan(300, order), null, indent));
    const searches = jest.spyOn(ByteWindow.prototype, 'indexOfAny');
    try {
      const expected = readPlan(compact);
      const compactSearches = searches.mock.calls.length;
      searches.mockClear();
      const read = readPlan(other);
      // Terraform's layout: an element end searched for each of the 1,200 elements; the other: a few, then none.
      expect(compactSearches).toBeGreaterThanOrEqual(1200);
      expect(searches.mock.calls.length).toBeLessThanOrEqual(12);
      expect({ ...read, file: '', stack: '' }).toEqual({ ...expected, file: '', stack: '' });
      expect(read.changes).toHaveLength(300);
    } finally {
      searches.mockRestore();
    }
  });
});
