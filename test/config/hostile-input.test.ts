/** The loader against input a person did not mean, or an attacker did: one located issue each, never a crash or a hang. */
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnvironments } from '../../config/load';
import { ConfigError, type LocatedIssue } from '../../config/issues';
import { MAX_CONFIG_BYTES } from '../../config/read-file';
import { parsePolicyFileText } from '../../config/policy-files';
import { baseConfig, issues, model, toYaml } from '../helpers/environment';

const BASE = toYaml(baseConfig());

function environments(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'foundation-hostile-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

function loadIssues(dir: string): LocatedIssue[] {
  try {
    loadEnvironments(dir);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.issues];
    throw error;
  }
  throw new Error('expected the environments to be rejected');
}

describe('files that are not environment files', () => {
  test('a file over the stated maximum size is refused before it is read', () => {
    const dir = environments({ 'big.yaml': `region: eu-west-1\n# ${'x'.repeat(MAX_CONFIG_BYTES)}\n` });
    const [found] = loadIssues(dir);
    expect(found.message).toMatch(/big\.yaml is 1,048,\d{3} bytes; the largest environment file this project reads is 1 MiB$/);
    expect(found).toMatchObject({ line: 1, column: 1 });
  });

  test.each([
    ['Latin-1 bytes', Buffer.concat([Buffer.from('region: eu-west-1\nname: Caf'), Buffer.from([0xe9]), Buffer.from('\n')]), /is not UTF-8 text: byte 0xE9 on this line/, 2],
    ['UTF-16', Buffer.from(`\ufeff${BASE}`, 'utf16le'), /is UTF-16 text, not UTF-8 text/, 1],
    ['binary', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00]), /is not UTF-8 text: it holds a NUL byte/, 1],
  ])('%s are "not UTF-8 text", with the file and line', (_, bytes, message, line) => {
    const [found] = loadIssues(environments({ 'dev.yaml': bytes }));
    expect(found.message).toMatch(message);
    expect(found.line).toBe(line);
    expect(found.fix).toContain('UTF-8');
  });

  test('old-Mac line endings (CR only) are lines, not one long line', () => {
    const dir = environments({ 'dev.yaml': BASE.replace(/\n/g, '\r') });
    expect(loadEnvironments(dir).map((env) => env.name)).toEqual(['dev']);
  });

  test('a directory, a dangling symlink and a FIFO named *.yaml are one line each, and the FIFO is never opened', () => {
    const dir = environments({});
    mkdirSync(join(dir, 'a.yaml'));
    symlinkSync(join(dir, 'missing.yaml'), join(dir, 'b.yaml'));
    execFileSync('mkfifo', [join(dir, 'c.yaml')]);
    const found = loadIssues(dir);
    expect(found.map((f) => f.message)).toEqual([
      expect.stringMatching(/a\.yaml is a directory; the environment file must be a regular file$/),
      expect.stringMatching(/b\.yaml is a symbolic link to ".*missing\.yaml", which does not exist$/),
      expect.stringMatching(/c\.yaml is a named pipe \(FIFO\); the environment file must be a regular file$/),
    ]);
    expect(found.every((f) => f.line === 1 && f.fix)).toBe(true);
  });

  (process.getuid?.() === 0 ? test.skip : test)('an unreadable file says so', () => {
    const dir = environments({ 'dev.yaml': BASE });
    chmodSync(join(dir, 'dev.yaml'), 0o000);
    expect(loadIssues(dir)[0].message).toMatch(/dev\.yaml cannot be read: permission denied$/);
  });

  test('an import map that is a directory is an error, not a crash', () => {
    const dir = environments({ 'dev.yaml': BASE });
    mkdirSync(join(dir, 'dev.imports.json'));
    expect(loadIssues(dir)[0].message).toMatch(/the import map .*dev\.imports\.json is a directory/);
  });

  test('dev.yml beside dev.yaml is an error: two files for one environment', () => {
    const found = loadIssues(environments({ 'dev.yaml': BASE, 'dev.yml': BASE }));
    expect(found).toHaveLength(1);
    expect(found[0].message).toBe('environment "dev" has two files: dev.yaml and dev.yml');
    expect(found[0].fix).toBe('keep one of them: delete or rename dev.yml');
  });

  test('a missing environments directory names the directory without a fake position', () => {
    const found = loadIssues(join(tmpdir(), 'no-such-environments-dir'));
    expect(found[0]).toMatchObject({ line: 0, message: 'the environments directory does not exist' });
    expect(new ConfigError(found).message).not.toContain(':0:0');
  });
});

describe('YAML aliases, anchors, tags and keys', () => {
  test('an undefined or misspelt alias is an error at the alias', () => {
    const found = issues(`${BASE}tags: *ownr\n`);
    expect(found).toHaveLength(1);
    expect(found[0].message).toBe('alias *ownr has no anchor &ownr before it');
    expect(found[0].line).toBe(BASE.split('\n').length);
  });

  test('an alias used before its anchor is an error', () => {
    expect(issues(`tags: *t\n${BASE}x-tags: &t { a: b }\n`)[0].message).toBe('alias *t has no anchor &t before it');
  });

  test('an OU that is an alias of itself, or of the whole OU map, is a cycle, not a stack overflow', () => {
    const self = 'region: eu-west-1\norganization:\n  organizationalUnits:\n    A: &a\n      children: { B: *a }\n';
    expect(issues(self)[0]).toMatchObject({ line: 5, message: 'alias *a is inside the value it names (a cycle)' });
    const whole = 'region: eu-west-1\norganization:\n  organizationalUnits: &ous\n    A:\n      children: *ous\n';
    expect(issues(whole)[0].message).toBe('alias *ous is inside the value it names (a cycle)');
  });

  test('an alias bomb is refused by the size it expands to, at the line that crosses the limit', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) levels.push(`${'bcdefghij'[i - 1]}: &${'bcdefghij'[i - 1]} [${Array(9).fill(`*${'abcdefghij'[i - 1]}`).join(',')}]`);
    const started = Date.now();
    const found = issues(`${levels.join('\n')}\n`);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(found[0].message).toMatch(/^YAML aliases expand this to more than 2,097,152 values and characters/);
    expect(found[0].line).toBeGreaterThan(1);
  });

  test('one anchor reused on 100 accounts, with merge keys, is ordinary and accepted', () => {
    const accounts = Array.from({ length: 100 }, (_, i) => `    a${i}: { <<: *account, email: aws-a${i}@example.com, tags: *tags }`).join('\n');
    const text = [
      'x-account: &account { ou: Workloads }',
      'x-tags: &tags { Owner: platform, CostCenter: "42" }',
      'region: eu-west-1',
      'organization:',
      '  organizationalUnits: { Workloads: {} }',
      '  accounts:',
      '    management: { id: "111111111111", management: true }',
      accounts,
      'identityCenter:',
      '  mfa: { prompt: every-sign-in }',
      '',
    ].join('\n');
    const env = model(text);
    expect(env.organization.accounts).toHaveLength(101);
    expect(env.organization.accounts.find((account) => account.key === 'a7')).toMatchObject({ ouPath: 'Workloads', tags: { Owner: 'platform', CostCenter: '42' } });
  });

  test('explicit keys win over merged ones', () => {
    const text = BASE.replace('  accounts:\n', '  accounts:\n    x: { <<: *acct, name: Explicit }\n') .replace(/^region:/m, 'x-acct: &acct { name: Merged, email: aws-x@example.com }\nregion:');
    expect(model(text).organization.accounts.find((account) => account.key === 'x')?.name).toBe('Explicit');
  });

  test('an unknown tag such as !Ref is rejected, not read as a string', () => {
    const found = issues(BASE.replace('region: eu-west-1', 'region: !Ref Region'));
    expect(found[0].message).toContain('unknown YAML tag: !Ref');
    expect(found[0].line).toBe(1);
  });

  test.each([
    ['"1" and 1', 'tags: { "1": a, 1: b }\n', '"1"', '1'],
    ['"true" and true', 'tags: { "true": a, true: b }\n', '"true"', 'true'],
  ])('keys %s are one key: a duplicate, not one entry silently lost', (_, extra, first, second) => {
    const found = issues(`${BASE}${extra}`);
    expect(found[0].message).toBe(`key "${second}" appears twice in this mapping (first on line ${BASE.split('\n').length}); YAML reads ${first} and ${second} as one key here`);
  });

  test('top-level x- keys are ignored: a place for anchors', () => {
    expect(model(`x-notes: anything at all\n${BASE}`).name).toBe('test');
  });

  test('an OU tree thousands of levels deep is an error, not a stack overflow', () => {
    let ous = '{}';
    for (let i = 0; i < 3000; i++) ous = `{ children: { L${i}: ${ous} } }`;
    const found = issues(`region: eu-west-1\norganization:\n  organizationalUnits: { Top: ${ous} }\n`);
    expect(found[0].message).toMatch(/nest/);
    expect(found[0].line).toBeGreaterThanOrEqual(1);
  });

  test('a block-indented tree 70 levels deep is refused at the line where it passes the limit', () => {
    const lines = ['region: eu-west-1', 'organization:', '  organizationalUnits:'];
    for (let i = 0; i < 70; i++) lines.push(`${'  '.repeat(i + 2)}L${i}:`);
    const found = issues(`${lines.join('\n')} {}\n`);
    expect(found[0].message).toBe('nested more than 64 levels deep');
    expect(found[0].line).toBeGreaterThan(60);
  });
});

describe('policy files', () => {
  test('a key twice in a JSON policy ("Effect" twice) is an error with file and line', () => {
    const file = parsePolicyFileText('{\n  "Version": "2012-10-17",\n  "Statement": [{\n    "Effect": "Allow",\n    "Effect": "Deny",\n    "Action": "*",\n    "Resource": "*"\n  }]\n}\n', 'policies/scp/x.json');
    expect(file.error).toBe('policies/scp/x.json:5:5 key "Effect" appears twice in this mapping (first on line 4)');
  });
});
