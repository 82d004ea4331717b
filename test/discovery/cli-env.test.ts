/** `discover --env`: refuses a reviewed config before reading AWS, saves the estate first, and notes what it was denied. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEstateFile } from '../../adopt/read-estate';
import { main, type CliIo } from '../../discovery/cli';
import { fakeClock } from './fake-clock';
import { recordedClients, type Intercept, type MadeCall } from './recorded-clients';
import { CONTROL_TOWER_RECORDING } from '../fixtures/estates/control-tower-recording';

function buffer() {
  const stream = { text: '', write(chunk: string) { stream.text += chunk; return true; } };
  return stream;
}

function run(argv: string[], intercept?: Intercept) {
  const calls: MadeCall[][] = [];
  const stdout = buffer();
  const stderr = buffer();
  const io: CliIo = {
    clients: () => {
      const recorded = recordedClients(CONTROL_TOWER_RECORDING, intercept);
      calls.push(recorded.calls);
      return recorded.clients;
    },
    stdout: stdout as unknown as NodeJS.WritableStream,
    stderr: stderr as unknown as NodeJS.WritableStream,
    clock: fakeClock(),
  };
  return { result: main(argv, io), calls: () => calls.flat(), stdout, stderr };
}

const denied = (operation: string): Intercept => (call) => (call.operation === operation ? { error: { name: 'AccessDeniedException', message: `not authorized to perform: ${call.service}:${operation}` } } : undefined);

describe('discover --env', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'discover-env-'));
  });
  const environments = () => join(dir, 'environments');

  test('an existing config is refused before any AWS call', async () => {
    mkdirSync(environments());
    writeFileSync(join(environments(), 'ct.yaml'), 'reviewed: true\n');
    const { result, stderr, calls } = run(['--env', 'ct', '--environments', environments()]);
    expect(await result).toBe(1);
    expect(calls()).toEqual([]);
    expect(stderr.text).toMatch(/ct\.yaml exists already: discovery never overwrites a reviewed config/);
    expect(readFileSync(join(environments(), 'ct.yaml'), 'utf8')).toBe('reviewed: true\n');
    expect(existsSync(join(environments(), 'ct.estate.json'))).toBe(false);
  });

  test('writes the estate, the config, the import map and the adoption report', async () => {
    const { result, stdout } = run(['--env', 'ct', '--environments', environments()]);
    expect(await result).toBe(0);
    for (const file of ['ct.estate.json', 'ct.yaml', 'ct.imports.json']) expect(existsSync(join(environments(), file))).toBe(true);
    // What discovery saves passes adopt's check of the estate file, so `npm run adopt -- --estate` takes it.
    const saved = readEstateFile(join(environments(), 'ct.estate.json'));
    expect(saved.ok ? [] : saved.issues).toEqual([]);
    expect(stdout.text).toMatch(/wrote .*ct\.yaml/);
  });

  test('when adoption fails afterwards, the estate read is kept and the way to retry is printed', async () => {
    // A reviewed policy file with other content: adoption refuses to overwrite it.
    mkdirSync(join(dir, 'policies', 'scp', 'ct'), { recursive: true });
    writeFileSync(join(dir, 'policies', 'scp', 'ct', 'deny-leave-organization.json'), '{"edited": true}\n');
    const { result, stderr } = run(['--env', 'ct', '--environments', environments()]);
    expect(await result).toBe(1);
    const estateFile = join(environments(), 'ct.estate.json');
    expect(JSON.parse(readFileSync(estateFile, 'utf8')).organization.id).toBe('o-ctower0001');
    expect(stderr.text).toContain(`The estate read is kept in ${estateFile}: npm run adopt -- --estate ${estateFile} --env ct`);
    expect(stderr.text).not.toMatch(/\n\s+at /);
  });

  test('a denied optional read (alternate contacts) becomes a note with the permission, not an abort', async () => {
    const { result, stdout } = run(['--env', 'ct', '--environments', environments()], denied('GetAlternateContact'));
    expect(await result).toBe(0);
    expect(stdout.text).toContain('note: not read: alternate contacts (account:GetAlternateContact was denied, e.g. AlternateContactType=BILLING): the SECURITY contact is not adopted');
    const estate = JSON.parse(readFileSync(join(environments(), 'ct.estate.json'), 'utf8'));
    expect(estate.unread).toEqual([{ permission: 'account:GetAlternateContact', what: 'alternate contacts', inputs: ['AlternateContactType=BILLING', 'AlternateContactType=OPERATIONS', 'AlternateContactType=SECURITY'] }]);
    expect(readFileSync(join(environments(), 'ct.yaml'), 'utf8')).not.toContain('securityContact');
  });

  test('denied tags are noted and left out of the comparison, so the check cannot claim they match', async () => {
    const { result, stdout } = run(['--env', 'ct', '--environments', environments()], (call) => (call.service === 'organizations' && call.operation === 'ListTagsForResource' ? { error: { name: 'AccessDeniedException', message: 'denied' } } : undefined));
    expect(await result).toBe(0);
    expect(stdout.text).toMatch(/note: not read: tags of OUs and accounts \(organizations:ListTagsForResource was denied/);
    const map = JSON.parse(readFileSync(join(environments(), 'ct.imports.json'), 'utf8'));
    expect(map.stacks['ct-organization']['aws_organizations_account.log-archive'].observed).not.toHaveProperty('tags');
  });

  test('an answer discovery cannot use is a message, not a stack trace', async () => {
    const { result, stderr } = run(['--env', 'ct', '--environments', environments()], (call) => (call.operation === 'DescribeOrganization' ? { output: {} } : undefined));
    expect(await result).toBe(1);
    expect(stderr.text).toContain('discovery failed: DescribeOrganization returned no organization\nNothing was written.');
    expect(stderr.text).not.toMatch(/\n\s+at /);
  });

  test('a denied read adoption needs still stops discovery, with the policy to grant', async () => {
    const { result, stderr } = run(['--env', 'ct', '--environments', environments()], denied('ListAccountAssignments'));
    expect(await result).toBe(1);
    expect(stderr.text).toMatch(/Access denied: sso:ListAccountAssignments is missing/);
    expect(stderr.text).toContain('"sso:ListAccountAssignments"');
    expect(existsSync(join(environments(), 'ct.yaml'))).toBe(false);
  });
});
