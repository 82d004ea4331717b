/** The real SDK v3 clients discovery uses (discovery/clients.ts), at the AWS double: the SDK's standard `endpoint` override. */
import { AccountClient } from '@aws-sdk/client-account';
import { IAMClient } from '@aws-sdk/client-iam';
import { IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { SSOAdminClient } from '@aws-sdk/client-sso-admin';
import type { DiscoveryClients } from '../../discovery/clients';
import type { AwsDouble } from '../aws-double/server';
import { doubleClientConfig } from '../aws-double/sdk-clients';

export function clientsAt(double: AwsDouble, region: string): DiscoveryClients {
  const config = doubleClientConfig(double.url, undefined, region);
  return {
    organizations: new OrganizationsClient(config),
    ssoAdmin: new SSOAdminClient(config),
    identityStore: new IdentitystoreClient(config),
    iam: new IAMClient(config),
    account: new AccountClient(config),
  };
}

/** Closes the clients' keep-alive sockets (the SDK's `destroy()`), so the test process can exit. */
export function closeClients(clients: DiscoveryClients): void {
  for (const client of Object.values(clients)) client.destroy();
}
