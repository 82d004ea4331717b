import { createClients } from '../../discovery/clients';

test('real clients get the region and profile the AWS way, with the SDK\'s adaptive retry and the attempts asked for', async () => {
  const clients = createClients({ region: 'eu-west-1', profile: 'management', maxAttempts: 4 });
  const config = clients.ssoAdmin.config;
  expect({
    region: await config.region(),
    profile: config.profile,
    strategy: (await config.retryStrategy()).constructor.name,
    maxAttempts: await config.maxAttempts(),
  }).toEqual({ region: 'eu-west-1', profile: 'management', strategy: 'AdaptiveRetryStrategy', maxAttempts: 4 });
});

test('all five clients share the settings', async () => {
  const clients = createClients({ region: 'eu-west-1', profile: 'management' });
  const regions = await Promise.all(Object.values(clients).map((client) => client.config.region()));
  expect({ regions, profiles: Object.values(clients).map((client) => client.config.profile) }).toEqual({
    regions: ['eu-west-1', 'eu-west-1', 'eu-west-1', 'eu-west-1', 'eu-west-1'],
    profiles: ['management', 'management', 'management', 'management', 'management'],
  });
});
