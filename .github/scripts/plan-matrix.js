#!/usr/bin/env node
// The job matrices of the plan workflow (plan.yml) and of the nightly drift run (drift.yml): one job
// per stack to plan, in two phases, from the synth outputs of every environment.
//   node .github/scripts/plan-matrix.js --synth synth [--all] [--limit N]
// synth/<env>/head is the pull request's synth output of <env> (node dist/main.js --out), and
// synth/<env>/base the base branch's (absent: it could not be synthesized; no manifest.json: a new
// environment). Without --all, each environment's selection is changed-stacks.js's (the stacks
// whose Terraform differs plus the stacks that read their state), and synth/<env>/head gets
// selected-stacks.txt and skipped-stacks.md as changed-stacks.js --write writes them. With --all
// (drift), every stack of every environment, and no base is read.
// Prints JSON on stdout:
//   { "environments": [env, …],
//     "first":  { "include": [{ "environment", "stack", "phase", "reason", "stacks", "id" }, …] },
//     "second": { "include": [ … ] }, "jobs": <number of plan jobs> }
// first: stacks that read no other stack's state (the manifest records no dependency: stacks.js's
// phases); second: the others, planned once the first phase's plans show that they change no output
// the second phase reads (second-phase.js). "stack" is what the job is named after, "stacks" the
// space-separated stacks the job plans (one, unless batched), "id" the job's artifact suffix.
//
// Batching: GitHub runs at most 256 jobs of a matrix per workflow run ("A matrix will generate a
// maximum of 256 jobs per workflow run. This limit applies to both GitHub-hosted and self-hosted
// runners.": docs.github.com/en/actions/reference/workflow-syntax-for-github-actions#jobsjob_idstrategymatrix).
// Both plan matrices together stay within --limit (default 256 minus the workflow's other jobs, which
// is within the limit whether it counts per matrix or per run): when the stacks are more, each job
// plans k consecutive stacks of one environment and one phase (dependency order), with k the
// smallest that fits. The same selection always gives the same jobs.
'use strict';
const { existsSync, readdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { compare, markdown } = require('./changed-stacks.js');

/** GitHub's limit of jobs a matrix generates per workflow run (header). */
const MATRIX_LIMIT = 256;

/** Stack names in dependency order, dependencies first, then by name (stacks.js's order), with their recorded dependencies. */
function manifestOrder(out) {
  const stacks = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).stacks;
  const order = [];
  const visit = (name) => {
    if (order.includes(name)) return;
    for (const dependency of stacks[name].dependencies ?? []) if (stacks[dependency]) visit(dependency);
    order.push(name);
  };
  Object.keys(stacks).sort().forEach(visit);
  return order.map((name) => ({ name, phase: (stacks[name].dependencies ?? []).length === 0 ? 'first' : 'second' }));
}

/** Per environment, the stacks to plan: [{ environment, stack, phase, reason }] in dependency order. */
function selection(synth, { all = false } = {}) {
  const environments = readdirSync(synth, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  const stacks = [];
  for (const environment of environments) {
    const head = join(synth, environment, 'head');
    if (!existsSync(join(head, 'manifest.json'))) throw new Error(`${join(head, 'manifest.json')} not found: synthesize ${environment} with node dist/main.js --env ${environment} --out ${head} first.`);
    const phases = new Map(manifestOrder(head).map(({ name, phase }) => [name, phase]));
    if (all) {
      for (const [stack, phase] of phases) stacks.push({ environment, stack, phase, reason: 'the drift run plans every stack' });
      continue;
    }
    const result = compare(join(synth, environment, 'base'), head);
    for (const line of result.unresolved) console.error(`::warning title=Remote state of no synthesized stack::${line}`);
    writeFileSync(join(head, 'selected-stacks.txt'), result.plan.map((stack) => `${stack}\n`).join(''));
    writeFileSync(join(head, 'skipped-stacks.md'), markdown(result));
    writeFileSync(join(head, 'selection.json'), `${JSON.stringify(result, null, 2)}\n`);
    const reasons = new Map(result.matrix.include.map(({ stack, reason }) => [stack, reason]));
    // The manifest's order, so that a batch is a run of neighbours, as plan-stacks.sh plans them.
    for (const [stack, phase] of phases) if (reasons.has(stack)) stacks.push({ environment, stack, phase, reason: reasons.get(stack) });
  }
  return { environments, stacks };
}

/** The jobs: one a stack, or k stacks of one environment and phase a job when there are more than `limit`. */
function batched(stacks, limit) {
  const groups = new Map(); // "<phase> <environment>" → stacks, in order
  for (const entry of stacks) {
    const key = `${entry.phase} ${entry.environment}`;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  if (groups.size > limit) throw new Error(`${groups.size} environment phases to plan, more than the ${limit} jobs a run can hold: plan fewer environments in one workflow.`);
  let size = 1;
  const jobsOf = (k) => [...groups.values()].reduce((sum, group) => sum + Math.ceil(group.length / k), 0);
  while (jobsOf(size) > limit) size += 1;
  const jobs = [];
  for (const group of groups.values()) {
    for (let start = 0, batch = 1; start < group.length; start += size, batch += 1) {
      const part = group.slice(start, start + size);
      const [first] = part;
      if (part.length === 1) jobs.push({ ...first, stacks: first.stack, id: first.stack });
      else {
        const last = part[part.length - 1];
        jobs.push({
          environment: first.environment,
          stack: `${first.stack} … ${last.stack} (${part.length} stacks)`,
          phase: first.phase,
          reason: `batched, ${size} stacks a job, to stay within ${limit} plan jobs: ${part.map(({ stack, reason }) => `${stack} (${reason})`).join('; ')}`,
          stacks: part.map(({ stack }) => stack).join(' '),
          id: `${first.phase}-batch-${batch}`,
        });
      }
    }
  }
  return jobs;
}

function planMatrix(synth, { all = false, limit = MATRIX_LIMIT } = {}) {
  const { environments, stacks } = selection(synth, { all });
  const jobs = batched(stacks, limit);
  return {
    environments,
    first: { include: jobs.filter(({ phase }) => phase === 'first') },
    second: { include: jobs.filter(({ phase }) => phase === 'second') },
    jobs: jobs.length,
  };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const synth = option('--synth');
  const limit = option('--limit') === undefined ? MATRIX_LIMIT : Number(option('--limit'));
  if (!synth || !Number.isInteger(limit) || limit < 1) {
    console.error('usage: plan-matrix.js --synth <folder of <env>/head and <env>/base synth outputs> [--all] [--limit N]');
    process.exit(2);
  }
  let result;
  try {
    result = planMatrix(synth, { all: args.includes('--all'), limit });
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
  console.error(`${result.jobs} plan jobs: first phase ${result.first.include.map(({ stack }) => stack).join(', ') || '(none)'}; second phase ${result.second.include.map(({ stack }) => stack).join(', ') || '(none)'}`);
}

module.exports = { planMatrix, batched, selection, MATRIX_LIMIT };
