import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';

import { doubleClientConfig } from './sdk-clients';
import { startAwsDouble, type AwsDouble } from './server';
import { stsDouble } from './services/sts';

describe('STS in the AWS double (query protocol)', () => {
  let double: AwsDouble;
  beforeAll(async () => {
    double = await startAwsDouble({ services: [stsDouble] });
    double.world.accounts.set('222222222222', { id: '222222222222', name: 'prod', email: 'prod@example.com', status: 'ACTIVE' });
    double.world.accounts.set('333333333333', { id: '333333333333', name: 'gone', email: 'gone@example.com', status: 'SUSPENDED' });
  });
  afterAll(() => double.close());

  it('GetCallerIdentity answers the management account for the management key', async () => {
    const sts = new STSClient(doubleClientConfig(double.url));
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe('111111111111');
    expect(identity.Arn).toBe('arn:aws:iam::111111111111:user/double-administrator');
    expect(identity.UserId).toMatch(/^AIDA[0-9A-Z]{13}$/);
  });

  it('AssumeRole into a member account returns keys that act in that account', async () => {
    const sts = new STSClient(doubleClientConfig(double.url));
    const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::222222222222:role/OrganizationAccountAccessRole', RoleSessionName: 'terraform' }));
    expect(assumed.AssumedRoleUser?.Arn).toBe('arn:aws:sts::222222222222:assumed-role/OrganizationAccountAccessRole/terraform');
    expect(assumed.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[0-9A-Z]{13}:terraform$/);
    expect(assumed.Credentials?.AccessKeyId).toMatch(/^ASIA222222222222[0-9A-Z]{4}$/);
    expect(assumed.Credentials?.Expiration).toBeInstanceOf(Date);
    expect(assumed.Credentials!.Expiration!.getTime()).toBeGreaterThan(Date.now() + 3500_000);

    const member = new STSClient(doubleClientConfig(double.url, { accessKeyId: assumed.Credentials!.AccessKeyId!, secretAccessKey: assumed.Credentials!.SecretAccessKey!, sessionToken: assumed.Credentials!.SessionToken! }));
    const identity = await member.send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe('222222222222');
    expect(identity.Arn).toBe(assumed.AssumedRoleUser?.Arn);
    expect(identity.UserId).toBe(assumed.AssumedRoleUser?.AssumedRoleId);
    expect(double.calls.at(-1)).toMatchObject({ service: 'sts', operation: 'GetCallerIdentity', accountId: '222222222222', status: 200, known: true });
  });

  it('AssumeRole into an account that does not exist or is suspended is AccessDenied (403)', async () => {
    const sts = new STSClient(doubleClientConfig(double.url));
    for (const account of ['999999999999', '333333333333']) {
      await expect(sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/Admin`, RoleSessionName: 'terraform' }))).rejects.toMatchObject({
        name: 'AccessDenied',
        $metadata: { httpStatusCode: 403 },
        message: expect.stringContaining(`sts:AssumeRole on resource: arn:aws:iam::${account}:role/Admin`),
      });
    }
  });

  it('AssumeRole with a malformed role ARN, session name or duration is ValidationError', async () => {
    const sts = new STSClient(doubleClientConfig(double.url));
    await expect(sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::22:role/x', RoleSessionName: 'terraform' }))).rejects.toMatchObject({ name: 'ValidationError' });
    await expect(sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::222222222222:role/x', RoleSessionName: 'has space' }))).rejects.toMatchObject({ name: 'ValidationError' });
    await expect(sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::222222222222:role/x', RoleSessionName: 'ok', DurationSeconds: 60 }))).rejects.toMatchObject({ name: 'ValidationError' });
  });

  it('a key the double never issued is InvalidClientTokenId (403)', async () => {
    const sts = new STSClient(doubleClientConfig(double.url, { accessKeyId: 'AKIAUNKNOWN', secretAccessKey: 'x' }));
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'InvalidClientTokenId', $metadata: { httpStatusCode: 403 } });
  });

  it('an action STS does not have is recorded as unanswered', async () => {
    const sts = new STSClient(doubleClientConfig(double.url));
    const before = double.unanswered().length;
    const { GetSessionTokenCommand } = await import('@aws-sdk/client-sts');
    await expect(sts.send(new GetSessionTokenCommand({}))).rejects.toMatchObject({ name: 'InvalidAction' });
    expect(double.unanswered().slice(before)).toEqual([expect.objectContaining({ service: 'sts', operation: 'GetSessionToken', known: false })]);
  });
});
