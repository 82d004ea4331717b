#!/usr/bin/env node
// Prints the synthesized stacks, one a line, dependencies first, from cdktf's manifest (not a glob
// over cdktf.out/stacks, which may hold directories of stacks that no longer exist).
//   node .github/scripts/stacks.js [--out cdktf.out] [--phase all|first|second] [--only FILE]
// --only FILE: only the stacks FILE lists, one a line (changed-stacks.js's selected-stacks.txt); the
// phases stay those of the whole environment.
// first: stacks that read no other stack's state (<env>-organization); second: the ones that do,
// planned only after the first phase is applied (they read its outputs, e.g. new account IDs).
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const out = option('--out', 'cdktf.out');
const phase = option('--phase', 'all');
const only = option('--only', undefined);
if (!['all', 'first', 'second'].includes(phase)) {
  console.error(`--phase must be all, first or second; got "${phase}"`);
  process.exit(2);
}
const stacks = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).stacks;
const order = [];
const visit = (name) => {
  if (order.includes(name)) return;
  for (const dependency of stacks[name].dependencies ?? []) visit(dependency);
  order.push(name);
};
Object.keys(stacks).sort().forEach(visit);
const readsNoOther = (name) => (stacks[name].dependencies ?? []).length === 0;
const listed = only === undefined ? undefined : new Set(readFileSync(only, 'utf8').split('\n').map((line) => line.trim()).filter(Boolean));
const selected = order
  .filter((name) => phase === 'all' || (phase === 'first' ? readsNoOther(name) : !readsNoOther(name)))
  .filter((name) => listed === undefined || listed.has(name));
if (selected.length > 0) process.stdout.write(`${selected.join('\n')}\n`);
