import { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import { IamGroupPolicyAttachment } from '@cdktf/provider-aws/lib/iam-group-policy-attachment';
import { Construct } from 'constructs';
import type { TerraformProvider } from '../lib/cdktf';
import { joinAddress, managedPolicyAttachmentName } from '../model/address';
import type { IamGroupModel } from '../model/baseline';
import { pinAddress } from './private/address';

export interface IamGroupsProps {
  /** The groups, Administrators first. */
  readonly groups: readonly IamGroupModel[];
  /**
   * ARN of the MFA-enforcing policy, attached to every group as `<group>__require_mfa`.
   * @default - not attached (baseline.requireMfa.enabled: false)
   */
  readonly requireMfaPolicyArn?: string;
  /** Terraform name of a resource in this account. */
  readonly address: (name: string) => string;
  /**
   * The provider of the account.
   * @default - the stack's default provider (the management account)
   */
  readonly provider?: TerraformProvider;
}

/**
 * IAM groups, `aws_iam_group.<group>`, with their policies: the group's managed policies
 * (`<group>__administratoraccess`), the MFA-enforcing policy and IAMUserChangePassword, so users get
 * every permission through groups and none directly.
 */
export class IamGroups extends Construct {
  private readonly names = new Map<string, string>();

  constructor(scope: Construct, id: string, props: IamGroupsProps) {
    super(scope, id);
    const { provider } = props;
    for (const group of props.groups) {
      const resource = pinAddress(new IamGroup(this, group.address, { provider, name: group.name }), props.address(group.address));
      this.names.set(group.address, resource.name);
      const attach = (name: string, policyArn: string) =>
        pinAddress(new IamGroupPolicyAttachment(this, name, { provider, group: resource.name, policyArn }), props.address(name));
      if (props.requireMfaPolicyArn !== undefined) attach(joinAddress(group.address, 'require_mfa'), props.requireMfaPolicyArn);
      for (const arn of group.managedPolicyArns) attach(managedPolicyAttachmentName(group.address, arn), arn);
    }
  }

  /** The group's name as a reference, so memberships wait for the group. */
  nameOf(address: string): string {
    const name = this.names.get(address);
    if (name === undefined) throw new Error(`IamGroups: no group "${address}"`);
    return name;
  }
}
