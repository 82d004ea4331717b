/**
 * The plan review on hand-written plans in the documented JSON format (test/fixtures/plans/<scenario>/<stack>.json):
 * the structured result and the Markdown a reviewer sees in the pull request.
 */
import { join } from 'node:path';
import { readPlan } from '../../review/plan/read-plan';
import { renderMarkdown } from '../../review/render/markdown';
import { reviewPlans } from '../../review/review';
import { FIXTURES, reviewScenario } from './helpers';

const ruleIds = (findings: ReadonlyArray<{ ruleId: string }>) => findings.map((finding) => finding.ruleId);

describe('a plan with no changes', () => {
  const { review, markdown } = reviewScenario('no-changes');

  test('counts nothing and says "no changes"', () => {
    expect(review.stacks[0].noChanges).toBe(true);
    expect(review.stacks[0].counts).toEqual({ import: 0, create: 0, update: 0, replace: 0, destroy: 0, move: 0, forget: 0, other: 0 });
    expect(markdown).toContain('| `dev-identity-center` — no changes | 0 | 0 | 0 | 0 | 0 | 0 |');
  });

  test('raises no risk flag', () => {
    expect(review.findings).toEqual([]);
    expect(markdown).toContain('**✅ No risk flags.**');
  });

  test('ignores data source reads and unknown top-level keys', () => {
    expect(review.stacks[0].changes).toEqual([]);
    expect(markdown).not.toContain('<details');
  });
});

describe('a new user and group with assignments', () => {
  const { review, markdown } = reviewScenario('new-user-and-group');
  const identityCenter = review.stacks.find((stack) => stack.stack === 'dev-identity-center')!;

  test('counts five creates in the identity-center stack and no changes in the organization stack', () => {
    expect(identityCenter.counts.create).toBe(5);
    expect(review.stacks.find((stack) => stack.stack === 'dev-organization')!.noChanges).toBe(true);
  });

  test('grants the new group its permission set, with names resolved through the configuration references', () => {
    const row = identityCenter.access.find((access) => access.principalType === 'GROUP')!;
    expect(row.change).toBe('granted');
    expect(row.principal).toEqual({ text: 'Data Engineers', source: 'plan' });
    expect(row.permissionSet).toMatchObject({
      text: 'ReadOnly',
      source: 'plan',
      id: 'arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-2b3c4d5e6f7a8b9c',
    });
    expect(row.account).toEqual({ text: 'Dev Workloads', id: '333333333333', source: 'plan' });
  });

  test('grants the new user, whose ID is unknown until apply, by user name', () => {
    const row = identityCenter.access.find((access) => access.principalType === 'USER')!;
    expect(row.principal.text).toBe('jane.doe@example.com');
    expect(row.permissionSet.text).toBe('PowerUser');
    expect(row.account).toMatchObject({ text: 'Sandbox Alice', id: '444444444444' });
  });

  test('lists the new membership', () => {
    expect(identityCenter.memberships).toEqual([
      expect.objectContaining({
        change: 'added',
        user: expect.objectContaining({ text: 'jane.doe@example.com' }),
        group: expect.objectContaining({ text: 'Data Engineers' }),
      }),
    ]);
  });

  test('flags only the grant to a user directly: the group grant of a non-admin set is routine', () => {
    expect(review.findings.map((finding) => [finding.ruleId, finding.address])).toEqual([
      ['RISK-GRANT-TO-USER', 'aws_ssoadmin_account_assignment.user_jane_doe_at_example_com__poweruser__sandbox-alice'],
    ]);
  });

  test('shows the grants as table rows with names, never bare IDs', () => {
    expect(markdown).toContain('| ➕ granted | group **Data Engineers** | ReadOnly | Dev Workloads (333333333333) |');
    expect(markdown).toContain('| ➕ granted | user **jane.doe@example.com** | PowerUser | Sandbox Alice (444444444444) |');
    expect(markdown).toContain('| ➕ added | jane.doe@example.com | Data Engineers |');
    expect(markdown).not.toContain('ps-2b3c4d5e6f7a8b9c');
  });

  test('opens the stack details that hold access changes and keeps the change list collapsed', () => {
    expect(markdown).toContain('<details open>\n<summary><b>dev-identity-center</b>: 5 to create — 1 risk flag</summary>');
    expect(markdown).toContain('<details><summary>All 5 changes</summary>');
  });
});

describe('assignments replaced', () => {
  const { review, markdown } = reviewScenario('assignment-replaced');
  const [stack] = review.stacks;

  test('counts two replaces', () => {
    expect(stack.counts.replace).toBe(2);
  });

  test('shows a tainted assignment as re-created', () => {
    const row = stack.access.find((access) => access.address.endsWith('group_platform_admins__admin__sandbox-alice'))!;
    expect(row).toMatchObject({
      change: 're-created',
      principal: { text: 'Platform Admins' },
      permissionSet: { text: 'Admin' },
      account: { id: '444444444444' },
    });
  });

  test('shows an assignment whose account changes as a revoke and a grant', () => {
    const rows = stack.access.filter((access) => access.address.endsWith('group_developers__poweruser__dev-workloads'));
    expect(rows.map((row) => [row.change, row.account.id])).toEqual([
      ['revoked', '333333333333'],
      ['granted', '555555555555'],
    ]);
  });

  test('flags each replaced assignment, saying why it is replaced', () => {
    expect(ruleIds(review.findings)).toEqual(['RISK-ASSIGNMENT-REPLACED', 'RISK-ASSIGNMENT-REPLACED']);
    expect(review.findings[0].reason).toContain('forced by a change of target_id');
    expect(review.findings[1].reason).toContain('the object is tainted');
  });

  test('marks account names that only the address gives', () => {
    expect(markdown).toContain('| 🔁 re-created | group **Platform Admins** | Admin | sandbox-alice† (444444444444) |');
    expect(markdown).toContain('† name derived from the Terraform address');
  });

  test('asks for approval', () => {
    expect(markdown).toContain('**⚠️ 2 risk flags need an explicit approval**');
    expect(markdown).toContain('| `RISK-ASSIGNMENT-REPLACED` | 2 | An account assignment is replaced: access drops while it is re-created. |');
  });
});

// A real plan (the round trip's third change on dev, test/roundtrip/converge.test.ts): the set Auditor
// removed with its assignment, the contractor's assignment removed, Developer's session shortened.
describe('a permission set destroyed', () => {
  const review = reviewPlans({ plans: [readPlan(join(FIXTURES, 'real', 'roundtrip', 'revoke-update-delete.json'), { stack: 'dev-identity-center' })] });
  const markdown = renderMarkdown(review, { title: 'Plan review: permission-set-destroyed' });
  const [stack] = review.stacks;

  test('flags the permission set and the assignments that go', () => {
    expect(ruleIds(review.findings)).toEqual(['RISK-PERMISSION-SET-DELETED', 'RISK-ASSIGNMENT-DELETED', 'RISK-ASSIGNMENT-DELETED']);
    expect(review.findings[0].reason).toBe('permission set "Auditor" is destroyed: everyone assigned to it loses that access in every account');
  });

  test('revokes the user by user name, found from the ID in prior_state', () => {
    expect(stack.access).toEqual([
      expect.objectContaining({ change: 'revoked', principalType: 'GROUP', principal: expect.objectContaining({ text: 'Developers' }) }),
      expect.objectContaining({ change: 'revoked', principalType: 'USER', principal: expect.objectContaining({ text: 'dev.contractor', source: 'plan' }) }),
    ]);
  });

  test('lists the detached policy under the destroyed set, and the updated set', () => {
    expect(stack.permissionSets).toEqual([
      expect.objectContaining({ name: 'Auditor', kind: 'destroy', attachments: [expect.objectContaining({ policy: 'SecurityAudit', change: 'detached' })] }),
      expect.objectContaining({ name: 'Developer', kind: 'update' }),
    ]);
    expect(markdown).toContain('- **Auditor** (destroyed)\n  - AWS managed policy `SecurityAudit` detached');
  });
});

describe("Admin's policy detached", () => {
  const { review, markdown } = reviewScenario('admin-policy-detached');

  test('flags AdministratorAccess leaving the Admin set, and not the policy that is attached', () => {
    expect(review.findings).toEqual([
      {
        ruleId: 'RISK-ADMIN-POLICY-DETACHED',
        stack: 'dev-identity-center',
        address: 'aws_ssoadmin_managed_policy_attachment.admin__administratoraccess',
        reason: 'AWS managed policy AdministratorAccess is detached from permission set "Admin"',
      },
    ]);
  });

  test('shows both attachment changes under Admin', () => {
    expect(markdown).toContain('- **Admin**\n  - AWS managed policy `AdministratorAccess` detached\n  - AWS managed policy `ReadOnlyAccess` attached');
  });
});

describe('an SCP changed', () => {
  const { review, markdown } = reviewScenario('scp-changed');
  const [policy] = review.stacks[0].policies;

  test('compares statements, not text: a string and a one-element Action list are the same statement', () => {
    expect(policy.added.map((statement) => statement.sid)).toEqual(['ProtectCloudTrail']);
    expect(policy.removed.map((statement) => statement.sid)).toEqual(['DenyIamUsers']);
  });

  test('flags the removed Deny statement', () => {
    expect(ruleIds(review.findings)).toEqual(['RISK-SCP-DENY-REMOVED']);
    expect(review.findings[0].reason).toBe(
      'Organization policy BaselineGuardrails (SERVICE_CONTROL_POLICY) no longer has: Deny iam:CreateAccessKey, iam:CreateUser on * [Sid DenyIamUsers]',
    );
  });

  test('shows added and removed statements', () => {
    expect(markdown).toContain(
      '- **Organization policy BaselineGuardrails (SERVICE\\_CONTROL\\_POLICY)** (updated) `aws_organizations_policy.baseline_guardrails`',
    );
    expect(markdown).toContain('  - ➕ `Deny cloudtrail:DeleteTrail, cloudtrail:StopLogging on * [Sid ProtectCloudTrail]`');
    expect(markdown).toContain('  - ➖ `Deny iam:CreateAccessKey, iam:CreateUser on * [Sid DenyIamUsers]`');
  });
});

describe('an import-only plan', () => {
  const { review, markdown } = reviewScenario('import-only');
  const [stack] = review.stacks;

  test('counts imports and nothing else', () => {
    expect(stack.counts).toMatchObject({ import: 3, create: 0, update: 0, replace: 0, destroy: 0 });
    expect(stack.noChanges).toBe(false);
  });

  test('raises no risk flag and lists no access change: adopting is not granting', () => {
    expect(review.findings).toEqual([]);
    expect(stack.access).toEqual([]);
  });

  test('lists each import with its ID', () => {
    expect(markdown).toContain(
      '- import `aws_ssoadmin_permission_set.admin` (`arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-1a2b3c4d5e6f7a8b,arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6`)',
    );
  });
});

describe('a permission set loosened', () => {
  const { review, markdown } = reviewScenario('permission-set-loosened');

  test('flags the raised session duration and the new wildcard statement', () => {
    expect(ruleIds(review.findings).sort()).toEqual(['RISK-SESSION-DURATION-RAISED', 'RISK-WILDCARD-ALLOWED']);
  });

  test('does not flag the wildcard resource that was already allowed', () => {
    const wildcard = review.findings.find((finding) => finding.ruleId === 'RISK-WILDCARD-ALLOWED')!;
    expect(wildcard.reason).toBe('Inline policy of Developer newly allows Action "s3:*" and Resource "*": Allow s3:* on * [Sid AllS3]');
  });

  test('shows the session change, the new statement and the other changed arguments', () => {
    expect(markdown).toContain(
      '- **Developer** (updated)\n  - session duration: PT1H → PT8H\n  - ➕ inline statement `Allow s3:* on * [Sid AllS3]`\n  - also changes: `description`',
    );
  });
});
