#!/usr/bin/env node
// Whether the stacks that read <env>-organization's outputs must be planned after it is applied:
// true when its plan (terraform show -json) changes an output they read (account_ids, e.g. a new
// account: AWS assigns its ID only when the account is created, so no plan can know it before).
//   node .github/scripts/defers-dependents.js cdktf.out/stacks/prod-organization/plan.json → true|false
'use strict';
const { readFileSync } = require('node:fs');

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const changed = Object.entries(plan.output_changes ?? {}).filter(([, change]) => !(change.actions ?? []).every((action) => action === 'no-op'));
process.stdout.write(`${changed.length > 0}\n`);
if (changed.length > 0) console.error(`outputs that change: ${changed.map(([name]) => name).join(', ')}`);
