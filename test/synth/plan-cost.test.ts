/** The plan-cost estimate (synth/plan-cost.ts): calls per refresh from the provider's Read functions, time at the documented rate, warnings. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { synthesize } from '../../synth/synthesize';
import { generatedConfig } from '../../bench/generate';
import { loadEnvironmentText } from '../../config/load';
import { formatDuration, planCostLines, planTimeGrants, sizeAndQuotaWarnings, stackPlanCost } from '../../synth/plan-cost';
import { baseConfig, model, withChange } from '../helpers/environment';

test('a stack of 1,000 assignments costs 1,000 ListAccountAssignments calls: at least 50 s at 20 calls a second', () => {
  const cost = stackPlanCost({ name: 'prod-access-1', resourcesByType: { aws_ssoadmin_account_assignment: 1000 }, dataSourcesByType: {} });
  expect(cost.calls).toEqual({ 'sso-admin': 1000, identitystore: 0 });
  expect(cost.seconds).toBe(50);
});

test('permission sets cost two calls, groups one Identity Store call, looked-up groups two; the APIs are throttled apart', () => {
  const cost = stackPlanCost({
    name: 'prod-identity-center',
    resourcesByType: { aws_ssoadmin_permission_set: 10, aws_ssoadmin_managed_policy_attachment: 10, aws_identitystore_group: 30, aws_iam_policy: 4 },
    dataSourcesByType: { aws_ssoadmin_instances: 1, aws_identitystore_group: 5 },
  });
  expect(cost.calls).toEqual({ 'sso-admin': 10 * 2 + 10 + 1, identitystore: 30 + 5 * 2 });
  expect(cost.seconds).toBe(40 / 20);
});

test('the 50,000-assignment estate of the issue: one stack is at least 42 min of refresh, and the summary says so per stack', () => {
  expect(formatDuration(50_000 / 20)).toBe('42 min');
  const lines = planCostLines({ stacks: [{ name: 'big-identity-center', file: '', resourcesByType: { aws_ssoadmin_account_assignment: 50_000 }, dataSourcesByType: {}, json: {} }] });
  expect(lines[1]).toMatch(/^ {4}big-identity-center +50000 SSO Admin \+ +0 Identity Store calls, at least 42 min$/);
});

test('a stack over identityCenter.maxResourcesPerStack is a warning with the way to move accounts', () => {
  const config = generatedConfig({ accounts: 10, groups: 5, permissionSets: 5 }) as any;
  config.identityCenter.maxResourcesPerStack = 20;
  const result = loadEnvironmentText(stringify(config), 'environments/big.yaml', undefined, undefined, { version: 1, shards: { '1': ['management', 'account-0', 'account-1', 'account-2', 'account-3', 'account-4'] }, moved: {} });
  if (!result.ok) throw new Error(result.issues[0].message);
  const environment = result.model;
  const stacks = environment.access.shards.map((shard) => ({ name: shard.stackName, file: '', resourcesByType: { aws_ssoadmin_account_assignment: shard.assignments.length }, dataSourcesByType: {}, json: {} }));
  const [warning] = sizeAndQuotaWarnings({ environment, stacks });
  expect(warning).toBe(
    '  warning: big-access-1 holds 30 resources, over identityCenter.maxResourcesPerStack (20): move accounts to a shard with room: in environments/big.shards.json, move their keys to another shard\'s list and add "moved": { "<account>": "<this shard>" }',
  );
});

test('an account near its quota of provisioned permission sets is a warning naming the quota to raise', () => {
  const config = withChange((c) => {
    c.identityCenter.quotas = { permissionSetsPerAccount: 2 };
    c.identityCenter.assignments = [{ group: 'Platform Admins', permissionSets: ['Admin', 'PowerUser'], accounts: ['prod'] }];
  }, baseConfig);
  const warnings = sizeAndQuotaWarnings({ environment: model(config), stacks: [] });
  expect(warnings).toEqual([expect.stringMatching(/^ {2}warning: account prod has 2 permission sets provisioned, near the 2 Identity Center allows per account: request an increase of "Number of provisioned permission sets allowed per AWS account"/)]);
});

test('an ordinary environment gets no warning', () => {
  expect(sizeAndQuotaWarnings({ environment: model(baseConfig()), stacks: [] })).toEqual([]);
});

describe('plan-time grants of an organization managed elsewhere (organization.existing: OU and all-accounts targets)', () => {
  const FIXTURE = 'test/fixtures/environments/control-tower.yaml';

  /** The Control Tower fixture with 8 more accounts named in Workloads/Dev, and a limit. */
  function synthesized(limit?: number) {
    const config = parse(readFileSync(FIXTURE, 'utf8'));
    for (let i = 0; i < 8; i++) config.organization.accounts[`dev-${i}`] = { id: String(400000000000 + i), ou: 'Workloads/Dev' };
    if (limit !== undefined) config.identityCenter.maxResourcesPerStack = limit;
    const loaded = loadEnvironmentText(stringify(config), FIXTURE);
    if (!loaded.ok) throw new Error(loaded.issues.map((issue) => issue.message).join('\n'));
    const out = mkdtempSync(join(tmpdir(), 'plan-cost-'));
    try {
      const [result] = synthesize([loaded.model], out);
      return { environment: loaded.model, stacks: result.stacks.map(({ name, resourcesByType, dataSourcesByType }) => ({ name, resourcesByType, dataSourcesByType, file: '', json: {} })) };
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }

  test('each grant reaches at least the accounts the file names under its targets, leaving out those it names itself', () => {
    const { environment } = synthesized();
    expect(planTimeGrants(environment).map((grant) => [grant.address, grant.targets, grant.knownAccounts])).toEqual([
      // identity, payments-prod and the 8 dev accounts; not the management account
      ['aws_ssoadmin_account_assignment.group_platform_admins__awsadministratoraccess', ['every account but the management account'], 10],
      ['aws_ssoadmin_account_assignment.group_developers__poweruser', ['OU Workloads/Dev'], 8],
      ['aws_ssoadmin_account_assignment.group_developers__readonly', ['OU Workloads'], 9],
    ]);
  });

  test('--costs says what is known and what the plan adds per account, with the lower bound from the accounts named', () => {
    const { environment, stacks } = synthesized();
    const ic = stacks.find((stack) => stack.name === 'control-tower-identity-center')!;
    const known = stackPlanCost(ic).calls['sso-admin'] - 3;
    const line = planCostLines({ environment, stacks }).find((candidate) => candidate.includes('control-tower-identity-center'))!;
    expect(line).toContain(`${known} SSO Admin +`);
    expect(line).toContain(
      'Identity Store calls known, + 1 SSO Admin call per account of every account but the management account (1 grant), OU Workloads/Dev (1 grant), OU Workloads (1 grant) at plan time (at least 27 from the accounts this file names)',
    );
  });

  test('plan-time grants that bring identity-center past the limit are a warning that says they are not sharded, and what to do', () => {
    const { environment, stacks } = synthesized(10);
    const ic = stacks.find((stack) => stack.name === 'control-tower-identity-center')!;
    const lowerBound = stackPlanCost(ic).resources - 3 + 27;
    const warnings = sizeAndQuotaWarnings({ environment, stacks }).filter((warning) => warning.includes('control-tower-identity-center'));
    expect(warnings).toEqual([
      `  warning: control-tower-identity-center holds at least ${lowerBound} resources at plan time, over identityCenter.maxResourcesPerStack (10), and its 3 grants add an instance each per account of every account but the management account (1 grant), OU Workloads/Dev (1 grant), OU Workloads (1 grant): ` +
        'plan-time grants are not sharded (only the plan knows their accounts); name the accounts under accounts: instead (their assignments go to the access stacks), or raise identityCenter.maxResourcesPerStack and accept the longer plans',
    ]);
  });

  test('under the limit, with room to grow, no warning', () => {
    const { environment, stacks } = synthesized();
    expect(sizeAndQuotaWarnings({ environment, stacks })).toEqual([]);
  });
});
