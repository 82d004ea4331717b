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
export const READ_COSTS: Readonly<Record<string, ReadCost>> = {
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
};

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

/** The `--costs` lines of one environment: per stack, and the estate. */
export function planCostLines({ stacks }: Pick<SynthesizedEnvironment, 'stacks'>): string[] {
  const costs = stacks.map(stackPlanCost);
  const lines = [`  plan cost (refresh reads at Identity Center's 20 calls/s per API and account):`];
  for (const cost of costs) {
    if (cost.calls['sso-admin'] + cost.calls.identitystore === 0) continue;
    lines.push(`    ${cost.stack.padEnd(30)} ${String(cost.calls['sso-admin']).padStart(7)} SSO Admin + ${String(cost.calls.identitystore).padStart(6)} Identity Store calls, at least ${formatDuration(cost.seconds)}`);
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
  return costs
    .filter((cost) => cost.resources > max)
    .map((cost) => {
      const fix = cost.stack.includes('-access-')
        ? `move accounts to a shard with room: in ${environment.access.recordFile}, move their keys to another shard's list and add "moved": { "<account>": "<this shard>" }`
        : cost.stack.endsWith('-identity-center')
          ? 'its permission sets, users, groups and memberships alone are over the limit: raise identityCenter.maxResourcesPerStack'
          : 'raise identityCenter.maxResourcesPerStack, or accept the longer plans';
      return `  warning: ${cost.stack} holds ${cost.resources.toLocaleString('en-US')} resources, over identityCenter.maxResourcesPerStack (${max.toLocaleString('en-US')}): ${fix}`;
    });
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
