import { Construct } from 'constructs';
import type { EnvironmentModel } from '../model/environment';
import { IdentityCenterStack } from './identity-center-stack';
import { OrganizationStack } from './organization-stack';

/** Every stack of one environment, wired together. */
export interface EnvironmentStacks {
  readonly organization: OrganizationStack;
  readonly identityCenter: IdentityCenterStack;
}

export function addEnvironmentStacks(scope: Construct, environment: EnvironmentModel): EnvironmentStacks {
  const organization = new OrganizationStack(scope, environment);
  const identityCenter = new IdentityCenterStack(scope, { environment, organization });
  return { organization, identityCenter };
}
