import { IamAccountAlias } from '@cdktf/provider-aws/lib/iam-account-alias';
import { IamAccountPasswordPolicy } from '@cdktf/provider-aws/lib/iam-account-password-policy';
import { Construct } from 'constructs';
import type { TerraformProvider } from '../lib/cdktf';
import type { PasswordPolicyModel } from '../model/baseline';
import { pinAddress } from './private/address';

export interface IamAccountSettingsProps {
  /**
   * The account alias (the IAM sign-in URL becomes https://<alias>.signin.aws.amazon.com/console).
   * @default - no alias: the sign-in URL keeps the account ID
   */
  readonly alias?: string;
  /** The account password policy. */
  readonly passwordPolicy: PasswordPolicyModel;
  /** Terraform name of a resource in this account: `alias` → `alias` or `log-archive__alias`. */
  readonly address: (name: string) => string;
  /**
   * The provider of the account.
   * @default - the stack's default provider (the management account)
   */
  readonly provider?: TerraformProvider;
}

/** Account-wide IAM settings: `aws_iam_account_alias.alias` and `aws_iam_account_password_policy.password_policy`. */
export class IamAccountSettings extends Construct {
  constructor(scope: Construct, id: string, props: IamAccountSettingsProps) {
    super(scope, id);
    const { passwordPolicy: policy, provider } = props;
    if (props.alias !== undefined) {
      pinAddress(new IamAccountAlias(this, 'alias', { provider, accountAlias: props.alias }), props.address('alias'));
    }
    pinAddress(
      new IamAccountPasswordPolicy(this, 'password_policy', {
        provider,
        minimumPasswordLength: policy.minimumPasswordLength,
        passwordReusePrevention: policy.passwordReusePrevention,
        requireUppercaseCharacters: policy.requireUppercaseCharacters,
        requireLowercaseCharacters: policy.requireLowercaseCharacters,
        requireNumbers: policy.requireNumbers,
        requireSymbols: policy.requireSymbols,
        allowUsersToChangePassword: policy.allowUsersToChangePassword,
        maxPasswordAge: policy.maxPasswordAge,
        hardExpiry: policy.hardExpiry,
      }),
      props.address('password_policy'),
    );
  }
}
