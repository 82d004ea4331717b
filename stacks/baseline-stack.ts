import { Construct } from 'constructs';
import { propertyAccess, Token, type TerraformProvider } from '../lib/cdktf';
import { baselineAddress, type BaselineAccountModel, type BaselineModel } from '../model/baseline';
import type { EnvironmentModel } from '../model/environment';
import { SecurityContact } from '../modules/alternate-contact';
import { ConfigRecorder } from '../modules/config-recorder';
import { ConfigRules } from '../modules/config-rules';
import { IamAccountSettings } from '../modules/iam-account-settings';
import { IamGroups } from '../modules/iam-groups';
import { IamUsers } from '../modules/iam-users';
import { RequireMfaPolicy } from '../modules/mfa-policy';
import { EnvironmentStack } from './environment-stack';
import { memberAccountProvider } from './member-provider';

export interface BaselineStackProps {
  readonly environment: EnvironmentModel;
  readonly baseline: BaselineModel;
  /** The stack whose `account_ids` output holds the IDs of the accounts it creates. */
  readonly organization: EnvironmentStack;
}

/**
 * `<env>-baseline`: the IAM path of the guides in the management account and in every member account
 * the config names — alias, password policy, the MFA-enforcing policy, groups, individual IAM users,
 * the alternate security contact and the AWS Config rules. Member accounts are reached through a
 * provider per account that assumes its deployment role (OrganizationAccountAccessRole by default).
 */
export class BaselineStack extends EnvironmentStack {
  /** The construct holding each account's resources. */
  private readonly accountScopes = new Map<Construct, BaselineAccountModel>();

  constructor(scope: Construct, props: BaselineStackProps) {
    const { environment, baseline } = props;
    super(scope, `${environment.name}-baseline`, { environment });

    const needsIds = baseline.accounts.some((account) => account.account.kind === 'managed');
    const accountIds = needsIds ? this.remoteStateOf(props.organization, 'organization').get('account_ids') : undefined;
    const userArns: Record<string, Record<string, string>> = {};
    const encryptedPasswords: Record<string, Record<string, string>> = {};

    for (const account of baseline.accounts) {
      const provider = account.management ? undefined : this.memberProvider(environment, account, accountIds);
      const address = (name: string) => baselineAddress(account, name);
      const inAccount = new Construct(this, `Account-${account.account.address}`);
      this.accountScopes.set(inAccount, account);
      new IamAccountSettings(inAccount, 'Settings', { alias: account.alias, passwordPolicy: baseline.passwordPolicy, address, provider });
      const mfa = baseline.requireMfa.enabled ? new RequireMfaPolicy(inAccount, 'RequireMfa', { address: address('require_mfa'), partition: environment.partition, provider }) : undefined;
      const groups = new IamGroups(inAccount, 'Groups', { groups: baseline.groups, requireMfaPolicyArn: mfa?.arn, address, provider });
      const users = new IamUsers(inAccount, 'Users', { users: account.users, groupNameOf: (group) => groups.nameOf(group), address, provider });
      if (account.securityContact) new SecurityContact(inAccount, 'SecurityContact', { contact: account.securityContact, address: address('security_contact'), provider });
      if (baseline.configRules) {
        const recorder =
          baseline.configRules.recorder === 'create' ? new ConfigRecorder(inAccount, 'ConfigRecorder', { deliveryBucket: baseline.configRules.deliveryBucket!, address, provider }).ready : undefined;
        new ConfigRules(inAccount, 'ConfigRules', { rules: account.configRules, recorder, address, provider });
      }
      if (Object.keys(users.arns).length > 0) userArns[account.account.key] = users.arns;
      if (Object.keys(users.encryptedPasswords).length > 0) encryptedPasswords[account.account.key] = users.encryptedPasswords;
    }

    const management = baseline.accounts.find((account) => account.management)!;
    if (management.signinUrl) this.output('signin_url', management.signinUrl, 'IAM user sign-in URL of the management account (from its alias)');
    const signinUrls = Object.fromEntries(baseline.accounts.filter((account) => account.signinUrl).map((account) => [account.account.key, account.signinUrl]));
    if (Object.keys(signinUrls).length > 0) this.output('signin_urls', signinUrls, 'IAM user sign-in URL by account key');
    if (Object.keys(userArns).length > 0) this.output('iam_user_arns', userArns, 'IAM user ARNs by account key and user name');
    if (Object.keys(encryptedPasswords).length > 0) {
      this.output('encrypted_passwords', encryptedPasswords, 'Generated first passwords, PGP-encrypted and base64-encoded, by account key and user name (decrypt: base64 -d | gpg --decrypt)');
    }
  }

  /** The baselined account a resource of this stack belongs to. */
  accountOf(resource: Construct): BaselineAccountModel | undefined {
    return resource.node.scopes.map((scope) => this.accountScopes.get(scope as Construct)).find((account) => account !== undefined);
  }

  /** The account's provider, assuming its deployment role (stacks/member-provider.ts). */
  private memberProvider(environment: EnvironmentModel, account: BaselineAccountModel, accountIds: unknown): TerraformProvider {
    const id = account.account.kind === 'existing' ? account.account.id : Token.asString(propertyAccess(accountIds, [account.account.key]));
    return memberAccountProvider(this, environment, account.account, id, `${environment.name}-baseline`);
  }
}
