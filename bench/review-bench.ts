/**
 * Plan review benchmark: reviews generated plan JSON files of three shapes, each at three sizes, and
 * prints time, peak memory and the cost per change. Targets at 100 MB: under 2 s for the whole
 * process and peak memory under 2× the file size; the cost per change must stay flat as plans grow.
 *
 *   node dist/bench/review-bench.js [--shape mixed|deletions|huge-policies]... [--sizes 10,30,100] [--runs 1] [--keep-plan FILE]
 *
 * Shapes, each an identity-center stack in the documented JSON format with every resource in
 * planned_values, resource_changes, prior_state and configuration as a real plan has it:
 *  - `mixed`: assignments, 60% unchanged, 20% created, 10% replaced and 10% destroyed;
 *  - `deletions`: every assignment destroyed (the shape that was super-linear: one flag per change);
 *  - `huge-policies`: a few permission set inline policies of several MB each, rewritten.
 * Each run is a fresh child process that runs the CLI (`--markdown` and `--json` to files in a new
 * directory) and reports its own peak resident memory (process.resourceUsage().maxRSS, which includes
 * Node itself).
 * `--keep-plan FILE` writes the (last) generated plan to FILE and leaves it there.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCommandLine, usageError, wholeNumber, type CommandSpec } from '../lib/cli';

interface Measure {
  readonly reviewSeconds: number;
  /** User + system CPU of the child: the figure that does not depend on what else the machine runs. */
  readonly cpuSeconds: number;
  readonly maxRssMb: number;
  readonly exitCode: number;
}

const INSTANCE = 'arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6';
const setArn = (set: number) => `arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-${String(set).padStart(16, '0')}`;
const groupId = (group: number) => `9067a1b2c3-${String(group).padStart(8, '0')}-0000-0000-0000-000000000000`;
const accountId = (account: number) => String(100000000000 + account);

type Shape = 'mixed' | 'deletions' | 'huge-policies';
const SHAPES: readonly Shape[] = ['mixed', 'deletions', 'huge-policies'];

/** Writes the plan to `file` in pieces, until it is at least `bytes` long; returns the number of resource changes. */
function generatePlan(file: string, bytes: number, shape: Shape): number {
  if (shape === 'huge-policies') return generatePolicyPlan(file, bytes);
  const fd = openSync(file, 'w');
  let written = 0;
  const write = (text: string) => {
    writeSync(fd, text);
    written += Buffer.byteLength(text);
  };
  const groups = 200;
  const sets = 10;
  // Each assignment costs about 3.15 KB across the four sections, a deleted one (in resource_changes and prior_state only)
  // about 1.7 KB, as measured on the files this writes; size the plan from that, so "100 MB" is a 100 MB file.
  const count = Math.ceil(bytes / (shape === 'deletions' ? 1706 : 3150));
  const assignment = (i: number) => ({
    type: 'aws_ssoadmin_account_assignment',
    name: `group_group_${i % groups}__set_${i % sets}__account_${i}`,
    values: {
      id: `${groupId(i % groups)},GROUP,${accountId(i)},AWS_ACCOUNT,${setArn(i % sets)},${INSTANCE}`,
      instance_arn: INSTANCE,
      permission_set_arn: setArn(i % sets),
      principal_id: groupId(i % groups),
      principal_type: 'GROUP',
      target_id: accountId(i),
      target_type: 'AWS_ACCOUNT',
      timeouts: null,
    },
  });
  const actionsOf = (i: number) =>
    shape === 'deletions' ? ['delete'] : i % 10 < 6 ? ['no-op'] : i % 10 < 8 ? ['create'] : i % 10 === 8 ? ['delete', 'create'] : ['delete'];
  const section = (open: string, close: string, items: (i: number) => string | undefined) => {
    write(open);
    let first = true;
    for (let i = 0; i < count; i++) {
      const item = items(i);
      if (item === undefined) continue;
      write(`${first ? '' : ','}${item}`);
      first = false;
    }
    write(close);
  };

  /** The fields that name an assignment in every section of the plan. */
  const identityOf = ({ type, name }: { type: string; name: string }) => ({ address: `${type}.${name}`, mode: 'managed', type, name, provider_name: 'registry.terraform.io/hashicorp/aws' });

  /** One assignment as planned_values and prior_state both list it. */
  const stateResource = (i: number) => {
    const { values, ...named } = assignment(i);
    return JSON.stringify({
      ...identityOf(named),
      schema_version: 0,
      values,
      sensitive_values: {},
    });
  };

  write('{"format_version":"1.2","terraform_version":"1.9.8",');
  section('"planned_values":{"root_module":{"resources":[', ']}},', (i) => {
    if (actionsOf(i)[0] === 'delete' && actionsOf(i).length === 1) return undefined;
    return stateResource(i);
  });
  section('"resource_changes":[', '],', (i) => {
    const { type, name, values } = assignment(i);
    const actions = actionsOf(i);
    const creates = actions.includes('create');
    const before = actions[0] === 'create' ? null : values;
    const after = creates
      ? {
          ...values,
          id: actions.length === 2 || actions[0] === 'create' ? undefined : values.id,
          principal_id: actions.length === 2 ? groupId((i + 1) % groups) : values.principal_id,
        }
      : null;
    return JSON.stringify({
      ...identityOf({ type, name }),
      change: {
        actions,
        before,
        after,
        after_unknown: creates && actions[0] !== 'no-op' ? { id: true } : {},
        before_sensitive: before === null ? false : {},
        after_sensitive: after === null ? false : {},
        ...(actions.length === 2 ? { replace_paths: [['principal_id']] } : {}),
      },
      ...(actions.length === 2 ? { action_reason: 'replace_because_cannot_update' } : {}),
    });
  });
  section('"prior_state":{"format_version":"1.0","terraform_version":"1.9.8","values":{"root_module":{"resources":[', ']}}},', (i) => {
    if (actionsOf(i)[0] === 'create') return undefined;
    return stateResource(i);
  });
  section('"configuration":{"root_module":{"resources":[', ']}},', (i) => {
    if (actionsOf(i)[0] === 'delete' && actionsOf(i).length === 1) return undefined;
    const { type, name } = assignment(i);
    return JSON.stringify({
      address: `${type}.${name}`,
      mode: 'managed',
      type,
      name,
      provider_config_key: 'aws',
      expressions: {
        instance_arn: { references: ['data.aws_ssoadmin_instances.identity_center.arns', 'data.aws_ssoadmin_instances.identity_center'] },
        permission_set_arn: { references: [`aws_ssoadmin_permission_set.set_${i % sets}.arn`, `aws_ssoadmin_permission_set.set_${i % sets}`] },
        principal_id: { references: [`aws_identitystore_group.group_${i % groups}.group_id`, `aws_identitystore_group.group_${i % groups}`] },
        principal_type: { constant_value: 'GROUP' },
        target_id: {
          references: [
            `data.terraform_remote_state.organization.outputs.account_ids["account-${i}"]`,
            'data.terraform_remote_state.organization.outputs.account_ids',
            'data.terraform_remote_state.organization.outputs',
            'data.terraform_remote_state.organization',
          ],
        },
        target_type: { constant_value: 'AWS_ACCOUNT' },
      },
      schema_version: 0,
    });
  });
  write('"timestamp":"2026-08-24T12:00:00Z","applyable":true,"complete":true,"errored":false}');
  closeSync(fd);
  return count;
}

/**
 * A few permission set inline policies of several MB each, every one rewritten (one statement in
 * twenty changes), with the JSON-in-JSON escapes a policy string has; the rest of the plan is small.
 */
function generatePolicyPlan(file: string, bytes: number): number {
  const policies = 8;
  // A statement costs about 229 bytes of the file, escapes included (measured on the files this writes).
  const statementsPer = Math.ceil(bytes / policies / 2 / 229);
  const document = (version: number, set: number) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: Array.from({ length: statementsPer }, (_, i) => ({
        Sid: `S${set}x${i}`,
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject'],
        Resource: `arn:aws:s3:::bucket-${set}-${i % 20 === 0 ? version : 0}/prefix/\${aws:username}/*`,
        Condition: { StringEquals: { 'aws:PrincipalTag/team': `team-${i % 50}` } },
      })),
    });
  const changes = Array.from({ length: policies }, (_, set) => ({
    address: `aws_ssoadmin_permission_set_inline_policy.set_${set}`,
    mode: 'managed',
    type: 'aws_ssoadmin_permission_set_inline_policy',
    name: `set_${set}`,
    provider_name: 'registry.terraform.io/hashicorp/aws',
    change: {
      actions: ['update'],
      before: { id: `${setArn(set)},${INSTANCE}`, instance_arn: INSTANCE, permission_set_arn: setArn(set), inline_policy: document(1, set) },
      after: { id: `${setArn(set)},${INSTANCE}`, instance_arn: INSTANCE, permission_set_arn: setArn(set), inline_policy: document(2, set) },
      after_unknown: {},
      before_sensitive: {},
      after_sensitive: {},
    },
  }));
  const text = JSON.stringify({ format_version: '1.2', terraform_version: '1.9.8', resource_changes: changes, complete: true, applyable: true, errored: false });
  const fd = openSync(file, 'w');
  writeSync(fd, text);
  closeSync(fd);
  return policies;
}

function child(plan: string, out: string): void {
  // Imported here so the parent process never loads the review.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { main } = require('../review/cli') as typeof import('../review/cli');
  const start = process.hrtime.bigint();
  const quiet = { stdout: () => undefined, stderr: () => undefined };
  main(['--markdown', join(out, 'review.md'), '--json', join(out, 'review.json'), plan], quiet).then((exitCode) => {
    const reviewSeconds = Number(process.hrtime.bigint() - start) / 1e9;
    const cpu = process.cpuUsage();
    const measure: Measure = { reviewSeconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssMb: process.resourceUsage().maxRSS / 1024, exitCode };
    process.stdout.write(`${JSON.stringify(measure)}\n`);
  });
}

function measure(plan: string, out: string): Measure & { processSeconds: number } {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [__filename, '--child', plan, '--out', out], { encoding: 'utf8' });
  const processSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`review child failed:\n${result.stderr}`);
  return { ...(JSON.parse(result.stdout.trim()) as Measure), processSeconds };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * How fast this machine is, in two figures the review cannot change: a bare `node` start, and one
 * JSON.parse of the whole plan (the review reads every byte of it, so this bounds what it can do on
 * one core). The same tree's figures moved by ±30% from one hour to the next here, and by 2× between
 * machines of the same kind: read the review's figures against these, not alone.
 */
function machineReference(plan: string, runs: number): string {
  const cpuOf = (args: string[]) => {
    const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`reference child failed:\n${result.stderr}`);
    return Number(result.stdout.trim());
  };
  const cpu = 'const c = process.cpuUsage(); process.stdout.write(String((c.user + c.system) / 1e6))';
  const start = median(Array.from({ length: Math.max(runs, 3) }, () => cpuOf(['-e', cpu])));
  const parse = median(
    Array.from({ length: runs }, () =>
      cpuOf(['-e', `const t = require('fs').readFileSync(process.argv[1], 'utf8'); const c0 = process.cpuUsage(); JSON.parse(t); const c = process.cpuUsage(c0); process.stdout.write(String((c.user + c.system) / 1e6))`, plan]),
    ),
  );
  return `machine reference: a bare node start ${start.toFixed(2)} s CPU; JSON.parse of the whole ${(statSync(plan).size / (1024 * 1024)).toFixed(0)} MB plan above in one piece ${parse.toFixed(2)} s CPU`;
}

function bench(shapes: readonly Shape[], sizes: readonly number[], runs: number, keepPlan: string | undefined): void {
  const scratch = mkdtempSync(join(tmpdir(), 'review-bench-'));
  try {
    console.log(`review (read, analyse, Markdown + JSON reports), median of ${runs} run${runs === 1 ? '' : 's'}, each a fresh process; targets at 100 MB: < 2 s, < 2× the file size`);
    console.log(`load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores: with other work running, wall time grows and CPU time does not`);
    let reference: string | undefined;
    console.log('shape           file MB  changes   review s  process s  CPU s  peak MB  ×file  CPU µs/change  CPU µs/KB  exit');
    for (const shape of shapes) {
      for (const sizeMb of sizes) {
        const plan = keepPlan ?? join(scratch, `bench-${shape}-${sizeMb}.json`);
        const changes = generatePlan(plan, sizeMb * 1024 * 1024, shape);
        const fileMb = statSync(plan).size / (1024 * 1024);
        // Each run writes its reports into a new directory, as a CI job does into its workspace: replacing the
        // last run's 70 MB report would add the removal of that file (about 50 ms) to the run.
        const all = Array.from({ length: runs }, () => {
          const out = mkdtempSync(join(scratch, 'out-'));
          try {
            return measure(plan, out);
          } finally {
            rmSync(out, { recursive: true, force: true });
          }
        });
        const review = median(all.map((m) => m.reviewSeconds));
        const whole = median(all.map((m) => m.processSeconds));
        const peak = median(all.map((m) => m.maxRssMb));
        const cpu = median(all.map((m) => m.cpuSeconds));
        // Per change and per KB from CPU time: it does not swing with the other work on the machine as wall time does.
        const perChange = (cpu * 1e6) / changes;
        const perKb = (cpu * 1e6) / (fileMb * 1024);
        console.log(
          `${shape.padEnd(15)} ${fileMb.toFixed(1).padStart(7)}  ${String(changes).padStart(7)}  ${review.toFixed(2).padStart(9)}  ${whole.toFixed(2).padStart(9)}  ${cpu
            .toFixed(2)
            .padStart(5)}  ${peak.toFixed(0).padStart(7)}  ${(peak / fileMb).toFixed(2).padStart(5)}  ${perChange.toFixed(1).padStart(13)}  ${perKb.toFixed(1).padStart(9)}  ${all[0].exitCode}`,
        );
        if (shape === shapes[0] && sizeMb === Math.max(...sizes)) reference = machineReference(plan, runs);
        if (!keepPlan) rmSync(plan, { force: true });
      }
    }
    if (reference) console.log(reference);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const COMMAND: CommandSpec = {
  usage: 'node dist/bench/review-bench.js',
  summary: 'Reviews generated plan JSON files of several shapes and sizes in fresh processes and prints time, peak memory and the cost per change (targets: a 100 MB plan under 2 s and under 2× the file size).',
  options: {
    shape: { type: 'string', value: 'SHAPE', multiple: true, description: `plan shape to bench: ${SHAPES.join(', ')} (default: all)` },
    sizes: { type: 'string', value: 'MB,MB,…', description: 'plan sizes in MB, comma-separated, each 1–2000 (default: 10,30,100)' },
    runs: { type: 'string', value: 'N', description: 'runs per plan, 1–20 (default: 1)' },
    'keep-plan': { type: 'string', value: 'FILE', description: 'also write the last generated plan to FILE and keep it, to run the CLI on it by hand' },
    child: { type: 'boolean', description: 'internal: one measured review of PLAN (used by the benchmark itself)' },
    out: { type: 'string', value: 'DIR', description: 'internal: where the child writes its reports' },
  },
  positionals: { name: '[PLAN]', description: 'with --child: the plan to review' },
  exitCodes: [[0, 'figures printed'], [2, 'bad command line']],
};
const command = parseCommandLine<{ child?: boolean; out?: string; shape?: string[]; sizes?: string; runs?: string; 'keep-plan'?: string }>(COMMAND, process.argv.slice(2));
if (!command.run) process.exitCode = command.exitCode;
else {
  const { values, positionals } = command;
  const shapes = (values.shape ?? SHAPES) as Shape[];
  const unknownShape = shapes.find((shape) => !SHAPES.includes(shape));
  const sizes = (values.sizes ?? '10,30,100').split(',').map((size) => wholeNumber(size.trim(), 'sizes', 0, 1, 2000));
  const badSize = sizes.find((size): size is string => typeof size === 'string');
  const runs = wholeNumber(values.runs, 'runs', 1, 1, 20);
  if (unknownShape) process.exitCode = usageError(COMMAND, `unknown --shape ${unknownShape}: use ${SHAPES.join(', ')}`);
  else if (badSize !== undefined || typeof runs === 'string') process.exitCode = usageError(COMMAND, badSize ?? String(runs));
  else if (values.child && (positionals.length !== 1 || !values.out)) process.exitCode = usageError(COMMAND, '--child takes one PLAN and --out DIR');
  else if (values.child) child(positionals[0], values.out!);
  else bench(shapes, sizes as number[], runs, values['keep-plan']);
}
