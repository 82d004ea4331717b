/**
 * The access report in review: the access table's effective-access words and names come from the
 * synth's access.json (model/access.ts), and the comment embeds the report's changed rows between the
 * base branch's synth output and this change's.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NOW_VARIABLE } from '../../config/expiry';
import { buildAccessReport } from '../../model/access';
import { main } from '../../review/cli';
import { readPlan } from '../../review/plan/read-plan';
import { renderJson } from '../../review/render/json';
import { renderMarkdown } from '../../review/render/markdown';
import { reviewPlans } from '../../review/review';
import { readAccessReports } from '../../review/synth/read-access';
import { readSynthDir } from '../../review/synth/read-synth';
import { synthesize } from '../../synth/synthesize';
import { baseConfig, model, withChange } from '../helpers/environment';
import { writePlan, type Planned } from './plan-builder';

const FIXED_NOW = '2026-12-02T02:00:00Z';
let saved: string | undefined;
beforeAll(() => {
  saved = process.env[NOW_VARIABLE];
  process.env[NOW_VARIABLE] = FIXED_NOW;
});
afterAll(() => {
  if (saved === undefined) delete process.env[NOW_VARIABLE];
  else process.env[NOW_VARIABLE] = saved;
});

const REASON = 'CHG-7: rebuild of the dev environment';

/** The base branch: Platform Admins (jane) hold Admin on prod and PowerUser on audit. */
const baseBranch = () =>
  withChange((c) => {
    c.identityCenter.assignments = [
      { group: 'Platform Admins', permissionSets: ['Admin'], accounts: ['prod'] },
      { group: 'Platform Admins', permissionSets: ['PowerUser'], accounts: ['audit'] },
    ];
  });

/** This change: Admin on dev until the end of 2026, PowerUser on audit gone. */
const headBranch = () =>
  withChange((c) => {
    c.identityCenter.assignments = [
      { group: 'Platform Admins', permissionSets: ['Admin'], accounts: ['prod'] },
      { group: 'Platform Admins', permissionSets: ['Admin'], accounts: ['dev'], expires: '2026-12-31', reason: REASON },
    ];
  });

function synthDir(config: ReturnType<typeof baseConfig>): string {
  const dir = mkdtempSync(join(tmpdir(), 'access-review-synth-'));
  synthesize([model(config)], dir);
  return dir;
}

/** The identity-center plan of the change: one assignment created, one destroyed, as Terraform writes them. */
const PLANNED: Planned[] = [
  {
    type: 'aws_ssoadmin_account_assignment',
    name: 'group_platform_admins__admin__dev',
    actions: ['create'],
    after: { principal_type: 'GROUP', target_type: 'AWS_ACCOUNT', instance_arn: 'arn:aws:sso:::instance/ssoins-1' },
    afterUnknown: { principal_id: true, permission_set_arn: true, target_id: true, id: true },
  },
  {
    type: 'aws_ssoadmin_account_assignment',
    name: 'group_platform_admins__poweruser__audit',
    actions: ['delete'],
    before: {
      principal_type: 'GROUP',
      principal_id: 'g-1234567890',
      permission_set_arn: 'arn:aws:sso:::permissionSet/ssoins-1/ps-0000000000000002',
      target_id: '222222222222',
      target_type: 'AWS_ACCOUNT',
      instance_arn: 'arn:aws:sso:::instance/ssoins-1',
    },
  },
];

describe('the review of a change that grants and revokes, with both synth outputs', () => {
  let head: string;
  let base: string;
  let markdown: string;
  let json: { accessReport: { environments: Array<{ environment: string; rows: unknown[]; report: string }> }; stacks: Array<{ access: unknown[] }> };
  const headReport = () => buildAccessReport(model(headBranch()));
  const baseReport = () => buildAccessReport(model(baseBranch()));

  beforeAll(async () => {
    head = synthDir(headBranch());
    base = synthDir(baseBranch());
    const plan = writePlan('project', PLANNED, { stack: 'test-identity-center' });
    const out = mkdtempSync(join(tmpdir(), 'access-review-out-'));
    const code = await main(['--synth-dir', head, '--base-synth-dir', base, '--markdown', join(out, 'review.md'), '--json', join(out, 'review.json'), '--title', 'test', plan], { stdout: () => undefined, stderr: () => undefined });
    expect([0, 3]).toContain(code); // 3: risk flags (a new Admin grant), judged elsewhere
    markdown = readFileSync(join(out, 'review.md'), 'utf8');
    json = JSON.parse(readFileSync(join(out, 'review.json'), 'utf8'));
  }, 60_000);

  test("the access table takes the set's effective access in that account from access.json, the words model/effective-access.ts gives", () => {
    const dev = headReport().accounts.find((account) => account.key === 'dev')!.access[0];
    const audit = baseReport().accounts.find((account) => account.key === 'audit')!.access[0];
    expect(dev.effectiveAccess).toBe('full admin');
    expect(audit.effectiveAccess).toBe('everything but IAM, Organizations and Account write');
    // Names the plan knows only from the address (†) are the config's, from the report.
    expect(markdown).toContain(`| ➕ granted | group **Platform Admins** | Admin | ${dev.effectiveAccess} (**admin-level**), through 2026-12-31 (UTC) | Dev |`);
    // A revocation reads the base branch's report: what is lost.
    expect(markdown).toContain(`| ➖ revoked | group **Platform Admins** | PowerUser | ${audit.effectiveAccess} | Audit (222222222222) |`);
    expect(json.stacks[0].access).toContainEqual(expect.objectContaining({ change: 'granted', effectiveAccess: 'full admin', adminLevel: true, expires: '2027-01-01T00:00:00.000Z', reason: REASON }));
  });

  test('the comment embeds the changed rows: a known person gains a known account with a known set through a known group, and loses another', () => {
    expect(markdown).toContain('### Access report changes: test (2)');
    expect(markdown).toContain(
      `- ➕ jane.doe@example.com gains dev / Admin (full admin, administrator-level) through group Platform Admins, through 2026-12-31 (UTC) (${REASON})`,
    );
    expect(markdown).toContain('- ➖ jane.doe@example.com loses audit / PowerUser (everything but IAM, Organizations and Account write) through group Platform Admins');
    expect(markdown).toContain(`Full report: \`${head}/environments/test/ACCESS.md\`.`);
  });

  test('the JSON report has the same rows, in full', () => {
    expect(json.accessReport.environments).toEqual([
      expect.objectContaining({
        environment: 'test',
        report: 'environments/test/ACCESS.md',
        rows: [
          { change: 'gains', account: 'dev', accountName: 'Dev', person: 'jane.doe@example.com', group: 'Platform Admins', permissionSet: 'Admin', effectiveAccess: 'full admin', adminLevel: true, expires: '2027-01-01T00:00:00.000Z', reason: REASON },
          { change: 'loses', account: 'audit', accountName: 'Audit', person: 'jane.doe@example.com', group: 'Platform Admins', permissionSet: 'PowerUser', effectiveAccess: 'everything but IAM, Organizations and Account write', adminLevel: false },
        ],
      }),
    ]);
  });

  test('an unchanged report adds no rows and no section', () => {
    const plans = [readPlan(writePlan('project', PLANNED, { stack: 'test-identity-center' }))];
    const review = reviewPlans({ plans, synth: readSynthDir(head), baseSynth: readSynthDir(head), accessReports: { head: readAccessReports(head), base: readAccessReports(head) } });
    expect(review.accessReport).toEqual({ environments: [] });
    expect(renderMarkdown(review, { title: 'test' })).not.toContain('Access report');
  });
});

describe('without the synth outputs', () => {
  test('the access table says the words are not known, and why', () => {
    const review = reviewPlans({ plans: [readPlan(writePlan('project', PLANNED, { stack: 'test-identity-center' }))] });
    const markdown = renderMarkdown(review, { title: 'test' });
    expect(markdown).toContain('_Effective access not known: it comes from the access report, `environments/<env>/access.json` of --synth-dir (grants) and --base-synth-dir (revocations)._');
    expect(markdown).toContain('| ➕ granted | group **platform\\_admins†** | admin† | dev† |');
    expect(markdown).toContain('| ➖ revoked | group **platform\\_admins†** | poweruser† | audit† (222222222222) |');
    // The rows are the review's own, not copies.
    expect(review.stacks[0].access.every((row) => row.effectiveAccess === undefined)).toBe(true);
  });

  test('with this change\'s synth output only, revocations say what is missing', () => {
    const head = synthDir(headBranch());
    const review = reviewPlans({ plans: [readPlan(writePlan('project', PLANNED, { stack: 'test-identity-center' }))], accessReports: { head: readAccessReports(head) } });
    const markdown = renderMarkdown(review, { title: 'test' });
    expect(markdown).toContain('| ➕ granted | group **Platform Admins** | Admin | full admin (**admin-level**), through 2026-12-31 (UTC) | Dev |');
    expect(markdown).toContain('| ➖ revoked | group **platform\\_admins†** | poweruser† | _not known: no --base-synth-dir_ | audit† (222222222222) |');
    expect(markdown).toContain('> Access report not compared: needs --synth-dir and --base-synth-dir');
    expect(review.accessReport.environments).toEqual([]);
  });
});

describe('a change that reaches many people', () => {
  /** 300 more members of Platform Admins on this side: each gains prod / Admin. */
  const crowded = () =>
    withChange((c) => {
      for (let index = 0; index < 300; index++) {
        const user = `user${String(index).padStart(3, '0')}@example.com`;
        c.identityCenter.users[user] = { displayName: `User ${index}`, givenName: 'User', familyName: `${index}`, email: user };
        c.identityCenter.groups['Platform Admins'].members.push(user);
      }
    });

  test('the rows are capped with "… and N more" and the comment stays within the limit; the JSON has them all', () => {
    const review = reviewPlans({
      plans: [readPlan(writePlan('project', PLANNED, { stack: 'test-identity-center' }))],
      accessReports: { head: new Map([['test', buildAccessReport(model(crowded()))]]), base: new Map([['test', buildAccessReport(model(baseConfig()))]]) },
      accessReportLocation: 'https://github.com/acme/foundation/actions/runs/1/artifacts/2',
    });
    expect(review.accessReport.environments[0].rows).toHaveLength(300);
    const maxChars = 8000;
    const markdown = renderMarkdown(review, { title: 'test', maxChars });
    expect(markdown.length).toBeLessThanOrEqual(maxChars);
    const shown = markdown.split('\n').filter((line) => line.startsWith('- ➕ user'));
    expect(shown.length).toBeGreaterThan(0);
    expect(markdown).toContain(`- _… and ${300 - shown.length} more access report rows (not shown: comment size limit; see the JSON report)_`);
    expect(markdown).toContain('Full report: [ACCESS.md and access.html of test](https://github.com/acme/foundation/actions/runs/1/artifacts/2).');
    expect(JSON.parse(renderJson(review)).accessReport.environments[0].rows).toHaveLength(300);
  });

  test('at the full GitHub limit every row fits', () => {
    const review = reviewPlans({
      plans: [readPlan(writePlan('project', PLANNED, { stack: 'test-identity-center' }))],
      accessReports: { head: new Map([['test', buildAccessReport(model(crowded()))]]), base: new Map([['test', buildAccessReport(model(baseConfig()))]]) },
    });
    const markdown = renderMarkdown(review, { title: 'test' });
    expect(markdown.split('\n').filter((line) => / gains prod \/ Admin /.test(line))).toHaveLength(300);
  });
});

describe('reading access.json', () => {
  test('a file that is not a version-1 report stops the review with the file and the fix', () => {
    const dir = synthDir(baseConfig());
    writeFileSync(join(dir, 'environments', 'test', 'access.json'), JSON.stringify({ version: 2 }));
    expect(() => readAccessReports(dir)).toThrow(`${join(dir, 'environments', 'test', 'access.json')}: is not an access report of version 1 (config/access.schema.json); synthesize again with this version`);
  });
});

describe('a permission set whose policies change', () => {
  const withSupport = (policy: string) => () =>
    withChange((c) => {
      c.identityCenter.permissionSets = { Support: { managedPolicies: [`arn:aws:iam::aws:policy/${policy}`] } };
      c.identityCenter.assignments = [{ group: 'Platform Admins', permissionSets: ['Support'], accounts: ['dev'] }];
    });
  const before = buildAccessReport(model(withSupport('ReadOnlyAccess')()));
  const after = buildAccessReport(model(withSupport('PowerUserAccess')()));
  const review = reviewPlans({
    plans: [
      readPlan(
        writePlan(
          'project',
          [{ type: 'aws_ssoadmin_permission_set', name: 'support', actions: ['update'], before: { name: 'Support', session_duration: 'PT1H' }, after: { name: 'Support', session_duration: 'PT2H' } }],
          { stack: 'test-identity-center' },
        ),
      ),
    ],
    accessReports: { head: new Map([['test', after]]), base: new Map([['test', before]]) },
  });
  const markdown = renderMarkdown(review, { title: 'test' });
  const readOnly = before.permissionSets.find((set) => set.name === 'Support')!.effectiveAccess.summary;
  const powerUser = after.permissionSets.find((set) => set.name === 'Support')!.effectiveAccess.summary;

  test("the stack's permission set list says its effective access before → after, in the report's words", () => {
    expect(readOnly).toMatch(/^list\/read only/);
    expect(powerUser).toBe('everything but IAM, Organizations and Account write');
    expect(review.stacks[0].permissionSets[0].effectiveAccess).toEqual({ before: readOnly, after: powerUser });
    expect(markdown).toContain(`  - effective access: ${readOnly} → ${powerUser}`);
  });

  test("the report's changed rows show the person's access there changing, and the set's reading per service", () => {
    expect(markdown).toContain(`- 🔁 jane.doe@example.com on dev / Support through group Platform Admins: effective access: ${readOnly} → ${powerUser}`);
    expect(markdown).toContain(`- 🔁 permission set **Support** reads ${readOnly} → ${powerUser}`);
    const set = review.accessReport.environments[0].permissionSets[0];
    expect(set.services).toContain('every other service: nothing → every action');
    // PowerUserAccess keeps only a few IAM actions (iam:ListRoles, the service-linked-role writes): fewer reads, some writes.
    expect(set.services).toContain('IAM (iam): list, read → list (some), write (some)');
  });
});
