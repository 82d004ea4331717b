/**
 * Plan review benchmark: reviews a generated 50 MB plan JSON and prints the time and peak memory.
 * Targets: under 5 s, and peak memory under 4× the file size.
 *
 *   node dist/bench/review-bench.js [--size-mb 50] [--runs 3] [--keep-plan FILE]
 *
 * `--keep-plan FILE` writes the generated plan to FILE and leaves it there, to run the CLI on it by hand.
 *
 * The plan is an identity-center stack of a large organization in the documented JSON format:
 * every resource appears in planned_values, resource_changes, prior_state and configuration, as in
 * a real plan; 60% of the assignments are unchanged, 20% created, 10% replaced and 10% destroyed.
 * Each run is a fresh child process that runs the CLI (`--markdown` and `--json` to files) and
 * reports its own peak resident memory (process.resourceUsage().maxRSS, which includes Node itself).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCommandLine, usageError, wholeNumber, type CommandSpec } from '../lib/cli';

interface Measure {
  readonly reviewSeconds: number;
  readonly maxRssMb: number;
  readonly exitCode: number;
}

const INSTANCE = 'arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6';
const setArn = (set: number) => `arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-${String(set).padStart(16, '0')}`;
const groupId = (group: number) => `9067a1b2c3-${String(group).padStart(8, '0')}-0000-0000-0000-000000000000`;
const accountId = (account: number) => String(100000000000 + account);

/** Writes the plan to `file` in pieces, until it is at least `bytes` long; returns the number of assignments. */
function generatePlan(file: string, bytes: number): number {
  const fd = openSync(file, 'w');
  let written = 0;
  const write = (text: string) => {
    writeSync(fd, text);
    written += Buffer.byteLength(text);
  };
  const groups = 200;
  const sets = 10;
  // Each assignment costs about 3.1 KB across the four sections; size the plan from that.
  const count = Math.ceil(bytes / 3150);
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
  const actionsOf = (i: number) => (i % 10 < 6 ? ['no-op'] : i % 10 < 8 ? ['create'] : i % 10 === 8 ? ['delete', 'create'] : ['delete']);
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

function child(plan: string, out: string): void {
  // Imported here so the parent process never loads the review.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { main } = require('../review/cli') as typeof import('../review/cli');
  const start = process.hrtime.bigint();
  const quiet = { stdout: () => undefined, stderr: () => undefined };
  main(['--markdown', join(out, 'review.md'), '--json', join(out, 'review.json'), plan], quiet).then((exitCode) => {
    const reviewSeconds = Number(process.hrtime.bigint() - start) / 1e9;
    const measure: Measure = { reviewSeconds, maxRssMb: process.resourceUsage().maxRSS / 1024, exitCode };
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

function bench(sizeMb: number, runs: number, keepPlan: string | undefined): void {
  const scratch = mkdtempSync(join(tmpdir(), 'review-bench-'));
  try {
    const plan = keepPlan ?? join(scratch, 'bench-identity-center.json');
    const assignments = generatePlan(plan, sizeMb * 1024 * 1024);
    const fileMb = statSync(plan).size / (1024 * 1024);
    const all = Array.from({ length: runs }, () => measure(plan, scratch));
    const review = median(all.map((m) => m.reviewSeconds));
    const whole = median(all.map((m) => m.processSeconds));
    const peak = median(all.map((m) => m.maxRssMb));
    console.log(
      `generated plan: ${fileMb.toFixed(1)} MB, ${assignments} assignments (60% unchanged, 20% created, 10% replaced, 10% destroyed), all four plan sections`,
    );
    console.log(`review (read, analyse, Markdown + JSON reports), median of ${runs} runs, each a fresh process:`);
    console.log(`  time:   ${review.toFixed(2)} s in the review, ${whole.toFixed(2)} s for the whole process (target < 5 s): ${whole < 5 ? 'met' : 'NOT met'}`);
    console.log(
      `  memory: peak RSS ${peak.toFixed(0)} MB = ${(peak / fileMb).toFixed(2)}× the file size, Node itself included (target < 4×): ${
        peak / fileMb < 4 ? 'met' : 'NOT met'
      }`,
    );
    console.log(`  exit code ${all[0].exitCode} (${all[0].exitCode === 3 ? 'risk flags, as expected for replaced and destroyed assignments' : 'unexpected'})`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const COMMAND: CommandSpec = {
  usage: 'node dist/bench/review-bench.js',
  summary: 'Reviews a generated plan JSON (default 50 MB) in fresh processes and prints the time and peak memory (targets: under 5 s, under 4× the file size).',
  options: {
    'size-mb': { type: 'string', value: 'MB', description: 'size of the generated plan, 1–2000 (default: 50)' },
    runs: { type: 'string', value: 'N', description: 'runs, 1–20 (default: 3)' },
    'keep-plan': { type: 'string', value: 'FILE', description: 'also write the generated plan to FILE and keep it, to run the CLI on it by hand' },
    child: { type: 'boolean', description: 'internal: one measured review of PLAN (used by the benchmark itself)' },
    out: { type: 'string', value: 'DIR', description: 'internal: where the child writes its reports' },
  },
  positionals: { name: '[PLAN]', description: 'with --child: the plan to review' },
  exitCodes: [[0, 'figures printed'], [2, 'bad command line']],
};
const command = parseCommandLine<{ child?: boolean; out?: string; 'size-mb'?: string; runs?: string; 'keep-plan'?: string }>(COMMAND, process.argv.slice(2));
if (!command.run) process.exitCode = command.exitCode;
else {
  const { values, positionals } = command;
  const sizeMb = wholeNumber(values['size-mb'], 'size-mb', 50, 1, 2000);
  const runs = wholeNumber(values.runs, 'runs', 3, 1, 20);
  if (typeof sizeMb === 'string' || typeof runs === 'string') process.exitCode = usageError(COMMAND, typeof sizeMb === 'string' ? sizeMb : String(runs));
  else if (values.child && (positionals.length !== 1 || !values.out)) process.exitCode = usageError(COMMAND, '--child takes one PLAN and --out DIR');
  else if (values.child) child(positionals[0], values.out!);
  else bench(sizeMb, runs, values['keep-plan']);
}
