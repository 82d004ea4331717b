import { DataAwsOrganizationsOrganization } from '@cdktf/provider-aws/lib/data-aws-organizations-organization';
import { Construct } from 'constructs';
import type { EnvironmentModel, ManagedAccountModel } from '../model/environment';
import { IdentityCenterDelegation } from '../modules/identity-center-delegation';
import { MemberAccounts } from '../modules/member-accounts';
import { pinAddress } from '../modules/private/address';
import { Organization } from '../modules/organization';
import { OrganizationalUnits } from '../modules/organizational-units';
import { RootAccessManagement } from '../modules/root-access-management';
import { ServiceControlPolicies } from '../modules/service-control-policies';
import { EnvironmentStack } from './environment-stack';

/**
 * `<env>-organization`: the organization with trusted access, its OUs and member accounts, and the
 * registration of Identity Center's delegated administrator; for an organization managed elsewhere,
 * only a read of it and the same outputs.
 */
export class OrganizationStack extends EnvironmentStack {
  constructor(scope: Construct, environment: EnvironmentModel) {
    super(scope, `${environment.name}-organization`, { environment });
    const { organization: config } = environment;
    if (config.existing) {
      this.readExistingOrganization(environment);
      return;
    }
    const organization = new Organization(this, 'Organization', { servicePrincipals: config.servicePrincipals, policyTypes: config.policyTypes, leavePolicyTypes: config.unmanagedPolicyTypes.length > 0 });
    const units = new OrganizationalUnits(this, 'OrganizationalUnits', { units: config.organizationalUnits, rootId: organization.rootId });
    const managed = config.accounts.filter((account): account is ManagedAccountModel => account.kind === 'managed');
    const accounts = new MemberAccounts(this, 'MemberAccounts', {
      accounts: managed,
      parentIdOf: (path) => (path === undefined ? organization.rootId : units.idOf(path)),
    });
    // The baseline's guardrails: service control policies and centralized root access for member accounts.
    const guardrails = environment.baseline?.organization;
    if (guardrails && guardrails.serviceControlPolicies.length > 0) {
      new ServiceControlPolicies(this, 'ServiceControlPolicies', {
        policies: guardrails.serviceControlPolicies,
        rootId: organization.rootId,
        ouIdOf: (path) => units.idOf(path),
        organization: organization.resource,
      });
    }
    if (guardrails?.centralizedRootAccess) new RootAccessManagement(this, 'RootAccessManagement', { organization: organization.resource });
    const administrator = environment.identityCenter.delegatedAdministrator;
    if (administrator) {
      // The delegation runs in the management account (RegisterDelegatedAdministrator), after trusted access for sso.amazonaws.com.
      new IdentityCenterDelegation(this, 'IdentityCenterDelegation', {
        accountId: administrator.accountId ?? accounts.idOf(administrator.account!.key),
        organization: organization.resource,
      });
    }
    const accountIds = config.accounts.map((account) => [account.key, account.kind === 'existing' ? account.id : accounts.idOf(account.key)]);
    this.output('organization_id', organization.resource.id, 'ID of the organization');
    this.output('root_id', organization.rootId, 'ID of the organization root');
    // The identity-center stack reads this output: keep its name and keys stable.
    this.output('account_ids', Object.fromEntries(accountIds), 'Account IDs by config key');
  }

  /**
   * An organization managed elsewhere: read, never written. The stack keeps its outputs, so the
   * stacks that read them are the same in both kinds of organization; every account here is
   * referenced by ID (config/validate/existing-organization.ts).
   */
  private readExistingOrganization(environment: EnvironmentModel): void {
    const live = pinAddress(new DataAwsOrganizationsOrganization(this, 'organization', {}), 'organization');
    const accountIds = environment.organization.accounts.map((account) => [account.key, account.kind === 'existing' ? account.id : '']);
    this.output('organization_id', live.id, 'ID of the organization');
    this.output('root_id', live.roots.get(0).id, 'ID of the organization root');
    this.output('account_ids', Object.fromEntries(accountIds), 'Account IDs by config key');
  }
}
