/**
 * The stacks skip cdktf's prepareStack pass (stacks/environment-stack.ts), which only exists to add the
 * outputs of automatic cross-stack references: such a reference must fail loudly, not synthesize a
 * stack that reads an output nobody wrote.
 */
import { OrganizationsOrganization } from '@cdktf/provider-aws/lib/organizations-organization';
import { TerraformOutput, Testing } from '../../lib/cdktf';
import { addEnvironmentStacks } from '../../stacks/environment-stacks';
import { baseConfig, model } from '../helpers/environment';

test('a token of the organization stack used in the identity-center stack is refused with the way to do it', () => {
  const app = Testing.app({ stackTraces: false });
  const stacks = addEnvironmentStacks(app, model(baseConfig()));
  const organization = stacks.organization.node.findAll().find((child): child is OrganizationsOrganization => child instanceof OrganizationsOrganization);
  expect(organization).toBeDefined();
  new TerraformOutput(stacks.identityCenter, 'leak', { value: organization!.id });
  expect(() => Testing.synth(stacks.identityCenter)).toThrow(/references aws_organizations_organization\.\w+, which it does not declare .*remoteStateOf/);
});

test('without such a reference both stacks synthesize, each with only its own outputs', () => {
  const app = Testing.app({ stackTraces: false });
  const stacks = addEnvironmentStacks(app, model(baseConfig()));
  const identityCenter = JSON.parse(Testing.synth(stacks.identityCenter)) as { output?: Record<string, unknown> };
  expect(Object.keys(identityCenter.output ?? {}).some((name) => name.startsWith('cross-stack-output'))).toBe(false);
});
