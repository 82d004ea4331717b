/**
 * Throttling that clears on retry is invisible in the result. aws-sdk-client-mock stubs
 * `client.send`, so the SDK's own retry never runs under test: the retry proven here is discovery's.
 */
import { ListInstancesCommand, SSOAdminClient, ThrottlingException } from '@aws-sdk/client-sso-admin';
import { mockClient } from 'aws-sdk-client-mock';
import { backoffDelay, withRetry, type RetryPolicy } from '../../discovery/retry';
import { fakeClock } from './fake-clock';
import { discoverGuides } from './run-discovery';

const POLICY: RetryPolicy = { attempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };

test('aws-sdk-client-mock bypasses the SDK\'s retry middleware, so a mocked throttle reaches the caller', async () => {
  const client = new SSOAdminClient({ region: 'us-east-1', retryMode: 'adaptive', maxAttempts: 3 });
  mockClient(client).on(ListInstancesCommand).rejectsOnce(new ThrottlingException({ message: 'Rate exceeded', $metadata: {} })).resolves({ Instances: [] });
  await expect(client.send(new ListInstancesCommand({}))).rejects.toThrow('Rate exceeded');
});

test('a ThrottlingException on ListAccountAssignments that clears on retry gives the same estate as no throttling', async () => {
  const calm = await discoverGuides();
  const throttled = await discoverGuides((call, nth) =>
    call.operation === 'ListAccountAssignments' && nth === 1 ? { error: { name: 'ThrottlingException', message: 'Rate exceeded', status: 400 } } : undefined,
  );
  expect(throttled.estate.identityCenter).toEqual(calm.estate.identityCenter);
  expect(throttled.stats.retries).toBe(1);
});

test('Organizations\' TooManyRequestsException is retried', async () => {
  const { estate, stats } = await discoverGuides((call, nth) =>
    call.operation === 'ListTagsForResource' && call.service === 'organizations' && nth <= 2 ? { error: { name: 'TooManyRequestsException', message: 'AWS Organizations can\'t complete your request because another request is already in progress' } } : undefined,
  );
  expect(estate.organization.accounts.find((account) => account.id === '444455556666')?.tags).toEqual({ Owner: 'platform' });
  expect(stats.retries).toBe(2);
});

test('IAM\'s Throttling error code is retried', async () => {
  const { estate, stats } = await discoverGuides((call, nth) => (call.operation === 'GetAccountPasswordPolicy' && nth === 1 ? { error: { name: 'Throttling', message: 'Rate exceeded', status: 400 } } : undefined));
  expect(estate.iam.passwordPolicy?.minimumPasswordLength).toBe(14);
  expect(stats.retries).toBe(1);
});

test('a server fault is retried like throttling', async () => {
  let attempts = 0;
  const result = await withRetry(
    () => (++attempts < 2 ? Promise.reject(Object.assign(new Error('boom'), { name: 'InternalServerException', $metadata: { httpStatusCode: 500 } })) : Promise.resolve('ok')),
    POLICY,
    { clock: fakeClock() },
  );
  expect({ result, attempts }).toEqual({ result: 'ok', attempts: 2 });
});

test('backoff ceilings double from the base and stop at the maximum', () => {
  const justUnderOne = () => 0.999999;
  expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(attempt, POLICY, justUnderOne))).toEqual([99, 199, 399, 799, 999, 999]);
});

test('each wait is a random share of its ceiling (full jitter), so concurrent retries spread apart', async () => {
  const clock = fakeClock();
  let attempts = 0;
  await withRetry(() => (++attempts < 4 ? Promise.reject(new ThrottlingException({ message: 'slow down', $metadata: {} })) : Promise.resolve()), POLICY, { clock, random: () => 0.5 });
  expect(clock.sleeps).toEqual([50, 100, 200]);
});

test('a call still throttled after the last attempt fails with the throttling error, after attempts − 1 waits', async () => {
  const clock = fakeClock();
  let attempts = 0;
  const call = () => {
    attempts++;
    return Promise.reject(new ThrottlingException({ message: 'Rate exceeded', $metadata: {} }));
  };
  await expect(withRetry(call, POLICY, { clock, random: () => 0 })).rejects.toThrow('Rate exceeded');
  expect({ attempts, waits: clock.sleeps.length }).toEqual({ attempts: 5, waits: 4 });
});

test('an access denial is not retried', async () => {
  let attempts = 0;
  const denied = () => {
    attempts++;
    return Promise.reject(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }));
  };
  await expect(withRetry(denied, POLICY, { clock: fakeClock() })).rejects.toThrow('not authorized');
  expect(attempts).toBe(1);
});
