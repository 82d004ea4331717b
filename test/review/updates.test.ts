/** The comment shows what an update changes, argument by argument, and names objects from the old side too. */
import { renderJson } from '../../review/render/json';
import { renderMarkdown } from '../../review/render/markdown';
import { reviewPlans } from '../../review/review';
import { readAcceptedFindings } from '../../review/synth/read-synth';
import { LAYOUTS, plannedPlan, policyText, type Planned } from './plan-builder';

const SET = 'arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-00000000000000a1';

describe.each(LAYOUTS)('in the %s layout', (layout) => {
  const review = (resources: Planned[], prior: Parameters<typeof plannedPlan>[2] = {}) => {
    const result = reviewPlans({ plans: [plannedPlan(layout, resources, prior)] });
    return { stack: result.stacks[0], markdown: renderMarkdown(result, { title: 'updates' }) };
  };

  test('a permission set description removed says AWS cannot clear it, so the change recurs; a changed one carries no warning', () => {
    const set = (name: string, before: string, after: string | null): Planned => ({
      type: 'aws_ssoadmin_permission_set',
      name,
      actions: ['update'],
      before: { name, arn: SET, description: before, session_duration: 'PT1H' },
      after: { name, arn: SET, description: after, session_duration: 'PT1H' },
    });
    const { stack, markdown } = review([set('Admin', 'Full access', null), set('ReadOnly', 'Read', 'Read everything')]);
    const [removed, changed] = ['Admin', 'ReadOnly'].map((name) => stack.updates.find((update) => update.title === `permission set "${name}"`)!);
    expect(removed.arguments).toEqual([expect.objectContaining({ argument: 'description', before: '"Full access"', note: expect.stringContaining('terraform-provider-aws#41897') })]);
    expect(changed.arguments).toEqual([{ argument: 'description', before: '"Read"', after: '"Read everything"' }]);
    expect(markdown).toContain("⚠️ AWS cannot remove a permission set's description");
    expect(markdown.match(/⚠️ AWS cannot remove/g)).toHaveLength(1);
  });

  test('a leaf of a block marked sensitive is masked, and one known only after apply says so; the rest of the block is shown', () => {
    const emails = (value: string) => [{ value, primary: true, type: 'work' }];
    const user = (props: Partial<Planned>): Planned => ({
      type: 'aws_identitystore_user',
      name: 'jane',
      actions: ['update'],
      before: { user_name: 'jane', display_name: 'Jane', emails: emails('jane@example.com') },
      after: { user_name: 'jane', display_name: 'Jane', emails: emails('jane@attacker.example') },
      ...props,
    });
    const sensitive = { emails: [{ value: true }] };
    const hidden = review([user({ beforeSensitive: sensitive, afterSensitive: sensitive })]);
    expect(hidden.stack.updates[0].arguments).toEqual([{ argument: 'emails', before: '[{"value":"(sensitive)","primary":true,"type":"work"}]', after: '[{"value":"(sensitive)","primary":true,"type":"work"}]' }]);
    expect(hidden.markdown).not.toContain('example');
    const unknown = review([user({ after: { user_name: 'jane', display_name: 'Jane', emails: [{ primary: true, type: 'work' }] }, afterUnknown: { emails: [{ value: true }] } })]);
    expect(unknown.stack.updates[0].arguments[0].after).toBe('[{"primary":true,"type":"work","value":"(known after apply)"}]');
  });

  test('an IAM role update lists each changed argument before → after, sensitive values masked', () => {
    const role: Planned = {
      type: 'aws_iam_role',
      name: 'deployer',
      actions: ['update'],
      before: { name: 'deployer', max_session_duration: 3600, description: 'CI', permissions_boundary: 'secret-a' },
      after: { name: 'deployer', max_session_duration: 43200, description: 'CI', permissions_boundary: 'secret-b' },
      beforeSensitive: { permissions_boundary: true },
      afterSensitive: { permissions_boundary: true },
    };
    const { stack, markdown } = review([role]);
    expect(stack.updates).toEqual([
      expect.objectContaining({
        title: 'IAM role "deployer"',
        arguments: [
          { argument: 'max_session_duration', before: '3600', after: '43200' },
          { argument: 'permissions_boundary', before: '(sensitive)', after: '(sensitive)' },
        ],
      }),
    ]);
    expect(markdown).toContain('#### Updates');
    expect(markdown).toContain('`max_session_duration`: `3600` → `43200`');
    expect(markdown).not.toContain('secret-a');
    expect(markdown).not.toContain('secret-b');
  });

  test('a policy update says the document changes and shows it as a statement diff', () => {
    const policy: Planned = {
      type: 'aws_iam_policy',
      name: 'readers',
      actions: ['update'],
      before: { name: 'Readers', policy: policyText([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::a/*' }]) },
      after: { name: 'Readers', policy: policyText([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }]) },
    };
    const { markdown } = review([policy]);
    expect(markdown).toContain('`policy`: `policy document` → `changed: see the statement diff under Policies`');
    expect(markdown).toContain('➕ `Allow s3:GetObject on arn:aws:s3:::b/*`');
    expect(markdown).toContain('➖ `Allow s3:GetObject on arn:aws:s3:::a/*`');
  });

  test('a replaced permission set is named from the old side and the new', () => {
    const set: Planned = {
      type: 'aws_ssoadmin_permission_set',
      name: 'admin',
      actions: ['delete', 'create'],
      before: { arn: SET, name: 'Admin', session_duration: 'PT1H' },
      after: { name: 'Administrators', session_duration: 'PT1H' },
      afterUnknown: { arn: true, id: true },
      replacePaths: [['name']],
    };
    const { markdown } = review([set]);
    expect(markdown).toContain('(permission set "Admin" → "Administrators")');
  });

  test('a destroyed SCP attachment names the policy and the OU path from the prior state', () => {
    const attachment: Planned = { type: 'aws_organizations_policy_attachment', name: 'guardrails__prod', actions: ['delete'], before: { policy_id: 'p-abc12345', target_id: 'ou-ab12-prod0000' } };
    const result = reviewPlans({
      plans: [
        plannedPlan(layout, [attachment], {
          stack: 'dev-organization',
          prior: [
            { type: 'aws_organizations_policy', name: 'guardrails', values: { id: 'p-abc12345', name: 'Guardrails', type: 'SERVICE_CONTROL_POLICY' } },
            { type: 'aws_organizations_organizational_unit', name: 'workloads', values: { id: 'ou-ab12-work0000', name: 'Workloads', parent_id: 'r-ab12' } },
            { type: 'aws_organizations_organizational_unit', name: 'prod', values: { id: 'ou-ab12-prod0000', name: 'Prod', parent_id: 'ou-ab12-work0000' } },
          ],
        }),
      ],
    });
    expect(result.findings.map((finding) => finding.reason)).toEqual([
      'the attachment of policy Guardrails (p-abc12345) to Workloads/Prod (ou-ab12-prod0000) is destroyed: the policy stops applying to that target',
    ]);
  });

  const ORGANIZATION_PRIOR = [
    { type: 'aws_organizations_organization', name: 'org', values: { id: 'o-ab12cd34ef', feature_set: 'ALL', roots: [{ id: 'r-ab12', name: 'Root' }] } },
    { type: 'aws_organizations_policy', name: 'guardrails', values: { id: 'p-abc12345', name: 'Guardrails', type: 'SERVICE_CONTROL_POLICY' } },
    { type: 'aws_organizations_policy', name: 'sandbox', values: { id: 'p-def67890', name: 'Sandbox', type: 'SERVICE_CONTROL_POLICY' } },
    { type: 'aws_organizations_organizational_unit', name: 'prod', values: { id: 'ou-ab12-prod0000', name: 'Prod', parent_id: 'r-ab12' } },
  ];

  test('an SCP attachment replaced onto another policy shows both policies by name, in Updates and in the finding', () => {
    const attachment: Planned = {
      type: 'aws_organizations_policy_attachment',
      name: 'guardrails__prod',
      actions: ['delete', 'create'],
      before: { id: 'ou-ab12-prod0000:p-abc12345', policy_id: 'p-abc12345', target_id: 'ou-ab12-prod0000', skip_destroy: null },
      after: { policy_id: 'p-def67890', target_id: 'ou-ab12-prod0000', skip_destroy: null },
      afterUnknown: { id: true },
      replacePaths: [['policy_id']],
    };
    const result = reviewPlans({ plans: [plannedPlan(layout, [attachment], { stack: 'dev-organization', prior: ORGANIZATION_PRIOR })] });
    expect(result.stacks[0].updates).toEqual([
      expect.objectContaining({ kind: 'replace', arguments: [{ argument: 'policy_id', before: 'Guardrails (p-abc12345)', after: 'Sandbox (p-def67890)' }] }),
    ]);
    expect(result.findings.map((finding) => finding.reason)).toEqual([
      'the attachment of policy Guardrails (p-abc12345) to Prod (ou-ab12-prod0000) is replaced (forced by a change of policy_id): the policy stops applying to that target; policy Sandbox (p-def67890) is attached in its place',
    ]);
  });

  test('an account moved to the root names the OU it leaves and the root, and an IAM policy\'s own policy_id stays out of Updates', () => {
    const account: Planned = {
      type: 'aws_organizations_account',
      name: 'payments',
      actions: ['update'],
      before: { id: '111111111111', name: 'Payments', parent_id: 'ou-ab12-prod0000' },
      after: { id: '111111111111', name: 'Payments', parent_id: 'r-ab12' },
    };
    const policy: Planned = {
      type: 'aws_iam_policy',
      name: 'readers',
      actions: ['update'],
      before: { name: 'Readers', description: 'a', policy_id: 'ANPAEXAMPLE1' },
      after: { name: 'Readers', description: 'b', policy_id: 'ANPAEXAMPLE2' },
    };
    const result = reviewPlans({ plans: [plannedPlan(layout, [account, policy], { stack: 'dev-organization', prior: ORGANIZATION_PRIOR })] });
    const updates = Object.fromEntries(result.stacks[0].updates.map((update) => [update.title, update.arguments]));
    expect(updates['account "Payments"']).toEqual([{ argument: 'parent_id', before: 'Prod (ou-ab12-prod0000)', after: 'Root (r-ab12)' }]);
    expect(updates['IAM policy "Readers"']).toEqual([{ argument: 'description', before: '"a"', after: '"b"' }]);
  });
});

test('the JSON report, written in pieces, is the same JSON a single JSON.stringify would give', () => {
  const result = reviewPlans({ plans: [plannedPlan('project', [{ type: 'aws_iam_role', name: 'r', actions: ['update'], before: { name: 'r', max_session_duration: 1 }, after: { name: 'r', max_session_duration: 2 } }])] });
  const expected = JSON.stringify({ version: 1, approvalNeeded: false, findings: result.findings, suppressed: result.suppressed, notChecked: result.notChecked, rules: result.rules, accessReport: result.accessReport, stacks: result.stacks });
  expect(renderJson(result)).toBe(`${expected}\n`);
});

test('findings the config accepts at synth are listed in the comment with their reasons', () => {
  const { mkdtempSync, mkdirSync, writeFileSync } = jest.requireActual<typeof import('node:fs')>('node:fs');
  const { join } = jest.requireActual<typeof import('node:path')>('node:path');
  const dir = mkdtempSync(join(require('node:os').tmpdir(), 'accepted-'));
  mkdirSync(join(dir, 'environments', 'dev'), { recursive: true });
  const check = {
    findings: [
      { ruleId: 'RISK-PASSROLE-ANY', severity: 'error', target: 'Developer', reason: 'the inline policy of Developer allows iam:PassRole on any role', suppressed: 'limited by iam:PassedToService' },
      { ruleId: 'RISK-GRANT-TO-USER', severity: 'warning', target: 'x / y / z', reason: 'not accepted, so not listed' },
    ],
    errors: [],
    unusedSuppressions: [],
  };
  writeFileSync(join(dir, 'environments', 'dev', 'security-rules.json'), JSON.stringify(check));
  const accepted = readAcceptedFindings(dir);
  expect(accepted).toEqual([
    { environment: 'dev', ruleId: 'RISK-PASSROLE-ANY', target: 'Developer', reason: 'the inline policy of Developer allows iam:PassRole on any role', accepted: 'limited by iam:PassedToService' },
  ]);
  const markdown = renderMarkdown(reviewPlans({ plans: [plannedPlan('project', [])], accepted }), { title: 'accepted' });
  expect(markdown).toContain('Accepted in the config (suppressions): 1');
  expect(markdown).toContain('- `RISK-PASSROLE-ANY` `dev` `Developer`: the inline policy of Developer allows iam:PassRole on any role — reason: limited by iam:PassedToService');
});
