#!/usr/bin/env node
// Which second-phase jobs of plan-matrix.js's matrix run, once the first phase's plans are made:
// the two phases of plan-stacks.sh all, across jobs. Per environment, when a first-phase stack's
// plan changes an output the second phase reads (defers-dependents.js: a new account's ID exists only
// once the account is created), the environment's second-phase stacks are not planned now but at
// deploy, after the first phase is applied (deploy-environment.yml's plan-second does the same for
// the whole environment). When a first-phase plan of the environment is missing (its job failed or
// was cancelled), nobody knows yet, so they are not planned either, and the review of the environment
// reports the failed plan.
//   FIRST='<first matrix>' SECOND='<second matrix>' node .github/scripts/second-phase.js --synth synth
// with each first-phase plan at synth/<env>/head/stacks/<stack>/plan.json. Prints JSON on stdout:
//   { "matrix": { "include": [the second-phase jobs to run] },
//     "deferred": { env: "stack stack …" }, "blocked": { env: "stack stack …" } }
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { defersDependents } = require('./defers-dependents.js');

const stacksOf = (jobs, environment) => jobs.filter((job) => job.environment === environment).flatMap((job) => job.stacks.split(' '));

function secondPhase(synth, first, second) {
  const deferred = {};
  const blocked = {};
  const environments = [...new Set(second.include.map((job) => job.environment))];
  for (const environment of environments) {
    const out = join(synth, environment, 'head');
    const planned = stacksOf(first.include, environment);
    const waiting = stacksOf(second.include, environment).join(' ');
    const missing = planned.filter((stack) => !existsSync(join(out, 'stacks', stack, 'plan.json')));
    if (missing.length > 0) {
      blocked[environment] = waiting;
      console.error(`::warning title=Not planned: ${environment}::${waiting}: the plan of ${missing.join(', ')} is missing (its job failed), so whether they read outputs it changes is unknown.`);
      continue;
    }
    const defers = planned.map((stack) => ({ stack, ...defersDependents(out, stack) })).filter((result) => result.defers);
    if (defers.length > 0) {
      deferred[environment] = waiting;
      console.error(`::notice title=Planned at deploy: ${environment}::${waiting} read outputs that this plan changes (${defers.map(({ stack, changed }) => `${stack}: ${changed.join(', ')}`).join('; ')}): they are planned after the first phase is applied.`);
    }
  }
  const held = new Set([...Object.keys(deferred), ...Object.keys(blocked)]);
  return { matrix: { include: second.include.filter((job) => !held.has(job.environment)) }, deferred, blocked };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const synth = args.includes('--synth') ? args[args.indexOf('--synth') + 1] : undefined;
  if (!synth || !process.env.FIRST || !process.env.SECOND) {
    console.error("usage: FIRST='<first matrix>' SECOND='<second matrix>' second-phase.js --synth <folder>");
    process.exit(2);
  }
  const result = secondPhase(synth, JSON.parse(process.env.FIRST), JSON.parse(process.env.SECOND));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

module.exports = { secondPhase };
