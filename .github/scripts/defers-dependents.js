#!/usr/bin/env node
// Whether the stacks that read <stack>'s outputs must be planned after <stack> is applied: true
// when <stack>'s saved plan (plan.json, terraform show -json) changes an output one of them reads
// (account_ids when a new account is created: AWS assigns its ID only then, so no plan can know it).
// A stack nothing reads never defers anything.
//   node .github/scripts/defers-dependents.js [--out cdktf.out] <stack>   → true|false
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

/** { defers, changed: outputs that change and are read, dependents: the stacks that read <stack> }. */
function defersDependents(out, stack) {
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).stacks;
  const dependents = Object.entries(manifest).filter(([, other]) => (other.dependencies ?? []).includes(stack));
  // The outputs they read: cdktf writes them as data.terraform_remote_state.<name>.outputs.<output>.
  const read = new Set(dependents.flatMap(([, other]) => [...readFileSync(join(out, other.synthesizedStackPath), 'utf8').matchAll(/terraform_remote_state\.[\w-]+\.outputs\.([\w-]+)/g)].map((match) => match[1])));
  const plan = JSON.parse(readFileSync(join(out, 'stacks', stack, 'plan.json'), 'utf8'));
  const changed = Object.entries(plan.output_changes ?? {})
    .filter(([name, change]) => read.has(name) && !(change.actions ?? []).every((action) => action === 'no-op'))
    .map(([name]) => name);
  return { defers: changed.length > 0, changed, dependents: dependents.map(([name]) => name) };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const out = args.includes('--out') ? args[args.indexOf('--out') + 1] : 'cdktf.out';
  const stack = args.filter((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--out').pop();
  const { defers, changed, dependents } = defersDependents(out, stack);
  process.stdout.write(`${defers}\n`);
  if (defers) console.error(`${stack}: outputs that change and that ${dependents.join(', ')} read: ${changed.join(', ')}`);
}

module.exports = { defersDependents };
