/** The access report's model and files: rows for the bundled environments and generated ones. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { loadEnvironmentText } from '../../config/load';
import { AWS_MANAGED_POLICY_DOCUMENTS } from '../../config/aws-managed-policy-documents.generated';
import type { PolicyDocument } from '../../config/policy-document';
import { buildAccessReport, type AccessReport } from '../../model/access';
import { effectiveAccess } from '../../model/effective-access';
import type { EnvironmentModel } from '../../model/environment';
import { synthesize } from '../../synth/synthesize';
import { accessHtml, accessJson, accessMarkdown } from '../../synth/access-report';
import { baselineConfig, baselineOf, scp } from '../helpers/baseline';
import { baseConfig, model, withChange } from '../helpers/environment';
import { atFixedClock, timedGrants } from '../helpers/expiry';

function bundled(name: string): EnvironmentModel {
  const file = `environments/${name}.yaml`;
  const result = loadEnvironmentText(readFileSync(file, 'utf8'), file);
  if (!result.ok) throw new Error(result.issues.map((issue) => issue.message).join('\n'));
  return result.model;
}

function managed(path: string) {
  return effectiveAccess({ allow: [{ name: path, document: AWS_MANAGED_POLICY_DOCUMENTS[path].document as PolicyDocument }] });
}

function rowsOf(report: AccessReport, account: string) {
  const found = report.accounts.find((entry) => entry.key === account);
  if (!found) throw new Error(`no account ${account}`);
  return found.access;
}

describe('effective access of AWS managed policies', () => {
  it('reads AdministratorAccess as full admin', () => {
    const access = managed('AdministratorAccess');
    expect(access.summary).toBe('full admin');
    expect(access.fullAdmin).toBe(true);
  });

  it('reads PowerUserAccess as everything but IAM and Organizations write (and Account, which it also excludes since its v5)', () => {
    const access = managed('PowerUserAccess');
    expect(access.summary).toBe('everything but IAM, Organizations and Account write');
    expect(access.fullAdmin).toBe(false);
    expect(access.otherServices).toBe(true);
    const iam = access.services.find((service) => service.service === 'iam')!;
    expect(iam.levels['Permissions management']).toBeUndefined();
    expect(iam.writeActions).toEqual(expect.arrayContaining(['iam:CreateServiceLinkedRole', 'iam:DeleteServiceLinkedRole']));
    expect(access.services.find((service) => service.service === 'organizations')!.levels.Write).toBeUndefined();
  });

  it('reads ViewOnlyAccess as list/read only, naming the one action AWS classes Write that its iot:List* takes in', () => {
    const access = managed('job-function/ViewOnlyAccess');
    expect(access.summary).toMatch(/^list\/read only \(\d+ services\), except iot:ListSubscriptions \(AWS classes it Write\)$/);
    for (const service of access.services) {
      expect(service.levels['Permissions management']).toBeUndefined();
      expect(service.levels.Tagging).toBeUndefined();
    }
  });

  it('takes the boundary and denies into account', () => {
    const admin = AWS_MANAGED_POLICY_DOCUMENTS.AdministratorAccess.document as PolicyDocument;
    const bounded = effectiveAccess({ allow: [{ name: 'AdministratorAccess', document: admin }], boundary: { name: 'ReadOnlyAccess', document: AWS_MANAGED_POLICY_DOCUMENTS.ReadOnlyAccess.document as PolicyDocument } });
    expect(bounded.fullAdmin).toBe(false);
    expect(bounded.summary).toMatch(/^list\/read only/);
    const denied = effectiveAccess({ allow: [{ name: 'AdministratorAccess', document: admin }], deny: [{ name: 'scp', document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:*', Resource: '*' }] } }] });
    expect(denied.fullAdmin).toBe(false);
    expect(denied.summary).toBe('everything but IAM');
    expect(denied.services.find((service) => service.service === 'iam')).toBeUndefined();
  });
});

describe('access report of the bundled prod environment', () => {
  const report = buildAccessReport(bundled('prod'));

  it('has alice reach payments-prod as Admin through Platform Admins, full admin, with MFA at every sign-in', () => {
    // Full admin less what deny-leave-organization (on the root, no Condition) takes off in every member account.
    expect(rowsOf(report, 'payments-prod')).toContainEqual(expect.objectContaining({ person: 'alice.martin@example.com', group: 'Platform Admins', permissionSet: 'Admin', sessionDuration: 'PT1H', mfaAtSignIn: 'every sign-in', effectiveAccess: 'everything but organizations:LeaveOrganization', adminLevel: true }));
    expect(rowsOf(report, 'management')).toContainEqual(expect.objectContaining({ person: 'alice.martin@example.com', permissionSet: 'Admin', effectiveAccess: 'full admin' }));
  });

  it('has bob reach log-archive as ReadOnly directly, and lists that as direct access', () => {
    const direct = rowsOf(report, 'log-archive').filter((row) => row.person === 'bob.okafor@example.com' && row.group === undefined);
    expect(direct.map((row) => row.permissionSet)).toEqual(['ReadOnly']);
    expect(report.highlights.directUserAccess).toContainEqual({ user: 'bob.okafor@example.com', account: 'log-archive', permissionSet: 'ReadOnly' });
  });

  it('marks the SCIM-synced group as managed in the IdP, with a row for its unnamed members', () => {
    expect(report.groups.find((group) => group.name === 'Payments Engineers')).toMatchObject({ kind: 'existing', idpManaged: true, members: [] });
    expect(rowsOf(report, 'payments-staging')).toContainEqual(expect.objectContaining({ group: 'Payments Engineers', permissionSet: 'PowerUser', effectiveAccess: 'everything but IAM, Organizations and Account write', adminLevel: false }));
    expect(rowsOf(report, 'payments-staging').find((row) => row.group === 'Payments Engineers')!.person).toBeUndefined();
  });

  it('shows the SCP protect-identity-baseline on the accounts under Workloads, inherited, and no SCP on the management account', () => {
    const paymentsProd = report.accounts.find((account) => account.key === 'payments-prod')!;
    const protect = paymentsProd.serviceControlPolicies.find((policy) => policy.name === 'protect-identity-baseline')!;
    expect(protect.attachedTo).toBe('Workloads');
    expect(protect.denies[0].actions).toContain('iam:UpdateAccountPasswordPolicy');
    expect(protect.denies[0].unless).toEqual(['aws:PrincipalArn']);
    expect(report.accounts.find((account) => account.key === 'management')!.serviceControlPolicies).toEqual([]);
  });

  it('groups accounts by OU path, the root first', () => {
    expect(report.accounts.map((account) => account.ouPath)).toEqual(['', 'Infrastructure', 'Security', 'Security', 'Workloads/Prod', 'Workloads/Prod', 'Workloads/Staging']);
  });

  it('reads the SecurityAudit set through its ReadOnlyAccess boundary and its inline Deny', () => {
    const set = report.permissionSets.find((entry) => entry.name === 'SecurityAudit')!;
    expect(set.permissionsBoundary).toBe('arn:aws:iam::aws:policy/ReadOnlyAccess');
    expect(set.effectiveAccess.summary).toMatch(/^list\/read only/);
    const s3 = set.effectiveAccess.services.find((service) => service.service === 's3');
    // s3:GetObject is denied inline: S3's Read is at most partly granted.
    expect(s3?.levels.Read).not.toBe('all');
  });

  it('highlights the management account, break-glass users and administrator access', () => {
    expect(report.highlights.managementAccess).toContainEqual({ principal: 'alice.martin@example.com (via Platform Admins)', permissionSet: 'Admin' });
    expect(report.highlights.breakGlassUsers).toEqual([{ user: 'IAM-Administrator', account: 'management', groups: ['Administrators'] }]);
    expect(report.highlights.adminAccess.find((entry) => entry.account === 'payments-prod')!.principals).toEqual(['alice.martin@example.com (via Platform Admins)']);
    expect(report.highlights.unreachableAccounts).toEqual([]);
  });

  it('lists every person with memberships expanded', () => {
    const carol = report.people.find((person) => person.userName === 'carol.smith@example.com')!;
    expect(carol.kind).toBe('existing');
    expect(carol.groups).toEqual([{ name: 'Security Auditors', idpManaged: false }]);
    expect(carol.access).toContainEqual({ account: 'payments-prod', permissionSet: 'SecurityAudit', group: 'Security Auditors' });
    expect(carol.access.some((entry) => entry.account === 'management')).toBe(false);
  });

  it('renders rows in ACCESS.md and access.html', () => {
    const markdown = accessMarkdown(report);
    expect(markdown).toContain('| alice.martin@example.com | group Platform Admins | Admin | PT1H | every sign-in | full admin (admin-level) |  |');
    expect(markdown).toContain('- protect-identity-baseline (attached to Workloads): denies iam:UpdateAccountPasswordPolicy');
    const html = accessHtml(report);
    expect(html).toContain('<td>payments-prod</td><td>alice.martin@example.com</td><td>group Platform Admins</td><td>Admin</td>');
    expect(html).not.toMatch(/<(link|img|iframe)\b|src=|href="http/);
  });
});

describe('access report of generated environments', () => {
  it('shows an SCP attached to an OU on the accounts below it only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'access-scp-'));
    const file = join(dir, 'deny-regions.json');
    writeFileSync(file, JSON.stringify(scp({ Sid: 'DenyEc2', Effect: 'Deny', Action: ['ec2:RunInstances'], Resource: '*' })));
    const config = baselineConfig();
    baselineOf(config).serviceControlPolicies = { 'deny-ec2': { file, targets: ['Workloads'] } };
    const report = buildAccessReport(model(config));
    const denies = (key: string) => report.accounts.find((account) => account.key === key)!.serviceControlPolicies;
    expect(denies('prod')).toEqual([{ name: 'deny-ec2', attachedTo: 'Workloads', denies: [{ sid: 'DenyEc2', actions: ['ec2:RunInstances'], unless: [] }] }]);
    expect(denies('dev')).toHaveLength(1);
    expect(denies('audit')).toEqual([]);
    // The Deny comes off the Admin set's access in the accounts under Workloads only.
    expect(rowsOf(report, 'prod')[0].effectiveAccess).toBe('everything but ec2:RunInstances');
    expect(report.permissionSets.find((set) => set.name === 'Admin')!.effectiveAccess.summary).toBe('full admin');
  });

  it('lists dead groups, users without access and accounts nobody reaches', () => {
    const config = withChange((c) => {
      c.identityCenter.groups.Idle = {};
      c.identityCenter.users['sam.lee@example.com'] = { displayName: 'Sam Lee', givenName: 'Sam', familyName: 'Lee' };
    });
    const report = buildAccessReport(model(config));
    expect(report.highlights.noAccess).toEqual([{ principal: 'Idle', type: 'GROUP' }, { principal: 'sam.lee@example.com', type: 'USER' }]);
    expect(report.highlights.unreachableAccounts).toEqual(['management', 'audit', 'dev']);
    expect(rowsOf(report, 'prod')).toEqual([expect.objectContaining({ person: 'jane.doe@example.com', group: 'Platform Admins', permissionSet: 'Admin' })]);
  });

  it('is written by synth beside MANUAL-STEPS.md, access.json matching its schema', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'access-synth-'));
    synthesize([model(baselineConfig())], outdir);
    const json = JSON.parse(readFileSync(join(outdir, 'environments', 'test', 'access.json'), 'utf8'));
    const schema = JSON.parse(readFileSync('config/access.schema.json', 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(json) ? [] : validate.errors).toEqual([]);
    // The bundled prod report too: boundaries, inline denies, SCPs, an IdP group, an existing set.
    const prod = JSON.parse(accessJson(buildAccessReport(bundled('prod'))));
    expect(validate(prod) ? [] : validate.errors).toEqual([]);
    expect(json.accounts.find((account: { key: string }) => account.key === 'prod').access[0]).toMatchObject({ person: 'jane.doe@example.com', group: 'Platform Admins', permissionSet: 'Admin' });
    expect(readFileSync(join(outdir, 'environments', 'test', 'ACCESS.md'), 'utf8')).toMatch(/^# Access in test/);
    expect(readFileSync(join(outdir, 'environments', 'test', 'access.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });
});

describe('README excerpts of ACCESS.md', () => {
  it('are what synth writes for the bundled prod environment', () => {
    const markdown = accessMarkdown(buildAccessReport(bundled('prod')));
    const readme = readFileSync('README.md', 'utf8');
    const start = readme.indexOf('## Who can reach what: the access report');
    const blocks = [...readme.slice(start, readme.indexOf('\n## Plan and deploy', start)).matchAll(/```markdown\n([\s\S]*?)```/g)].map((match) => match[1].trimEnd());
    expect(blocks).toHaveLength(3);
    const [highlights, rows, sets] = blocks;
    const lines = markdown.split('\n');
    for (const line of [...highlights.split('\n'), ...sets.split('\n')]) if (line !== '') expect(lines).toContain(line);
    expect(markdown).toContain(rows);
  });
});

describe('temporary and expired grants in the report, at a fixed clock', () => {
  atFixedClock();

  const timed = timedGrants;

  it('lists the expired grant with when it ended and why, and no row of it', () => {
    const report = buildAccessReport(model(timed()));
    expect(report.expired).toEqual([
      {
        assignment: 'aws_ssoadmin_account_assignment.group_platform_admins__readonly__prod',
        principalType: 'GROUP',
        principal: 'Platform Admins',
        permissionSet: 'ReadOnly',
        account: 'prod',
        expires: '2026-12-02T00:00:00.000Z',
        reason: 'INC-4711: database migration on-call',
      },
    ]);
    expect(rowsOf(report, 'prod')).toEqual([]);
    expect(rowsOf(report, 'dev')).toEqual([expect.objectContaining({ person: 'jane.doe@example.com', assignment: 'aws_ssoadmin_account_assignment.group_platform_admins__readonly__dev', expires: '2026-12-05T18:00:00.000Z', reason: 'CHG-99: quarter-end audit support' })]);
    expect(rowsOf(report, 'audit')[0].expires).toBeUndefined();
  });

  it('ACCESS.md shows every temporary grant with its expiry and reason, and the expired one under its own heading', () => {
    const markdown = accessMarkdown(buildAccessReport(model(timed())));
    const section = (heading: string) => markdown.slice(markdown.indexOf(`## ${heading}`), markdown.indexOf('\n## ', markdown.indexOf(`## ${heading}`) + 3));
    expect(section('Temporary grants')).toContain('| dev | group Platform Admins | ReadOnly | until 2026-12-05 18:00 UTC | CHG-99: quarter-end audit support |');
    expect(section('Temporary grants')).not.toContain('| audit |');
    expect(section('Expired (removed by this synth)')).toContain('- group Platform Admins / ReadOnly / prod: was granted through 2026-12-01 (UTC) (INC-4711: database migration on-call)');
  });

  it('says none when nothing is temporary or expired', () => {
    const markdown = accessMarkdown(buildAccessReport(model(baseConfig())));
    expect(markdown).toContain('## Temporary grants\n\nNone: every grant is open-ended.');
    expect(markdown).toContain('## Expired (removed by this synth)\n\nNone.');
  });

  it('access.html has both sections; access.json matches the schema with them', () => {
    const report = buildAccessReport(model(timed()));
    const html = accessHtml(report);
    expect(html).toMatch(/<section id="temporary">.*<td>dev<\/td><td>group Platform Admins<\/td><td>ReadOnly<\/td><td>until 2026-12-05 18:00 UTC<\/td><td>CHG-99: quarter-end audit support<\/td>/s);
    expect(html).toMatch(/<section id="expired">.*<li>group Platform Admins \/ ReadOnly \/ prod: was granted through 2026-12-01 \(UTC\) \(INC-4711: database migration on-call\)<\/li>/s);
    const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync('config/access.schema.json', 'utf8')));
    const json = JSON.parse(accessJson(report));
    expect(validate(json) ? [] : validate.errors).toEqual([]);
    expect(json.expired).toHaveLength(1);
  });
});
