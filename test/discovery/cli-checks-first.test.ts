/** Discovery checks every argument that needs no AWS before it makes a client, a call or a connection. */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main, type CliIo } from '../../discovery/cli';
import type { DiscoveryClients } from '../../discovery/clients';
import { fakeClock } from './fake-clock';

function buffer() {
  const stream = { text: '', write(chunk: string) { stream.text += chunk; return true; } };
  return stream;
}

/** The CLI with a client factory that records whether it was asked for clients at all. */
async function run(argv: string[], env: NodeJS.ProcessEnv = {}, clients?: () => DiscoveryClients) {
  let made = 0;
  const stdout = buffer();
  const stderr = buffer();
  const io: CliIo = {
    clients: () => {
      made += 1;
      if (clients) return clients();
      throw new Error('no AWS client may be made for this command line');
    },
    stdout: stdout as unknown as NodeJS.WritableStream,
    stderr: stderr as unknown as NodeJS.WritableStream,
    clock: fakeClock(),
    env,
  };
  const code = await main(argv, io);
  return { code, made, stdout: stdout.text, stderr: stderr.text };
}

const dir = mkdtempSync(join(tmpdir(), 'discover-checks-'));
const aFile = join(dir, 'a-file');
writeFileSync(aFile, 'x');

describe.each([
  ['--env ../escape', ['--env', '../escape'], /^--env "\.\.\/escape" is not an environment name; fix: /],
  ['--env UPPER', ['--env', 'UPPER'], /^--env "UPPER" is not an environment name/],
  ['--region with a newline', ['--region', 'eu-west-1\nx'], /^--region "eu-west-1\\nx" is not an AWS region; fix: /],
  ['an invalid --region', ['--region', 'europe'], /^--region "europe" is not an AWS region/],
  ['a malformed --instance-arn', ['--region', 'eu-west-1', '--instance-arn', 'arn:aws:sso:::instance/ssoins-xyz'], /^--instance-arn .* is not an Identity Center instance ARN/],
  ['--concurrency 1e1', ['--concurrency', '1e1'], /^--concurrency must be a whole number/],
  ['--out that is a directory', ['--region', 'eu-west-1', '--out', dir], /^--out .* is a directory; fix: /],
  ['--out under a file', ['--region', 'eu-west-1', '--out', join(aFile, 'estate.json')], /^--out .* lies under .*a-file, which is a file; fix: /],
  ['an empty --out', ['--region', 'eu-west-1', '--out', ''], /^--out is empty; fix: /],
  ['--out in /proc', ['--region', 'eu-west-1', '--out', '/proc/estate.json'], /^--out \/proc\/estate.json (is in \/proc|cannot be written)/],
])('%s', (_name, argv, message) => {
  test('is refused with exit 2 and one message line before any AWS client is made', async () => {
    const result = await run(argv);
    expect(result.made).toBe(0);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });
});

test('an --out in a directory that cannot be written is refused before AWS', async () => {
  if (process.getuid?.() === 0) return; // root writes anywhere; /proc above covers the refused write
  const locked = join(dir, 'locked');
  mkdirSync(locked);
  chmodSync(locked, 0o500);
  const result = await run(['--region', 'eu-west-1', '--out', join(locked, 'estate.json')]);
  expect([result.code, result.made]).toEqual([2, 0]);
  expect(result.stderr).toMatch(/cannot be written \(permission denied/);
});

test('an existing config without --force is refused before any AWS client is made', async () => {
  const environments = join(dir, 'environments');
  mkdirSync(environments, { recursive: true });
  writeFileSync(join(environments, 'prod.yaml'), 'reviewed: true\n');
  const result = await run(['--region', 'eu-west-1', '--env', 'prod', '--environments', environments]);
  expect([result.code, result.made]).toEqual([1, 0]);
  expect(result.stderr).toMatch(/prod\.yaml exists already/);
  expect(readFileSync(join(environments, 'prod.yaml'), 'utf8')).toBe('reviewed: true\n');
});

test('no region anywhere is one line with exit 2, before any call', async () => {
  let calls = 0;
  const client = { config: { region: () => Promise.reject(new Error('Region is missing')) }, send: () => { calls += 1; return Promise.reject(new Error('no call may be made')); } };
  const clients = () => ({ organizations: client, ssoAdmin: client, identityStore: client, iam: client, account: client }) as unknown as DiscoveryClients;
  const result = await run([], {}, clients);
  expect(result.code).toBe(2);
  expect(calls).toBe(0);
  expect(result.stderr).toBe('no region: discovery needs the region of the Identity Center instance; fix: pass --region eu-west-1 (or set AWS_REGION, or region in the profile)\nNothing was read.\n');
});

test("a profile's region that is not one is refused before any call", async () => {
  let calls = 0;
  const client = { config: { region: () => Promise.resolve('eu west 1') }, send: () => { calls += 1; return Promise.reject(new Error('no call may be made')); } };
  const clients = () => ({ organizations: client, ssoAdmin: client, identityStore: client, iam: client, account: client }) as unknown as DiscoveryClients;
  const result = await run(['--profile', 'management'], {}, clients);
  expect([result.code, calls]).toEqual([2, 0]);
  expect(result.stderr).toMatch(/^the region of profile management "eu west 1" is not an AWS region; fix: /);
});

describe('the built CLI, with every AWS address pointed at a closed port', () => {
  const ROOT = resolve(__dirname, '..', '..');
  const closed = 'http://127.0.0.1:9';
  const env = {
    PATH: process.env.PATH ?? '',
    NODE_NO_WARNINGS: '1', // the SDK's notice about Node versions
    HOME: dir,
    AWS_CONFIG_FILE: join(dir, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
    AWS_EC2_METADATA_SERVICE_ENDPOINT: closed,
    AWS_CONTAINER_CREDENTIALS_FULL_URI: closed,
    AWS_ENDPOINT_URL: closed,
  };
  const cli = (args: string[]) => spawnSync(process.execPath, [join(ROOT, 'dist', 'discovery', 'cli.js'), ...args], { encoding: 'utf8', timeout: 20000, env });

  test('without a region it stops with one line and exit 2 (credentials are never looked for)', () => {
    const result = cli([]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('no region: discovery needs the region of the Identity Center instance; fix: pass --region eu-west-1 (or set AWS_REGION, or region in the profile)\nNothing was read.\n');
  });

  test('a newline in the region stops it with exit 2', () => {
    const result = cli(['--region', 'eu-west-1\n']);
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('--region "eu-west-1\\n" is not an AWS region; fix: give one such as eu-west-1 (the region of the Identity Center instance)');
  });
});
