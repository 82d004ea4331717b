import { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import { IamUserGroupMembership } from '@cdktf/provider-aws/lib/iam-user-group-membership';
import { IamUserLoginProfile } from '@cdktf/provider-aws/lib/iam-user-login-profile';
import { Construct } from 'constructs';
import type { TerraformProvider } from '../lib/cdktf';
import type { IamUserModel } from '../model/baseline';
import { pinAddress } from './private/address';

export interface IamUsersProps {
  /** The users created in this account, with their groups, tags and PGP key. */
  readonly users: readonly IamUserModel[];
  /** The group's name (a reference) by group address. */
  readonly groupNameOf: (groupAddress: string) => string;
  /** Terraform name of a resource in this account. */
  readonly address: (name: string) => string;
  /**
   * The provider of the account.
   * @default - the stack's default provider (the management account)
   */
  readonly provider?: TerraformProvider;
}

/**
 * Individual IAM users: `aws_iam_user.<name>` with the owner tags and `force_destroy`, `aws_iam_user_group_membership.<name>`
 * (importable, unlike aws_iam_group_membership, which owns a whole group), and, for console users
 * with a PGP key, `aws_iam_user_login_profile.<name>`: a generated password, encrypted with that key,
 * that must be changed at first sign-in. Without a PGP key there is no login profile, so no plaintext
 * password ever reaches the state or an output (manual control IAM-CONSOLE-PASSWORD).
 */
export class IamUsers extends Construct {
  /** ARN by user name. */
  readonly arns: Record<string, string> = {};
  /** Base64 PGP-encrypted generated password by user name (users with a login profile only). */
  readonly encryptedPasswords: Record<string, string> = {};

  constructor(scope: Construct, id: string, props: IamUsersProps) {
    super(scope, id);
    const { provider } = props;
    for (const user of props.users) {
      // force_destroy: a user removed from the config is deleted even with what they made themselves (an
      // MFA device, access keys, a console password set by hand): DeleteUser fails while any exists, and
      // the provider removes them only with force_destroy (internal/service/iam/user.go, resourceUserDelete).
      const resource = pinAddress(new IamUser(this, user.address, { provider, name: user.name, forceDestroy: true, tags: { ...user.tags } }), props.address(user.address));
      this.arns[user.name] = resource.arn;
      // A user outside every group (allowed only while requireMfa is off, as an adopted estate has it) has no membership to manage.
      if (user.groups.length > 0) {
        pinAddress(
          new IamUserGroupMembership(this, `${user.address}_groups`, { provider, user: resource.name, groups: user.groups.map((group) => props.groupNameOf(group.address)) }),
          props.address(user.address),
        );
      }
      if (!user.console || user.pgpKey === undefined) continue;
      const profile = pinAddress(
        new IamUserLoginProfile(this, `${user.address}_login`, {
          provider,
          user: resource.name,
          pgpKey: user.pgpKey,
          passwordResetRequired: true,
          // Create-only: AWS never returns them, so a change would plan a replacement (a new password).
          lifecycle: { ignoreChanges: ['password_length', 'password_reset_required', 'pgp_key'] },
        }),
        props.address(user.address),
      );
      this.encryptedPasswords[user.name] = profile.encryptedPassword;
    }
  }
}
