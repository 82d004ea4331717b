/**
 * The five AWS SDK v3 clients discovery reads with. Discovery takes them as a parameter so tests
 * pass clients mocked with aws-sdk-client-mock; `createClients` makes the real ones.
 */
import { AccountClient } from '@aws-sdk/client-account';
import { IAMClient } from '@aws-sdk/client-iam';
import { IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { OrganizationsClient, type OrganizationsClientConfig } from '@aws-sdk/client-organizations';
import { SSOAdminClient } from '@aws-sdk/client-sso-admin';

export interface DiscoveryClients {
  readonly organizations: OrganizationsClient;
  readonly ssoAdmin: SSOAdminClient;
  readonly identityStore: IdentitystoreClient;
  readonly iam: IAMClient;
  readonly account: AccountClient;
}

export interface ClientOptions {
  /**
   * Region of the IAM Identity Center instance. Organizations, IAM and Account are global and
   * answer from their own endpoint whatever the region.
   * @default - the AWS way: AWS_REGION, then the profile's region
   */
  readonly region?: string;
  /**
   * Named profile from the shared config/credentials files.
   * @default - the AWS way: AWS_PROFILE, then `default`
   */
  readonly profile?: string;
  /**
   * Attempts per call inside the SDK, whose adaptive mode also rate-limits on the client side once
   * AWS starts throttling. Discovery's own retry (retry.ts) wraps these attempts.
   * @default 3
   */
  readonly maxAttempts?: number;
}

export function createClients(options: ClientOptions = {}): DiscoveryClients {
  const config = {
    ...(options.region !== undefined ? { region: options.region } : {}),
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    retryMode: 'adaptive',
    maxAttempts: options.maxAttempts ?? 3,
  };
  return clientsWith(config);
}

/** The five clients discovery reads with, all from one SDK client configuration. */
export function clientsWith(config: OrganizationsClientConfig): DiscoveryClients {
  return {
    organizations: new OrganizationsClient(config),
    ssoAdmin: new SSOAdminClient(config),
    identityStore: new IdentitystoreClient(config),
    iam: new IAMClient(config),
    account: new AccountClient(config),
  };
}
