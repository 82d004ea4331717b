/** The README shows real commands and real output: these tests run them and compare. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { importMapSchema } from '../config/import-map';
import { parse } from 'yaml';
import { readmeBlockAfter, renamesExampleIsValid } from './helpers/readme-examples';

const ROOT = resolve(__dirname, '..');
const MAIN = join(ROOT, 'dist', 'main.js');


describe('README', () => {
  test('the two commands are the ones package.json and CI run', () => {
    expect(readmeBlockAfter('**1. Synthesize every bundled environment**').trim()).toBe('npm ci && npm run synth');
    expect(readmeBlockAfter('**2. Run the tests**').trim()).toBe('npm ci && npm test && npm run test:terraform');
    expect(readFileSync(join(ROOT, '.ci', 'run'), 'utf8')).toContain('\nnpm ci && npm test && npm run test:terraform\n');
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts['test:terraform']).toBe('jest -c jest.roundtrip.config.js');
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.synth).toBe('npm run --silent build && node dist/main.js');
  });

  test('the summary shown is what the main job prints for the bundled environments', () => {
    const result = spawnSync(process.execPath, [MAIN], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(readmeBlockAfter('prints a summary:'));
  });

  test('the error example is what a broken copy of prod.yaml prints', () => {
    const dir = mkdtempSync(join(tmpdir(), 'readme-errors-'));
    mkdirSync(join(dir, 'environments'));
    const prod = readFileSync(join(ROOT, 'environments', 'prod.yaml'), 'utf8')
      .replace('email: aws-network@example.com', 'email: aws-network.example.com')
      .replace('      sessionDuration: PT8H\n', '      sesionDuration: PT8H\n');
    writeFileSync(join(dir, 'environments', 'prod.yaml'), prod);
    const result = spawnSync(process.execPath, [MAIN], { cwd: dir, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(readmeBlockAfter('nothing is written until the file is clean:'));
  });

  test('the import map example is a valid import map', () => {
    expect(importMapSchema.safeParse(JSON.parse(readmeBlockAfter('arguments AWS has for it:'))).success).toBe(true);
  });

  test('the renames example is a valid renames section', () => {
    expect(renamesExampleIsValid(parse(readmeBlockAfter('**Renames you make in the config.**')))).toBe(true);
  });
});
