/** Models → one cdktf App with every environment's stacks → cdk.tf.json files, plus the manual-step checklists. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from '../lib/cdktf';
import type { EnvironmentModel } from '../model/environment';
import { manualStepsMarkdown } from '../model/manual-steps';
import { addEnvironmentStacks } from '../stacks/environment-stacks';

export interface SynthesizedStack {
  readonly name: string;
  /** Path of the stack's cdk.tf.json. */
  readonly file: string;
  /** Resource count by Terraform type, read back from the synthesized JSON. */
  readonly resourcesByType: Readonly<Record<string, number>>;
}

export interface SynthesizedEnvironment {
  readonly environment: EnvironmentModel;
  readonly stacks: readonly SynthesizedStack[];
  /** The manual-step checklist written for the environment. */
  readonly manualStepsFile: string;
}

export function synthesize(environments: readonly EnvironmentModel[], outdir: string): SynthesizedEnvironment[] {
  // Stack traces on every construct cost time and memory at 10,000 resources and are never read.
  const app = new App({ outdir, stackTraces: false });
  const stacksByEnvironment = environments.map((environment) => {
    const stacks = addEnvironmentStacks(app, environment);
    return [stacks.organization.stackName, stacks.identityCenter.stackName];
  });
  app.synth();
  return environments.map((environment, index) => {
    const manualStepsFile = join(outdir, 'environments', environment.name, 'MANUAL-STEPS.md');
    mkdirSync(join(outdir, 'environments', environment.name), { recursive: true });
    writeFileSync(manualStepsFile, manualStepsMarkdown(environment.name, environment.manualSteps));
    return { environment, manualStepsFile, stacks: stacksByEnvironment[index].map((name) => readStack(outdir, name)) };
  });
}

function readStack(outdir: string, name: string): SynthesizedStack {
  const file = join(outdir, 'stacks', name, 'cdk.tf.json');
  const json = JSON.parse(readFileSync(file, 'utf8')) as { resource?: Record<string, Record<string, unknown>> };
  const resourcesByType = Object.fromEntries(Object.entries(json.resource ?? {}).map(([type, byName]) => [type, Object.keys(byName).length]));
  return { name, file, resourcesByType };
}
