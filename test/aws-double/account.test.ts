import { AccountClient, DeleteAlternateContactCommand, GetAlternateContactCommand, PutAlternateContactCommand } from '@aws-sdk/client-account';
import { CreateAccountCommand, CreateOrganizationCommand, EnableAWSServiceAccessCommand, OrganizationsClient } from '@aws-sdk/client-organizations';

import { doubleClientConfig } from './sdk-clients';
import { startAwsDouble, type AwsDouble } from './server';
import { accountDouble } from './services/account';
import { organizationsDouble } from './services/organizations';

const SECURITY = { AlternateContactType: 'SECURITY', Name: 'Security Team', Title: 'CISO', EmailAddress: 'security@example.com', PhoneNumber: '+1 555 0100' } as const;

describe('Account alternate contacts in the AWS double (restJson1)', () => {
  let double: AwsDouble;
  afterEach(() => double.close());

  it('Put, Get and Delete the caller account\'s contact; a missing one is ResourceNotFoundException (404)', async () => {
    double = await startAwsDouble({ services: [accountDouble] });
    const account = new AccountClient(doubleClientConfig(double.url));
    await expect(account.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } });
    await account.send(new PutAlternateContactCommand(SECURITY));
    expect((await account.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' }))).AlternateContact).toEqual(SECURITY);
    await account.send(new PutAlternateContactCommand({ ...SECURITY, Title: 'Head of Security' }));
    expect((await account.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' }))).AlternateContact!.Title).toBe('Head of Security');
    await account.send(new DeleteAlternateContactCommand({ AlternateContactType: 'SECURITY' }));
    await expect(account.send(new DeleteAlternateContactCommand({ AlternateContactType: 'SECURITY' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect(double.calls.map((call) => `${call.operation} ${call.status}`)).toEqual([
      'GetAlternateContact 404',
      'PutAlternateContact 200',
      'GetAlternateContact 200',
      'PutAlternateContact 200',
      'GetAlternateContact 200',
      'DeleteAlternateContact 200',
      'DeleteAlternateContact 404',
    ]);
  });

  it('contacts belong to the account the credentials are in', async () => {
    double = await startAwsDouble({ services: [accountDouble] });
    await new AccountClient(doubleClientConfig(double.url)).send(new PutAlternateContactCommand(SECURITY));
    const member = new AccountClient(doubleClientConfig(double.url, { accessKeyId: 'ASIA2222222222220001' }));
    await expect(member.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('invalid type, email or phone number is ValidationException', async () => {
    double = await startAwsDouble({ services: [accountDouble] });
    const account = new AccountClient(doubleClientConfig(double.url));
    await expect(account.send(new PutAlternateContactCommand({ ...SECURITY, AlternateContactType: 'LEGAL' as 'SECURITY' }))).rejects.toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
    await expect(account.send(new PutAlternateContactCommand({ ...SECURITY, EmailAddress: 'not-an-email' }))).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(account.send(new PutAlternateContactCommand({ ...SECURITY, PhoneNumber: 'call me' }))).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('with AccountId: the management account needs trusted access for account.amazonaws.com and may not name itself', async () => {
    double = await startAwsDouble({ services: [accountDouble, organizationsDouble] });
    const org = new OrganizationsClient(doubleClientConfig(double.url));
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const memberId = (await org.send(new CreateAccountCommand({ AccountName: 'member', Email: 'member@example.com' }))).CreateAccountStatus!.AccountId!;
    const account = new AccountClient(doubleClientConfig(double.url));
    await expect(account.send(new PutAlternateContactCommand({ ...SECURITY, AccountId: memberId }))).rejects.toMatchObject({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } });
    await org.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: 'account.amazonaws.com' }));
    await account.send(new PutAlternateContactCommand({ ...SECURITY, AccountId: memberId }));
    const member = new AccountClient(doubleClientConfig(double.url, { accessKeyId: `ASIA${memberId}0001` }));
    expect((await member.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' }))).AlternateContact).toEqual(SECURITY);
    await expect(account.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY', AccountId: '111111111111' }))).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await expect(member.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY', AccountId: memberId }))).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });
});
