/** The pull request comment: within GitHub's size limit whatever the plan, and safe whatever the names. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPlan } from '../../review/plan/read-plan';
import { commentMarker, GITHUB_COMMENT_LIMIT, renderMarkdown } from '../../review/render/markdown';
import { reviewPlans } from '../../review/review';
import { code, text } from '../../review/render/markdown-text';
import { change, fixturePlans, plan } from './helpers';

/** A plan of `count` assignment changes in the documented format: creates, replaces and destroys. */
function largePlanJson(count: number): string {
  const instance = 'arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6';
  const setArn = (set: number) => `arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-${String(set).padStart(16, '0')}`;
  const groupId = (group: number) => `9067a1b2c3-${String(group).padStart(8, '0')}-0000-0000-0000-000000000000`;
  const account = (n: number) => String(100000000000 + n);
  const values = (i: number) => ({
    instance_arn: instance,
    permission_set_arn: setArn(i % 5),
    principal_id: groupId(i % 50),
    principal_type: 'GROUP',
    target_id: account(i % 100),
    target_type: 'AWS_ACCOUNT',
  });
  const resourceChanges = Array.from({ length: count }, (_, i) => {
    const actions = i % 5 === 0 ? ['delete', 'create'] : i % 5 === 1 ? ['delete'] : ['create'];
    const name = `group_group_${i % 50}__set_${i % 5}__account_${i}`;
    return {
      address: `aws_ssoadmin_account_assignment.${name}`,
      mode: 'managed',
      type: 'aws_ssoadmin_account_assignment',
      name,
      provider_name: 'registry.terraform.io/hashicorp/aws',
      change: {
        actions,
        before: actions[0] === 'create' ? null : { ...values(i), id: `id-${i}` },
        after: actions.includes('create') ? values(i) : null,
        after_unknown: actions.includes('create') ? { id: true } : {},
        before_sensitive: actions[0] === 'create' ? false : {},
        after_sensitive: actions.includes('create') ? {} : false,
        ...(actions.length === 2 ? { replace_paths: [['principal_id']] } : {}),
      },
      ...(actions.length === 2 ? { action_reason: 'replace_because_cannot_update' } : {}),
    };
  });
  const prior = [
    ...Array.from({ length: 50 }, (_, g) => ({
      address: `aws_identitystore_group.group_${g}`,
      mode: 'managed',
      type: 'aws_identitystore_group',
      name: `group_${g}`,
      values: { group_id: groupId(g), display_name: `Group ${g}` },
      sensitive_values: {},
    })),
    ...Array.from({ length: 5 }, (_, s) => ({
      address: `aws_ssoadmin_permission_set.set_${s}`,
      mode: 'managed',
      type: 'aws_ssoadmin_permission_set',
      name: `set_${s}`,
      values: { arn: setArn(s), name: `Set${s}` },
      sensitive_values: {},
    })),
  ];
  return JSON.stringify({
    format_version: '1.2',
    terraform_version: '1.9.8',
    resource_changes: resourceChanges,
    prior_state: { format_version: '1.0', values: { root_module: { resources: prior } } },
  });
}

describe('a plan of 5,000 changes', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'plan-review-large-'));
  const file = join(scratch, 'prod-identity-center.json');
  writeFileSync(file, largePlanJson(5000));
  const review = reviewPlans({ plans: [readPlan(file)] });
  const markdown = renderMarkdown(review, { title: 'Plan review: prod' });

  test('renders within the GitHub comment limit', () => {
    expect(markdown.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
  });

  test('says it was shortened and where the rest is', () => {
    expect(markdown).toMatch(
      /> ℹ️ Shortened to fit GitHub's 65,536-character comment limit: long lists show their first \d+ rows\. The JSON report has everything\./,
    );
    expect(markdown).toMatch(/- _… and \d+ more access changes \(not shown: comment size limit; see the JSON report\)_/);
  });

  test('still counts every change and every flag', () => {
    expect(markdown).toContain('| `prod-identity-center` | 0 | 3000 | 0 | 1000 | 1000 | **2000** |');
    expect(markdown).toContain('| `RISK-ASSIGNMENT-REPLACED` | 1000 |');
    expect(markdown).toContain('| `RISK-ASSIGNMENT-DELETED` | 1000 |');
  });

  test('keeps every row in the structured result', () => {
    expect(review.stacks[0].changes).toHaveLength(5000);
    expect(review.stacks[0].access).toHaveLength(5000);
    expect(review.findings).toHaveLength(2000);
  });

  test('closes every details element it opens', () => {
    expect((markdown.match(/<details/g) ?? []).length).toBe((markdown.match(/<\/details>/g) ?? []).length);
  });
});

describe('the size limit', () => {
  test('is never a failure: when even the shortest form is too long, the comment is cut, closed and says so', () => {
    const review = reviewPlans({ plans: fixturePlans('new-user-and-group') });
    const markdown = renderMarkdown(review, { title: 't', maxChars: 900 });
    expect(markdown.length).toBeLessThanOrEqual(900);
    expect(markdown).toContain('_… truncated to fit the comment size limit; see the JSON report._');
    expect((markdown.match(/<details/g) ?? []).length).toBe((markdown.match(/<\/details>/g) ?? []).length);
  });
});

describe('values from the plan in Markdown', () => {
  const reviewed = plan(
    [
      change({
        address: 'aws_identitystore_group.evil',
        after: { display_name: 'Ops | <script>alert(1)</script> @acme/admins' },
        afterUnknown: { group_id: true },
      }),
      change({
        address: 'aws_ssoadmin_account_assignment.group_evil__admin__prod',
        after: { principal_type: 'GROUP' },
        afterUnknown: { principal_id: true },
      }),
    ],
    {
      config: [
        {
          address: 'aws_ssoadmin_account_assignment.group_evil__admin__prod',
          mode: 'managed',
          type: 'aws_ssoadmin_account_assignment',
          name: 'group_evil__admin__prod',
          expressions: { principal_id: { references: ['aws_identitystore_group.evil.group_id', 'aws_identitystore_group.evil'] } },
        },
      ],
    },
  );
  const markdown = renderMarkdown(reviewPlans({ plans: [reviewed] }), { title: 'dev' });

  test('cannot break a table row, inject HTML or mention a team', () => {
    expect(markdown).toContain('| ➕ granted | group **Ops \\| &lt;script&gt;alert(1)&lt;/script&gt; @\u200bacme/admins** | admin† | prod† |');
  });
});

test('a control or bidirectional character in a name is shown as its code point, so no name reads as another', () => {
  // U+202E turns the rest of the line around: "Admins\u202Esrepoleved" would read as "Adminsdevelopers" reversed.
  expect(text('Admins\u202Esrepoleved')).toBe('Admins⟨U+202E⟩srepoleved');
  expect(text('ring\u0007bell\u001b[31m')).toBe('ring⟨U+0007⟩bell⟨U+001B⟩\\[31m');
  expect(code('a\u2066b\u2069c\u0085d', true)).toBe('`a⟨U+2066⟩b⟨U+2069⟩c⟨U+0085⟩d`');
  // Tabs and ordinary text are left as they are, line breaks still become spaces.
  expect(text('Ops\tteam\u2028next')).toBe('Ops\tteam next');
});

test('the comment starts with a hidden marker, so a workflow can find and update it', () => {
  const markdown = renderMarkdown(reviewPlans({ plans: fixturePlans('no-changes') }), { title: 'dev' });
  expect(markdown.startsWith('<!-- plan-review: dev -->\n## dev\n')).toBe(true);
  expect(commentMarker('a--b')).toBe('<!-- plan-review: a-b -->');
});
