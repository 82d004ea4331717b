/**
 * Every bundled environment (environments/*.yaml) applied with real Terraform and the real
 * hashicorp/aws provider against the AWS double, stack after stack in dependency order; then
 * `terraform plan -detailed-exitcode` on every stack must exit 0: no perpetual diff. A planned change
 * names the resource and the attributes. What this proves and what it cannot: README, "What the round
 * trips prove".
 */
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadEnvironments } from '../../config/load';
import type { EnvironmentModel } from '../../model/environment';
import { withTerraform } from './availability';
import { applyEnvironment, planAll, type AppliedEnvironment } from './environments';
import type { Plan } from './harness';
import { awsChanges, changesOf } from './plan-changes';
import { printFigures } from './figures';

const ROOT = resolve(__dirname, '..', '..');

withTerraform('round trip of every bundled environment: apply, then an empty plan', (setup) => {
  const cwd = process.cwd();
  const environments: AppliedEnvironment[] = [];
  const plans = new Map<string, Plan>();
  const started = process.hrtime.bigint();

  beforeAll(async () => {
    process.chdir(ROOT);
    const models: EnvironmentModel[] = loadEnvironments(join(ROOT, 'environments'));
    environments.push(...(await Promise.all(models.map((model) => applyEnvironment(setup, model)))));
    await Promise.all(
      environments.map(async (environment) => {
        const applied = environment.project.stacks.filter((stack) => !environment.failures.has(stack.name));
        for (const [name, result] of await planAll(environment.project, applied)) plans.set(name, result);
      }),
    );
    printFigures('converge', environments.map((environment) => environment.project), started);
  }, 600_000);

  afterAll(async () => {
    process.chdir(cwd);
    await Promise.all(environments.map((environment) => environment.close()));
    rmSync(setup.configDir, { recursive: true, force: true });
  });

  test('both bundled environments, with all their stacks', () => {
    expect(environments.map((environment) => environment.model.name).sort()).toEqual(['dev', 'prod']);
    expect(environments.flatMap((environment) => environment.project.stacks.map((stack) => stack.name)).sort()).toEqual(
      ['dev-baseline', 'dev-identity-center', 'dev-organization', 'prod-baseline', 'prod-identity-center', 'prod-organization'],
    );
  });

  test('terraform apply succeeds for every stack, in dependency order', () => {
    const failures = environments.flatMap((environment) => [...environment.failures].map(([stack, why]) => `${stack}: ${why}`));
    expect(failures).toEqual([]);
  });

  test('the next plan of every stack is empty (plan -detailed-exitcode exits 0)', () => {
    const diffs = [...plans.values()].filter((result) => result.exitCode !== 0).map((result) => ({ stack: result.stack, changes: awsChanges(changesOf(result.json)) }));
    expect(diffs).toEqual([]);
    expect(plans.size).toBe(6);
  });

  test('the double answered every call Terraform made', () => {
    expect(environments.flatMap((environment) => environment.double.unanswered())).toEqual([]);
  });
});
