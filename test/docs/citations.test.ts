/**
 * The guides the README and every MANUAL-STEPS.md cite are named by title and author, never by a
 * path that does not exist in a clone (the guide texts were never part of the repository).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { citeGuide, GUIDES } from '../../model/guides';

const ROOT = resolve(__dirname, '..', '..');

test('no document or source refers to the guide texts by a path outside the repository', () => {
  const files = ['README.md', ...readdirSync(join(ROOT, 'model')).map((file) => `model/${file}`), ...readdirSync(join(ROOT, 'docs')).map((file) => `docs/${file}`)];
  for (const file of files) expect([file, readFileSync(join(ROOT, file), 'utf8')]).not.toEqual([file, expect.stringMatching(/shared\/seeds|\d{3}_[0-9a-f]{16}\.txt/)]);
});

test('the README cites every guide by the title and author model/guides.ts has', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8').replace(/\n\s+/g, ' ');
  for (const guide of GUIDES) {
    expect(readme).toContain(`\`${guide.id}\` "${guide.title}"`);
    if (guide.author) expect(readme).toContain(guide.author);
    if (guide.companion) expect(readme).toContain(guide.companion);
  }
});

test('MANUAL-STEPS.md ends with the guides its steps cite', () => {
  const out = mkdtempSync(join(tmpdir(), 'citations-'));
  const result = spawnSync(process.execPath, [join(ROOT, 'dist', 'main.js'), '--env', 'prod', '--quiet', '--out', out], { cwd: ROOT, encoding: 'utf8' });
  expect(result.status).toBe(0);
  const checklist = readFileSync(join(out, 'environments', 'prod', 'MANUAL-STEPS.md'), 'utf8');
  const guides = checklist.slice(checklist.indexOf('## Guides'));
  for (const guide of GUIDES) expect(guides).toContain(`- ${guide.id}: ${citeGuide(guide)}`);
  expect(citeGuide(GUIDES[0])).toBe('"IAM: Prioritizing Security Is More Than a Method (Secure Creation of Root Account and IAM Administrator User)", Andres Figueroa (DEV Community)');
  expect(existsSync(join(out, 'stacks', 'prod-organization'))).toBe(true);
});

test('LICENSE is the Apache License 2.0 that package.json names, and CHANGELOG.md has the package version', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { license: string; version: string };
  expect(pkg.license).toBe('Apache-2.0');
  const license = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
  expect(license).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004\s+http:\/\/www\.apache\.org\/licenses\//);
  expect(license).toContain('END OF TERMS AND CONDITIONS');
  // The text as https://www.apache.org/licenses/LICENSE-2.0.txt publishes it, unchanged (the same file
  // constructs and jsii ship in node_modules).
  expect(createHash('md5').update(license).digest('hex')).toBe('3b83ef96387f14655fc854ddc3c6bd57');
  expect(readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8')).toContain(`## [${pkg.version}]`);
});
