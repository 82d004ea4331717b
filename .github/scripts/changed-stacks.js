#!/usr/bin/env node
// Which stacks a pull request needs planned: the ones whose synthesized Terraform JSON differs from
// the base branch's, plus every stack that reads one of them through remote state (transitively).
// The rest are skipped, each with its reason. Reads only the two synth outputs (cdktf.out folders).
//   node .github/scripts/changed-stacks.js --base base/cdktf.out --head cdktf.out [--write]
// Prints JSON on stdout:
//   { "plan": [stack, …] (dependencies first), "matrix": { "include": [{ "stack", "reason" }, …] },
//     "skipped": [{ "stack", "reason" }, …], "gone": [{ "stack", "reason" }, …], "reads": { stack: [stack, …] } }
// --write also writes <head>/selected-stacks.txt (one a line, for plan-stacks.sh's ONLY=) and
// <head>/skipped-stacks.md (the review comment's paragraph). A base folder without manifest.json
// (a new environment, or a base that could not be synthesized) plans everything.
//
// What does not count as a change (normalise()):
//   - cdktf's metadata: properties named "//" of the root and of each block (construct path,
//     uniqueId, stackName, cdktf version). Terraform's JSON syntax ignores "//" in block objects as a
//     comment (developer.hashicorp.com/terraform/language/syntax/json#comment-properties), so they
//     never reach a plan; moving a construct in the tree changes only them. A "//" key inside a value
//     (a tag named "//") is data and still counts.
//   - the order of an object's properties: Terraform reads JSON objects as unordered maps, and
//     blocks keyed by name (resource.<type>.<name>) are the same whatever order cdktf writes them.
//   - the order of the top-level import, moved and removed lists: Terraform matches them by address,
//     not position. Every other list keeps its order (a list attribute's order is its value).
//   - paths: the synth writes only paths relative to the stack's directory (local backend and
//     local remote state), the same in both checkouts, so there is nothing to strip; the dependency
//     graph resolves them against each stack's working directory.
// Dependencies come from the synthesized JSON, not from a list here: each data.terraform_remote_state
// (and data.tfe_outputs) is matched to the stack whose own backend writes that state, so a new kind
// of stack that reads another's state is picked up without changing this script. The dependencies
// cdktf records in manifest.json are added to them (a superset, never a replacement).
'use strict';
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { join, posix } = require('node:path');

/** Blocks whose objects may carry cdktf's "//" metadata: <kind>.<type>.<name> or <kind>.<name>. */
const TYPED_BLOCKS = new Set(['resource', 'data', 'ephemeral']);
const NAMED_BLOCKS = new Set(['output', 'variable', 'module', 'locals', 'check']);
const UNORDERED_LISTS = new Set(['import', 'moved', 'removed']);

const sortKeys = (value) => {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(value[key])]));
};
const withoutComment = (block) => {
  if (block === null || typeof block !== 'object' || Array.isArray(block)) return block;
  const { '//': _comment, ...rest } = block;
  return rest;
};
const mapValues = (object, f) => Object.fromEntries(Object.entries(object ?? {}).map(([key, value]) => [key, f(value)]));

/** The stack's JSON as Terraform sees it: what the header above says does not count is gone. */
function normalise(stack) {
  const root = withoutComment(stack);
  const out = {};
  for (const [kind, value] of Object.entries(root)) {
    if (TYPED_BLOCKS.has(kind)) out[kind] = mapValues(value, (byName) => mapValues(byName, withoutComment));
    else if (NAMED_BLOCKS.has(kind)) out[kind] = mapValues(value, withoutComment);
    else if (kind === 'provider') out[kind] = mapValues(value, (configs) => (Array.isArray(configs) ? configs.map(withoutComment) : withoutComment(configs)));
    else if (kind === 'terraform') out[kind] = withoutComment(value);
    else if (UNORDERED_LISTS.has(kind) && Array.isArray(value)) out[kind] = value.map((item) => JSON.stringify(sortKeys(item))).sort().map((item) => JSON.parse(item));
    else out[kind] = value;
  }
  return sortKeys(out);
}

/** Top-level addresses whose normalised content differs: "resource aws_x.y", "output z", "terraform". */
function differences(base, head) {
  const entries = (json) => {
    const map = new Map();
    for (const [kind, value] of Object.entries(json)) {
      if (TYPED_BLOCKS.has(kind)) for (const [type, byName] of Object.entries(value)) for (const [name, block] of Object.entries(byName)) map.set(`${kind === 'resource' ? '' : `${kind}.`}${type}.${name}`, block);
      else if (NAMED_BLOCKS.has(kind) || kind === 'provider') for (const [name, block] of Object.entries(value)) map.set(`${kind}.${name}`, block);
      else map.set(kind, value);
    }
    return map;
  };
  const [before, after] = [entries(base), entries(head)];
  const found = [];
  for (const [address, block] of after) {
    if (!before.has(address)) found.push(`${address} added`);
    else if (JSON.stringify(before.get(address)) !== JSON.stringify(block)) found.push(`${address} changed`);
  }
  for (const address of before.keys()) if (!after.has(address)) found.push(`${address} removed`);
  return found;
}

/**
 * Where a state lives, as one string, so that a stack's backend and another stack's read of it
 * compare equal: local → the file relative to the synth folder; s3 → bucket/key; remote and cloud
 * (HCP Terraform / Terraform Enterprise) → hostname/organization/workspace. Anything else: its
 * whole configuration.
 */
function stateLocation(type, config, workingDirectory, workspace) {
  const defaultWorkspace = workspace === undefined || workspace === 'default' || workspace === '${terraform.workspace}';
  switch (type) {
    case 'local':
      return `local:${posix.normalize(posix.join(workingDirectory, config.path ?? 'terraform.tfstate'))}`;
    case 's3':
      return `s3:${config.bucket}/${config.key}${defaultWorkspace ? '' : `@${workspace}`}`;
    case 'remote':
    case 'cloud': {
      const workspaces = Array.isArray(config.workspaces) ? config.workspaces[0] : config.workspaces;
      return `tfc:${config.hostname ?? 'app.terraform.io'}/${config.organization}/${workspaces?.name ?? `${workspaces?.prefix ?? ''}*`}`;
    }
    default:
      return `${type}:${JSON.stringify(sortKeys(config))}`;
  }
}

function readSynth(dir) {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file)) return undefined;
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  const stacks = new Map();
  for (const [name, entry] of Object.entries(manifest.stacks)) {
    const json = JSON.parse(readFileSync(join(dir, entry.synthesizedStackPath), 'utf8'));
    stacks.set(name, { json, workingDirectory: posix.normalize(entry.workingDirectory ?? posix.dirname(entry.synthesizedStackPath)), recorded: entry.dependencies ?? [] });
  }
  return stacks;
}

/** stack → the stacks whose state it reads, from its data.terraform_remote_state and data.tfe_outputs. */
function readsOf(stacks) {
  const owner = new Map();
  for (const [name, { json, workingDirectory }] of stacks) {
    const backend = json.terraform?.cloud ? { cloud: json.terraform.cloud } : json.terraform?.backend ?? { local: {} };
    for (const [type, config] of Object.entries(backend)) owner.set(stateLocation(type, config ?? {}, workingDirectory), name);
  }
  const reads = new Map();
  const unresolved = [];
  for (const [name, { json, workingDirectory }] of stacks) {
    const read = new Set();
    for (const [dataName, source] of Object.entries(json.data?.terraform_remote_state ?? {})) {
      const location = stateLocation(source.backend, source.config ?? {}, workingDirectory, source.workspace);
      if (owner.has(location) && owner.get(location) !== name) read.add(owner.get(location));
      else if (!owner.has(location)) unresolved.push(`${name}: data.terraform_remote_state.${dataName} reads ${location}, which no synthesized stack writes`);
    }
    for (const [dataName, source] of Object.entries(json.data?.tfe_outputs ?? {})) {
      const location = stateLocation('remote', { organization: source.organization, workspaces: { name: source.workspace } }, workingDirectory);
      const match = [...owner.entries()].find(([key]) => key.endsWith(`/${source.organization}/${source.workspace}`));
      if (match && match[1] !== name) read.add(match[1]);
      else if (!match) unresolved.push(`${name}: data.tfe_outputs.${dataName} reads ${location}, which no synthesized stack writes`);
    }
    reads.set(name, [...read].sort());
  }
  return { reads, unresolved };
}

/** Dependencies first, then by name. */
function ordered(names, reads) {
  const order = [];
  const visit = (name, path = []) => {
    if (order.includes(name) || path.includes(name)) return;
    for (const dependency of reads.get(name) ?? []) visit(dependency, [...path, name]);
    order.push(name);
  };
  [...names].sort().forEach((name) => visit(name));
  return order.filter((name) => names.has(name));
}

function compare(baseDir, headDir) {
  const head = readSynth(headDir);
  if (!head) throw new Error(`${join(headDir, 'manifest.json')} not found: synthesize the pull request first.`);
  const base = readSynth(baseDir);
  const { reads: fromJson, unresolved } = readsOf(head);
  // Plus what cdktf recorded (addDependency): a stack that reads another only through data sources of
  // AWS (no remote state) is still planned after it. Equal to the remote state reads today (tested).
  const reads = new Map([...fromJson].map(([name, upstream]) => [name, [...new Set([...upstream, ...head.get(name).recorded.filter((other) => head.has(other))])].sort()]));
  const reasons = new Map(); // stack → why it is planned
  for (const [name, { json }] of head) {
    if (!base) reasons.set(name, 'the base branch has no synth output to compare with');
    else if (!base.has(name)) reasons.set(name, 'new stack');
    else {
      const found = differences(normalise(base.get(name).json), normalise(json));
      if (found.length > 0) reasons.set(name, `changed: ${found.slice(0, 5).join(', ')}${found.length > 5 ? `, and ${found.length - 5} more` : ''}`);
    }
  }
  // Dependents, transitively: a stack that reads a planned stack's state may see new outputs.
  const changed = [...reasons.keys()];
  let grew = true;
  while (grew) {
    grew = false;
    for (const [name, upstream] of reads) {
      if (reasons.has(name)) continue;
      const planned = upstream.filter((other) => reasons.has(other));
      if (planned.length > 0) {
        reasons.set(name, `reads the state of ${planned.join(', ')}, which ${planned.length > 1 ? 'are' : 'is'} planned`);
        grew = true;
      }
    }
  }
  const plan = ordered(new Set(reasons.keys()), reads);
  const skipped = [...head.keys()].filter((name) => !reasons.has(name)).sort().map((stack) => ({
    stack,
    reason: `synthesized Terraform identical to the base branch${(reads.get(stack) ?? []).length > 0 ? `, and ${reads.get(stack).join(', ')} (whose state it reads) unchanged` : ''}`,
  }));
  const gone = base ? [...base.keys()].filter((name) => !head.has(name)).sort().map((stack) => ({ stack, reason: 'no longer synthesized: nothing plans it, and no workflow destroys its resources' })) : [];
  return {
    plan,
    changed: changed.sort(),
    matrix: { include: plan.map((stack) => ({ stack, reason: reasons.get(stack) })) },
    skipped,
    gone,
    reads: Object.fromEntries([...reads].filter(([, upstream]) => upstream.length > 0)),
    unresolved,
  };
}

/** The review comment's paragraph about what was not planned. */
function markdown(result) {
  const lines = [];
  if (result.matrix.include.length > 0 && result.skipped.length > 0) {
    lines.push('**Planned, and why:**');
    for (const { stack, reason } of result.matrix.include) lines.push(`- \`${stack}\`: ${reason}`);
    lines.push('');
  }
  if (result.skipped.length > 0) {
    lines.push(`**Not planned (unchanged):** ${result.skipped.map(({ stack }) => `\`${stack}\``).join(', ')}.`);
    lines.push('Their synthesized Terraform is the same as on the base branch (ignoring cdktf metadata and property order), and no stack they read changed, so this pull request changes nothing in them; drift in AWS is found by the nightly drift run, which plans every stack.');
    for (const { stack, reason } of result.skipped) lines.push(`- \`${stack}\`: ${reason}`);
  }
  if (result.gone.length > 0) {
    lines.push('', `**No longer synthesized:** ${result.gone.map(({ stack }) => `\`${stack}\``).join(', ')}: ${result.gone[0].reason}.`);
  }
  return lines.length > 0 ? `\n${lines.join('\n')}\n` : '';
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const [base, head] = [option('--base'), option('--head') ?? 'cdktf.out'];
  if (!base) {
    console.error('usage: changed-stacks.js --base <base synth folder> [--head cdktf.out] [--write]');
    process.exit(2);
  }
  let result;
  try {
    result = compare(base, head);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  for (const line of result.unresolved) console.error(`::warning title=Remote state of no synthesized stack::${line}`);
  if (args.includes('--write')) {
    writeFileSync(join(head, 'selected-stacks.txt'), result.plan.map((stack) => `${stack}\n`).join(''));
    writeFileSync(join(head, 'skipped-stacks.md'), markdown(result));
  }
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  console.error(`plan: ${result.plan.join(' ') || '(none)'}; skipped: ${result.skipped.map(({ stack }) => stack).join(' ') || '(none)'}`);
}

module.exports = { compare, normalise, differences, markdown, readsOf, stateLocation };
