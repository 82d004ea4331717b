/**
 * What a `terraform plan` of each stack costs in Identity Center's API (`--costs` on the summary):
 * every resource and data source in state is refreshed by the provider's Read, and each Read makes a
 * known number of calls (below, from terraform-provider-aws). IAM Identity Center's APIs and the
 * Identity Store's APIs each allow 20 calls a second, per account and shared by every plan running at
 * once (IAM Identity Center quotas, "IAM Identity Center throttle limits":
 * https://docs.aws.amazon.com/singlesignon/latest/userguide/limits.html — "IAM Identity Center APIs
 * have a collective throttle maximum of 20 transactions per second (TPS)", and the same for "Identity
 * Store APIs"). The time printed is the least a plan can take at that rate; Terraform's retries on
 * throttling make it longer, never shorter.
 */
import type { EnvironmentModel } from '../model/environment';
import type { SynthesizedEnvironment, SynthesizedStack } from './synthesize';
import { lookupTable } from '../lib/lookup-table';

export type ThrottledApi = 'sso-admin' | 'identitystore';

/** The documented rate of each throttled API, calls per second. */
export const CALLS_PER_SECOND: Readonly<Record<ThrottledApi, number>> = { 'sso-admin': 20, identitystore: 20 };

interface ReadCost {
  readonly api: ThrottledApi;
  /** Calls one refresh makes (at least: a paginated list makes one more per page). */
  readonly calls: number;
  /** What the Read calls, for the README and a reviewer. */
  readonly source: string;
}

/**
 * Calls per refresh, by Terraform type (`data.` for data sources). From hashicorp/terraform-provider-aws,
 * internal/service/ssoadmin/ and internal/service/identitystore/, each resource's Read function.
 */
export const READ_COSTS: Readonly<Record<string, ReadCost>> = lookupTable({
  // account_assignment.go: ListAccountAssignments for the account and set, filtered to the principal (one call per page).
  aws_ssoadmin_account_assignment: { api: 'sso-admin', calls: 1, source: 'ListAccountAssignments' },
  // permission_set.go: DescribePermissionSet, then ListTagsForResource.
  aws_ssoadmin_permission_set: { api: 'sso-admin', calls: 2, source: 'DescribePermissionSet + ListTagsForResource' },
  // managed_policy_attachment.go: ListManagedPoliciesInPermissionSet, filtered to the ARN.
  aws_ssoadmin_managed_policy_attachment: { api: 'sso-admin', calls: 1, source: 'ListManagedPoliciesInPermissionSet' },
  // customer_managed_policy_attachment.go: the same pattern, ListCustomerManagedPolicyReferencesInPermissionSet.
  aws_ssoadmin_customer_managed_policy_attachment: { api: 'sso-admin', calls: 1, source: 'ListCustomerManagedPolicyReferencesInPermissionSet' },
  aws_ssoadmin_permission_set_inline_policy: { api: 'sso-admin', calls: 1, source: 'GetInlinePolicyForPermissionSet' },
  aws_ssoadmin_permissions_boundary_attachment: { api: 'sso-admin', calls: 1, source: 'GetPermissionsBoundaryForPermissionSet' },
  aws_ssoadmin_instance_access_control_attributes: { api: 'sso-admin', calls: 1, source: 'DescribeInstanceAccessControlAttributeConfiguration' },
  'data.aws_ssoadmin_instances': { api: 'sso-admin', calls: 1, source: 'ListInstances' },
  // permission_set_data_source.go: by name, ListPermissionSets and DescribePermissionSet until the name matches.
  'data.aws_ssoadmin_permission_set': { api: 'sso-admin', calls: 2, source: 'ListPermissionSets + DescribePermissionSet (more with many sets)' },
  // user.go, group.go, group_membership.go: one Describe each.
  aws_identitystore_user: { api: 'identitystore', calls: 1, source: 'DescribeUser' },
  aws_identitystore_group: { api: 'identitystore', calls: 1, source: 'DescribeGroup' },
  aws_identitystore_group_membership: { api: 'identitystore', calls: 1, source: 'DescribeGroupMembership' },
  // group_data_source.go, user_data_source.go: GetGroupId (GetUserId) by the alternate identifier, then Describe.
  'data.aws_identitystore_group': { api: 'identitystore', calls: 2, source: 'GetGroupId + DescribeGroup' },
  'data.aws_identitystore_user': { api: 'identitystore', calls: 2, source: 'GetUserId + DescribeUser' },
});

export interface StackPlanCost {
  readonly stack: string;
  readonly resources: number;
  readonly calls: Readonly<Record<ThrottledApi, number>>;
  /** The least time the refresh takes at the documented rates (both APIs at once). */
  readonly seconds: number;
}

export function stackPlanCost(stack: Pick<SynthesizedStack, 'name' | 'resourcesByType' | 'dataSourcesByType'>): StackPlanCost {
  const calls: Record<ThrottledApi, number> = { 'sso-admin': 0, identitystore: 0 };
  const add = (type: string, count: number) => {
    const cost = READ_COSTS[type];
    if (cost) calls[cost.api] += cost.calls * count;
  };
  for (const [type, count] of Object.entries(stack.resourcesByType)) add(type, count);
  for (const [type, count] of Object.entries(stack.dataSourcesByType ?? {})) add(`data.${type}`, count);
  const resources = Object.values(stack.resourcesByType).reduce((sum, count) => sum + count, 0);
  return { stack: stack.name, resources, calls, seconds: Math.max(calls['sso-admin'] / CALLS_PER_SECOND['sso-admin'], calls.identitystore / CALLS_PER_SECOND.identitystore) };
}

/** `45 s`, `12 min`, `1.4 h`. */
export function formatDuration(seconds: number): string {
  if (seconds < 90) return `${Math.ceil(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** Share of a quota at which the summary warns: room for one more round of growth. */
export const QUOTA_WARNING_SHARE = 0.8;

/**
 * A grant to the accounts an existing organization holds at plan time (`organization.existing` with
 * an OU or all-accounts target): one resource with an instance per account ID (for_each over data
 * sources, modules/organization-account-assignments.ts), so synth cannot count its instances. What is
 * known: the accounts the file names that the targets reach (a lower bound: Account Factory adds others).
 */
export interface PlanTimeGrant {
  readonly address: string;
  /** `OU Workloads`, `every account`, `every account but the management account`. */
  readonly targets: readonly string[];
  /** Accounts the file names that the grant reaches through its targets (not those it names under `accounts:`, which have their own assignments). */
  readonly knownAccounts: number;
}

export function planTimeGrants(environment: EnvironmentModel): PlanTimeGrant[] {
  const accounts = environment.organization.accounts.filter((account) => !(account.kind === 'existing' && account.closed));
  return environment.identityCenter.organizationAssignments.map((grant) => {
    const excluded = new Set(grant.excludedAccountIds);
    const reached = accounts.filter((account) => {
      if (account.kind === 'existing' && excluded.has(account.id)) return false;
      if (grant.allAccounts) return true;
      if (grant.allAccountsExceptManagement) return !(account.kind === 'existing' && account.management);
      return account.ouPath !== undefined && grant.organizationalUnits.some((ou) => account.ouPath === ou || account.ouPath!.startsWith(`${ou}/`));
    });
    const targets = grant.allAccounts ? ['every account'] : grant.allAccountsExceptManagement ? ['every account but the management account'] : grant.organizationalUnits.map((ou) => `OU ${ou}`);
    return { address: `aws_ssoadmin_account_assignment.${grant.address}`, targets, knownAccounts: reached.length };
  });
}

/** The stack that holds the plan-time grants: they are never sharded (their instances are unknown at synth). */
const holdsPlanTimeGrants = (environment: EnvironmentModel, stack: string) => stack === `${environment.name}-identity-center`;

/** `OU Workloads (2 grants), every account (1 grant)`: the targets whose accounts are read at plan time. */
function targetsText(grants: readonly PlanTimeGrant[]): string {
  const counts = new Map<string, number>();
  for (const grant of grants) for (const target of grant.targets) counts.set(target, (counts.get(target) ?? 0) + 1);
  return [...counts].map(([target, count]) => `${target} (${count} ${count === 1 ? 'grant' : 'grants'})`).join(', ');
}

/** The `--costs` lines of one environment: per stack, and the estate. */
export function planCostLines({ environment, stacks }: Pick<SynthesizedEnvironment, 'stacks'> & { readonly environment?: EnvironmentModel }): string[] {
  const costs = stacks.map(stackPlanCost);
  const grants = environment ? planTimeGrants(environment) : [];
  const lines = [`  plan cost (refresh reads at Identity Center's 20 calls/s per API and account):`];
  for (const cost of costs) {
    if (cost.calls['sso-admin'] + cost.calls.identitystore === 0) continue;
    const planTime = environment && holdsPlanTimeGrants(environment, cost.stack) ? grants : [];
    if (planTime.length === 0) {
      lines.push(`    ${cost.stack.padEnd(30)} ${String(cost.calls['sso-admin']).padStart(7)} SSO Admin + ${String(cost.calls.identitystore).padStart(6)} Identity Store calls, at least ${formatDuration(cost.seconds)}`);
      continue;
    }
    // Each plan-time grant counts once in resourcesByType; its instances are one ListAccountAssignments per account.
    const known = cost.calls['sso-admin'] - planTime.length;
    const lowerBound = planTime.reduce((sum, grant) => sum + grant.knownAccounts, 0);
    const seconds = Math.max((known + lowerBound) / CALLS_PER_SECOND['sso-admin'], cost.calls.identitystore / CALLS_PER_SECOND.identitystore);
    lines.push(
      `    ${cost.stack.padEnd(30)} ${String(known).padStart(7)} SSO Admin + ${String(cost.calls.identitystore).padStart(6)} Identity Store calls known, ` +
        `+ 1 SSO Admin call per account of ${targetsText(planTime)} at plan time (at least ${lowerBound} from the accounts this file names): at least ${formatDuration(seconds)}`,
    );
  }
  const total = costs.reduce((sum, cost) => ({ sso: sum.sso + cost.calls['sso-admin'], ids: sum.ids + cost.calls.identitystore }), { sso: 0, ids: 0 });
  const largest = costs.reduce((most, cost) => (cost.seconds > most.seconds ? cost : most), costs[0]);
  lines.push(
    `    every stack: ${total.sso} + ${total.ids} calls, at least ${formatDuration(Math.max(total.sso, total.ids) / 20)} (the rate is shared: stacks planned at once add up); ` +
      `a change planned alone costs its own stack's reads (largest: ${largest.stack}, ${formatDuration(largest.seconds)})`,
  );
  return lines;
}

/** Stacks over identityCenter.maxResourcesPerStack and an estate near AWS's quotas: printed with every summary. */
export function sizeAndQuotaWarnings({ environment, stacks }: Pick<SynthesizedEnvironment, 'environment' | 'stacks'>): string[] {
  return [...sizeWarnings(environment, stacks.map(stackPlanCost)), ...quotaWarnings(environment)];
}

function sizeWarnings(environment: EnvironmentModel, costs: readonly StackPlanCost[]): string[] {
  const max = environment.access.maxResourcesPerStack;
  const grants = planTimeGrants(environment);
  const planTime = new Map(costs.map((cost) => [cost.stack, grants.length > 0 && holdsPlanTimeGrants(environment, cost.stack) ? planTimeWarning(environment, cost, grants) : []]));
  const sized = costs
    .filter((cost) => cost.resources > max && planTime.get(cost.stack)!.length === 0)
    .map((cost) => {
      const fix = cost.stack.includes('-access-')
        ? `move accounts to a shard with room: in ${environment.access.recordFile}, move their keys to another shard's list and add "moved": { "<account>": "<this shard>" }`
        : cost.stack.endsWith('-identity-center')
          ? 'its permission sets, users, groups and memberships alone are over the limit: raise identityCenter.maxResourcesPerStack'
          : 'raise identityCenter.maxResourcesPerStack, or accept the longer plans';
      return `  warning: ${cost.stack} holds ${cost.resources.toLocaleString('en-US')} resources, over identityCenter.maxResourcesPerStack (${max.toLocaleString('en-US')}): ${fix}`;
    });
  return [...[...planTime.values()].flat(), ...sized];
}

/**
 * The stack with plan-time grants, when the accounts the file names already bring it to
 * QUOTA_WARNING_SHARE of the limit: each account the targets gain adds an instance per grant, and
 * those instances are not sharded.
 */
function planTimeWarning(environment: EnvironmentModel, cost: StackPlanCost, grants: readonly PlanTimeGrant[]): string[] {
  const max = environment.access.maxResourcesPerStack;
  const lowerBound = cost.resources - grants.length + grants.reduce((sum, grant) => sum + grant.knownAccounts, 0);
  if (lowerBound < max * QUOTA_WARNING_SHARE) return [];
  const share = lowerBound > max ? 'over' : `${Math.round((lowerBound / max) * 100)} % of`;
  return [
    `  warning: ${cost.stack} holds at least ${lowerBound.toLocaleString('en-US')} resources at plan time, ${share} identityCenter.maxResourcesPerStack (${max.toLocaleString('en-US')}), ` +
      `and ${grants.length === 1 ? 'its grant adds an instance' : `its ${grants.length} grants add an instance each`} per account of ${targetsText(grants)}: ` +
      'plan-time grants are not sharded (only the plan knows their accounts); name the accounts under accounts: instead (their assignments go to the access stacks), or raise identityCenter.maxResourcesPerStack and accept the longer plans',
  ];
}

/** Near AWS's quotas (config/validate/aws-limits.ts refuses a config over them; these warn before). */
function quotaWarnings(environment: EnvironmentModel): string[] {
  const ic = environment.identityCenter;
  const { permissionSetsPerInstance, permissionSetsPerAccount } = ic.quotas;
  const warnings: string[] = [];
  const sets = ic.permissionSets.length;
  if (sets >= permissionSetsPerInstance * QUOTA_WARNING_SHARE) {
    warnings.push(`  warning: ${sets} permission sets, ${Math.round((sets / permissionSetsPerInstance) * 100)} % of the ${permissionSetsPerInstance} Identity Center allows per instance: request an increase of "Number of permission sets allowed in IAM Identity Center" in Service Quotas, then set identityCenter.quotas.permissionSetsPerInstance`);
  }
  const setsByAccount = new Map<string, Set<string>>();
  for (const assignment of ic.assignments) {
    const set = setsByAccount.get(assignment.account.key) ?? new Set<string>();
    set.add(assignment.permissionSetAddress);
    setsByAccount.set(assignment.account.key, set);
  }
  const near = [...setsByAccount].filter(([, set]) => set.size >= permissionSetsPerAccount * QUOTA_WARNING_SHARE).sort((a, b) => b[1].size - a[1].size);
  if (near.length > 0) {
    const [account, set] = near[0];
    warnings.push(
      `  warning: ${near.length === 1 ? `account ${account} has` : `${near.length} accounts have (most: ${account},`} ${set.size} permission sets provisioned${near.length === 1 ? '' : ')'}, near the ${permissionSetsPerAccount} Identity Center allows per account: ` +
        'request an increase of "Number of provisioned permission sets allowed per AWS account", then set identityCenter.quotas.permissionSetsPerAccount',
    );
  }
  return warnings;
}
