/**
 * Real Terraform over a sharded environment (test/fixtures/sharded/shop.yaml and its shard record):
 * the access stacks read the identity-center stack's outputs through terraform_remote_state, and an
 * account moving from shard 1 to shard 2 gives `removed { lifecycle { destroy = false } }` in one and
 * `import` blocks whose IDs are expressions in the other. `terraform validate` runs on every stack
 * (Terraform 1.11 parses both blocks in JSON syntax); `terraform plan` on every stack without import
 * blocks (the stand-in answers no ListAccountAssignments, which an import's read would call).
 *
 * Reuses the harness of validate-and-plan.test.ts (terraform-cli.ts, stack-workdir.ts, aws-stand-in.ts)
 * and writes the identity-center stack's applied outputs itself, as that harness does for the
 * organization stack's.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { loadEnvironments } from '../../config/load';
import type { EnvironmentModel } from '../../model/environment';
import { synthesize } from '../../synth/synthesize';
import { identityStoreObjectId, permissionSetArn, STAND_IN_INSTANCE, startAwsStandIn, type AwsStandIn } from './aws-stand-in';
import { appliedOutputs, remoteStateReads, stackDirOf, stateWithOutputs, workingCopy, type StackJson } from './stack-workdir';
import { inCi, runTerraform, terraformAvailability, type CommandResult } from './terraform-cli';
import { bridgeVersion, describeFailure, estateFor, PINNED_AWS_VERSION, type PlanJson } from './terraform-run';

const FIXTURES = resolve(__dirname, '..', 'fixtures', 'sharded');
const availability = terraformAvailability();

interface Run {
  readonly stack: string;
  readonly json: StackJson & { removed?: Array<{ from: string }> };
  readonly validate: CommandResult;
  readonly plan?: CommandResult;
  readonly planJson?: PlanJson;
}

/** What an apply of the identity-center stack would leave as outputs: well-formed fakes the stand-in also knows. */
function identityCenterOutputs(model: EnvironmentModel): Record<string, unknown> {
  const ic = model.identityCenter;
  return {
    instance_arn: STAND_IN_INSTANCE.instanceArn,
    identity_store_id: STAND_IN_INSTANCE.identityStoreId,
    access_portal_url: `https://${STAND_IN_INSTANCE.identityStoreId}.awsapps.com/start`,
    permission_set_arns: Object.fromEntries(ic.permissionSets.map((set) => [set.name, permissionSetArn(set.name)])),
    group_ids: Object.fromEntries(ic.groups.map((group) => [group.address, identityStoreObjectId('group', group.displayName)])),
    user_ids: Object.fromEntries(ic.users.map((user) => [user.address, identityStoreObjectId('user', user.userName)])),
  };
}

if (!availability.ok) {
  if (inCi()) {
    test('Terraform is required in CI', () => {
      throw new Error(`Terraform is required in CI (CI=true): ${availability.reason}`);
    });
  } else {
    test.skip(`real terraform over sharded stacks (skipped: ${availability.reason})`, () => undefined);
  }
} else {
  const setup = availability.setup;
  let model: EnvironmentModel;
  let runs: Run[];
  let root: string;
  let standIn: AwsStandIn;

  beforeAll(async () => {
    [model] = loadEnvironments(relative(process.cwd(), FIXTURES) || FIXTURES);
    root = mkdtempSync(join(tmpdir(), 'tf-sharded-'));
    const synthesized = synthesize([model], join(root, 'cdktf.out'));
    standIn = await startAwsStandIn(estateFor([model]));
    const awsVersion = bridgeVersion(setup);
    const stacks = synthesized[0].stacks.map((stack) => {
      const original = JSON.parse(readFileSync(stack.file, 'utf8')) as StackJson;
      const copy = workingCopy(original, { stackName: stack.name, awsVersion: awsVersion === PINNED_AWS_VERSION ? undefined : awsVersion, endpoint: standIn.url });
      writeFileSync(stack.file, JSON.stringify(copy, null, 2));
      return { name: stack.name, dir: stackDirOf(root, stack.name), original, copy };
    });
    const organization = stacks.find((stack) => stack.name.endsWith('-organization'))!;
    for (const consumer of stacks) {
      for (const read of remoteStateReads(consumer.copy, consumer.dir)) {
        const outputs = read.name === 'organization' ? appliedOutputs(organization.copy) : identityCenterOutputs(model);
        mkdirSync(join(read.path, '..'), { recursive: true });
        writeFileSync(read.path, stateWithOutputs(outputs, setup.version));
      }
    }
    runs = [];
    // One at a time: the machine is shared, and five small stacks take about a minute.
    for (const stack of stacks.filter((s) => !s.name.endsWith('-organization'))) {
      const init = await runTerraform(setup, stack.dir, ['init', '-input=false', '-no-color']);
      if (init.status !== 0) throw new Error(describeFailure(init));
      const validate = await runTerraform(setup, stack.dir, ['validate', '-no-color']);
      const run: Run = { stack: stack.name, json: stack.original, validate };
      if (validate.status === 0 && !(stack.original.import?.length)) {
        const plan = await runTerraform(setup, stack.dir, ['plan', '-input=false', '-no-color', '-lock=false', '-out=tfplan']);
        const show = plan.status === 0 ? await runTerraform(setup, stack.dir, ['show', '-json', '-no-color', 'tfplan']) : undefined;
        runs.push({ ...run, plan, planJson: show?.status === 0 ? (JSON.parse(show.stdout) as PlanJson) : undefined });
      } else {
        runs.push(run);
      }
    }
  }, 600_000);

  afterAll(async () => {
    await standIn?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  const runOf = (stack: string) => runs.find((run) => run.stack === stack)!;

  test('the fixture is sharded as its record says, with dev moving from shard 1 to shard 2', () => {
    expect(runs.map((run) => run.stack)).toEqual(['shop-identity-center', 'shop-access-1', 'shop-access-2', 'shop-access-3']);
    expect(runOf('shop-access-1').json.removed?.map((block) => block.from).sort()).toEqual(
      ['group_okta_auditors__readonly__dev', 'group_platform_admins__admin__dev', 'user_jane_doe_at_example_com__poweruser__dev'].map((name) => `aws_ssoadmin_account_assignment.${name}`),
    );
    expect(runOf('shop-access-2').json.import?.length).toBe(3);
  });

  test('terraform validate accepts every stack: remote state reads, removed blocks with destroy = false, import IDs as expressions', () => {
    expect(runs.filter((run) => run.validate.status !== 0).map((run) => `${run.stack}: ${describeFailure(run.validate)}`)).toEqual([]);
  });

  test('the stacks without imports plan exactly their own resources, every one a create, and release the moved ones without a destroy', () => {
    for (const stack of ['shop-identity-center', 'shop-access-1', 'shop-access-3']) {
      const run = runOf(stack);
      expect({ stack, plan: run.plan?.status }).toEqual({ stack, plan: 0 });
      const managed = (run.planJson?.resource_changes ?? []).filter((change) => change.mode === 'managed');
      const declared = Object.entries(run.json.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`));
      expect(managed.map((change) => change.address).sort()).toEqual(declared.sort());
      expect(managed.filter((change) => change.change.actions.join() !== 'create')).toEqual([]);
    }
    // The identity-center stack of a sharded environment holds no assignment.
    expect(Object.keys(runOf('shop-identity-center').json.resource ?? {})).not.toContain('aws_ssoadmin_account_assignment');
  });

  test('the access stacks read principal and set IDs from the identity-center outputs, leaving nothing for apply time', () => {
    const run = runOf('shop-access-1');
    const assignments = (run.planJson?.resource_changes ?? []).filter((change) => change.type === 'aws_ssoadmin_account_assignment');
    expect(assignments.length).toBeGreaterThan(0);
    expect((run.planJson?.resource_changes ?? []).filter((change) => change.mode === 'data')).toEqual([]);
    const after = (assignments[0].change as { after?: Record<string, unknown> }).after ?? {};
    expect(after.instance_arn).toBe(STAND_IN_INSTANCE.instanceArn);
    expect(String(after.principal_id)).toMatch(/^[0-9a-f]{10}-[0-9a-f]{8}-/);
  });
}
