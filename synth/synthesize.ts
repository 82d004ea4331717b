/** Models → one cdktf App with every environment's stacks → cdk.tf.json files, plus the manual-step checklists. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, type TerraformResource } from '../lib/cdktf';
import type { EnvironmentModel } from '../model/environment';
import { manualStepsMarkdown } from '../model/manual-steps';
import { baselineMoves, type MovedAddress } from '../model/renames';
import { BaselineStack } from '../stacks/baseline-stack';
import type { EnvironmentStack } from '../stacks/environment-stack';
import { addEnvironmentStacks } from '../stacks/environment-stacks';
import { applyImports, applyMoves, resourcesOf, type StackImports } from './imports';
import { zeroDiff, type Difference } from './zero-diff';

export interface SynthesizedStack {
  readonly name: string;
  /** Path of the stack's cdk.tf.json. */
  readonly file: string;
  /** Resource count by Terraform type, read back from the synthesized JSON. */
  readonly resourcesByType: Readonly<Record<string, number>>;
  /** The synthesized Terraform JSON. */
  readonly json: StackJson;
}

export interface StackJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly provider?: { aws?: Array<{ default_tags?: Array<{ tags?: Record<string, string> }> }> };
}

/** What synth did with the environment's import map. */
export interface ImportReport {
  readonly stacks: readonly StackImports[];
  /** Where the first plan after import would change something. */
  readonly differences: readonly Difference[];
}

export interface SynthesizedEnvironment {
  readonly environment: EnvironmentModel;
  readonly stacks: readonly SynthesizedStack[];
  /** The manual-step checklist written for the environment. */
  readonly manualStepsFile: string;
  /** Present when the environment has an import map. */
  readonly imports?: ImportReport;
}

export function synthesize(environments: readonly EnvironmentModel[], outdir: string): SynthesizedEnvironment[] {
  // Stack traces on every construct cost time and memory at 10,000 resources and are never read.
  const app = new App({ outdir, stackTraces: false });
  const built = environments.map((environment) => {
    const byKind: Array<[string, EnvironmentStack]> = Object.entries(addEnvironmentStacks(app, environment));
    const imports: StackImports[] = [];
    // Names found renamed in one stack (an account's key) move their dependents in the next ones.
    let carried: ReadonlyMap<string, string> = new Map();
    for (const [kind, stack] of byKind) {
      const resources = resourcesOf(stack);
      const moves = stack instanceof BaselineStack ? baselineStackMoves(stack, resources, environment) : kind === 'organization' || kind === 'identityCenter' ? environment.moved[kind] : [];
      applyMoves(resources, moves);
      if (environment.imports) {
        const stackImports = applyImports(stack, resources, environment.imports.stacks[stack.stackName] ?? {}, moves, carried);
        carried = stackImports.renamedNames;
        imports.push(stackImports);
      }
    }
    return { environment, stacks: byKind.map(([, stack]) => stack), imports: environment.imports ? imports : undefined };
  });
  app.synth();
  return built.map(({ environment, stacks, imports }) => {
    const manualStepsFile = join(outdir, 'environments', environment.name, 'MANUAL-STEPS.md');
    mkdirSync(join(outdir, 'environments', environment.name), { recursive: true });
    writeFileSync(manualStepsFile, manualStepsMarkdown(environment.name, environment.manualSteps));
    const read = stacks.map((stack) => readStack(outdir, stack.stackName));
    const importReport = imports && environment.imports
      ? { stacks: imports, differences: zeroDiff(environment.name, environment.imports, new Map(read.map((stack) => [stack.name, stack.json])), imports) }
      : undefined;
    return { environment, manualStepsFile, stacks: read, imports: importReport };
  });
}

/** The baseline stack's moves, with each resource's account taken from where the stack put it. */
function baselineStackMoves(stack: BaselineStack, resources: ReadonlyMap<string, TerraformResource>, environment: EnvironmentModel): MovedAddress[] {
  const located = [...resources].map(([address, resource]) => {
    const account = stack.accountOf(resource);
    return { address, memberAccount: account && !account.management ? account.account.address : undefined };
  });
  return baselineMoves(located, environment.moved.baseline, environment.baseline?.groups.map((group) => group.address) ?? []);
}

function readStack(outdir: string, name: string): SynthesizedStack {
  const file = join(outdir, 'stacks', name, 'cdk.tf.json');
  const json = JSON.parse(readFileSync(file, 'utf8')) as StackJson;
  const resourcesByType = Object.fromEntries(Object.entries(json.resource ?? {}).map(([type, byName]) => [type, Object.keys(byName).length]));
  return { name, file, resourcesByType, json };
}
