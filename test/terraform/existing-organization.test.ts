/**
 * Real Terraform over an organization this project does not own, administered from a delegated
 * administrator (test/fixtures/environments/control-tower.yaml): `terraform plan` and `show -json` of its
 * stacks against the stand-in's organization (terraform-run.ts, liveOrganizationFor), which holds, in
 * each OU, an active and a suspended account the file does not name. The plan shows what the config
 * cannot: which accounts the OU and all-accounts targets reach, keyed by account ID.
 */
import { join, resolve } from 'node:path';
import { loadEnvironments } from '../../config/load';
import type { EnvironmentModel } from '../../model/environment';
import { inCi, terraformAvailability } from './terraform-cli';
import { describeFailure, liveOrganizationFor, runTerraformOverEnvironments, type StackRun, type TerraformRun } from './terraform-run';

const ROOT = resolve(__dirname, '..', '..');
const availability = terraformAvailability();

if (!availability.ok) {
  if (inCi()) {
    test('Terraform is required in CI', () => {
      throw new Error(`Terraform is required in CI (CI=true): ${availability.reason}`);
    });
  } else {
    test.skip(`real terraform over an existing organization (skipped: ${availability.reason})`, () => undefined);
  }
} else {
  const setup = availability.setup;
  let model: EnvironmentModel;
  let run: TerraformRun;
  const cwd = process.cwd();

  beforeAll(async () => {
    process.chdir(ROOT);
    [model] = loadEnvironments(join('test', 'fixtures', 'environments'), ['control-tower']);
    // showPlans: `terraform show -json` too, for the planned values (target_id) the plan stream does not carry.
    run = await runTerraformOverEnvironments({ setup, models: [model], showPlans: true, validationProbe: false });
  }, 600_000);

  afterAll(async () => {
    process.chdir(cwd);
    await run?.cleanup();
  });

  const stack = (name: string): StackRun => run.stacks.find((candidate) => candidate.stack === `control-tower-${name}`)!;
  /** The account IDs a plan-time assignment's instances are keyed by. */
  const instances = (address: string) =>
    (stack('identity-center').planJson?.resource_changes ?? [])
      .filter((change) => change.mode === 'managed' && change.address.startsWith(`${address}[`))
      .map((change) => String(change.index))
      .sort();

  test('both stacks plan (terraform plan validates the configuration first)', () => {
    for (const name of ['organization', 'identity-center']) {
      const { init, plan, show } = stack(name);
      const failed = [init, plan, show].find((result) => !result || result.status !== 0);
      expect({ stack: name, failure: failed ? describeFailure(failed) : undefined }).toEqual({ stack: name, failure: undefined });
    }
  });

  test('the plan creates no aws_organizations_* resource', () => {
    const managed = run.stacks.flatMap((s) => (s.planJson?.resource_changes ?? []).filter((change) => change.mode === 'managed'));
    expect(managed.filter((change) => change.type.startsWith('aws_organizations_')).map((change) => change.address)).toEqual([]);
  });

  test('an OU target reaches the active accounts at any depth below it, those created outside the file too, and no suspended one', () => {
    const org = liveOrganizationFor(model);
    const ouId = (path: string) => path.split('/').reduce((parentId, name) => org.units.find((unit) => unit.parentId === parentId && unit.name === name)!.id, org.rootId);
    const below = (id: string): string[] => [...org.accounts.filter((a) => a.parentId === id && a.status === 'ACTIVE').map((a) => a.id), ...org.units.filter((u) => u.parentId === id).flatMap((u) => below(u.id))];
    const workloads = below(ouId('Workloads')).sort();
    // Workloads holds Prod and Dev: payments-prod (named), and per OU one account created elsewhere.
    expect(workloads).toHaveLength(4);
    expect(instances('aws_ssoadmin_account_assignment.group_developers__readonly')).toEqual(workloads);
    expect(instances('aws_ssoadmin_account_assignment.group_developers__poweruser')).toEqual(below(ouId('Workloads/Dev')).sort());
    const suspended = org.accounts.filter((a) => a.status === 'SUSPENDED').map((a) => a.id);
    expect(instances('aws_ssoadmin_account_assignment.group_developers__readonly').filter((id) => suspended.includes(id))).toEqual([]);
  });

  test('all accounts except the management account: every active account but the live management account', () => {
    const org = liveOrganizationFor(model);
    const active = org.accounts.filter((a) => a.status === 'ACTIVE' && a.id !== org.managementAccountId).map((a) => a.id).sort();
    expect(instances('aws_ssoadmin_account_assignment.group_platform_admins__awsadministratoraccess')).toEqual(active);
    expect(active).not.toContain('111111111111');
  });

  test('a grant to an account named in the file keeps its own address', () => {
    const change = (stack('identity-center').planJson?.resource_changes ?? []).find((c) => c.address === 'aws_ssoadmin_account_assignment.group_payments_engineers__poweruser__payments-prod');
    expect(change?.change.after).toMatchObject({ target_id: '333333333333', target_type: 'AWS_ACCOUNT' });
  });

  test('the plan assumed a role (the delegated administrator) and read the organization with the calls the provider makes', () => {
    const operations = new Set(run.standIn.calls.map((call) => `${call.service}:${call.operation}`));
    for (const expected of ['sts:AssumeRole', 'organizations:DescribeOrganization', 'organizations:ListRoots', 'organizations:ListOrganizationalUnitsForParent', 'organizations:ListAccountsForParent']) expect(operations).toContain(expected);
    expect(run.standIn.calls.filter((call) => !call.known)).toEqual([]);
  });
}
