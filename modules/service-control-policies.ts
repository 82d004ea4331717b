import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { OrganizationsPolicyAttachment } from '@cdktf/provider-aws/lib/organizations-policy-attachment';
import { Construct } from 'constructs';
import type { ITerraformDependable } from '../lib/cdktf';
import type { ServiceControlPolicyModel } from '../model/baseline';
import { pinAddress } from './private/address';

export interface ServiceControlPoliciesProps {
  /** The policies with their compact JSON documents and targets. */
  readonly policies: readonly ServiceControlPolicyModel[];
  /** ID of the organization root (r-xxxx). */
  readonly rootId: string;
  /** OU ID by path. */
  readonly ouIdOf: (path: string) => string;
  /** The organization, whose SERVICE_CONTROL_POLICY type must be enabled first. */
  readonly organization: ITerraformDependable;
}

/**
 * Service control policies from the reviewed JSON files: `aws_organizations_policy.<name>`, attached
 * as `aws_organizations_policy_attachment.<name>__root` or `<name>__<ou>`.
 */
export class ServiceControlPolicies extends Construct {
  constructor(scope: Construct, id: string, props: ServiceControlPoliciesProps) {
    super(scope, id);
    for (const scp of props.policies) {
      const policy = pinAddress(
        new OrganizationsPolicy(this, scp.address, {
          name: scp.name,
          description: scp.description ?? `Reviewed service control policy ${scp.file}`,
          type: 'SERVICE_CONTROL_POLICY',
          content: scp.content,
          tags: Object.keys(scp.tags).length > 0 ? { ...scp.tags } : undefined,
          dependsOn: [props.organization],
        }),
        scp.address,
      );
      for (const target of scp.targets) {
        pinAddress(
          new OrganizationsPolicyAttachment(this, target.attachmentAddress, {
            policyId: policy.id,
            targetId: target.kind === 'root' ? props.rootId : props.ouIdOf(target.path),
          }),
          target.attachmentAddress,
        );
      }
    }
  }
}
