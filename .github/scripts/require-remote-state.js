#!/usr/bin/env node
// CI never plans or applies against local state: a runner's disk is thrown away after the job, so a
// plan cannot read another stack's state ("Unable to find remote state") and an apply would write
// state that is then lost. Run after synth and before any terraform command; exits 1 naming the
// environment file and the `backend:` block to add.
//   node .github/scripts/require-remote-state.js [--out cdktf.out] [--environments environments]
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const out = option('--out', 'cdktf.out');
const environments = option('--environments', 'environments');
// <env>-<kind>; the sharded assignment stacks are <env>-access-<shard>.
const KINDS = [/-(organization|identity-center|baseline)$/, /-access-[a-z0-9]+$/];

const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
const local = new Map(); // environment → stacks with local state
for (const [name, stack] of Object.entries(manifest.stacks)) {
  const json = JSON.parse(readFileSync(join(out, stack.synthesizedStackPath), 'utf8'));
  // terraform.cloud: HCP Terraform / Terraform Enterprise workspaces (backend: {type: cloud}) are remote state too.
  const backend = json.terraform?.backend ?? {};
  if (json.terraform?.cloud === undefined && (Object.keys(backend).length === 0 || 'local' in backend)) {
    const kind = KINDS.find((pattern) => pattern.test(name));
    const environment = kind ? name.replace(kind, '') : name;
    local.set(environment, [...(local.get(environment) ?? []), name]);
  }
}
for (const [environment, stacks] of local) {
  const file = `${environments}/${environment}.yaml`;
  console.log(
    `::error file=${file},title=Local state in CI::${stacks.join(', ')} keep their state in local files (terraform.backend.local), which this runner throws away: ` +
      `a plan cannot read the other stacks' state and an apply would lose the state it writes. Nothing was planned or applied. ` +
      `Add a backend: block to ${file} (README, "State in S3"; or type: cloud for HCP Terraform), e.g.%0Abackend:%0A  type: s3%0A  bucket: <state bucket>%0A  keyPrefix: identity-foundation/${environment}%0A  region: <bucket region>`,
  );
}
if (local.size > 0) {
  console.error(`Refusing to run Terraform against local state: add a backend: block (type: s3) to ${[...local.keys()].map((name) => `${environments}/${name}.yaml`).join(', ')}.`);
  process.exit(1);
}
console.log(`Remote state for every stack: ${Object.keys(manifest.stacks).sort().join(', ')}`);
