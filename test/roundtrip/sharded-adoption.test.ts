/**
 * Adopting an estate too large for one identity-center stack, with real Terraform against the AWS
 * double: the guides' recorded estate, grown through the double's own operations by 6 accounts and 10
 * groups (60 more assignments), discovered over HTTP and adopted as `npm run adopt` would; the config
 * sets identityCenter.maxResourcesPerStack to 40, so the first synth shards the assignments into
 * access stacks while the import map has every entry under `<env>-identity-center`. Then per stack,
 * in dependency order: the first plan imports every resource and creates, replaces or destroys
 * nothing; apply; the next plan of every stack is empty. Small on purpose: 6 stacks, 2 of them
 * access stacks (586 s on the shared 2-core machine at a load average of 13).
 */
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { adoptEstate } from '../../adopt/estate-to-environment';
import { writeAdoption } from '../../adopt/write-adoption';
import { loadImportMap } from '../../config/import-map';
import { loadEnvironmentText } from '../../config/load';
import { discover } from '../../discovery/discover';
import { startAwsDouble, type AwsDouble } from '../aws-double/server';
import { GUIDES_RECORDING, loadRecording } from '../discovery/recorded-clients';
import { withTerraform } from './availability';
import { clientsAt, closeClients } from './discovery-clients';
import { createProject, importApplyAndReplan, removeProject, synthInto, type Plan, type Project } from './harness';
import { changesOf, describeChanges } from './plan-changes';
import { recordingHome, seedRecording } from './seed-recording';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const NAME = 'guides';
const LIMIT = 40;

/** 6 accounts and 10 groups more, each group given PowerUser on each new account, through the double's API. */
function grow(double: AwsDouble): void {
  const invoke = (service: string, operation: string, input: Json): Json => double.invoke(service, operation, input) as Json;
  const instance = (invoke('sso', 'ListInstances', {}).Instances as Json[])[0];
  const sets = invoke('sso', 'ListPermissionSets', { InstanceArn: instance.InstanceArn }).PermissionSets as string[];
  const powerUser = sets.find((arn) => invoke('sso', 'DescribePermissionSet', { InstanceArn: instance.InstanceArn, PermissionSetArn: arn }).PermissionSet.Name === 'PowerUser')!;
  const accounts = Array.from({ length: 6 }, (_, i) => {
    const request = invoke('organizations', 'CreateAccount', { Email: `team-${i}@guides.example.com`, AccountName: `Team ${i}` });
    return invoke('organizations', 'DescribeCreateAccountStatus', { CreateAccountRequestId: request.CreateAccountStatus.Id }).CreateAccountStatus.AccountId as string;
  });
  for (let g = 0; g < 10; g++) {
    const group = invoke('identitystore', 'CreateGroup', { IdentityStoreId: instance.IdentityStoreId, DisplayName: `Squad ${g}` }).GroupId as string;
    for (const account of accounts) {
      invoke('sso', 'CreateAccountAssignment', { InstanceArn: instance.InstanceArn, PermissionSetArn: powerUser, PrincipalType: 'GROUP', PrincipalId: group, TargetType: 'AWS_ACCOUNT', TargetId: account });
    }
  }
}

withTerraform('adopting an estate that synth shards: import-only plans in identity-center and every access stack', (setup) => {
  let double: AwsDouble;
  let project: Project;
  let importPlans: Map<string, Plan>;
  let finalPlans: Map<string, Plan>;
  let failures: Map<string, string>;

  beforeAll(async () => {
    const recording = loadRecording(GUIDES_RECORDING);
    const home = recordingHome(recording);
    double = await startAwsDouble({ region: home.region, managementAccountId: home.managementAccountId });
    seedRecording(double, recording);
    grow(double);
    const clients = clientsAt(double, home.region);
    const { estate } = await discover(clients, { region: home.region, rateLimits: 'none' }).finally(() => closeClients(clients));
    const adoption = adoptEstate(estate, NAME);
    const config = parse(adoption.yaml);
    config.identityCenter.maxResourcesPerStack = LIMIT;
    const yaml = stringify(config);
    project = createProject(setup, double.url, 'tf-adopt-sharded-');
    const environments = join(project.root, 'environments');
    writeAdoption({ ...adoption, yaml }, environments, NAME, false);
    const map = loadImportMap(join(environments, `${NAME}.imports.json`));
    if (!map.ok || !map.map) throw new Error('the written import map does not load');
    const loaded = loadEnvironmentText(yaml, join(environments, `${NAME}.yaml`), map.map);
    if (!loaded.ok) throw new Error(loaded.issues.map((issue) => `${issue.line}:${issue.column} ${issue.message}`).join('\n'));
    synthInto(project, [loaded.model]);
    ({ importPlans, finalPlans, failures } = await importApplyAndReplan(project));
  }, 1_200_000);

  afterAll(async () => {
    await double?.close();
    if (project) removeProject(project);
  });

  const accessStacks = () => project.stacks.filter((stack) => stack.name.startsWith(`${NAME}-access-`));

  test('synth shards the adopted assignments into access stacks, and every stack plans and applies', () => {
    expect(accessStacks().length).toBeGreaterThan(1);
    expect([...failures].map(([stack, why]) => `${stack}: ${why}`)).toEqual([]);
  });

  test('the first plan of every stack imports each of its resources and creates, replaces or destroys nothing', () => {
    for (const [stack, result] of importPlans) {
      const changes = changesOf(result.json);
      expect({ stack, notImports: describeChanges(changes.filter((change) => !change.importing)) }).toEqual({ stack, notImports: [] });
      expect({ stack, actions: [...new Set(changes.map((change) => change.action))].filter((action) => action !== 'no-op' && action !== 'update') }).toEqual({ stack, actions: [] });
      const declared = Object.entries(project.stacks.find((candidate) => candidate.name === stack)!.copy.resource ?? {}).reduce((sum, [, byName]) => sum + Object.keys(byName as Json).length, 0);
      expect({ stack, imported: changes.filter((change) => change.importing).length }).toEqual({ stack, imported: declared });
    }
    const assignments = accessStacks().reduce((sum, stack) => sum + Object.keys(stack.copy.resource?.aws_ssoadmin_account_assignment ?? {}).length, 0);
    // Every assignment the estate has (the guides' own and the 60 added) is in an access stack.
    expect(assignments).toBe(project.synthesized[0].environment.identityCenter.assignments.length);
    expect(assignments).toBeGreaterThanOrEqual(60);
  });

  test('after the imports are applied, every plan is empty', () => {
    const diffs = [...finalPlans.values()].filter((result) => result.exitCode !== 0).map((result) => ({ stack: result.stack, changes: describeChanges(changesOf(result.json)) }));
    expect(diffs).toEqual([]);
    expect(finalPlans.size).toBe(project.stacks.length);
  });
});
