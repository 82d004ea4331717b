/** Adoption as a user runs it: estate → environment file + import map → synth shows only imports. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const ESTATE = join(ROOT, 'test', 'fixtures', 'estates', 'guides-estate.json');
const node = (script: string, args: string[]) => spawnSync(process.execPath, [join(ROOT, 'dist', script), ...args], { cwd: ROOT, encoding: 'utf8' });

describe('npm run adopt, then synth', () => {
  const environments = join(mkdtempSync(join(tmpdir(), 'adopt-cli-')), 'environments');
  const first = node('adopt/cli.js', ['--estate', ESTATE, '--env', 'guides', '--environments', environments]);

  test('writes the environment file and the import map beside it', () => {
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(existsSync(join(environments, 'guides.yaml'))).toBe(true);
    expect(existsSync(join(environments, 'guides.imports.json'))).toBe(true);
    // The service control policy goes to a reviewed JSON file the config names, beside the bundled ones.
    expect(readFileSync(join(environments, '..', 'policies', 'scp', 'guides', 'deny-leave-organization.json'), 'utf8')).toContain('"organizations:LeaveOrganization"');
    expect(first.stdout).toContain(`wrote ${join(environments, '..', 'policies', 'scp', 'guides', 'deny-leave-organization.json')}`);
    expect(first.stdout).toMatch(/note: IAM user admin: IAM user "admin" has no Owner tag/);
    expect(first.stdout).toContain('(what needs a decision), review the names in');
  });

  test('never overwrites a config that exists, or a policy file someone edited, unless told to', () => {
    const policy = join(environments, '..', 'policies', 'scp', 'guides', 'deny-leave-organization.json');
    writeFileSync(policy, readFileSync(policy, 'utf8').replace('"*"', '"arn:aws:organizations::*"'));
    rmSync(join(environments, 'guides.yaml'));
    const edited = node('adopt/cli.js', ['--estate', ESTATE, '--env', 'guides', '--environments', environments]);
    expect(edited.status).toBe(1);
    expect(edited.stderr).toContain(`${policy} exists already`);
    expect(node('adopt/cli.js', ['--estate', ESTATE, '--env', 'guides', '--environments', environments, '--force']).status).toBe(0);
    expect(readFileSync(policy, 'utf8')).not.toContain('arn:aws:organizations::*');
    const again = node('adopt/cli.js', ['--estate', ESTATE, '--env', 'guides', '--environments', environments]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(`${join(environments, 'guides.yaml')} exists already: discovery never overwrites a reviewed config`);
  });

  test('synth of the adopted environment imports everything and finds no difference', () => {
    const synth = node('main.js', ['--environments', environments, '--out', mkdtempSync(join(tmpdir(), 'adopt-out-'))]);
    expect(synth.stderr).toBe('');
    expect(synth.status).toBe(0);
    expect(synth.stdout).toContain('  import map: 31 resources to import, 0 renames (moved), 0 without an entry (created), 0 entries unused');
    expect(synth.stdout).toContain('  zero-diff: what AWS has matches the config for every imported resource');
  });
});
