import { request } from 'node:http';

import { MANAGEMENT_ACCESS_KEY_ID } from './accounts';
import { defaultServices, startAwsDouble, type AwsDouble } from './server';
import { AwsServiceError } from './service';
import { accountDouble } from './services/account';
import { organizationsDouble } from './services/organizations';
import { stsDouble } from './services/sts';

function post(url: string, headers: Record<string, string>, body: string, path = '/'): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method: 'POST', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const auth = (service: string, key = MANAGEMENT_ACCESS_KEY_ID) => `AWS4-HMAC-SHA256 Credential=${key}/20240115/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`;

describe('the AWS double server', () => {
  let double: AwsDouble;
  afterEach(() => double?.close());

  it('registers every <name>Double factory the services folder exports, once', () => {
    const names = defaultServices().map((factory) => factory.name);
    expect(names).toEqual(expect.arrayContaining(['accountDouble', 'configDouble', 'organizationsDouble', 'stsDouble']));
    expect(new Set(names).size).toBe(names.length);
  });

  it('routes JSON 1.1 by X-Amz-Target and records an unknown operation of a known service as unanswered', async () => {
    double = await startAwsDouble({ services: [organizationsDouble] });
    const answer = await post(double.url, { 'x-amz-target': 'AWSOrganizationsV20161128.InviteAccountToOrganization', 'content-type': 'application/x-amz-json-1.1', authorization: auth('organizations') }, '{}');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ __type: 'UnknownOperationException' });
    expect(double.unanswered()).toEqual([expect.objectContaining({ service: 'organizations', operation: 'AWSOrganizationsV20161128.InviteAccountToOrganization', known: false })]);
  });

  it('routes query requests by the credential scope\'s service, and an unknown service is unanswered', async () => {
    double = await startAwsDouble({ services: [stsDouble] });
    const ok = await post(double.url, { 'content-type': 'application/x-www-form-urlencoded', authorization: auth('sts') }, 'Action=GetCallerIdentity&Version=2011-06-15');
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('<GetCallerIdentityResult><UserId>');
    const unknown = await post(double.url, { 'content-type': 'application/x-www-form-urlencoded', authorization: auth('ec2') }, 'Action=DescribeRegions&Version=2016-11-15');
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain('<Code>InvalidAction</Code>');
    expect(double.unanswered()).toEqual([expect.objectContaining({ service: 'ec2', operation: 'DescribeRegions', known: false })]);
  });

  it('routes restJson1 by method and path; an unknown path is UnknownOperationException in x-amzn-ErrorType', async () => {
    double = await startAwsDouble({ services: [accountDouble] });
    const known = await post(double.url, { 'content-type': 'application/json', authorization: auth('account') }, '{"AlternateContactType":"BILLING"}', '/getAlternateContact');
    expect([known.status, known.headers['x-amzn-errortype']]).toEqual([404, 'ResourceNotFoundException']);
    const unknown = await post(double.url, { 'content-type': 'application/json', authorization: auth('account') }, '{}', '/getContactInformation');
    expect([unknown.status, unknown.headers['x-amzn-errortype']]).toEqual([400, 'UnknownOperationException']);
    expect(double.unanswered()).toEqual([expect.objectContaining({ service: 'account', operation: 'POST /getContactInformation', known: false })]);
  });

  it('a request without credentials is refused in the service\'s protocol', async () => {
    double = await startAwsDouble({ services: [organizationsDouble] });
    const answer = await post(double.url, { 'x-amz-target': 'AWSOrganizationsV20161128.DescribeOrganization' }, '{}');
    expect(JSON.parse(answer.body)).toMatchObject({ __type: 'UnrecognizedClientException' });
  });

  it('a handler that throws something else answers 500 InternalFailure with the cause, so a test sees the double\'s bug', async () => {
    double = await startAwsDouble({
      services: [() => ({ signingName: 'broken', protocol: 'json', targetPrefix: 'Broken', operations: { Fail: () => { throw new TypeError('oops'); } } })],
    });
    const answer = await post(double.url, { 'x-amz-target': 'Broken.Fail', authorization: auth('broken') }, '{}');
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body).message).toContain('oops');
    expect(double.calls).toEqual([expect.objectContaining({ service: 'broken', operation: 'Fail', status: 500, errorCode: 'InternalFailure', known: true })]);
  });

  it('invoke runs an operation directly as the management account (or another) without recording it', async () => {
    double = await startAwsDouble({ services: [organizationsDouble, stsDouble] });
    const created = double.invoke('organizations', 'CreateOrganization', { FeatureSet: 'ALL' }) as { Organization: { MasterAccountId: string } };
    expect(created.Organization.MasterAccountId).toBe('111111111111');
    expect(() => double.invoke('organizations', 'ListAccounts', {}, '222222222222')).toThrow(AwsServiceError);
    expect(() => double.invoke('organizations', 'Nope', {})).toThrow('the AWS double has no organizations Nope');
    expect(double.calls).toEqual([]);
  });
});
