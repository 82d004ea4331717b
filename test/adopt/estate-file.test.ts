/** Adopt's estate file is checked like a config: file, line, path and a fix for every problem, and nothing written until it is clean. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseEstateText, readEstateFile } from '../../adopt/read-estate';
import { formatIssues } from '../../config/issues';

const ROOT = resolve(__dirname, '..', '..');
const GUIDES = readFileSync(join(ROOT, 'test', 'fixtures', 'estates', 'guides-estate.json'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'estate-file-'));

/** The guides estate, changed by `edit`, as discovery writes it (two-space JSON). */
function estate(edit: (estate: any) => void): string {
  const value = JSON.parse(GUIDES);
  edit(value);
  return `${JSON.stringify(value, null, 2)}\n`;
}

function problems(text: string) {
  const result = parseEstateText(text, 'estate.json');
  if (result.ok) throw new Error('expected the estate to be refused');
  return result.issues;
}

test('the guides estate is read as it is', () => {
  expect(parseEstateText(GUIDES, 'estate.json').ok).toBe(true);
});

test('{} names every missing part with a fix, instead of a TypeError', () => {
  const issues = problems('{}\n');
  expect(issues.map((found) => found.path.join('.'))).toEqual(['region', 'organization', 'identityCenter']);
  for (const found of issues) expect(found).toMatchObject({ file: 'estate.json', line: 1, message: expect.stringContaining('is required'), fix: expect.any(String) });
  expect(formatIssues(issues)).not.toMatch(/Cannot read properties/);
});

test('an OU parent cycle is one issue at the parentId line, not a stack overflow', () => {
  const text = estate((value) => {
    value.organization.organizationalUnits[0].parentId = 'ou-ab12-prod0001'; // workload1 → prod0001 → workload1
  });
  const issues = problems(text);
  expect(issues).toHaveLength(1);
  expect(issues[0]).toMatchObject({ path: ['organization', 'organizationalUnits', 0, 'parentId'], message: expect.stringMatching(/is its own ancestor/), fix: expect.stringMatching(/end at the root/) });
  const line = text.split('\n').findIndex((row) => row.includes('"parentId": "ou-ab12-prod0001"')) + 1;
  expect(issues[0].line).toBe(line);
});

test('an OU that is its own parent is a cycle too', () => {
  const issues = problems(estate((value) => { value.organization.organizationalUnits[2].parentId = 'ou-ab12-sandbox1'; }));
  expect(issues.map((found) => found.message)).toEqual([expect.stringMatching(/^OU "Sandbox" is its own ancestor/)]);
});

test('two accounts with one ID, and an account in an unknown OU, are each reported', () => {
  const issues = problems(estate((value) => {
    value.organization.accounts[2].id = '444455556666';
    value.organization.accounts[1].parentId = 'ou-ab12-gone0000';
  }));
  expect(issues.map((found) => [found.path.join('.'), found.message])).toEqual([
    ['organization.accounts.1.parentId', expect.stringMatching(/^parent "ou-ab12-gone0000" of account .* is neither the root "r-ab12" nor an OU of this estate$/)],
    ['organization.accounts.2.id', 'account 444455556666 is listed twice (also accounts[1])'],
  ]);
  for (const found of issues) expect(found.fix).toBeTruthy();
});

test('wrong types are reported at their line with the config path', () => {
  const text = estate((value) => {
    value.organization.accounts = 'all of them';
    value.identityCenter.users[0].userName = 42;
  });
  const issues = problems(text);
  expect(issues.map((found) => found.path.join('.'))).toEqual(['organization.accounts', 'identityCenter.users.0.userName']);
  expect(issues[0].line).toBe(text.split('\n').findIndex((row) => row.includes('"accounts": "all of them"')) + 1);
  for (const found of issues) expect(found.fix).toBeTruthy();
});

test('not JSON, YAML, and a key written twice are refused', () => {
  expect(problems('{"region": "eu-west-1",')[0]).toMatchObject({ file: 'estate.json', line: 1 });
  expect(problems('region: eu-west-1\n')[0].message).toMatch(/is not JSON/);
  const twice = GUIDES.replace('"region": "us-east-1"', '"region": "us-east-1", "region": "eu-west-1"');
  expect(twice).not.toBe(GUIDES);
  expect(problems(twice).map((found) => found.message).join('\n')).toMatch(/region.*(twice|more than once|duplicate)/i);
});

test('a directory, a FIFO, a missing file are one located line each', () => {
  const fifo = join(dir, 'pipe.json');
  spawnSync('mkfifo', [fifo]);
  mkdirSync(join(dir, 'a-dir.json'));
  for (const [file, message] of [[join(dir, 'a-dir.json'), /is a directory/], [fifo, /is a named pipe \(FIFO\)/], [join(dir, 'missing.json'), /does not exist/]] as const) {
    const result = readEstateFile(file);
    expect(result.ok ? '' : result.issues[0].message).toMatch(message);
    expect(result.ok ? '' : result.issues[0].fix).toBeTruthy();
  }
});

describe('node dist/adopt/cli.js with a bad estate', () => {
  const cli = (args: string[]) => spawnSync(process.execPath, [join(ROOT, 'dist', 'adopt', 'cli.js'), ...args], { encoding: 'utf8', timeout: 20000 });

  test('exits 1 with every problem, no stack trace, and writes nothing', () => {
    const file = join(dir, 'cycle.json');
    writeFileSync(file, estate((value) => {
      value.organization.organizationalUnits[0].parentId = 'ou-ab12-prod0001';
      value.organization.accounts.push({ ...value.organization.accounts[1] });
    }));
    const environments = join(dir, 'environments');
    const result = cli(['--estate', file, '--env', 'guides', '--environments', environments]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^${file.replace(/[.\\/]/g, '\\$&')} has 2 issues:\\n  ${file.replace(/[.\\/]/g, '\\$&')}:\\d+:\\d+  organization\\.organizationalUnits\\[0\\]\\.parentId\\n`));
    expect(result.stderr).toMatch(/organization\.accounts\[3\]\.id\n    account 444455556666 is listed twice/);
    expect(result.stderr).toMatch(/\n\nNothing was adopted\.\n$/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(environments)).toBe(false);
    expect(readdirSync(dir)).not.toContain('policies');
  });

  test('{} is refused with the missing parts, not a TypeError', () => {
    const file = join(dir, 'empty.json');
    writeFileSync(file, '{}');
    const result = cli(['--estate', file, '--env', 'x', '--environments', join(dir, 'env2')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${file}:1:1  region\n    is required`);
    expect(result.stderr).not.toContain('Cannot read properties');
  });

  test('a bad --env or a missing --estate is a usage error (exit 2), before the estate is read', () => {
    const bad = cli(['--estate', join(dir, 'missing.json'), '--env', '../escape']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^--env "\.\.\/escape" must be lowercase letters/);
    const missing = cli(['--env', 'x']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^missing --estate FILE\n\nusage: /);
  });
});
