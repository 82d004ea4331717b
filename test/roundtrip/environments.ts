/** A bundled environment applied against its own double: the setup the converge and change round trips share. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startAwsDouble, type AwsDouble } from '../aws-double/server';
import type { EnvironmentModel } from '../../model/environment';
import { apply, createProject, init, inWaves, plan, removeProject, synthInto, type Plan, type Project, type Stack } from './harness';
import { seedAfterOrganization, seedBeforeApply } from './seed-config';
import type { TerraformSetup } from '../terraform/terraform-cli';

export interface AppliedEnvironment {
  readonly model: EnvironmentModel;
  readonly double: AwsDouble;
  readonly project: Project;
  /** Per stack: why its init or apply failed (absent: applied). */
  readonly failures: Map<string, string>;
  close(): Promise<void>;
}

export function managementAccountId(model: EnvironmentModel): string {
  const management = model.organization.accounts.find((account) => account.kind === 'existing' && account.management);
  if (!management || management.kind !== 'existing') throw new Error(`${model.sourceFile}: no management account with an id`);
  return management.id;
}

/** A double for the environment (its region and management account), seeded with what the config says exists. */
export async function doubleFor(model: EnvironmentModel): Promise<AwsDouble> {
  const double = await startAwsDouble({ region: model.region, managementAccountId: managementAccountId(model) });
  seedBeforeApply(double, model);
  return double;
}

/** The outputs a stack's apply left in its local state file (`../../../terraform.<stack>.tfstate`). */
export function stateOutputs(project: Project, stackName: string): Record<string, unknown> {
  const state = JSON.parse(readFileSync(join(project.root, `terraform.${stackName}.tfstate`), 'utf8')) as { outputs: Record<string, { value: unknown }> };
  return Object.fromEntries(Object.entries(state.outputs).map(([name, { value }]) => [name, value]));
}

/** Synth, then init and apply every stack in dependency order; the recorders of created accounts in between. */
export async function applyEnvironment(setup: TerraformSetup, model: EnvironmentModel): Promise<AppliedEnvironment> {
  const double = await doubleFor(model);
  const project = createProject(setup, double.url, `tf-roundtrip-${model.name}-`);
  synthInto(project, [model]);
  const failures = new Map<string, string>();
  await inWaves(project.stacks, project.stacks.length, async (target) => {
    if (target.reads.some((read) => failures.has(read))) {
      failures.set(target.name, `not applied: ${target.reads.filter((read) => failures.has(read)).join(', ')} failed`);
      return;
    }
    try {
      await init(project, target);
      await apply(project, target);
      if (target.name === `${model.name}-organization`) seedAfterOrganization(double, model, stateOutputs(project, target.name).account_ids as Record<string, string>);
    } catch (error) {
      failures.set(target.name, (error as Error).message);
    }
  });
  return {
    model,
    double,
    project,
    failures,
    close: async () => {
      await double.close();
      removeProject(project);
    },
  };
}

/** `terraform plan -detailed-exitcode` of the stacks, side by side where their reads allow. */
export async function planAll(project: Project, stacks: readonly Stack[], withJson = false): Promise<Map<string, Plan>> {
  // Every state is there already: no order needed; the harness's slots bound how many run at once.
  const plans = await Promise.all(stacks.map((target) => plan(project, target, withJson)));
  return new Map(plans.map((result) => [result.stack, result]));
}
