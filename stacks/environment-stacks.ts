import { Construct } from 'constructs';
import type { EnvironmentModel } from '../model/environment';
import { AccessStack } from './access-stack';
import { BaselineStack } from './baseline-stack';
import type { EnvironmentStack } from './environment-stack';
import { IdentityCenterStack } from './identity-center-stack';
import { OrganizationStack } from './organization-stack';
import { StackReference } from './stack-reference';

/** Every stack of one environment, wired together. */
export interface EnvironmentStacks {
  readonly organization: OrganizationStack;
  readonly identityCenter: IdentityCenterStack;
  /** Only when the environment has a `baseline:` section. */
  readonly baseline?: BaselineStack;
  /** `<env>-access-<shard>`, in shard order; none in an unsharded environment. */
  readonly access: readonly AccessStack[];
}

/** All of an environment's stacks in one scope (tests; synth builds them one at a time, below). */
export function addEnvironmentStacks(scope: Construct, environment: EnvironmentModel): EnvironmentStacks {
  const organization = new OrganizationStack(scope, environment);
  const identityCenter = new IdentityCenterStack(scope, { environment, organization });
  const access = environment.access.shards.map((shard) => new AccessStack(scope, { environment, shard, identityCenter, organization }));
  const baseline = environment.baseline ? new BaselineStack(scope, { environment, baseline: environment.baseline, organization }) : undefined;
  return { organization, identityCenter, ...(baseline ? { baseline } : {}), access };
}

export type StackKind = 'organization' | 'identityCenter' | 'baseline' | 'access';

/** One stack of an environment, built on demand into a scope of its own. */
export interface StackBuilder {
  readonly name: string;
  readonly kind: StackKind;
  build(scope: Construct): EnvironmentStack;
}

/**
 * The environment's stacks in dependency order, each built alone: the stacks read each other only
 * through remote state, so a reader gets a StackReference of the stack it reads (made in
 * `referenceScope`, which is never synthesized), and synth can write and drop one stack's construct
 * tree before it builds the next (synth/synthesize.ts).
 */
export function environmentStackBuilders(environment: EnvironmentModel, referenceScope: Construct): StackBuilder[] {
  const name = environment.name;
  let organizationReference: StackReference | undefined;
  let identityCenterReference: StackReference | undefined;
  const organization = () => (organizationReference ??= new StackReference(referenceScope, `${name}-organization`, environment));
  const identityCenter = () => (identityCenterReference ??= new StackReference(referenceScope, `${name}-identity-center`, environment));
  return [
    { name: `${name}-organization`, kind: 'organization', build: (scope) => new OrganizationStack(scope, environment) },
    { name: `${name}-identity-center`, kind: 'identityCenter', build: (scope) => new IdentityCenterStack(scope, { environment, organization: organization() }) },
    ...environment.access.shards.map((shard): StackBuilder => ({
      name: shard.stackName,
      kind: 'access',
      build: (scope) => new AccessStack(scope, { environment, shard, identityCenter: identityCenter(), organization: organization() }),
    })),
    ...(environment.baseline
      ? [{ name: `${name}-baseline`, kind: 'baseline' as const, build: (scope: Construct) => new BaselineStack(scope, { environment, baseline: environment.baseline!, organization: organization() }) }]
      : []),
  ];
}
