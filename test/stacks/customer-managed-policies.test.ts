/** Customer managed policies: defined once, created in every account their permission sets are assigned to, before the sets need them. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { policyFile } from '../helpers/baseline';
import { readmeBlockAfter } from '../helpers/readme-examples';
import { baseConfig, issues, model, namesOf, resource, synth, type TerraformJson } from '../helpers/environment';
import { formatSummary } from '../../synth/summary';
import { synthesize } from '../../synth/synthesize';

const DOCUMENT = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'OwnPrefix', Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::audit', Condition: { StringLike: { 's3:prefix': '${aws:username}/*' } } }],
};

/** The base config (management, prod and dev created, audit invited) with an Auditor set that references AuditExtras and a Boundary. */
function config(policies: Record<string, unknown> = { AuditExtras: { path: '/security/', file: policyFile(DOCUMENT), description: 'Audit extras' }, Boundary: { file: policyFile(DOCUMENT) } }): any {
  const c: any = baseConfig();
  c.identityCenter.permissionSets = {
    Auditor: {
      managedPolicies: ['arn:aws:iam::aws:policy/SecurityAudit'],
      customerManagedPolicies: [{ name: 'AuditExtras', path: '/security/' }],
      permissionsBoundary: { customerManagedPolicy: { name: 'Boundary' } },
    },
  };
  c.identityCenter.customerManagedPolicies = policies;
  c.identityCenter.assignments = [
    { group: 'Platform Admins', permissionSets: ['Admin'], allAccounts: true },
    { group: 'Platform Admins', permissionSets: ['Auditor'], accounts: ['management', 'prod', 'audit'] },
  ];
  return c;
}

const providerAliases = (json: TerraformJson) => (json.provider?.aws ?? []).map((provider) => provider.alias).filter(Boolean).sort();

describe('a customer managed policy the config defines', () => {
  const { identityCenter: ic } = synth(config());

  test('is created in every account its set is assigned to, with the name and path the set references', () => {
    expect(namesOf(ic, 'aws_iam_policy')).toEqual(['audit__auditextras', 'audit__boundary', 'management__auditextras', 'management__boundary', 'prod__auditextras', 'prod__boundary']);
    const policy = resource(ic, 'aws_iam_policy', 'prod__auditextras');
    expect(policy).toMatchObject({ name: 'AuditExtras', path: '/security/', description: 'Audit extras', provider: 'aws.prod' });
    expect(resource(ic, 'aws_iam_policy', 'prod__boundary')).toMatchObject({ name: 'Boundary', path: '/' });
  });

  test('its document is the file as compact JSON, policy variables escaped for Terraform', () => {
    const policy = String(resource(ic, 'aws_iam_policy', 'audit__auditextras').policy);
    expect(JSON.parse(policy.replace(/\$\$\{/g, '${'))).toEqual(DOCUMENT);
    expect(policy).toContain('"$${aws:username}/*"');
  });

  test('member accounts are reached through their deployment role; the management account through the default provider', () => {
    expect(resource(ic, 'aws_iam_policy', 'management__auditextras').provider).toBeUndefined();
    expect(providerAliases(ic)).toEqual(['audit', 'prod']);
    const audit = ic.provider!.aws.find((provider) => provider.alias === 'audit')!;
    expect(audit.assume_role).toEqual([{ role_arn: 'arn:aws:iam::222222222222:role/OrganizationAccountAccessRole', session_name: 'test-identity-center' }]);
    const prod = ic.provider!.aws.find((provider) => provider.alias === 'prod')!;
    expect((prod.assume_role as Array<{ role_arn: string }>)[0].role_arn).toBe('arn:aws:iam::${data.terraform_remote_state.organization.outputs.account_ids.prod}:role/OrganizationAccountAccessRole');
  });

  test('the set\'s attachment and boundary wait for the policy in every account, so provisioning finds it', () => {
    const everywhere = (name: string) => ['audit', 'management', 'prod'].map((account) => `aws_iam_policy.${account}__${name}`);
    const attachment = resource(ic, 'aws_ssoadmin_customer_managed_policy_attachment', 'auditor__security_auditextras');
    expect([...(attachment.depends_on as string[])].sort()).toEqual(everywhere('auditextras'));
    const boundary = resource(ic, 'aws_ssoadmin_permissions_boundary_attachment', 'auditor');
    expect([...(boundary.depends_on as string[])].sort()).toEqual(everywhere('boundary'));
  });

  test('the assignments wait for the attachments, and so for the policies in their account', () => {
    const assignment = resource(ic, 'aws_ssoadmin_account_assignment', 'group_platform_admins__auditor__audit');
    expect(assignment.depends_on).toEqual(expect.arrayContaining(['aws_ssoadmin_customer_managed_policy_attachment.auditor__security_auditextras', 'aws_ssoadmin_permissions_boundary_attachment.auditor']));
  });

  test('a set that needs none leaves the other accounts without providers or policies', () => {
    const c = config();
    c.identityCenter.assignments = [{ group: 'Platform Admins', permissionSets: ['Admin'], allAccounts: true }];
    const json = synth(c).identityCenter;
    expect(namesOf(json, 'aws_iam_policy')).toEqual([]);
    expect(providerAliases(json)).toEqual([]);
  });

  test('an invited account it is created in needs the deployment role: manual step MEMBER-ACCESS-ROLE', () => {
    const [step] = model(config()).manualSteps;
    expect(step.id).toBe('MEMBER-ACCESS-ROLE');
    expect(step.actions[0]).toContain('in audit (222222222222)');
  });

  test('nothing is listed as missing', () => {
    const environment = model(config());
    expect(environment.identityCenter.undefinedCustomerManagedPolicies).toEqual([]);
    expect(environment.manualSteps.map((step) => step.id)).not.toContain('IC-CUSTOMER-POLICIES');
  });
});

describe('a customer managed policy the config references but does not define', () => {
  const undefinedConfig = () => config({ AuditExtras: { path: '/security/', file: policyFile(DOCUMENT) } });

  test('is not created anywhere', () => {
    expect(namesOf(synth(undefinedConfig()).identityCenter, 'aws_iam_policy').filter((name) => name.endsWith('__boundary'))).toEqual([]);
  });

  test('becomes prerequisite IC-CUSTOMER-POLICIES, naming the policy, its set and every account', () => {
    const step = model(undefinedConfig()).manualSteps.find((candidate) => candidate.id === 'IC-CUSTOMER-POLICIES')!;
    expect(step.actions[0]).toBe('/Boundary (permission set Auditor) in management, prod, audit');
    expect(step.verify).toContain('aws iam get-policy --policy-arn arn:aws:iam::222222222222:policy/Boundary (in audit)');
  });

  test('and a warning in the synth summary', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'cmp-summary-'));
    const summary = formatSummary(synthesize([model(undefinedConfig())], outdir));
    expect(summary).toContain(
      '  warning: customer managed policy /Boundary (permission set Auditor) is not in identityCenter.customerManagedPolicies: it must exist in management, prod, audit before the apply (IC-CUSTOMER-POLICIES)',
    );
    expect(summary).toMatch(/test-identity-center +\d+ resources +.*, 1 customer managed policy in 3 accounts$/m);
  });
});

describe('customer managed policy definitions are checked before anything is written', () => {
  const with1 = (policy: Record<string, unknown>) => config({ AuditExtras: { path: '/security/', file: policyFile(DOCUMENT), ...policy }, Boundary: { file: policyFile(DOCUMENT) } });

  test('a reference whose path differs from the definition is an error at the reference', () => {
    const c = config();
    c.identityCenter.permissionSets.Auditor.customerManagedPolicies = [{ name: 'AuditExtras', path: '/audit/' }];
    const [found] = issues(c);
    expect(found).toMatchObject({ path: ['identityCenter', 'permissionSets', 'Auditor', 'customerManagedPolicies', 0, 'path'], fix: 'use path: /security/' });
    expect(found.message).toBe('customer managed policy AuditExtras is defined with path /security/, but this reference has path /audit/; IAM has one policy of that name per account');
  });

  test('a file that cannot be read is an error with the path it was looked for at', () => {
    const [found] = issues(with1({ file: '../policies/customer-managed/missing.json' }));
    expect(found.path).toEqual(['identityCenter', 'customerManagedPolicies', 'AuditExtras', 'file']);
    expect(found.message).toBe('cannot read policies/customer-managed/missing.json: no such file');
  });

  test('a document that is not an identity-based policy is an error with the file\'s line', () => {
    const [found] = issues(with1({ file: policyFile({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }] }) }));
    expect(found.path).toEqual(['identityCenter', 'customerManagedPolicies', 'AuditExtras', 'file']);
    expect(found.message).toMatch(/policy\.json:\d+:\d+ {2}Statement\[0\]/);
  });

  test('a document over IAM\'s 6,144 characters (white space not counted) is an error', () => {
    const big = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: Array.from({ length: 200 }, (_, i) => `arn:aws:s3:::audit-bucket-${i}/reports/*`) }] };
    const [found] = issues(with1({ file: policyFile(big) }));
    expect(found.message).toMatch(/is \d+ characters without white space; IAM allows 6144 per managed policy$/);
    expect(found.fix).toContain('split it into two policies');
  });

  test('a misspelt action in the document is an error with the file\'s position and the action it likely means', () => {
    const typo = { Version: '2012-10-17', Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObjcet', Resource: 'arn:aws:s3:::audit/*' }] };
    const [found] = issues(with1({ file: policyFile(typo) }));
    expect(found.path).toEqual(['identityCenter', 'customerManagedPolicies', 'AuditExtras', 'file']);
    expect(found.message).toMatch(/policy\.json:\d+:\d+ {2}Statement\[0\]\.Action: .*s3:GetObjcet.*did you mean "s3:GetObject"/);
  });

  test('two names that differ only in case are one IAM name', () => {
    const c = config();
    c.identityCenter.customerManagedPolicies.auditextras = { file: policyFile(DOCUMENT) };
    expect(issues(c).map((found) => found.message)).toContain('policies "auditextras" and "AuditExtras" differ only in case; IAM treats them as one name');
  });
});

describe('the bundled prod environment', () => {
  const prod = model(readFileSync('environments/prod.yaml', 'utf8'), 'environments/prod.yaml');

  test('references no customer managed policy that nothing creates', () => {
    expect(prod.identityCenter.undefinedCustomerManagedPolicies).toEqual([]);
  });

  test('creates SecurityAuditExtras in every account SecurityAudit is assigned to', () => {
    const [policy] = prod.identityCenter.customerManagedPolicies;
    expect(policy).toMatchObject({ name: 'SecurityAuditExtras', path: '/security/' });
    expect(policy.instances.map((instance) => instance.account.key)).toEqual(['log-archive', 'security-tooling', 'shared-network', 'payments-prod', 'payments-staging', 'legacy-billing']);
  });

  test('its document grants only Access Analyzer\'s policy validation and finding statistics', () => {
    const document = JSON.parse(prod.identityCenter.customerManagedPolicies[0].document);
    expect(document.Statement.flatMap((statement: { Action: string | string[] }) => statement.Action)).toEqual(['access-analyzer:ValidatePolicy', 'access-analyzer:GetFindingsStatistics']);
    expect(document.Statement.every((statement: { Effect: string }) => statement.Effect === 'Allow')).toBe(true);
  });
});

describe('the README example', () => {
  test('is a valid customerManagedPolicies section whose file exists', () => {
    const c = config();
    c.identityCenter.customerManagedPolicies = parse(readmeBlockAfter('**Customer managed policies exist where they are attached.**')).identityCenter.customerManagedPolicies;
    c.identityCenter.permissionSets.Auditor = { customerManagedPolicies: [{ name: 'SecurityAuditExtras', path: '/security/' }] };
    expect(namesOf(synth(c).identityCenter, 'aws_iam_policy')).toEqual(['audit__securityauditextras', 'management__securityauditextras', 'prod__securityauditextras']);
  });
});

describe('renaming an account key', () => {
  test('moves its customer managed policies instead of destroying them', () => {
    const c = config();
    c.organization.accounts.production = c.organization.accounts.prod;
    delete c.organization.accounts.prod;
    c.identityCenter.assignments[1].accounts = ['management', 'production', 'audit'];
    c.renames = { accounts: { prod: 'production' } };
    expect(model(c).moved.identityCenter).toEqual(
      expect.arrayContaining([
        { from: 'aws_iam_policy.prod__auditextras', to: 'aws_iam_policy.production__auditextras' },
        { from: 'aws_iam_policy.prod__boundary', to: 'aws_iam_policy.production__boundary' },
      ]),
    );
  });
});

test('a customer managed policy named like the baseline\'s RequireMFA is refused: the second CreatePolicy would fail', () => {
  const c = config();
  c.baseline = { iamUsers: {} };
  c.identityCenter.customerManagedPolicies.requiremfa = { file: policyFile(DOCUMENT) };
  expect(issues(c).map((found) => found.message)).toContain('the baseline already creates the policy RequireMFA in every account it reaches');
});
