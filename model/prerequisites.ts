/**
 * What must exist in AWS before the first apply and that the stacks do not create: the role the
 * stacks assume in an invited member account, and customer managed policies that permission sets
 * reference but the config does not define. Each is a manual step, listed first in MANUAL-STEPS.md,
 * so the apply does not fail half-way with an AssumeRole or provisioning error.
 */
import type { AccountModel, ExistingAccountModel, IdentityCenterModel } from './environment';
import type { ManualStep } from './manual-steps';
import { roleArn, type Partition } from './partition';

export interface PrerequisiteContext {
  readonly partition: Partition;
  readonly accounts: readonly AccountModel[];
  readonly identityCenter: IdentityCenterModel;
  /** Member accounts the baseline stack reaches through their deployment role. */
  readonly baselineMemberAccounts: readonly AccountModel[];
  /** The organization is managed elsewhere (organization.existing). */
  readonly existingOrganization?: boolean;
}

export function prerequisiteSteps(context: PrerequisiteContext): ManualStep[] {
  return [delegatedAdministratorStep(context), memberAccessRoleStep(context), customerManagedPoliciesStep(context)].filter((step): step is ManualStep => step !== undefined);
}

/**
 * An organization managed elsewhere: this project cannot register Identity Center's delegated
 * administrator (only the management account can, and nothing here runs there), so it must be registered
 * before the first plan of the identity-center stack.
 */
function delegatedAdministratorStep(context: PrerequisiteContext): ManualStep | undefined {
  const administrator = context.identityCenter.delegatedAdministrator;
  if (!context.existingOrganization || !administrator) return undefined;
  const id = administrator.accountId ?? `<${administrator.account?.key} account id>`;
  return {
    id: 'IC-DELEGATED-ADMIN',
    title: 'Register the delegated administrator of IAM Identity Center',
    // https://docs.aws.amazon.com/singlesignon/latest/userguide/delegated-admin-how-to-register.html
    why: 'Only the management account can register a delegated administrator (RegisterDelegatedAdministrator), and this environment does not manage the organization; the identity-center stack runs in that account and fails without the delegation.',
    consolePath: 'Management account → IAM Identity Center (in its region) → Settings → Management → Register account',
    actions: [
      `Register account ${id} as the delegated administrator of IAM Identity Center`,
      `Make sure role ${administrator.roleName} exists in ${id} and may administer IAM Identity Center (sso:*, identitystore:*) and read the organization (organizations:Describe*, organizations:List*)`,
    ],
    verify: [`From the management account: aws organizations list-delegated-administrators --service-principal sso.amazonaws.com lists ${id}`],
  };
}

/** Member accounts some stack assumes a role in: the baseline's, and those that get a customer managed policy. */
export function assumedAccounts(context: Omit<PrerequisiteContext, 'partition'>): AccountModel[] {
  const reached = new Set([
    ...context.baselineMemberAccounts.map((account) => account.key),
    ...context.identityCenter.customerManagedPolicies.flatMap((policy) => policy.instances.map((instance) => instance.account.key)),
  ]);
  return context.accounts.filter((account) => reached.has(account.key) && !(account.kind === 'existing' && account.management));
}

function memberAccessRoleStep(context: PrerequisiteContext): ManualStep | undefined {
  const invited = assumedAccounts(context).filter((account): account is ExistingAccountModel => account.kind === 'existing' && account.roleName === undefined);
  if (invited.length === 0) return undefined;
  const management = context.accounts.find((account): account is ExistingAccountModel => account.kind === 'existing' && account.management);
  const trusted = management ? `the management account ${management.id}` : 'the management account';
  const principal = management ? `arn:${context.partition}:iam::${management.id}:root` : `arn:${context.partition}:iam::<management account id>:root`;
  const names = invited.map((account) => `${account.key} (${account.id})`).join(', ');
  const roles = [...new Set(invited.map((account) => account.deploymentRole))].join(', ');
  return {
    id: 'MEMBER-ACCESS-ROLE',
    title: 'Create the deployment role in invited member accounts',
    // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_create-cross-account-role.html
    why: 'Organizations creates OrganizationAccountAccessRole only in the accounts it creates; an invited account has no such role until someone creates it, and without it every AssumeRole of the stacks fails at plan and apply.',
    consolePath: 'Signed in to each account below with a user or role that may create IAM roles → IAM → Roles → Create role → AWS account → Another AWS account',
    actions: [
      `Create role ${roles} in ${names}, trusted by ${trusted}, with AdministratorAccess`,
      ...invited.map((account) => `${account.key} (${account.id}): role name ${account.deploymentRole}; account ID ${management?.id ?? '<management account id>'}; no external ID; permissions AdministratorAccess`),
      `The trust policy this gives: {"Effect": "Allow", "Principal": {"AWS": "${principal}"}, "Action": "sts:AssumeRole"}`,
      'Where the account already has such a role under another name (Control Tower: AWSControlTowerExecution), set organization.accounts.<key>.roleName to it instead; the step then disappears',
    ],
    verify: invited.map(
      (account) => `From the management account: aws sts assume-role --role-arn ${roleArn(context.partition, account.id, account.deploymentRole)} --role-session-name check returns credentials`,
    ),
  };
}

function customerManagedPoliciesStep(context: PrerequisiteContext): ManualStep | undefined {
  const missing = context.identityCenter.undefinedCustomerManagedPolicies;
  if (missing.length === 0) return undefined;
  const where = (accounts: readonly AccountModel[]) => accounts.map((account) => account.key).join(', ');
  return {
    id: 'IC-CUSTOMER-POLICIES',
    title: 'Create the customer managed policies that permission sets reference',
    why: 'IAM Identity Center attaches a customer managed policy or boundary by name and path in every account the permission set is provisioned to; provisioning fails in an account that lacks it, and the config does not define these policies, so nothing creates them.',
    consolePath: 'Each account below → IAM → Policies → Create policy (name and path exactly as listed)',
    actions: [
      ...missing.map((policy) => `${policy.path}${policy.name} (permission set ${policy.permissionSets.join(', ')}) in ${where(policy.accounts)}`),
      'Or define it once under identityCenter.customerManagedPolicies (name, path, a reviewed policy file): the identity-center stack then creates it in every account before the assignments',
    ],
    verify: missing.flatMap((policy) =>
      policy.accounts.map((account) => `aws iam get-policy --policy-arn arn:${context.partition}:iam::${account.kind === 'existing' ? account.id : `<${account.key} account id>`}:policy${policy.path}${policy.name} (in ${account.key})`),
    ),
  };
}
