/** The risk pack, rule by rule: what each flags, and what it leaves alone. */
import type { ResourceChange } from '../../review/plan/model';
import { reviewPlans } from '../../review/review';
import { RULES, type Rule } from '../../review/rules';
import { durationSeconds } from '../../review/rules/session-duration-raised';
import { readSynthDir } from '../../review/synth/read-synth';
import { change, plan, SYNTH_BASE, SYNTH_HEAD } from './helpers';

function findings(changes: ResourceChange[], stack = 'dev-identity-center') {
  return reviewPlans({ plans: [plan(changes, { stack })] }).findings;
}
const ids = (changes: ResourceChange[], stack?: string) => findings(changes, stack).map((finding) => finding.ruleId);
const destroy = (address: string, before: object = {}) => change({ address, actions: ['delete'], before: { ...before }, after: null });
const policy = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

test('every rule has a unique RISK- id, a one-line info and an explanation', () => {
  expect(new Set(RULES.map((rule) => rule.id)).size).toBe(RULES.length);
  for (const rule of RULES) {
    expect(rule.id).toMatch(/^RISK-[A-Z-]+$/);
    expect(rule.info).toMatch(/^[A-Z].*\.$/);
    expect(rule.info).not.toContain('\n');
    expect(rule.explanation.length).toBeGreaterThan(80);
  }
});

describe('RISK-ORGANIZATION-DELETED', () => {
  test('flags a destroy of the organization', () => {
    expect(ids([destroy('aws_organizations_organization.organization')], 'dev-organization')).toEqual(['RISK-ORGANIZATION-DELETED']);
  });
  test('leaves an update alone', () => {
    expect(ids([change({ address: 'aws_organizations_organization.organization', actions: ['update'], before: {} })], 'dev-organization')).toEqual([]);
  });
});

describe('RISK-ACCOUNT-DELETED', () => {
  test('flags a replace, naming the account and what forced it', () => {
    const replaced = change({
      address: 'aws_organizations_account.payments',
      actions: ['delete', 'create'],
      before: { id: '222222222222', name: 'Payments Prod', email: 'old@example.com' },
      after: { name: 'Payments Prod', email: 'new@example.com' },
      replacePaths: [['email']],
    });
    expect(findings([replaced], 'prod-organization')[0].reason).toBe(
      'account "Payments Prod" (222222222222) is replaced (forced by a change of email): it leaves the organization, and its workloads and access go with it',
    );
  });
  test('leaves a new account alone', () => {
    expect(ids([change({ address: 'aws_organizations_account.payments', after: { name: 'Payments Prod' } })], 'prod-organization')).toEqual([]);
  });
});

describe('RISK-SCP-DELETED and RISK-SCP-ATTACHMENT-DELETED', () => {
  test('flag a destroyed policy and a destroyed attachment', () => {
    const flagged = ids(
      [
        destroy('aws_organizations_policy.guardrails', { name: 'Guardrails', type: 'SERVICE_CONTROL_POLICY' }),
        destroy('aws_organizations_policy_attachment.guardrails__workloads'),
      ],
      'dev-organization',
    );
    expect(flagged).toEqual(['RISK-SCP-DELETED', 'RISK-SCP-ATTACHMENT-DELETED']);
  });
  test('leave a new attachment alone', () => {
    expect(ids([change({ address: 'aws_organizations_policy_attachment.guardrails__workloads' })], 'dev-organization')).toEqual([]);
  });
});

describe('RISK-SCP-DENY-REMOVED', () => {
  const update = (type: string) =>
    change({
      address: 'aws_organizations_policy.tags',
      actions: ['update'],
      before: { name: 'Tags', type, content: policy([{ Effect: 'Deny', Action: 'x:Y', Resource: '*' }]) },
      after: { name: 'Tags', type, content: policy([]) },
    });
  test('flags a Deny removed from an SCP', () => {
    expect(ids([update('SERVICE_CONTROL_POLICY')], 'dev-organization')).toEqual(['RISK-SCP-DENY-REMOVED']);
  });
  test('leaves tag policies alone', () => {
    expect(ids([update('TAG_POLICY')], 'dev-organization')).toEqual([]);
  });
});

describe('RISK-PERMISSION-SET-DELETED', () => {
  test('flags a replaced permission set', () => {
    expect(
      ids([change({ address: 'aws_ssoadmin_permission_set.admin', actions: ['delete', 'create'], before: { name: 'Admin' }, after: { name: 'Admins' } })]),
    ).toEqual(['RISK-PERMISSION-SET-DELETED']);
  });
  test('leaves a looked-up permission set (a data source) alone', () => {
    expect(ids([change({ address: 'data.aws_ssoadmin_permission_set.admin', mode: 'data', actions: ['read'] })])).toEqual([]);
  });
});

describe('RISK-ADMIN-POLICY-DETACHED', () => {
  const attachment = (address: string, actions: string[], arn: string, setName: string) =>
    change({
      address,
      actions,
      before: { managed_policy_arn: arn, permission_set_arn: `arn:${setName}` },
      after: actions.includes('create') ? { managed_policy_arn: arn, permission_set_arn: `arn:${setName}` } : null,
    });
  const prior = (setName: string) => ({
    address: `aws_ssoadmin_permission_set.${setName.toLowerCase()}`,
    mode: 'managed' as const,
    type: 'aws_ssoadmin_permission_set',
    name: setName.toLowerCase(),
    values: { arn: `arn:${setName}`, name: setName },
    sensitiveValues: {},
  });
  const run = (changes: ResourceChange[], setName: string) => reviewPlans({ plans: [plan(changes, { prior: [prior(setName)] })] }).findings;

  test('flags a re-attachment to Admin: it is detached in between', () => {
    const found = run(
      [attachment('aws_ssoadmin_managed_policy_attachment.admin__readonlyaccess', ['delete', 'create'], 'arn:aws:iam::aws:policy/ReadOnlyAccess', 'Admin')],
      'Admin',
    );
    expect(found.map((finding) => finding.reason)).toEqual([
      'AWS managed policy ReadOnlyAccess is re-attached to permission set "Admin": it is detached until the new attachment is created',
    ]);
  });
  test('flags AdministratorAccess detached from any set', () => {
    const found = run(
      [attachment('aws_ssoadmin_managed_policy_attachment.ops__administratoraccess', ['delete'], 'arn:aws:iam::aws:policy/AdministratorAccess', 'Ops')],
      'Ops',
    );
    expect(found.map((finding) => finding.ruleId)).toEqual(['RISK-ADMIN-POLICY-DETACHED']);
  });
  test('leaves other policies of other sets alone', () => {
    expect(
      run([attachment('aws_ssoadmin_managed_policy_attachment.ops__readonlyaccess', ['delete'], 'arn:aws:iam::aws:policy/ReadOnlyAccess', 'Ops')], 'Ops'),
    ).toEqual([]);
  });
});

describe('RISK-ASSIGNMENT-REPLACED and RISK-ASSIGNMENT-DELETED', () => {
  const assignment = 'aws_ssoadmin_account_assignment.group_admins__admin__prod';
  test('flag a create_before_destroy replace as a replace', () => {
    expect(ids([change({ address: assignment, actions: ['create', 'delete'], before: {}, after: {} })])).toEqual(['RISK-ASSIGNMENT-REPLACED']);
  });
  test('flag the destroy of a deposed object, saying so', () => {
    const [finding] = findings([change({ address: assignment, actions: ['delete'], deposed: '23af97a9', before: {}, after: null })]);
    expect(finding.ruleId).toBe('RISK-ASSIGNMENT-DELETED');
    expect(finding.reason).toBe(
      'revoked group admins (name from the address): admin (name from the address) on prod (name from the address) (deposed object 23af97a9)',
    );
  });
  test('leave a new assignment alone', () => {
    expect(ids([change({ address: assignment })])).toEqual([]);
  });
});

describe('RISK-PRINCIPAL-DELETED', () => {
  test('flags a destroyed user by user name', () => {
    expect(findings([destroy('aws_identitystore_user.jane', { user_name: 'jane.doe@example.com' })])[0].reason).toBe(
      'user "jane.doe@example.com" is destroyed: its memberships and account assignments go with it',
    );
  });
  test('leaves a renamed group (an update) alone', () => {
    expect(
      ids([
        change({
          address: 'aws_identitystore_group.admins',
          actions: ['update'],
          before: { display_name: 'Admins' },
          after: { display_name: 'Platform Admins' },
        }),
      ]),
    ).toEqual([]);
  });
});

describe('RISK-MFA-POLICY-REMOVED', () => {
  const mfaDeny = { Sid: 'DenyWithoutMfa', Effect: 'Deny', NotAction: ['iam:EnableMFADevice', 'sts:GetSessionToken'], Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } };
  const mfaPolicy = policy([{ Effect: 'Allow', Action: 'iam:ListVirtualMFADevices', Resource: '*' }, mfaDeny]);
  const arn = 'arn:aws:iam::111111111111:policy/Whatever';

  test('recognizes the policy by content, whatever its address: destroyed', () => {
    const flagged = findings([destroy('aws_iam_policy.anything', { name: 'Whatever', arn, policy: mfaPolicy })], 'prod-baseline');
    expect(flagged.map((finding) => finding.ruleId)).toEqual(['RISK-MFA-POLICY-REMOVED']);
    expect(flagged[0].reason).toContain('the MFA-enforcing IAM policy Whatever is destroyed');
  });
  test('flags an update that narrows the Deny (more actions excepted) and one that removes it', () => {
    const narrowed = { ...mfaDeny, NotAction: [...mfaDeny.NotAction, 's3:*'] };
    const update = (after: object[]) =>
      change({ address: 'aws_iam_policy.x', actions: ['update'], before: { name: 'X', arn, policy: mfaPolicy }, after: { name: 'X', arn, policy: policy(after) } });
    expect(ids([update([narrowed])], 'dev-baseline')).toContain('RISK-MFA-POLICY-REMOVED');
    expect(ids([update([])], 'dev-baseline')).toContain('RISK-MFA-POLICY-REMOVED');
  });
  test('leaves an update that keeps or broadens the Deny alone', () => {
    const broader = { ...mfaDeny, NotAction: ['iam:EnableMFADevice'] };
    const update = change({ address: 'aws_iam_policy.x', actions: ['update'], before: { name: 'X', arn, policy: mfaPolicy }, after: { name: 'X', arn, policy: policy([broader]) } });
    expect(ids([update], 'dev-baseline')).not.toContain('RISK-MFA-POLICY-REMOVED');
  });
  test('flags the destroy of an attachment that points at an MFA policy the prior state holds', () => {
    const attachment = destroy('aws_iam_group_policy_attachment.g', { group: 'Developers', policy_arn: arn });
    const reviewed = plan([attachment], {
      stack: 'dev-baseline',
      prior: [{ address: 'aws_iam_policy.p', mode: 'managed', type: 'aws_iam_policy', name: 'p', values: { arn, policy: mfaPolicy }, sensitiveValues: {} }],
    });
    const flagged = reviewPlans({ plans: [reviewed] }).findings;
    expect(flagged.map((finding) => finding.reason)).toEqual(["the MFA-enforcing policy's attachment to group Developers is destroyed: it no longer requires MFA there"]);
  });
  test('leaves other policy attachments alone', () => {
    expect(ids([destroy('aws_iam_group_policy_attachment.developers__require_mfa', { group: 'Developers', policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })], 'dev-baseline')).toEqual([]);
  });
});

describe('RISK-PREVENT-DESTROY-REMOVED', () => {
  const organizationPlan = plan([], { stack: 'dev-organization' });

  test('flags a resource that loses prevent_destroy and one that leaves the configuration, and follows moved blocks', () => {
    const review = reviewPlans({ plans: [organizationPlan], synth: readSynthDir(SYNTH_HEAD), baseSynth: readSynthDir(SYNTH_BASE) });
    expect(review.findings.map((finding) => finding.address)).toEqual(['aws_organizations_account.old-sandbox', 'aws_organizations_account.sandbox-alice']);
    expect(review.findings[0].reason).toContain('is no longer in the configuration: Terraform destroys it');
    expect(review.findings[1].reason).toContain('no longer has lifecycle.prevent_destroy');
    expect(review.notChecked).toEqual([]);
  });

  test('is reported as not checked without both synth directories: the plan JSON has no lifecycle', () => {
    const review = reviewPlans({ plans: [organizationPlan], synth: readSynthDir(SYNTH_HEAD) });
    expect(review.findings).toEqual([]);
    expect(review.notChecked).toEqual([
      { ruleId: 'RISK-PREVENT-DESTROY-REMOVED', reason: 'needs --synth-dir and --base-synth-dir: lifecycle settings are not in the plan JSON' },
    ]);
  });
});

describe('RISK-WILDCARD-ALLOWED', () => {
  const iamPolicy = (before: object[] | null, after: object[]) =>
    change({
      address: 'aws_iam_policy.ops',
      actions: [before ? 'update' : 'create'],
      before: before && { name: 'ops', policy: policy(before) },
      after: { name: 'ops', policy: policy(after) },
    });

  test('flags a new Allow of every action', () => {
    expect(findings([iamPolicy(null, [{ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::logs/*' }])], 'dev-baseline')[0].reason).toBe(
      'IAM policy ops newly allows Action "*": Allow * on arn:aws:s3:::logs/*',
    );
  });
  test('flags NotAction in an Allow', () => {
    expect(ids([iamPolicy(null, [{ Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:s3:::x' }])], 'dev-baseline')).toEqual(['RISK-WILDCARD-ALLOWED']);
  });
  test('leaves Deny statements and narrow patterns alone', () => {
    expect(
      ids(
        [
          iamPolicy(null, [
            { Effect: 'Deny', Action: '*', Resource: '*' },
            { Effect: 'Allow', Action: 'ec2:Describe*', Resource: 'arn:aws:ec2:*:*:instance/*' },
          ]),
        ],
        'dev-baseline',
      ),
    ).toEqual([]);
  });
  test('leaves a wildcard that was already allowed alone', () => {
    const statement = { Effect: 'Allow', Action: 's3:*', Resource: '*' };
    expect(ids([iamPolicy([statement], [statement, { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }])], 'dev-baseline')).toEqual([]);
  });
});

describe('RISK-SESSION-DURATION-RAISED', () => {
  const session = (actions: string[], before: string | null, after: string) =>
    change({
      address: 'aws_ssoadmin_permission_set.ops',
      actions,
      before: before === null ? null : { name: 'Ops', session_duration: before },
      after: { name: 'Ops', session_duration: after },
    });
  test('flags a longer session', () => {
    expect(ids([session(['update'], 'PT1H', 'PT1H30M')])).toEqual(['RISK-SESSION-DURATION-RAISED']);
  });
  test('leaves a shorter session and a new set alone', () => {
    expect(ids([session(['update'], 'PT4H', 'PT1H')])).toEqual([]);
    expect(ids([session(['create'], null, 'PT12H')])).toEqual([]);
  });
  test('reads ISO-8601 durations', () => {
    expect([durationSeconds('PT1H'), durationSeconds('PT1H30M'), durationSeconds('PT90S'), durationSeconds('P1D'), durationSeconds('1h')]).toEqual([
      3600,
      5400,
      90,
      86400,
      undefined,
    ]);
  });
});

describe('RISK-IMPORT-WITH-CHANGES', () => {
  test('flags an import that also updates', () => {
    expect(findings([change({ address: 'aws_ssoadmin_permission_set.admin', actions: ['update'], before: {}, importing: { id: 'arn:x' } })])[0].reason).toBe(
      'aws_ssoadmin_permission_set.admin is imported (ID arn:x) and also updated in the same apply',
    );
  });
  test('leaves an import-only change alone', () => {
    expect(ids([change({ address: 'aws_ssoadmin_permission_set.admin', actions: ['no-op'], before: {}, importing: { id: 'arn:x' } })])).toEqual([]);
  });
});

test('a rule that fails is reported as a finding, so a bug never lets a plan through', () => {
  const broken: Rule = {
    id: 'RISK-BROKEN',
    info: 'Broken.',
    explanation: 'Always throws.',
    fix: 'none',
    check: () => {
      throw new Error('boom');
    },
  };
  const review = reviewPlans({ plans: [plan([])], rules: [broken] });
  expect(review.findings).toEqual([
    { ruleId: 'RISK-BROKEN', stack: 'dev-identity-center', address: '(whole plan)', reason: 'the rule failed (boom); review this plan by hand' },
  ]);
});
