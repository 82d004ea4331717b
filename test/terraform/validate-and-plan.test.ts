/**
 * Real `terraform init` and `terraform plan` (which validates first) over every stack of the bundled environments and of the
 * test environments in test/fixtures/environments/ (policy variables, `%{`, `$${`, quotes, backslashes
 * and non-ASCII text in every free-text field; every feature of the config). Plans run with fake
 * credentials against the local AWS stand-in (aws-stand-in.ts). What this proves and what it cannot:
 * README, "What the Terraform tests prove".
 *
 * The plans are read from `terraform plan -json` (plan-stream.ts); no separate `terraform validate`
 * runs per stack, since the plan runs the same validation (terraform-run.ts says where in Terraform's
 * source), and the probe test shows a plan rejects what validate rejects.
 *
 * Without Terraform or a provider mirror the tests skip and say why; with CI=true they fail.
 * TF_SAVE_PLANS=<dir> also runs `terraform show -json` on each plan and writes it there
 * (npm run fixtures:plans).
 */
import { lstatSync, mkdirSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import type { EnvironmentModel } from '../../model/environment';
import { parsePlanStream } from './plan-stream';
import { describeFailure, loadAll, runTerraformOverEnvironments, type StackRun, type TerraformRun } from './terraform-run';
import { inCi, installedAwsProvider, terraformAvailability } from './terraform-cli';

const ROOT = resolve(__dirname, '..', '..');
const ENVIRONMENT_DIRS = [join('environments'), join('test', 'fixtures', 'environments')];
const availability = terraformAvailability();

if (!availability.ok) {
  if (inCi()) {
    test('Terraform is required in CI', () => {
      throw new Error(`Terraform is required in CI (CI=true): ${availability.reason}. Put terraform on PATH and either give it network access to the registry or set TF_PLUGIN_MIRROR to a provider mirror (unpacked layout).`);
    });
  } else {
    console.warn(`Real Terraform tests skipped: ${availability.reason}. Install Terraform (README, "What the Terraform tests prove") or set TF_PLUGIN_MIRROR; with CI=true they fail instead.`);
    test.skip(`real terraform validate/plan (skipped: ${availability.reason})`, () => undefined);
  }
} else {
  const setup = availability.setup;
  let models: EnvironmentModel[];
  let run: TerraformRun;
  const cwd = process.cwd();

  beforeAll(async () => {
    process.chdir(ROOT);
    models = loadAll(ENVIRONMENT_DIRS);
    const saveTo = process.env.TF_SAVE_PLANS;
    run = await runTerraformOverEnvironments({ setup, models, showPlans: Boolean(saveTo) });
    if (saveTo) savePlans(run, resolve(cwd, saveTo));
    console.log(figures(run, setup.version, setup.mirror));
  }, 900_000);

  afterAll(async () => {
    process.chdir(cwd);
    await run?.cleanup();
    rmSync(setup.configDir, { recursive: true, force: true });
  });

  const stackRuns = (): readonly StackRun[] => run.stacks;

  test('every bundled and test environment file is in the run, with all its stacks', () => {
    const files = ENVIRONMENT_DIRS.flatMap((dir) => readdirSync(join(ROOT, dir)).filter((file) => /\.ya?ml$/.test(file)).map((file) => file.replace(/\.ya?ml$/, '')));
    expect([...new Set(run.stacks.map((stack) => stack.environment))].sort()).toEqual(files.sort());
    expect(files).toEqual(expect.arrayContaining(['dev', 'prod', 'hostile']));
    const expectedStacks = models.flatMap((model) => [`${model.name}-organization`, `${model.name}-identity-center`, ...(model.baseline ? [`${model.name}-baseline`] : [])]);
    expect(run.stacks.map((stack) => stack.stack).sort()).toEqual(expectedStacks.sort());
  });

  test('terraform init and plan (validation included) succeed for every stack', () => {
    const failures = stackRuns()
      .map((stack) => {
        const failed = [stack.init, stack.plan, ...(stack.show ? [stack.show] : [])].find((result) => !result || result.status !== 0);
        if (failed || !stack.plan) return `${stack.stack}: ${describeFailure(failed)}`;
        if (stack.planStreamError) return `${stack.stack}: ${stack.planStreamError}`;
        if (stack.planJsonError) return `${stack.stack}: terraform show -json is not JSON: ${stack.planJsonError}`;
        return undefined;
      })
      .filter((failure) => failure !== undefined);
    expect(failures).toEqual([]);
  });

  test('a plan rejects what terraform validate rejects: the probe stack fails both with the same errors', () => {
    const probe = run.probe!;
    expect({ init: probe.init.status }).toEqual({ init: 0 });
    const validated = JSON.parse(probe.validate!.stdout) as { valid: boolean; diagnostics: Array<{ severity: string; summary: string; detail?: string }> };
    const validateErrors = validated.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').map((diagnostic) => `${diagnostic.summary}: ${diagnostic.detail ?? ''}`);
    const planErrors = parsePlanStream(probe.plan!.stdout).diagnostics.filter((diagnostic) => diagnostic.severity === 'error').map((diagnostic) => `${diagnostic.summary}: ${diagnostic.detail ?? ''}`);
    expect({ validate: probe.validate!.status, valid: validated.valid, plan: probe.plan!.status }).toEqual({ validate: 1, valid: false, plan: 1 });
    // Both breaks are reported, Terraform's own schema check and the provider's value check.
    expect(validateErrors).toEqual(expect.arrayContaining([expect.stringMatching(/not_an_argument/), expect.stringMatching(/NOT_A_POLICY_TYPE/)]));
    expect(planErrors.sort()).toEqual(validateErrors.sort());
    // The plan stopped at validation: nothing was planned.
    expect(parsePlanStream(probe.plan!.stdout).changes).toEqual([]);
  });

  test('each plan from a fresh state changes exactly the resources the stack declares', () => {
    for (const stack of stackRuns()) {
      const managed = (stack.planStream?.changes ?? []).filter((change) => change.mode === 'managed');
      // A resource with for_each (assignments to the accounts of a live organization's OU) plans one change per instance.
      const declared = new Set(managed.map((change) => (change.key === undefined ? change.address : change.address.slice(0, change.address.lastIndexOf('[')))));
      expect({ stack: stack.stack, changes: declared.size }).toEqual({ stack: stack.stack, changes: stack.resources });
      const imported = managed.filter((change) => change.importing !== undefined);
      expect({ stack: stack.stack, imported: imported.length }).toEqual({ stack: stack.stack, imported: stack.imports });
      const created = managed.filter((change) => change.importing === undefined);
      expect({ stack: stack.stack, notCreate: created.filter((change) => change.action !== 'create').map((change) => `${change.address}: ${change.action}`) }).toEqual({ stack: stack.stack, notCreate: [] });
      // Terraform's own count agrees: every created resource an add, every import counted, nothing destroyed.
      const summary = stack.planStream?.summary;
      expect({ stack: stack.stack, add: summary?.add, import: summary?.import, remove: summary?.remove }).toEqual({ stack: stack.stack, add: created.length, import: stack.imports, remove: 0 });
    }
  });

  test('every data source is read while planning, none is left for apply time', () => {
    for (const stack of stackRuns()) {
      const deferred = (stack.planStream?.changes ?? []).filter((change) => change.mode === 'data').map((change) => `${change.address}: ${change.action}`);
      expect({ stack: stack.stack, deferred }).toEqual({ stack: stack.stack, deferred: [] });
      const read = new Set((stack.planStream?.readDuringPlan ?? []).map((address) => address.replace(/\[[^\]]*\]$/, '')));
      expect({ stack: stack.stack, unread: stack.dataSources.filter((address) => !read.has(address)) }).toEqual({ stack: stack.stack, unread: [] });
    }
  });

  test('the provider binary is linked from the mirror (or the plugin cache), not copied', () => {
    for (const stack of stackRuns()) {
      const installed = installedAwsProvider(stack.dir, run.awsVersion);
      expect({ stack: stack.stack, symlink: lstatSync(installed).isSymbolicLink() }).toEqual({ stack: stack.stack, symlink: true });
      if (setup.mirror) expect(readlinkSync(installed).startsWith(setup.mirror)).toBe(true);
    }
  });

  test('the stand-in was asked only what it answers, and the data sources and member-account providers did ask', () => {
    expect(run.standIn.calls.filter((call) => !call.known)).toEqual([]);
    const operations = new Set(run.standIn.calls.map((call) => `${call.service}:${call.operation}`));
    for (const expected of ['sso-admin:ListInstances', 'sso-admin:ListPermissionSets', 'sso-admin:DescribePermissionSet', 'identitystore:GetGroupId', 'identitystore:DescribeGroup', 'identitystore:GetUserId', 'identitystore:DescribeUser', 'sts:AssumeRole']) {
      expect(operations).toContain(expected);
    }
  });
}

/** The figures of the run (printed, never asserted: the machine's load decides them). */
function figures(run: TerraformRun, version: string, mirror: string | undefined): string {
  const planned = run.stacks.filter((stack) => stack.plan?.status === 0 && stack.planStream).length;
  const mean = (pick: (stack: StackRun) => number | undefined) => {
    const values = run.stacks.map(pick).filter((value): value is number => value !== undefined);
    return values.length === 0 ? '-' : (values.reduce((a, b) => a + b, 0) / values.length).toFixed(1);
  };
  const shown = run.stacks.some((stack) => stack.show) ? `, show -json ${mean((stack) => stack.show?.seconds)} s` : '';
  return [
    `terraform ${version}, hashicorp/aws ${run.awsVersion}${mirror ? ` from ${mirror}` : ' from the registry'}`,
    `${run.stacks.length} stacks: ${planned} validated and planned, in ${run.seconds.toFixed(1)} s wall (${run.childCpuSeconds === undefined ? '?' : run.childCpuSeconds.toFixed(0)} s CPU of terraform and the provider, the validate probe included; load average ${loadavg()[0].toFixed(1)})`,
    `mean per stack: init ${mean((stack) => stack.init.seconds)} s, plan ${mean((stack) => stack.plan?.seconds)} s${shown}`,
  ].join('\n');
}

function savePlans(run: TerraformRun, directory: string): void {
  mkdirSync(directory, { recursive: true });
  for (const stack of run.stacks) {
    if (!stack.show || stack.planJsonError) continue;
    // The stand-in's random port is the one value that differs between runs of the same config.
    const text = stack.show.stdout.split(run.standIn.url).join('http://127.0.0.1:4566');
    writeFileSync(join(directory, `${stack.stack}.json`), text.endsWith('\n') ? text : `${text}\n`);
  }
}
