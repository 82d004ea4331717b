import { IamOrganizationsFeatures } from '@cdktf/provider-aws/lib/iam-organizations-features';
import { Construct } from 'constructs';
import type { ITerraformDependable } from '../lib/cdktf';
import { pinAddress } from './private/address';

export interface RootAccessManagementProps {
  /** The organization, which must trust iam.amazonaws.com before the features can be enabled. */
  readonly organization: ITerraformDependable;
}

/**
 * Centralized root access for member accounts: `aws_iam_organizations_features.root_access` with
 * RootCredentialsManagement (remove and audit member root credentials from the management account)
 * and RootSessions (short privileged root sessions instead of root sign-ins).
 */
export class RootAccessManagement extends Construct {
  constructor(scope: Construct, id: string, props: RootAccessManagementProps) {
    super(scope, id);
    pinAddress(
      new IamOrganizationsFeatures(this, 'root_access', {
        enabledFeatures: ['RootCredentialsManagement', 'RootSessions'],
        dependsOn: [props.organization],
      }),
      'root_access',
    );
  }
}
