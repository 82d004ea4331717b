/** Where names come from, in order: the plan, the synthesized config, the address, the bare ID. */
import { join } from 'node:path';
import { accessChanges } from '../../review/diff/access';
import { assignmentAddressParts, Names } from '../../review/names';
import { readPlan } from '../../review/plan/read-plan';
import { renderMarkdown } from '../../review/render/markdown';
import { reviewPlans } from '../../review/review';
import { readSynthDir } from '../../review/synth/read-synth';
import { change, FIXTURES, plan, SYNTH_HEAD } from './helpers';

/** A new assignment of a group that is not in the plan: all three IDs unknown or opaque. */
const newAssignment = change({
  address: 'aws_ssoadmin_account_assignment.group_data_engineers__readonly__dev-workloads',
  after: { principal_type: 'GROUP', target_type: 'AWS_ACCOUNT' },
  afterUnknown: { principal_id: true, permission_set_arn: true, target_id: true, id: true },
});

describe('resolving the names in an access change', () => {
  test('uses the synthesized config when the plan does not know the referenced resource', () => {
    const reviewed = plan([newAssignment]);
    const [row] = accessChanges(reviewed, new Names([reviewed], readSynthDir(SYNTH_HEAD)));
    expect(row.principal).toEqual({ text: 'Data Engineers', source: 'synth' });
    expect(row.permissionSet).toEqual({ text: 'ReadOnly', source: 'synth' });
    expect(row.account).toEqual({ text: 'Dev Workloads', source: 'synth' });
  });

  test('falls back to the names in the address, marked as such', () => {
    const reviewed = plan([newAssignment]);
    const [row] = accessChanges(reviewed, new Names([reviewed]));
    expect(row.principal).toEqual({ text: 'data_engineers', source: 'address' });
    expect(row.permissionSet).toEqual({ text: 'readonly', source: 'address' });
    expect(row.account).toEqual({ text: 'dev-workloads', source: 'address' });
  });

  test('falls back to the bare ID, marked as such, when the address says nothing', () => {
    const reviewed = plan([
      change({ address: 'aws_ssoadmin_account_assignment.custom', after: { principal_id: 'g-123', principal_type: 'GROUP', target_id: '999999999999' } }),
    ]);
    const [row] = accessChanges(reviewed, new Names([reviewed]));
    expect(row.principal).toEqual({ text: 'g-123', id: 'g-123', source: 'id' });
    expect(renderMarkdown(reviewPlans({ plans: [reviewed] }), { title: 't' })).toContain('| ➕ granted | group **`g-123`‡** |');
  });

  test('prefers the name of a known ID over the address', () => {
    const reviewed = plan(
      [
        change({
          address: 'aws_ssoadmin_account_assignment.group_x__y__z',
          actions: ['delete'],
          before: { principal_id: 'g-1', principal_type: 'GROUP' },
          after: null,
        }),
      ],
      {
        prior: [
          {
            address: 'aws_identitystore_group.x',
            mode: 'managed',
            type: 'aws_identitystore_group',
            name: 'x',
            values: { group_id: 'g-1', display_name: 'Platform Admins' },
            sensitiveValues: {},
          },
        ],
      },
    );
    const [row] = accessChanges(reviewed, new Names([reviewed]));
    expect(row.principal).toEqual({ text: 'Platform Admins', id: 'g-1', source: 'plan' });
  });

  test("names accounts from the organization stack's synthesized config when only the identity-center plan is given", () => {
    const identityCenter = readPlan(join(FIXTURES, 'new-user-and-group', 'dev-identity-center.json'));
    const rows = accessChanges(identityCenter, new Names([identityCenter], readSynthDir(SYNTH_HEAD)));
    expect(rows.map((row) => row.account)).toEqual([
      { text: 'Dev Workloads', id: '333333333333', source: 'synth' },
      { text: 'Sandbox Alice', id: '444444444444', source: 'synth' },
    ]);
  });

  test('keeps the names of one environment out of another', () => {
    const prodAssignment = plan([newAssignment], { stack: 'prod-identity-center' });
    const [row] = accessChanges(prodAssignment, new Names([prodAssignment], readSynthDir(SYNTH_HEAD)));
    expect(row.account.source).toBe('address');
  });
});

describe('sensitive values', () => {
  const secret = 'super-secret-principal-id';
  const reviewed = plan([
    change({
      address: 'aws_ssoadmin_account_assignment.custom',
      after: { principal_id: secret, principal_type: 'USER', target_id: '999999999999' },
      afterSensitive: { principal_id: true },
    }),
    change({
      address: 'aws_iam_policy.secret',
      after: { name: 'secret', policy: `{"Statement":[{"Effect":"Allow","Action":"${secret}","Resource":"*"}]}` },
      afterSensitive: { policy: true },
    }),
  ]);
  const review = reviewPlans({ plans: [reviewed] });

  test('are never shown, in Markdown or JSON', () => {
    expect(review.stacks[0].access[0].principal).toEqual({ text: '(sensitive)', source: 'unknown' });
    expect(renderMarkdown(review, { title: 't' })).not.toContain(secret);
    expect(JSON.stringify(review)).not.toContain(secret);
  });

  test('leave a note where a policy could not be compared', () => {
    expect(review.stacks[0].policies[0].notes).toEqual(['the new policy is sensitive and not shown']);
  });
});

describe('the names an assignment address encodes', () => {
  /** The definition the fast version replaced: split at `__`, the principal typed by its prefix. */
  function bySplit(name: string): ReturnType<typeof assignmentAddressParts> {
    const [principal, permissionSet, account] = name.split('__');
    const typed = /^(user|group)_(.+)$/.exec(principal ?? '');
    if (!typed || permissionSet === undefined || account === undefined) return {};
    return { principalType: typed[1] === 'user' ? 'USER' : 'GROUP', principal: typed[2], permissionSet, account };
  }

  test('are our address parts: principal type and name, set, account', () => {
    expect(assignmentAddressParts('group_platform_admins__admin__prod')).toEqual({ principalType: 'GROUP', principal: 'platform_admins', permissionSet: 'admin', account: 'prod' });
    expect(assignmentAddressParts('user_jane__readonly__dev__extra')).toEqual({ principalType: 'USER', principal: 'jane', permissionSet: 'readonly', account: 'dev' });
    expect(assignmentAddressParts('this')).toEqual({});
  });

  test('agree with splitting at `__` on generated names, underscores, prefixes and line breaks included', () => {
    const pieces = ['_', '__', '___', 'user', 'group', 'user_', 'group_', 'a', 'b-c', '\n', '\u2028', 'x_'];
    let seed = 7;
    const random = (below: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % below;
    for (let index = 0; index < 20_000; index++) {
      let name = '';
      for (let length = random(9); length > 0; length--) name += pieces[random(pieces.length)];
      expect([name, assignmentAddressParts(name)]).toEqual([name, bySplit(name)]);
    }
  });
});

describe('a deposed assignment at the address of the current one', () => {
  const address = 'aws_ssoadmin_account_assignment.group_ops__admin__prod';
  const current = change({ address, actions: ['delete'], before: { principal_id: 'g-current', principal_type: 'GROUP', target_id: '111111111111' }, after: null });
  const deposed = change({ address, actions: ['delete'], deposed: '00d3f00d', before: { principal_id: 'g-deposed', principal_type: 'GROUP', target_id: '222222222222' }, after: null });

  test('is described by its own row, not by the first row of that address', () => {
    const [first, second] = reviewPlans({ plans: [plan([current, deposed])] }).stacks[0].findings.filter((finding) => finding.ruleId === 'RISK-ASSIGNMENT-DELETED');
    expect(first.reason).toContain('111111111111');
    expect(second.reason).toContain('222222222222');
    expect(second.reason).toContain('(deposed object 00d3f00d)');
  });
});
