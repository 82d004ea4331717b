/** A denied call becomes an error a person can act on: the API call, the permission, what to do. */
import { formatProblems } from '../../discovery/problems';
import { guidesFailure } from './run-discovery';

const denied = { name: 'AccessDeniedException', message: 'User: arn:aws:sts::111122223333:assumed-role/ReadOnly/alice is not authorized to perform: sso:ListAccountAssignments', status: 400 };

test('access denied on one ListAccountAssignments call fails discovery with an error naming the call and the sso:ListAccountAssignments permission', async () => {
  const failure = await guidesFailure((call) => (call.operation === 'ListAccountAssignments' && call.input.AccountId === '111122223333' ? { error: denied } : undefined));
  expect(failure.problems).toEqual([
    {
      kind: 'access-denied',
      service: 'sso',
      operation: 'ListAccountAssignments',
      permission: 'sso:ListAccountAssignments',
      message: `AccessDeniedException: ${denied.message}`,
      input: 'AccountId=111122223333, PermissionSetArn=arn:aws:sso:::permissionSet/ssoins-7223aaaabbbbcccc/ps-1111aaaa2222bbbb',
    },
  ]);
});

test('the error message says what is missing and what to grant, without a stack trace', async () => {
  const failure = await guidesFailure((call) => (call.operation === 'ListAccountAssignments' && call.input.AccountId === '111122223333' ? { error: denied } : undefined));
  expect(failure.message).toBe(
    'Discovery could not read the whole estate (1 problem):\n' +
      '  - Access denied: sso:ListAccountAssignments is missing (IAM Identity Center ListAccountAssignments; AccountId=111122223333, PermissionSetArn=arn:aws:sso:::permissionSet/ssoins-7223aaaabbbbcccc/ps-1111aaaa2222bbbb). Grant sso:ListAccountAssignments to the identity discovery runs as.',
  );
  expect(failure.message).not.toMatch(/\n\s+at /);
});

test('denials on different services are all collected, not only the first', async () => {
  const failure = await guidesFailure((call) =>
    (call.operation === 'ListAccountsForParent' && call.input.ParentId === 'ou-ab12-prod0001') || (call.service === 'identitystore' && call.operation === 'ListUsers') ? { error: { name: 'AccessDeniedException', message: 'denied' } } : undefined,
  );
  expect(failure.problems.map((problem) => problem.permission).sort()).toEqual(['identitystore:ListUsers', 'organizations:ListAccountsForParent']);
});

test('two denied calls inside one permission set are both recorded', async () => {
  const failure = await guidesFailure((call) =>
    (call.operation === 'DescribePermissionSet' || call.operation === 'GetInlinePolicyForPermissionSet') && String(call.input.PermissionSetArn).endsWith('ps-1111aaaa2222bbbb')
      ? { error: { name: 'AccessDeniedException', message: 'denied' } }
      : undefined,
  );
  expect(failure.problems.map((problem) => problem.permission).sort()).toEqual(['sso:DescribePermissionSet', 'sso:GetInlinePolicyForPermissionSet']);
});

test('many denials of one permission are reported once, with the number of calls', async () => {
  const failure = await guidesFailure((call) => (call.operation === 'ListAccountAssignments' ? { error: denied } : undefined));
  expect(failure.problems).toHaveLength(3);
  expect(formatProblems(failure.problems)).toEqual([expect.stringMatching(/^Access denied: sso:ListAccountAssignments is missing \(IAM Identity Center ListAccountAssignments; 3 calls, e\.g\. AccountId=/)]);
});

test('IAM\'s AccessDenied, a 403 without a modeled exception class, is reported as a missing iam: permission', async () => {
  const failure = await guidesFailure((call) => (call.operation === 'GetAccountPasswordPolicy' ? { error: { name: 'AccessDenied', message: 'not authorized', status: 403 } } : undefined));
  expect(failure.problems.map(({ kind, permission }) => ({ kind, permission }))).toEqual([{ kind: 'access-denied', permission: 'iam:GetAccountPasswordPolicy' }]);
});

test('IAM\'s AccessDenied on ListUsers fails discovery with the clear error naming iam:ListUsers, not identitystore:ListUsers', async () => {
  const failure = await guidesFailure((call) =>
    call.service === 'iam' && call.operation === 'ListUsers' ? { error: { name: 'AccessDenied', message: 'User: arn:aws:sts::111122223333:assumed-role/ReadOnly/alice is not authorized to perform: iam:ListUsers', status: 403 } } : undefined,
  );
  expect(failure.problems.map(({ kind, service, permission }) => ({ kind, service, permission }))).toEqual([{ kind: 'access-denied', service: 'iam', permission: 'iam:ListUsers' }]);
  expect(failure.message).toBe(
    'Discovery could not read the whole estate (1 problem):\n' +
      '  - Access denied: iam:ListUsers is missing (IAM ListUsers; no input). Grant iam:ListUsers to the identity discovery runs as.',
  );
});

test('missing credentials are reported as a credentials problem with the fix, not as a denial', async () => {
  const failure = await guidesFailure((call) => (call.operation === 'DescribeOrganization' ? { error: { name: 'CredentialsProviderError', message: 'Could not load credentials from any providers' } } : undefined));
  expect(formatProblems(failure.problems)).toEqual([
    'No usable AWS credentials for AWS Organizations DescribeOrganization: CredentialsProviderError: Could not load credentials from any providers. Pass --profile, set AWS_PROFILE, or refresh the session (aws sso login).',
  ]);
});

test('no Identity Center instance in the region is reported with the fix, not as a crash', async () => {
  const failure = await guidesFailure((call) => (call.operation === 'ListInstances' ? { output: { Instances: [] } } : undefined));
  expect(formatProblems(failure.problems)).toEqual(['No IAM Identity Center instance in us-east-1 (ListInstances returned none): pass --region with the region Identity Center is enabled in.']);
});

test('a read that fails for another reason names the call and what AWS said', async () => {
  const failure = await guidesFailure((call) => (call.operation === 'DescribeOrganization' ? { error: { name: 'AWSOrganizationsNotInUseException', message: 'Your account is not a member of an organization.' } } : undefined));
  expect(formatProblems(failure.problems)).toEqual(['AWS Organizations DescribeOrganization failed (no input): AWSOrganizationsNotInUseException: Your account is not a member of an organization.']);
});
