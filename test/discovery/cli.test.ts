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
  const parsed = parseArguments(['--concurrency', '500']);
  expect(parsed.ok ? '' : parsed.message).toMatch(/^--concurrency must be a whole number from 1 to 32; got 500\n\nusage: /);
});

test('an unknown option is refused with the usage line', () => {
  const parsed = parseArguments(['--regoin', 'eu-west-1']);
  expect(parsed.ok).toBe(false);
  expect(parsed.ok ? '' : parsed.message).toMatch(/^Unknown option '--regoin'\n\nusage: node dist\/discovery\/cli.js/);
});

test('the policy printed for a denial grants every permission discovery uses, and only reads', () => {
  const statement = JSON.parse(discoveryPolicy()).Statement[0];
  expect(statement.Action).toEqual(DISCOVERY_PERMISSIONS);
  expect(statement.Action.filter((action: string) => !/:(List|Describe|Get)/.test(action))).toEqual([]);
});

test.each([['1e1'], ['0x8'], [' 8'], ['8.0'], ['']])('--concurrency %j is refused (Number() would take it)', (value) => {
  const parsed = parseArguments(['--concurrency', value]);
  expect(parsed.ok ? '' : parsed.message).toMatch(/^--concurrency must be a whole number from 1 to 32; got /);
});

test('--max-attempts goes through the same whole-number check', () => {
  const parsed = parseArguments(['--max-attempts', '3e0']);
  expect(parsed.ok ? '' : parsed.message).toMatch(/^--max-attempts must be a whole number from 1 to 10/);
});

test('every problem of the command line is reported at once, before the usage', () => {
  const parsed = parseArguments(['--env', 'UPPER', '--instance-arn', 'arn:aws:sso:::instance/ssoins-123', '--region', 'eu-west-1\n', '--concurrency', '0x8'], undefined, {});
  expect(parsed.ok).toBe(false);
  const lines = (parsed.ok ? '' : parsed.message).split('\n\nusage: ')[0].split('\n');
  expect(lines).toEqual([
    '--concurrency must be a whole number from 1 to 32; got "0x8"',
    '--region "eu-west-1\\n" is not an AWS region; fix: give one such as eu-west-1 (the region of the Identity Center instance)',
    expect.stringMatching(/^--instance-arn "arn:aws:sso:::instance\/ssoins-123" is not an Identity Center instance ARN; fix: /),
    expect.stringMatching(/^--env "UPPER" is not an environment name; fix: use lowercase letters/),
  ]);
});

test('an instance ARN in the format AWS documents is taken, in any partition', () => {
  for (const arn of ['arn:aws:sso:::instance/ssoins-0123456789abcdef', 'arn:aws-us-gov:sso:::instance/ssoins-7907fd0e3c3a4b5c', 'arn:aws-cn:sso:::instance/ins-0123456789abcdef']) {
    expect(parseArguments(['--instance-arn', arn], undefined, {})).toMatchObject({ ok: true, options: { instanceArn: arn } });
  }
  for (const arn of ['arn:aws:sso:::instance/ssoins-0123456789abcdef0', 'arn:aws:sso::123456789012:instance/ssoins-0123456789abcdef', 'ssoins-0123456789abcdef']) {
    expect(parseArguments(['--instance-arn', arn], undefined, {}).ok).toBe(false);
  }
});

test('a bad region in AWS_REGION is refused like --region; --region wins over it', () => {
  const parsed = parseArguments([], undefined, { AWS_REGION: 'Frankfurt' });
  expect(parsed.ok ? '' : parsed.message).toMatch(/^AWS_REGION "Frankfurt" is not an AWS region; fix: /);
  expect(parseArguments(['--region', 'eu-central-1'], undefined, { AWS_REGION: 'Frankfurt' }).ok).toBe(true);
});

test('a profile name is any one line of text; empty or with a line break it is refused', () => {
  expect(parseArguments(['--profile', 'org-management.admin@example'], undefined, {}).ok).toBe(true);
  for (const profile of ['', 'management\n[default]']) {
    const parsed = parseArguments(['--profile', profile], undefined, {});
    expect(parsed.ok ? '' : parsed.message).toMatch(/^--profile .* is not a profile name; fix: /);
  }
});
