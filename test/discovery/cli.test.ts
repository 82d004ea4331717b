import { parseArguments } from '../../discovery/cli';
import { DISCOVERY_PERMISSIONS, discoveryPolicy } from '../../discovery/permissions';

test('--region and --profile are passed on the AWS way, with the defaults for the rest', () => {
  expect(parseArguments(['--region', 'eu-west-1', '--profile', 'management'])).toEqual({
    ok: true,
    options: { region: 'eu-west-1', profile: 'management', concurrency: 8, maxAttempts: 3, environments: 'environments', force: false },
  });
});

test('no arguments leave region and profile to the SDK (AWS_REGION, AWS_PROFILE, the config files)', () => {
  expect(parseArguments([])).toEqual({ ok: true, options: { concurrency: 8, maxAttempts: 3, environments: 'environments', force: false } });
});

test('a concurrency outside 1–32 is refused with the value given', () => {
  expect(parseArguments(['--concurrency', '500'])).toEqual({ ok: false, message: '--concurrency must be a whole number from 1 to 32, got "500"' });
});

test('an unknown option is refused with the usage line', () => {
  const parsed = parseArguments(['--regoin', 'eu-west-1']);
  expect(parsed.ok).toBe(false);
  expect(parsed.ok ? '' : parsed.message).toMatch(/--regoin[\s\S]*usage: discovery/);
});

test('the policy printed for a denial grants every permission discovery uses, and only reads', () => {
  const statement = JSON.parse(discoveryPolicy()).Statement[0];
  expect(statement.Action).toEqual(DISCOVERY_PERMISSIONS);
  expect(statement.Action.filter((action: string) => !/:(List|Describe|Get)/.test(action))).toEqual([]);
});
