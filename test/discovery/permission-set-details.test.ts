/** The parts of a permission set the guides' two sets do not exercise. */
import { discoverGuides } from './run-discovery';

const ADMIN_ID = 'ps-1111aaaa2222bbbb';
const isAdmin = (input: Readonly<Record<string, unknown>>) => String(input.PermissionSetArn).endsWith(ADMIN_ID);

test('a permissions boundary by AWS-managed policy ARN is read as managedPolicyArn', async () => {
  const { estate } = await discoverGuides((call) =>
    call.operation === 'GetPermissionsBoundaryForPermissionSet' && isAdmin(call.input) ? { output: { PermissionsBoundary: { ManagedPolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' } } } : undefined,
  );
  expect(estate.identityCenter.permissionSets[0].permissionsBoundary).toEqual({ managedPolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' });
});

test('a permissions boundary by customer-managed policy is read with its name and path', async () => {
  const { estate } = await discoverGuides((call) =>
    call.operation === 'GetPermissionsBoundaryForPermissionSet' && isAdmin(call.input)
      ? { output: { PermissionsBoundary: { CustomerManagedPolicyReference: { Name: 'Boundary', Path: '/guardrails/' } } } }
      : undefined,
  );
  expect(estate.identityCenter.permissionSets[0].permissionsBoundary).toEqual({ customerManagedPolicy: { name: 'Boundary', path: '/guardrails/' } });
});

test('customer-managed policy references are read with their paths, a missing path being "/", sorted by name', async () => {
  const { estate } = await discoverGuides((call) =>
    call.operation === 'ListCustomerManagedPolicyReferencesInPermissionSet' && isAdmin(call.input)
      ? { output: { CustomerManagedPolicyReferences: [{ Name: 'DenyBilling' }, { Name: 'AuditRead', Path: '/audit/' }] } }
      : undefined,
  );
  expect(estate.identityCenter.permissionSets[0].customerManagedPolicies).toEqual([
    { name: 'AuditRead', path: '/audit/' },
    { name: 'DenyBilling', path: '/' },
  ]);
});

test('attributes for access control are read when they are enabled', async () => {
  const { estate } = await discoverGuides((call) =>
    call.operation === 'DescribeInstanceAccessControlAttributeConfiguration'
      ? { output: { Status: 'ENABLED', InstanceAccessControlAttributeConfiguration: { AccessControlAttributes: [{ Key: 'CostCenter', Value: { Source: ['${path:enterprise.costCenter}'] } }] } } }
      : undefined,
  );
  expect(estate.identityCenter.accessControlAttributes).toEqual([{ key: 'CostCenter', sources: ['${path:enterprise.costCenter}'] }]);
});

test('an organization with consolidated billing only is read without asking for trusted access, which AWS would refuse', async () => {
  const { estate, calls } = await discoverGuides((call) =>
    call.operation === 'DescribeOrganization'
      ? { output: { Organization: { Id: 'o-guides1234', Arn: 'arn:org', FeatureSet: 'CONSOLIDATED_BILLING', MasterAccountId: '111122223333', MasterAccountArn: 'arn:mgmt', MasterAccountEmail: 'root@guides.example.com' } } }
      : undefined,
  );
  expect({ featureSet: estate.organization.featureSet, servicePrincipals: estate.organization.servicePrincipals }).toEqual({ featureSet: 'CONSOLIDATED_BILLING', servicePrincipals: [] });
  expect(calls.some((call) => call.operation === 'ListAWSServiceAccessForOrganization')).toBe(false);
});

test('an account with no password policy reads as none rather than failing', async () => {
  const { estate } = await discoverGuides((call) => (call.operation === 'GetAccountPasswordPolicy' ? { error: { name: 'NoSuchEntityException', message: 'The Password Policy with domain name 111122223333 cannot be found.', status: 404 } } : undefined));
  expect(estate.iam.passwordPolicy).toBeUndefined();
});

test('root access features read as none when trusted access for IAM is not enabled', async () => {
  const { estate } = await discoverGuides((call) => (call.operation === 'ListOrganizationsFeatures' ? { error: { name: 'ServiceAccessNotEnabledException', message: 'trusted access not enabled' } } : undefined));
  expect(estate.iam.organizationsFeatures).toEqual([]);
});
