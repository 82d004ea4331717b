/**
 * Every bundled environment (environments/*.yaml) applied with real Terraform and the real
 * hashicorp/aws provider against the AWS double, stack after stack in dependency order; then
 * `terraform plan -detailed-exitcode` on every stack must exit 0: no perpetual diff. A planned change
 * names the resource and the attributes. What this proves and what it cannot: README, "What the round
 * trips prove".
 *
 * Then, on dev, one change of each kind in a copy of its config, each synthesized, planned (exactly the
 * expected actions; a rename is moves only), applied and planned again (empty): a user, a permission
 * set and an assignment to an OU (a grant); an account key renamed with `renames:`; an assignment
 * removed (a revocation), a session duration changed (an update) and the set of the first change
 * removed (a delete); an assignment whose `expires:` has passed at a fixed clock (the synth drops it; the
 * expiry workflow's gate, review/expiry/cli.ts, judges the real plan safe to apply unattended). The plans
 * are saved as review fixtures with TF_SAVE_PLANS (saved-plans.ts).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { NOW_VARIABLE } from '../../config/expiry';
import { loadEnvironments, loadEnvironmentText } from '../../config/load';
import type { EnvironmentModel } from '../../model/environment';
import { withTerraform } from './availability';
import { applyEnvironment, planAll, type AppliedEnvironment } from './environments';
import { applySaved, init, plan, synthInto, waves, type Plan } from './harness';
import { awsChanges, changesOf, describeChanges } from './plan-changes';
import { printFigures } from './figures';
import { savePlan } from './saved-plans';
import { expiryCheck } from '../../review/expiry/cli';

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
  }, 1_800_000);

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

  describe('changes to dev, one of each kind', () => {
    const dev = () => environments.find((environment) => environment.model.name === 'dev')!;
    let config: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- the YAML, parsed
    beforeAll(() => {
      config = parse(readFileSync(join(ROOT, 'environments', 'dev.yaml'), 'utf8'));
    });

    /**
     * Synth the changed config; then, in dependency order, plan each stack whose configuration changed
     * (or that reads the state of one that did) and apply that plan; then plan those stacks again. A
     * stack whose synthesized JSON is byte for byte what was applied and planned empty before is not
     * planned again (`unchanged`): nothing it manages was touched.
     */
    async function changeRound(mutate: (yaml: any) => void): Promise<{ first: Map<string, Plan>; again: Map<string, Plan>; unchanged: string[] }> { // eslint-disable-line @typescript-eslint/no-explicit-any
      mutate(config);
      const environment = dev();
      const loaded = loadEnvironmentText(stringify(config), join(ROOT, 'environments', 'dev.yaml'));
      if (!loaded.ok) throw new Error(loaded.issues.map((issue) => `${issue.line}:${issue.column} ${issue.message}`).join('\n'));
      const applied = new Map(environment.project.stacks.map((target) => [target.name, JSON.stringify(target.copy)]));
      synthInto(environment.project, [loaded.model]);
      const changed = new Set(environment.project.stacks.filter((target) => applied.get(target.name) !== JSON.stringify(target.copy)).map((target) => target.name));
      for (const target of environment.project.stacks) if (target.reads.some((read) => changed.has(read))) changed.add(target.name);
      const toPlan = environment.project.stacks.filter((target) => changed.has(target.name));
      const first = new Map<string, Plan>();
      for (const wave of waves(toPlan)) {
        await Promise.all(
          wave.map(async (target) => {
            await init(environment.project, target);
            const planned = await plan(environment.project, target);
            first.set(target.name, planned);
            if (planned.exitCode === 2) await applySaved(environment.project, target);
          }),
        );
      }
      const unchanged = environment.project.stacks.filter((target) => !changed.has(target.name)).map((target) => target.name).sort();
      return { first, again: await planAll(environment.project, toPlan), unchanged };
    }

    const planned = (plans: Map<string, Plan>) => Object.fromEntries([...plans].map(([stack, result]) => [stack, describeChanges(changesOf(result.json)).sort()]));
    const emptyAgain = (plans: Map<string, Plan>) => [...plans.values()].filter((result) => result.exitCode !== 0).map((result) => ({ stack: result.stack, changes: awsChanges(changesOf(result.json)) }));

    test('a grant: a new user in a group, a new permission set, an assignment to an OU', async () => {
      const { first, again, unchanged } = await changeRound((yaml) => {
        yaml.identityCenter.users['new.hire@example.com'] = { displayName: 'New Hire', givenName: 'New', familyName: 'Hire', email: 'new.hire@example.com' };
        yaml.identityCenter.groups.Developers.members.push('new.hire@example.com');
        yaml.identityCenter.permissionSets.Auditor = { description: 'Security audit, read only', sessionDuration: 'PT2H', managedPolicies: ['arn:aws:iam::aws:policy/SecurityAudit'] };
        yaml.identityCenter.assignments.push({ group: 'Developers', permissionSets: ['Auditor'], organizationalUnits: ['Workloads'] });
      });
      savePlan('grant', first.get('dev-identity-center')!.json!, dev().double.url);
      expect(unchanged).toEqual(['dev-baseline', 'dev-organization']);
      expect(planned(first)).toEqual({
        'dev-identity-center': [
          'create aws_identitystore_group_membership.developers__new_hire_at_example_com',
          'create aws_identitystore_user.new_hire_at_example_com',
          'create aws_ssoadmin_account_assignment.group_developers__auditor__dev-workloads',
          'create aws_ssoadmin_managed_policy_attachment.auditor__securityaudit',
          'create aws_ssoadmin_permission_set.auditor',
        ],
      });
      expect(emptyAgain(again)).toEqual([]);
    }, 1_800_000);

    test('a rename with renames: moves only, in both stacks that hold the account', async () => {
      const { first, again, unchanged } = await changeRound((yaml) => {
        const accounts = yaml.organization.accounts;
        yaml.organization.accounts = Object.fromEntries(Object.entries(accounts).map(([key, value]) => [key === 'sandbox-alice' ? 'sandbox-a' : key, value]));
        yaml.renames = { accounts: { 'sandbox-alice': 'sandbox-a' } };
      });
      savePlan('rename', first.get('dev-identity-center')!.json!, dev().double.url);
      expect(unchanged).toEqual(['dev-baseline']);
      expect(planned(first)).toEqual({
        'dev-organization': ['move from aws_organizations_account.sandbox-alice aws_organizations_account.sandbox-a'],
        'dev-identity-center': [
          'move from aws_ssoadmin_account_assignment.group_developers__developer__sandbox-alice aws_ssoadmin_account_assignment.group_developers__developer__sandbox-a',
          'move from aws_ssoadmin_account_assignment.group_platform_admins__admin__sandbox-alice aws_ssoadmin_account_assignment.group_platform_admins__admin__sandbox-a',
        ],
      });
      expect(emptyAgain(again)).toEqual([]);
    }, 1_800_000);

    test('a revocation, an update and a delete: an assignment removed, a session duration changed, a set removed', async () => {
      const { first, again, unchanged } = await changeRound((yaml) => {
        yaml.identityCenter.assignments = yaml.identityCenter.assignments.filter((assignment: { user?: string; permissionSets: string[] }) => assignment.user !== 'dev.contractor' && !assignment.permissionSets.includes('Auditor'));
        yaml.identityCenter.permissionSets.Developer.sessionDuration = 'PT4H';
        delete yaml.identityCenter.permissionSets.Auditor;
      });
      savePlan('revoke-update-delete', first.get('dev-identity-center')!.json!, dev().double.url);
      expect(unchanged).toEqual(['dev-baseline', 'dev-organization']);
      expect(planned(first)).toEqual({
        'dev-identity-center': [
          'delete aws_ssoadmin_account_assignment.group_developers__auditor__dev-workloads',
          'delete aws_ssoadmin_account_assignment.user_dev_contractor__poweruser__dev-workloads',
          'delete aws_ssoadmin_managed_policy_attachment.auditor__securityaudit',
          'delete aws_ssoadmin_permission_set.auditor',
          'update aws_ssoadmin_permission_set.developer (session_duration)',
        ],
      });
      expect(emptyAgain(again)).toEqual([]);
    }, 1_800_000);

    test('an expired grant: the synth drops it, the plan only deletes it, and the expiry gate would apply that plan unattended', async () => {
      const saved = process.env[NOW_VARIABLE];
      process.env[NOW_VARIABLE] = '2026-12-02T02:00:00Z';
      try {
        const { first, again, unchanged } = await changeRound((yaml) => {
          const developers = yaml.identityCenter.assignments.find((assignment: { group?: string; permissionSets: string[] }) => assignment.group === 'Developers' && assignment.permissionSets.includes('Developer'));
          Object.assign(developers, { expires: '2026-12-01', reason: 'CHG-2040: the Developers pilot ends with November' });
        });
        const shown = first.get('dev-identity-center')!.json!;
        savePlan('expired-grant', shown, dev().double.url);
        expect(unchanged).toEqual(['dev-baseline', 'dev-organization']);
        const deletions = planned(first)['dev-identity-center'];
        expect(deletions.length).toBeGreaterThan(0);
        for (const change of deletions) expect(change).toMatch(/^delete aws_ssoadmin_account_assignment\.group_developers__developer__[\w-]+$/);
        // The gate as the nightly workflow runs it (review/expiry/cli.ts): this synth's expiry.json and the real `terraform show -json`.
        // changeRound has applied the plan already; the verdict is on the plan's JSON alone.
        const out = join(dev().project.root, 'cdktf.out');
        writeFileSync(join(out, 'stacks', 'dev-identity-center', 'plan.json'), JSON.stringify(shown));
        writeFileSync(join(out, 'planned-stacks.txt'), 'dev-identity-center\n');
        const result = expiryCheck(out);
        expect(result.verdict).toBe('apply');
        for (const change of deletions) expect(result.body).toContain(change.replace(/^delete aws_ssoadmin_account_assignment\.group_developers__developer__/, 'group Developers / Developer / '));
        expect(emptyAgain(again)).toEqual([]);
      } finally {
        if (saved === undefined) delete process.env[NOW_VARIABLE];
        else process.env[NOW_VARIABLE] = saved;
      }
    }, 1_800_000);
  });

  test('the double answered every call Terraform made', () => {
    expect(environments.flatMap((environment) => environment.double.unanswered())).toEqual([]);
  });
});
