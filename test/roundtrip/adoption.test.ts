/**
 * Adoption with real Terraform: a recorded estate (test/fixtures/estates) rebuilt in the AWS double
 * through its own operations (seed-recording.ts), discovered with the real SDK v3 clients over HTTP
 * (the endpoint override), adopted (adopt/), written and synthesized as a user's `npm run adopt` and
 * `npm run synth` would; then per stack, in dependency order: `terraform plan` must import every
 * resource and change nothing on an imported object except what the project's own zero-diff check
 * reported (synth's import report: `first-apply` arguments and reported updates); apply; the next plan
 * of every stack is empty.
 *
 * Two estates: the guides' (guides-sdk-responses.json) and a Control Tower estate with SCIM principals
 * and closed accounts (control-tower-recording.ts).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { adoptEstate, type Adoption } from '../../adopt/estate-to-environment';
import { writeAdoption } from '../../adopt/write-adoption';
import { loadImportMap } from '../../config/import-map';
import { loadEnvironmentText } from '../../config/load';
import { discover } from '../../discovery/discover';
import { startAwsDouble, type AwsDouble } from '../aws-double/server';
import { GUIDES_RECORDING, loadRecording, type Recording } from '../discovery/recorded-clients';
import { CONTROL_TOWER_RECORDING } from '../fixtures/estates/control-tower-recording';
import { withTerraform } from './availability';
import { clientsAt, closeClients } from './discovery-clients';
import { printFigures } from './figures';
import { createProject, importApplyAndReplan, removeProject, synthInto, type Plan, type Project } from './harness';
import { changesOf, describeChanges, type Change } from './plan-changes';
import { recordingHome, seedRecording } from './seed-recording';
import { savePlan } from './saved-plans';

interface AdoptedRun {
  readonly name: string;
  readonly double: AwsDouble;
  readonly project: Project;
  readonly adoption: Adoption;
  /** The first plan of each stack (imports). */
  readonly importPlans: Map<string, Plan>;
  /** The plan of each stack after the imports were applied. */
  readonly finalPlans: Map<string, Plan>;
  /** Per stack: a failed command. */
  readonly failures: Map<string, string>;
}

async function adoptAndApply(setup: Parameters<typeof createProject>[0], name: string, recording: Recording): Promise<AdoptedRun> {
  const home = recordingHome(recording);
  const double = await startAwsDouble({ region: home.region, managementAccountId: home.managementAccountId });
  seedRecording(double, recording);
  const clients = clientsAt(double, home.region);
  const { estate } = await discover(clients, { region: home.region, rateLimits: 'none' }).finally(() => closeClients(clients));
  const adoption = adoptEstate(estate, name);
  const project = createProject(setup, double.url, `tf-adopt-${name}-`);
  const environments = join(project.root, 'environments');
  writeAdoption(adoption, environments, name, false);
  const map = loadImportMap(join(environments, `${name}.imports.json`));
  if (!map.ok || !map.map) throw new Error(`${name}: the written import map does not load`);
  const loaded = loadEnvironmentText(adoption.yaml, join(environments, `${name}.yaml`), map.map);
  if (!loaded.ok) throw new Error(`${name}: the adopted config does not load:\n${loaded.issues.map((issue) => `${issue.line}:${issue.column} ${issue.message}`).join('\n')}`);
  synthInto(project, [loaded.model]);

  return { name, double, project, adoption, ...(await importApplyAndReplan(project)) };
}

/** What the import plan may do to an imported object: exactly the attributes the zero-diff check reported for it. */
function unexpectedChanges(run: AdoptedRun): string[] {
  const reported = new Map<string, Set<string>>();
  for (const difference of run.project.synthesized[0].imports?.differences ?? []) {
    const key = `${difference.stack} ${difference.address}`;
    reported.set(key, (reported.get(key) ?? new Set()).add(difference.attribute));
  }
  const problems: string[] = [];
  for (const [stack, result] of run.importPlans) {
    const changes: Change[] = changesOf(result.json);
    for (const change of changes) {
      if (!change.importing) {
        problems.push(`${stack}: ${describeChanges([change])[0] ?? change.address} is not an import`);
        continue;
      }
      const allowed = reported.get(`${stack} ${change.address}`) ?? new Set<string>();
      if (change.action !== 'no-op' && change.action !== 'update') problems.push(`${stack}: import ${change.address} plans ${change.action}`);
      for (const attribute of change.attributes) {
        if (!allowed.has(attribute)) problems.push(`${stack}: import ${change.address} plans a change of ${attribute} that the zero-diff check did not report`);
      }
      for (const attribute of allowed) {
        if (!change.attributes.includes(attribute)) problems.push(`${stack}: the zero-diff check reported ${change.address}.${attribute}, but Terraform plans no change of it`);
      }
    }
  }
  return problems;
}

const ESTATES: ReadonlyArray<readonly [string, () => Recording]> = [
  ['guides', () => loadRecording(GUIDES_RECORDING)],
  ['ct', () => CONTROL_TOWER_RECORDING],
];

withTerraform('adoption round trip: seeded estate → discovery over HTTP → adopt → import-only plan → apply → empty plan', (setup) => {
  const runs: AdoptedRun[] = [];
  const started = process.hrtime.bigint();

  beforeAll(async () => {
    runs.push(...(await Promise.all(ESTATES.map(([name, recording]) => adoptAndApply(setup, name, recording())))));
    // Review fixtures: the organization's imports alone, and the identity center's with the one change the zero-diff check reports.
    const guides = runs.find((run) => run.name === 'guides');
    const importOnly = guides?.importPlans.get('guides-organization')?.json;
    const importWithUpdate = guides?.importPlans.get('guides-identity-center')?.json;
    if (guides && importOnly) savePlan('import-only', importOnly, guides.double.url);
    if (guides && importWithUpdate) savePlan('import-with-update', importWithUpdate, guides.double.url);
    printFigures('adoption', runs.map((run) => run.project), started);
  }, 1_800_000);

  afterAll(async () => {
    for (const run of runs) {
      await run.double.close();
      removeProject(run.project);
    }
    rmSync(setup.configDir, { recursive: true, force: true });
  });

  test.each(ESTATES.map(([name]) => name))('%s: every stack plans, applies and plans again', (name) => {
    const run = runs.find((candidate) => candidate.name === name)!;
    expect([...run.failures].map(([stack, why]) => `${stack}: ${why}`)).toEqual([]);
    expect([...run.importPlans.keys()].sort()).toEqual(run.project.stacks.map((stack) => stack.name).sort());
  });

  test.each(ESTATES.map(([name]) => name))('%s: the first plan imports every resource and changes only what the zero-diff check reported', (name) => {
    const run = runs.find((candidate) => candidate.name === name)!;
    expect(unexpectedChanges(run)).toEqual([]);
    const imported = [...run.importPlans.values()].flatMap((result) => changesOf(result.json).filter((change) => change.importing));
    expect(imported.length).toBe(run.project.stacks.reduce((sum, stack) => sum + (stack.copy.import?.length ?? 0), 0));
  });

  test.each(ESTATES.map(([name]) => name))('%s: after the imports are applied, every plan is empty', (name) => {
    const run = runs.find((candidate) => candidate.name === name)!;
    const diffs = [...run.finalPlans.values()].filter((result) => result.exitCode !== 0).map((result) => ({ stack: result.stack, changes: describeChanges(changesOf(result.json)) }));
    expect(diffs).toEqual([]);
    expect(run.finalPlans.size).toBe(run.project.stacks.length);
  });

  test.each(ESTATES.map(([name]) => name))('%s: the double answered every call discovery and Terraform made', (name) => {
    const run = runs.find((candidate) => candidate.name === name)!;
    expect(run.double.unanswered()).toEqual([]);
  });
});
