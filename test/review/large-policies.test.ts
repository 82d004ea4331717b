/**
 * Policy documents of at least 256 KB are judged as the plan is read and their text dropped
 * (review/plan/large-policies.ts): the review must find exactly what it finds when it holds the
 * text, in a change (statement diff, MFA Deny, administrator-level new side) and in prior_state.
 */
import { requireMfaPolicy } from '../../modules/mfa-policy';
import { isLargePolicy } from '../../rules/policy/document';
import { reviewPlans } from '../../review/review';
import type { Plan } from '../../review/plan/model';
import type { JsonValue } from '../../rules/json';
import { LAYOUTS, plannedPlan, policyText, type Layout, type Planned, type State } from './plan-builder';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6';
const SET = 'arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-00000000000000d1';
const GROUP_ID = '9067a1b2c3-11111111-2222-3333-4444-555555555555';
const MFA_ARN = 'arn:aws:iam::333333333333:policy/ForceMFA';

/** Enough ordinary statements to pass 256 KB, with `extra` statements in the middle. */
function largePolicy(extra: object[] = [], marker = 0): string {
  const filler = (i: number) => ({
    Sid: `Read${i}`,
    Effect: 'Allow',
    Action: ['s3:GetObject', 's3:ListBucket'],
    Resource: [`arn:aws:s3:::team-bucket-${i}-${i === 7 ? marker : 0}`, `arn:aws:s3:::team-bucket-${i}/\${aws:username}/*`],
    Condition: { StringEquals: { 'aws:PrincipalTag/team': `team-${i % 40}` } },
  });
  const statements = [...Array.from({ length: 700 }, (_, i) => filler(i)), ...extra, ...Array.from({ length: 700 }, (_, i) => filler(700 + i))];
  const text = policyText(statements);
  if (!isLargePolicy(text)) throw new Error(`test policy of ${text.length} characters is not large`);
  return text;
}

const inlinePolicy = (before: string, after: string): Planned => ({
  type: 'aws_ssoadmin_permission_set_inline_policy',
  name: 'developer',
  actions: ['update'],
  before: { id: `${SET},${INSTANCE}`, instance_arn: INSTANCE, permission_set_arn: SET, inline_policy: before },
  after: { id: `${SET},${INSTANCE}`, instance_arn: INSTANCE, permission_set_arn: SET, inline_policy: after },
});

const SETS: State[] = [
  { type: 'aws_ssoadmin_permission_set', name: 'developer', values: { arn: SET, name: 'Developer', instance_arn: INSTANCE, session_duration: 'PT1H' } },
  { type: 'aws_identitystore_group', name: 'platform', values: { group_id: GROUP_ID, display_name: 'Platform', identity_store_id: 'd-9067a1b2c3' } },
];

const grant: Planned = {
  type: 'aws_ssoadmin_account_assignment',
  name: 'platform_developer_dev',
  actions: ['create'],
  after: { instance_arn: INSTANCE, permission_set_arn: SET, principal_id: GROUP_ID, principal_type: 'GROUP', target_id: '333333333333', target_type: 'AWS_ACCOUNT', timeouts: null },
  afterUnknown: { id: true },
};

/** The same plan read from a file (large documents judged and dropped) and as objects that still hold every text. */
function bothWays(layout: Layout, resources: Planned[], prior: State[] = SETS): { read: Plan; held: Plan } {
  const read = plannedPlan(layout, resources, { prior });
  const held: Plan = {
    ...read,
    changes: read.changes.map((change) => {
      const source = resources.find((resource) => change.type === resource.type && change.address.includes(resource.name))!;
      return { ...change, before: (source.before ?? change.before) as JsonValue, after: (source.after ?? change.after) as JsonValue, largePolicies: undefined };
    }),
    prior: read.prior.map((resource) => {
      const source = prior.find((state) => state.type === resource.type && resource.address.includes(state.name));
      return source ? { ...resource, values: source.values as never, largePolicies: undefined } : resource;
    }),
  };
  return { read, held };
}

const summary = (plan: Plan) => {
  const review = reviewPlans({ plans: [plan] });
  return {
    findings: review.findings.map((finding) => [finding.ruleId, finding.address, finding.reason]),
    policies: review.stacks[0].policies.map((policy) => ({ kind: policy.kind, added: policy.added.map((s) => s.text), removed: policy.removed.map((s) => s.text) })),
    updates: review.stacks[0].updates.map((update) => update.arguments),
  };
};

/** The longest string anywhere in the plan's changes and prior resources. */
function longestString(plan: Plan): number {
  let longest = 0;
  const walk = (value: unknown) => {
    if (typeof value === 'string') longest = Math.max(longest, value.length);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object' && !(value instanceof Map)) Object.values(value).forEach(walk);
  };
  walk(plan.changes.map(({ largePolicies: _large, ...change }) => change));
  walk(plan.prior.map(({ largePolicies: _large, ...resource }) => resource));
  return longest;
}

describe.each(LAYOUTS)('in the %s layout', (layout) => {
  test('an update that adds an IAM write statement: same diff and findings as with the text, and no text kept', () => {
    const widened = largePolicy([{ Sid: 'Escalate', Effect: 'Allow', Action: 'iam:AttachUserPolicy', Resource: '*' }], 1);
    const { read, held } = bothWays(layout, [inlinePolicy(largePolicy(), widened), grant]);
    expect(longestString(read)).toBeLessThan(1000);
    const result = summary(read);
    expect(result).toEqual(summary(held));
    expect(result.policies).toEqual([{ kind: 'update', added: [expect.stringContaining('team-bucket-7-1'), expect.stringContaining('Escalate')], removed: [expect.stringContaining('team-bucket-7-0')] }]);
    expect(result.findings.map(([ruleId]) => ruleId)).toEqual(expect.arrayContaining(['RISK-ADMIN-GRANTED']));
    expect(result.updates).toEqual([[{ argument: 'inline_policy', before: 'policy document', after: 'changed: see the statement diff under Policies' }]]);
  });

  test('statements moved by an insertion, one rewritten with its keys and lists in another order, and ones without a Sid: only the new statement is added', () => {
    const kept = { Effect: 'Allow', Action: ['logs:GetLogEvents', 'logs:DescribeLogGroups'], Resource: '*' };
    const rewritten = { Resource: '*', Action: ['logs:DescribeLogGroups', 'logs:GetLogEvents'], Effect: 'Allow' };
    const added = { Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::drop/*' };
    // Every statement after the insertion sits one place later: each differs from the one at its old position.
    const { read, held } = bothWays(layout, [inlinePolicy(largePolicy([kept, { Sid: 'Same', Effect: 'Deny', Action: 'iam:*', Resource: '*' }]), largePolicy([added, rewritten, { Sid: 'Same', Effect: 'Deny', Action: 'iam:*', Resource: '*' }]))]);
    const result = summary(read);
    expect(result).toEqual(summary(held));
    expect(result.policies).toEqual([{ kind: 'update', added: [expect.stringContaining('drop/*')], removed: [] }]);
  });

  test('an unchanged large document is no update, and its set is judged from the judgement alone', () => {
    const same = largePolicy([{ Effect: 'Allow', Action: '*', Resource: '*' }]);
    const { read, held } = bothWays(layout, [{ ...inlinePolicy(same, same), actions: ['update'] }, grant]);
    const result = summary(read);
    expect(result).toEqual(summary(held));
    expect(result.policies).toEqual([]);
    expect(result.findings.find(([ruleId]) => ruleId === 'RISK-ADMIN-GRANTED')?.[2]).toContain('allows every action');
  });

  test('a large MFA-enforcing IAM policy whose Deny is removed', () => {
    const mfa = requireMfaPolicy('aws').Statement as object[];
    const policy = (text: string) => ({ arn: MFA_ARN, name: 'ForceMFA', path: '/', policy: text });
    const change: Planned = { type: 'aws_iam_policy', name: 'require_mfa', actions: ['update'], before: policy(largePolicy(mfa)), after: policy(largePolicy()) };
    const { read, held } = bothWays(layout, [change]);
    expect(longestString(read)).toBeLessThan(1000);
    const result = summary(read);
    expect(result).toEqual(summary(held));
    expect(result.findings.map(([ruleId]) => ruleId)).toContain('RISK-MFA-POLICY-REMOVED');
  });

  test('a large administrator-level inline policy in prior_state makes a new grant of its set administrator-level', () => {
    const existing: State = {
      type: 'aws_ssoadmin_permission_set_inline_policy',
      name: 'developer',
      values: { instance_arn: INSTANCE, permission_set_arn: SET, inline_policy: largePolicy([{ Effect: 'Allow', NotAction: 's3:*', Resource: '*' }]) },
    };
    const { read, held } = bothWays(layout, [grant], [...SETS, existing]);
    expect(read.prior.find((resource) => resource.type === existing.type)?.largePolicies?.has('inline_policy')).toBe(true);
    expect(longestString(read)).toBeLessThan(1000);
    const result = summary(read);
    expect(result).toEqual(summary(held));
    expect(result.findings.map(([ruleId]) => ruleId)).toContain('RISK-ADMIN-GRANTED');
  });

  test('a large document that is not a policy the splitter understands is kept as text, and the parse says why', () => {
    const notPolicy = `${largePolicy().slice(0, -1)},"Statement":[]`;
    const { read } = bothWays(layout, [inlinePolicy(largePolicy(), notPolicy)]);
    expect(read.changes[0].largePolicies).toBeUndefined();
    expect(summary(read).policies).toEqual([{ kind: 'update', added: [], removed: [] }]);
    expect(reviewPlans({ plans: [read] }).stacks[0].policies[0].notes).toEqual(['the new policy is not valid JSON']);
  });
});
