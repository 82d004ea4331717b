/** Synth removes the stacks of environments that no longer exist, and only stacks it wrote. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const ROOT = resolve(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'main.js');

let synthesizedTemplate: string | undefined;

/** A project with the bundled environments; `synthesized`: as a synth of all of them left it (that synth runs once, each project is a copy). */
function project(synthesized = false): { dir: string; synth: (...args: string[]) => void; stacks: () => string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'stale-stacks-'));
  made.push(dir);
  if (synthesized) {
    if (synthesizedTemplate === undefined) {
      const template = project();
      template.synth();
      synthesizedTemplate = template.dir;
    }
    cpSync(synthesizedTemplate, dir, { recursive: true, verbatimSymlinks: true });
  } else {
    cpSync(join(ROOT, 'environments'), join(dir, 'environments'), { recursive: true });
    symlinkSync(join(ROOT, 'policies'), join(dir, 'policies'));
  }
  return {
    dir,
    synth: (...args) => {
      const result = spawnSync(process.execPath, [MAIN, '--quiet', ...args], { cwd: dir, encoding: 'utf8' });
      if (result.status !== 0) throw new Error(result.stderr);
    },
    stacks: () => Object.keys(JSON.parse(readFileSync(join(dir, 'cdktf.out', 'synthesized-stacks.json'), 'utf8')).stacks),
  };
}

test('removing an environment file removes its stacks and checklist at the next synth', () => {
  const { dir, synth, stacks } = project(true);
  expect(existsSync(join(dir, 'cdktf.out', 'stacks', 'dev-organization'))).toBe(true);
  rmSync(join(dir, 'environments', 'dev.yaml'));
  synth();
  for (const stack of ['dev-organization', 'dev-identity-center', 'dev-baseline']) expect(existsSync(join(dir, 'cdktf.out', 'stacks', stack))).toBe(false);
  expect(existsSync(join(dir, 'cdktf.out', 'environments', 'dev'))).toBe(false);
  expect(existsSync(join(dir, 'cdktf.out', 'stacks', 'prod-organization'))).toBe(true);
  expect(stacks()).toEqual(['prod-baseline', 'prod-identity-center', 'prod-organization']);
});

test('--env prod keeps the stacks of dev, whose file still exists', () => {
  const { dir, synth, stacks } = project(true);
  synth('--env', 'prod');
  expect(existsSync(join(dir, 'cdktf.out', 'stacks', 'dev-organization', 'cdk.tf.json'))).toBe(true);
  expect(stacks()).toContain('dev-organization');
});

test('an environment that loses its baseline: section loses its baseline stack', () => {
  const { dir, synth } = project();
  synth('--env', 'dev');
  const file = join(dir, 'environments', 'dev.yaml');
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.slice(0, text.indexOf('\nbaseline:')) + '\n');
  synth('--env', 'dev');
  expect(existsSync(join(dir, 'cdktf.out', 'stacks', 'dev-baseline'))).toBe(false);
  expect(existsSync(join(dir, 'cdktf.out', 'stacks', 'dev-organization'))).toBe(true);
});

test('a directory synth did not write is never removed', () => {
  const { dir, synth } = project();
  mkdirSync(join(dir, 'cdktf.out', 'stacks', 'handmade'), { recursive: true });
  synth();
  rmSync(join(dir, 'environments', 'dev.yaml'));
  synth();
  expect(existsSync(join(dir, 'cdktf.out', 'stacks', 'handmade'))).toBe(true);
});
