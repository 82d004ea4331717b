import { Construct } from 'constructs';
import type { EnvironmentModel } from '../model/environment';
import { BaselineStack } from './baseline-stack';
import { IdentityCenterStack } from './identity-center-stack';
import { OrganizationStack } from './organization-stack';

/** Every stack of one environment, wired together. */
export interface EnvironmentStacks {
  readonly organization: OrganizationStack;
  readonly identityCenter: IdentityCenterStack;
  /** Only when the environment has a `baseline:` section. */
  readonly baseline?: BaselineStack;
}

export function addEnvironmentStacks(scope: Construct, environment: EnvironmentModel): EnvironmentStacks {
  const organization = new OrganizationStack(scope, environment);
  const identityCenter = new IdentityCenterStack(scope, { environment, organization });
  if (!environment.baseline) return { organization, identityCenter };
  return { organization, identityCenter, baseline: new BaselineStack(scope, { environment, baseline: environment.baseline, organization }) };
}
