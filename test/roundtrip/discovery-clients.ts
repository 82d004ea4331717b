/** The real SDK v3 clients discovery uses (discovery/clients.ts), at the AWS double: the SDK's standard `endpoint` override. */
import { clientsWith, type DiscoveryClients } from '../../discovery/clients';
import type { AwsDouble } from '../aws-double/server';
import { doubleClientConfig } from '../aws-double/sdk-clients';

export function clientsAt(double: AwsDouble, region: string): DiscoveryClients {
  return clientsWith(doubleClientConfig(double.url, undefined, region));
}

/** Closes the clients' keep-alive sockets (the SDK's `destroy()`), so the test process can exit. */
export function closeClients(clients: DiscoveryClients): void {
  for (const client of Object.values(clients)) client.destroy();
}
