import { OrganizationsDelegatedAdministrator } from '@cdktf/provider-aws/lib/organizations-delegated-administrator';
import { Construct } from 'constructs';
import type { ITerraformDependable } from '../lib/cdktf';
import { pinAddress } from './private/address';

export interface IdentityCenterDelegationProps {
  /** The member account that administers Identity Center. */
  readonly accountId: string;
  /** The organization, whose trusted access for sso.amazonaws.com the registration needs. */
  readonly organization: ITerraformDependable;
}

/** The service principal of IAM Identity Center (https://docs.aws.amazon.com/organizations/latest/userguide/services-that-can-integrate-sso.html). */
export const IDENTITY_CENTER_SERVICE_PRINCIPAL = 'sso.amazonaws.com';

/**
 * `aws_organizations_delegated_administrator.identity_center`: registers a member account as IAM
 * Identity Center's delegated administrator (RegisterDelegatedAdministrator, management account only;
 * IAM Identity Center supports one at a time: https://docs.aws.amazon.com/singlesignon/latest/userguide/delegated-admin-how-to-register.html).
 */
export class IdentityCenterDelegation extends Construct {
  constructor(scope: Construct, id: string, props: IdentityCenterDelegationProps) {
    super(scope, id);
    pinAddress(
      new OrganizationsDelegatedAdministrator(this, 'identity_center', {
        accountId: props.accountId,
        servicePrincipal: IDENTITY_CENTER_SERVICE_PRINCIPAL,
        dependsOn: [props.organization],
      }),
      'identity_center',
    );
  }
}
