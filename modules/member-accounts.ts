import { OrganizationsAccount } from '@cdktf/provider-aws/lib/organizations-account';
import { Construct } from 'constructs';
import type { ManagedAccountModel } from '../model/environment';
import { pinAddress } from './private/address';

export interface MemberAccountsProps {
  /** Accounts to create. */
  readonly accounts: readonly ManagedAccountModel[];
  /** Parent ID for an OU path, or the root ID for undefined. */
  readonly parentIdOf: (ouPath: string | undefined) => string;
}

/**
 * Member accounts: `aws_organizations_account.<key>`. An account is never closed by Terraform
 * (`close_on_deletion = false`, `prevent_destroy`), and the create-only arguments `role_name` and
 * `iam_user_access_to_billing` are ignored after creation: AWS never reads them back, so any
 * difference would otherwise plan a replacement — closing the account.
 */
export class MemberAccounts extends Construct {
  private readonly idsByKey = new Map<string, string>();

  constructor(scope: Construct, id: string, props: MemberAccountsProps) {
    super(scope, id);
    for (const account of props.accounts) {
      const resource = pinAddress(
        new OrganizationsAccount(this, account.address, {
          name: account.name,
          email: account.email,
          parentId: props.parentIdOf(account.ouPath),
          closeOnDeletion: false,
          roleName: account.roleName,
          iamUserAccessToBilling: account.iamUserAccessToBilling,
          tags: Object.keys(account.tags).length > 0 ? { ...account.tags } : undefined,
          lifecycle: { preventDestroy: true, ignoreChanges: ['role_name', 'iam_user_access_to_billing'] },
        }),
        account.address,
      );
      this.idsByKey.set(account.key, resource.id);
    }
  }

  /** The account ID (a token until apply) by config key. */
  idOf(key: string): string {
    const accountId = this.idsByKey.get(key);
    if (accountId === undefined) throw new Error(`MemberAccounts: no account "${key}"`);
    return accountId;
  }
}
