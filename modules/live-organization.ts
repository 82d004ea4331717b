import { DataAwsOrganizationsOrganization } from '@cdktf/provider-aws/lib/data-aws-organizations-organization';
import { DataAwsOrganizationsOrganizationalUnit } from '@cdktf/provider-aws/lib/data-aws-organizations-organizational-unit';
import { DataAwsOrganizationsOrganizationalUnitDescendantAccounts } from '@cdktf/provider-aws/lib/data-aws-organizations-organizational-unit-descendant-accounts';
import { Construct } from 'constructs';
import type { OrganizationalUnitModel } from '../model/environment';
import { joinAddress } from '../model/address';
import { pinAddress } from './private/address';

export interface LiveOrganizationProps {
  /** The OUs this file names, parents before children (model: OrganizationModel.organizationalUnits). */
  readonly units: readonly OrganizationalUnitModel[];
  /** OU paths whose accounts are read (an OU target). */
  readonly accountsOf: readonly string[];
  /** Read every account of the organization (an all-accounts target). */
  readonly allAccounts: boolean;
}

/** `data.aws_organizations_organizational_unit_descendant_accounts.<name>` for an OU path, or the whole organization. */
const DESCENDANTS_OF_ROOT = 'all_accounts';
/** `ou__workloads__prod`: the `ou` part keeps it apart from `all_accounts`, as no single address part contains `__`. */
const descendantsName = (path: string) => joinAddress('ou', ...path.split('/'));

/**
 * An organization managed elsewhere, read at plan time and never changed: the organization
 * (`data.aws_organizations_organization.organization`: root and management account), each OU the file
 * names looked up by name under its parent (`data.aws_organizations_organizational_unit.<ou>`, an error at
 * plan time when it is missing), and the accounts at any depth below each OU a target names
 * (`data.aws_organizations_organizational_unit_descendant_accounts.ou__<ou>`, `.all_accounts` for the root).
 *
 * The provider reads them with ListAccounts and ListRoots (organization_data_source.go), ListOrganizationalUnitsForParent
 * (organizational_unit_data_source.go) and ListAccountsForParent and ListOrganizationalUnitsForParent recursively
 * (organizational_unit_descendant_accounts_data_source.go, hashicorp/terraform-provider-aws internal/service/organizations/):
 * the management account, or a member account that is a delegated administrator, may call them.
 */
export class LiveOrganization extends Construct {
  private readonly organization: DataAwsOrganizationsOrganization;
  private readonly ouIds = new Map<string, string>();
  private readonly descendants = new Set<string>();

  constructor(scope: Construct, id: string, props: LiveOrganizationProps) {
    super(scope, id);
    this.organization = pinAddress(new DataAwsOrganizationsOrganization(this, 'organization', {}), 'organization');
    const rootId = this.organization.roots.get(0).id;
    // Only the OUs on the way to a target are looked up: an OU the file names for nothing costs no call.
    const needed = new Set<string>();
    for (const path of props.accountsOf) {
      const parts = path.split('/');
      for (let i = 1; i <= parts.length; i++) needed.add(parts.slice(0, i).join('/'));
    }
    for (const unit of props.units) {
      if (!needed.has(unit.path)) continue;
      const parentId = unit.parentPath === undefined ? rootId : this.ouIds.get(unit.parentPath)!;
      const ou = pinAddress(new DataAwsOrganizationsOrganizationalUnit(this, `ou-${unit.address}`, { name: unit.name, parentId }), unit.address);
      this.ouIds.set(unit.path, ou.id);
    }
    for (const path of props.accountsOf) {
      const name = descendantsName(path);
      pinAddress(new DataAwsOrganizationsOrganizationalUnitDescendantAccounts(this, `accounts-${name}`, { parentId: this.ouIds.get(path)! }), name);
      this.descendants.add(path);
    }
    if (props.allAccounts) {
      pinAddress(new DataAwsOrganizationsOrganizationalUnitDescendantAccounts(this, 'accounts-all', { parentId: rootId }), DESCENDANTS_OF_ROOT);
    }
  }

  /**
   * A Terraform expression (without `${}`) for the IDs of the active accounts below an OU, or of the
   * whole organization (undefined). `status` is ACTIVE, SUSPENDED or PENDING_CLOSURE (Organizations
   * Account.Status; hashicorp/aws 6.x adds `state` beside it): a closed or closing account gets no access.
   */
  activeAccountIds(path?: string): string {
    if (path !== undefined && !this.descendants.has(path)) throw new Error(`bug: the accounts of OU ${path} are not read`);
    const source = `data.aws_organizations_organizational_unit_descendant_accounts.${path === undefined ? DESCENDANTS_OF_ROOT : descendantsName(path)}`;
    return `[for account in ${source}.accounts : account.id if account.status == "ACTIVE"]`;
  }

  /** The management account's ID, as an expression (without `${}`). */
  get managementAccountId(): string {
    return 'data.aws_organizations_organization.organization.master_account_id';
  }

  /** The root's ID (a token). */
  get rootId(): string {
    return this.organization.roots.get(0).id;
  }

  /** The organization's ID (a token). */
  get organizationId(): string {
    return this.organization.id;
  }
}
