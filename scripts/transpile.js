#!/usr/bin/env node
/**
 * Fast build: TypeScript → dist/ with SWC, one file at a time, no type check (about 0.3 s instead of
 * tsc's 5 s), so `npm run synth` and `cdktf synth|plan|deploy` start quickly. `npm test` runs the
 * full type check with tsc first, so nothing unchecked lands.
 */
const { transformFileSync } = require('@swc/core');
const { mkdirSync, readdirSync, statSync, writeFileSync } = require('node:fs');
const { dirname, join, relative } = require('node:path');

const root = join(__dirname, '..');
const sources = ['main.ts', 'lib', 'config', 'model', 'stacks', 'modules', 'synth', 'bench', 'review', 'rules', 'discovery', 'adopt', 'test/aws-double'];

function* typescriptFiles(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return;
  }
  if (stat.isFile()) {
    if (path.endsWith('.ts') && !path.endsWith('.d.ts')) yield path;
    return;
  }
  for (const entry of readdirSync(path)) yield* typescriptFiles(join(path, entry));
}

let count = 0;
for (const source of sources) {
  for (const file of typescriptFiles(join(root, source))) {
    const { code } = transformFileSync(file, {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
      sourceMaps: false,
    });
    const out = join(root, 'dist', relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, code);
    count++;
  }
}
if (process.argv.includes('--verbose')) console.log(`transpiled ${count} files to dist/`);
