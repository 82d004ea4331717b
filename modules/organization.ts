import { OrganizationsOrganization } from '@cdktf/provider-aws/lib/organizations-organization';
import { Construct } from 'constructs';
import { pinAddress } from './private/address';

export interface OrganizationProps {
  /** Trusted access: service principals such as sso.amazonaws.com. */
  readonly servicePrincipals: readonly string[];
  /** Policy types enabled on the root, e.g. SERVICE_CONTROL_POLICY. */
  readonly policyTypes: readonly string[];
  /**
   * Leave the root's enabled policy types as AWS has them (ignore_changes): AWS has one enabled that
   * the provider cannot name, so any list Terraform writes would disable it. Default false.
   */
  readonly leavePolicyTypes?: boolean;
}

/** AWS Organizations with all features, protected from `terraform destroy`. */
export class Organization extends Construct {
  /** `aws_organizations_organization.organization` */
  readonly resource: OrganizationsOrganization;
  /** ID of the organization root (r-xxxx). */
  readonly rootId: string;

  constructor(scope: Construct, id: string, props: OrganizationProps) {
    super(scope, id);
    this.resource = pinAddress(
      new OrganizationsOrganization(this, 'organization', {
        featureSet: 'ALL',
        awsServiceAccessPrincipals: [...props.servicePrincipals],
        enabledPolicyTypes: [...props.policyTypes],
        lifecycle: { preventDestroy: true, ...(props.leavePolicyTypes ? { ignoreChanges: ['enabled_policy_types'] } : {}) },
      }),
      'organization',
    );
    this.rootId = this.resource.roots.get(0).id;
  }
}
