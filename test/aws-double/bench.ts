/**
 * Per-call speed of the AWS double (`npm run bench:aws-double`): for one operation of each protocol
 * and the reads the round trips make most (IAM policies and users, Identity Center assignments and users),
 * many sequential calls over loopback HTTP with keep-alive, printing
 * - the double's own time per call (request read → response written, from the call log),
 * - the wall time per round trip with a bare HTTP client, and with the real SDK v3 client,
 * - the process's CPU time per call (client and double share the process, so it bounds both).
 * Figures, not a test: nothing here passes or fails. The issue's target is "well under 1 ms a call".
 */
import { AccountClient, GetAlternateContactCommand } from '@aws-sdk/client-account';
import { DescribeAccountCommand, ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { Agent, request } from 'node:http';

import { MANAGEMENT_ACCESS_KEY_ID } from './accounts';
import { doubleClientConfig } from './sdk-clients';
import { startAwsDouble, type AwsDouble } from './server';

const CALLS = Number(process.env.BENCH_CALLS ?? 2000);
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

interface RawCall {
  readonly name: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

function authorization(service: string): string {
  return `AWS4-HMAC-SHA256 Credential=${MANAGEMENT_ACCESS_KEY_ID}/20240115/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`;
}

function send(url: string, call: RawCall): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${call.path}`, { method: 'POST', agent, headers: { ...call.headers, 'content-length': String(Buffer.byteLength(call.body)) } }, (response) => {
      response.on('data', () => undefined);
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(call.body);
  });
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

function format(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return `mean ${mean.toFixed(3)}  p50 ${percentile(sorted, 50).toFixed(3)}  p99 ${percentile(sorted, 99).toFixed(3)} ms`;
}

async function measure(double: AwsDouble, label: string, once: () => Promise<unknown>): Promise<void> {
  for (let index = 0; index < 200; index++) await once(); // warm up JIT and the socket
  const firstCall = double.calls.length;
  const walls: number[] = [];
  const cpuBefore = process.cpuUsage();
  const wallBefore = process.hrtime.bigint();
  for (let index = 0; index < CALLS; index++) {
    const started = process.hrtime.bigint();
    await once();
    walls.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const wallTotal = Number(process.hrtime.bigint() - wallBefore) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  const inDouble = double.calls.slice(firstCall).map((call) => (call.micros ?? 0) / 1000);
  const failed = double.calls.slice(firstCall).filter((call) => call.status !== 200).length;
  console.log(`${label}`);
  console.log(`  in the double:  ${format(inDouble)}`);
  console.log(`  round trip:     ${format(walls)}`);
  console.log(`  process CPU:    ${((cpu.user + cpu.system) / 1000 / CALLS).toFixed(3)} ms a call (user+system), wall ${(wallTotal / CALLS).toFixed(3)} ms a call${failed ? `, ${failed} non-200 answers` : ''}`);
}

async function main(): Promise<void> {
  const double = await startAwsDouble();
  double.invoke('organizations', 'CreateOrganization', { FeatureSet: 'ALL' });
  let accountId = '';
  for (let index = 0; index < 20; index++) {
    const created = double.invoke('organizations', 'CreateAccount', { AccountName: `bench-${index}`, Email: `bench-${index}@example.com` }) as { CreateAccountStatus: { AccountId: string } };
    accountId = created.CreateAccountStatus.AccountId;
  }
  // The reads the round trips make most (D2, D3): IAM policies and users, Identity Center assignments and users.
  const policy = double.invoke('iam', 'CreatePolicy', { PolicyName: 'bench', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }) }) as {
    Policy: { Arn: string };
  };
  for (let index = 0; index < 100; index++) double.invoke('iam', 'CreateUser', { UserName: `bench-user-${index}` });
  double.invoke('organizations', 'EnableAWSServiceAccess', { ServicePrincipal: 'sso.amazonaws.com' });
  const { InstanceArn, IdentityStoreId } = (double.invoke('sso', 'ListInstances', {}) as { Instances: Array<{ InstanceArn: string; IdentityStoreId: string }> }).Instances[0];
  const { PermissionSetArn } = (double.invoke('sso', 'CreatePermissionSet', { InstanceArn, Name: 'Bench' }) as { PermissionSet: { PermissionSetArn: string } }).PermissionSet;
  let userId = '';
  for (let index = 0; index < 100; index++) {
    userId = (double.invoke('identitystore', 'CreateUser', { IdentityStoreId, UserName: `bench-${index}`, DisplayName: `Bench ${index}`, Name: { GivenName: 'Bench', FamilyName: String(index) } }) as { UserId: string }).UserId;
    double.invoke('sso', 'CreateAccountAssignment', { InstanceArn, PermissionSetArn, PrincipalType: 'USER', PrincipalId: userId, TargetType: 'AWS_ACCOUNT', TargetId: accountId });
  }
  double.invoke('account', 'PutAlternateContact', { AlternateContactType: 'SECURITY', Name: 'Security', Title: 'CISO', EmailAddress: 'security@example.com', PhoneNumber: '+1 555 0100' });

  const raw: RawCall[] = [
    {
      name: 'Organizations DescribeAccount (JSON 1.1)',
      path: '/',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSOrganizationsV20161128.DescribeAccount', authorization: authorization('organizations') },
      body: JSON.stringify({ AccountId: accountId }),
    },
    {
      name: 'Organizations ListAccounts, 21 accounts (JSON 1.1)',
      path: '/',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSOrganizationsV20161128.ListAccounts', authorization: authorization('organizations') },
      body: '{}',
    },
    {
      name: 'STS GetCallerIdentity (query, XML)',
      path: '/',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: authorization('sts') },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    },
    {
      name: 'IAM GetPolicyVersion (query, XML)',
      path: '/',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: authorization('iam') },
      body: new URLSearchParams({ Action: 'GetPolicyVersion', Version: '2010-05-08', PolicyArn: policy.Policy.Arn, VersionId: 'v1' }).toString(),
    },
    {
      name: 'IAM ListUsers, page of 100 (query, XML)',
      path: '/',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: authorization('iam') },
      body: 'Action=ListUsers&Version=2010-05-08',
    },
    {
      name: 'SSO Admin ListAccountAssignments, 100 on the account (JSON 1.1)',
      path: '/',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'SWBExternalService.ListAccountAssignments', authorization: authorization('sso') },
      body: JSON.stringify({ InstanceArn, PermissionSetArn, AccountId: accountId }),
    },
    {
      name: 'Identity Store GetUserId among 100 users (JSON 1.1)',
      path: '/',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSIdentityStore.GetUserId', authorization: authorization('identitystore') },
      body: JSON.stringify({ IdentityStoreId, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'UserName', AttributeValue: 'bench-50' } } }),
    },
    {
      name: 'Identity Store DescribeUser (JSON 1.1)',
      path: '/',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSIdentityStore.DescribeUser', authorization: authorization('identitystore') },
      body: JSON.stringify({ IdentityStoreId, UserId: userId }),
    },
    {
      name: 'Account GetAlternateContact (restJson1)',
      path: '/getAlternateContact',
      headers: { 'content-type': 'application/json', authorization: authorization('account') },
      body: JSON.stringify({ AlternateContactType: 'SECURITY' }),
    },
  ];

  console.log(`AWS double, ${CALLS} sequential calls per line (node ${process.version}, ${new Date().toISOString()})`);
  console.log('Bare HTTP client (keep-alive):');
  for (const call of raw) await measure(double, `- ${call.name}`, () => send(double.url, call));

  console.log('SDK v3 clients (signing, serde and middleware included):');
  const config = doubleClientConfig(double.url);
  const organizations = new OrganizationsClient(config);
  const sts = new STSClient(config);
  const account = new AccountClient(config);
  await measure(double, '- OrganizationsClient DescribeAccount', () => organizations.send(new DescribeAccountCommand({ AccountId: accountId })));
  await measure(double, '- OrganizationsClient ListAccounts', () => organizations.send(new ListAccountsCommand({})));
  await measure(double, '- STSClient GetCallerIdentity', () => sts.send(new GetCallerIdentityCommand({})));
  await measure(double, '- AccountClient GetAlternateContact', () => account.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' })));

  const unanswered = double.unanswered();
  if (unanswered.length > 0) console.log(`unanswered calls: ${unanswered.length} (${unanswered[0].service} ${unanswered[0].operation})`);
  agent.destroy();
  await double.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
