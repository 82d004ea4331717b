import { Construct } from 'constructs';
import type { EnvironmentModel, ManagedAccountModel } from '../model/environment';
import { MemberAccounts } from '../modules/member-accounts';
import { Organization } from '../modules/organization';
import { OrganizationalUnits } from '../modules/organizational-units';
import { RootAccessManagement } from '../modules/root-access-management';
import { ServiceControlPolicies } from '../modules/service-control-policies';
import { EnvironmentStack } from './environment-stack';

/** `<env>-organization`: the organization with trusted access, its OUs and member accounts. */
export class OrganizationStack extends EnvironmentStack {
  constructor(scope: Construct, environment: EnvironmentModel) {
    super(scope, `${environment.name}-organization`, { environment });
    const { organization: config } = environment;
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
    const accountIds = config.accounts.map((account) => [account.key, account.kind === 'existing' ? account.id : accounts.idOf(account.key)]);
    this.output('organization_id', organization.resource.id, 'ID of the organization');
    this.output('root_id', organization.rootId, 'ID of the organization root');
    // The identity-center stack reads this output: keep its name and keys stable.
    this.output('account_ids', Object.fromEntries(accountIds), 'Account IDs by config key');
  }
}
