import { DataAwsSsoadminPermissionSet } from '@cdktf/provider-aws/lib/data-aws-ssoadmin-permission-set';
import { SsoadminCustomerManagedPolicyAttachment } from '@cdktf/provider-aws/lib/ssoadmin-customer-managed-policy-attachment';
import { SsoadminManagedPolicyAttachment } from '@cdktf/provider-aws/lib/ssoadmin-managed-policy-attachment';
import { SsoadminPermissionSet } from '@cdktf/provider-aws/lib/ssoadmin-permission-set';
import { SsoadminPermissionSetInlinePolicy } from '@cdktf/provider-aws/lib/ssoadmin-permission-set-inline-policy';
import { SsoadminPermissionsBoundaryAttachment } from '@cdktf/provider-aws/lib/ssoadmin-permissions-boundary-attachment';
import { Construct } from 'constructs';
import type { ITerraformDependable } from '../lib/cdktf';
import type { PermissionSetModel } from '../model/environment';
import { customerPolicyAttachmentName, managedPolicyAttachmentName } from '../model/address';
import { pinAddress } from './private/address';

export interface PermissionSetProps {
  /** The set: managed here (created with its policies) or existing (looked up by name). */
  readonly permissionSet: PermissionSetModel;
  readonly instanceArn: string;
  /**
   * What must exist before a customer managed policy (or boundary) of this name is attached: the
   * policy in every account the set is provisioned to, since attaching re-provisions the set there.
   * @default - nothing
   */
  readonly customerManagedPolicyDependencies?: (policyName: string) => ITerraformDependable[];
}

/**
 * One permission set with everything attached to it: `aws_ssoadmin_permission_set.<name>` and its
 * managed, customer-managed, inline and boundary policies. An existing set is only looked up.
 */
export class PermissionSet extends Construct {
  readonly arn: string;
  /** The policy attachments; assignments wait for them so a new set is provisioned with its policies. */
  readonly attachments: ITerraformDependable[] = [];

  constructor(scope: Construct, id: string, props: PermissionSetProps) {
    super(scope, id);
    const { permissionSet: set, instanceArn } = props;
    if (set.kind === 'existing') {
      this.arn = pinAddress(new DataAwsSsoadminPermissionSet(this, set.address, { instanceArn, name: set.name }), set.address).arn;
      return;
    }
    const resource = pinAddress(
      new SsoadminPermissionSet(this, set.address, {
        instanceArn,
        name: set.name,
        description: set.description,
        sessionDuration: set.sessionDuration,
        relayState: set.relayState,
        tags: Object.keys(set.tags).length > 0 ? { ...set.tags } : undefined,
      }),
      set.address,
    );
    this.arn = resource.arn;
    const common = { instanceArn, permissionSetArn: resource.arn };
    for (const policyArn of set.managedPolicyArns) {
      const name = managedPolicyAttachmentName(set.address, policyArn);
      this.attachments.push(pinAddress(new SsoadminManagedPolicyAttachment(this, name, { ...common, managedPolicyArn: policyArn }), name));
    }
    const dependsOn = (policyName: string) => {
      const dependencies = props.customerManagedPolicyDependencies?.(policyName) ?? [];
      return dependencies.length > 0 ? dependencies : undefined;
    };
    for (const policy of set.customerManagedPolicies) {
      const name = customerPolicyAttachmentName(set.address, policy);
      this.attachments.push(
        pinAddress(
          new SsoadminCustomerManagedPolicyAttachment(this, name, { ...common, customerManagedPolicyReference: { name: policy.name, path: policy.path }, dependsOn: dependsOn(policy.name) }),
          name,
        ),
      );
    }
    if (set.inlinePolicy !== undefined) {
      this.attachments.push(pinAddress(new SsoadminPermissionSetInlinePolicy(this, set.address + '_inline', { ...common, inlinePolicy: set.inlinePolicy }), set.address));
    }
    if (set.permissionsBoundary !== undefined) {
      const boundary = set.permissionsBoundary;
      this.attachments.push(
        pinAddress(
          new SsoadminPermissionsBoundaryAttachment(this, set.address + '_boundary', {
            ...common,
            permissionsBoundary:
              'managedPolicyArn' in boundary
                ? { managedPolicyArn: boundary.managedPolicyArn }
                : { customerManagedPolicyReference: { name: boundary.customerManagedPolicy.name, path: boundary.customerManagedPolicy.path } },
            dependsOn: 'customerManagedPolicy' in boundary ? dependsOn(boundary.customerManagedPolicy.name) : undefined,
          }),
          set.address,
        ),
      );
    }
  }
}
