import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import type { TerraformProvider } from '../lib/cdktf';
import { Construct } from 'constructs';
import type { PolicyDocument } from '../config/policy-document';
import { REQUIRE_MFA_POLICY_NAME } from '../model/baseline';
import type { Partition } from '../model/partition';
import { pinAddress } from './private/address';

export { REQUIRE_MFA_POLICY_NAME };

/**
 * AWS's documented example "AWS: Allows MFA-authenticated IAM users to manage their own MFA device
 * on the Security credentials page"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_my-sec-creds-self-manage-mfa-only.html),
 * statement for statement, with the one change that page's companion
 * (reference_policies_examples_aws_my-sec-creds-self-manage.html, Note) documents for letting users
 * reset their password at first sign-in: `iam:ChangePassword` and `iam:GetAccountPasswordPolicy`
 * added to DenyAllExceptListedIfNoMFA. Login profiles here require that reset, so without them a new
 * user could never sign in. The statement denies nothing once the user is signed in with MFA.
 */
export const requireMfaPolicy = (partition: Partition): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'AllowViewAccountInfo', Effect: 'Allow', Action: 'iam:ListVirtualMFADevices', Resource: '*' },
    { Sid: 'AllowManageOwnVirtualMFADevice', Effect: 'Allow', Action: ['iam:CreateVirtualMFADevice'], Resource: `arn:${partition}:iam::*:mfa/*` },
    {
      Sid: 'AllowManageOwnUserMFA',
      Effect: 'Allow',
      Action: ['iam:DeactivateMFADevice', 'iam:EnableMFADevice', 'iam:GetUser', 'iam:ListMFADevices', 'iam:ResyncMFADevice'],
      // A policy variable, not a template: the stack's escaping boundary writes it as $${aws:username}.
      Resource: `arn:${partition}:iam::*:user/\${aws:username}`,
    },
    {
      Sid: 'DenyAllExceptListedIfNoMFA',
      Effect: 'Deny',
      NotAction: [
        'iam:CreateVirtualMFADevice',
        'iam:EnableMFADevice',
        'iam:GetUser',
        'iam:ListMFADevices',
        'iam:ListVirtualMFADevices',
        'iam:ResyncMFADevice',
        'sts:GetSessionToken',
        'iam:ChangePassword',
        'iam:GetAccountPasswordPolicy',
      ],
      Resource: '*',
      Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    },
  ],
});

export interface RequireMfaPolicyProps {
  /** Terraform name, e.g. `require_mfa`, or `log-archive__require_mfa` in a member account. */
  readonly address: string;
  /** The partition the ARNs in the document are built for. */
  readonly partition: Partition;
  /**
   * The provider of the account.
   * @default - the stack's default provider (the management account)
   */
  readonly provider?: TerraformProvider;
}

/** The MFA-enforcing customer managed policy: `aws_iam_policy.require_mfa`, attached to every group the baseline creates. */
export class RequireMfaPolicy extends Construct {
  readonly arn: string;

  constructor(scope: Construct, id: string, props: RequireMfaPolicyProps) {
    super(scope, id);
    // "${aws:username}" stays a policy variable: the stack's escaping boundary writes it as $${aws:username}.
    const policy = JSON.stringify(requireMfaPolicy(props.partition));
    this.arn = pinAddress(
      new IamPolicy(this, 'policy', {
        provider: props.provider,
        name: REQUIRE_MFA_POLICY_NAME,
        description: 'Denies everything except managing your own MFA device and password until you sign in with MFA',
        policy,
      }),
      props.address,
    ).arn;
  }
}
