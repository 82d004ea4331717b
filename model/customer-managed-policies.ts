/**
 * Where each customer managed policy must exist: in every account a managed permission set that
 * references it (customerManagedPolicies or a customer managed permissions boundary) is assigned to.
 * Policies the config defines are created there; the others are listed as a prerequisite.
 */
import type { CustomerManagedPolicyConfig, CustomerManagedPolicyRef } from '../config/schema';
import type { PolicyFiles } from '../config/policy-files';
import { joinAddress } from './address';
import type {
  AccountModel,
  AssignmentModel,
  CustomerManagedPolicyModel,
  ManagedPermissionSetModel,
  PermissionSetModel,
  UndefinedCustomerManagedPolicyModel,
} from './environment';

/** Every customer managed policy a set references, its boundary included. */
export function customerManagedReferences(set: ManagedPermissionSetModel): CustomerManagedPolicyRef[] {
  const boundary = set.permissionsBoundary;
  return [...set.customerManagedPolicies, ...(boundary && 'customerManagedPolicy' in boundary ? [boundary.customerManagedPolicy] : [])];
}

export function buildCustomerManagedPolicies(
  defined: Readonly<Record<string, CustomerManagedPolicyConfig>>,
  permissionSets: readonly PermissionSetModel[],
  assignments: readonly AssignmentModel[],
  accounts: readonly AccountModel[],
  files: PolicyFiles,
): { policies: CustomerManagedPolicyModel[]; undefinedPolicies: UndefinedCustomerManagedPolicyModel[] } {
  const accountsBySet = new Map<string, Set<string>>();
  for (const assignment of assignments) {
    accountsBySet.set(assignment.permissionSetName, (accountsBySet.get(assignment.permissionSetName) ?? new Set()).add(assignment.account.key));
  }
  // Policy name → account keys and referencing sets. IAM has one policy of a name per account, so the name is the key.
  const needed = new Map<string, { reference: CustomerManagedPolicyRef; accounts: Set<string>; sets: string[] }>();
  for (const set of permissionSets) {
    if (set.kind !== 'managed') continue;
    const assigned = accountsBySet.get(set.name) ?? new Set<string>();
    for (const reference of customerManagedReferences(set)) {
      const entry = needed.get(reference.name) ?? { reference, accounts: new Set<string>(), sets: [] };
      for (const key of assigned) entry.accounts.add(key);
      if (!entry.sets.includes(set.name)) entry.sets.push(set.name);
      needed.set(reference.name, entry);
    }
  }
  // In the config's account order, whatever order the assignments reached them in.
  const inOrder = (keys: ReadonlySet<string>) => accounts.filter((account) => keys.has(account.key));
  const policies = Object.entries(defined).map(([name, policy]): CustomerManagedPolicyModel => {
    const file = files.get(policy.file);
    if (!file || file.error !== undefined) throw new Error(`bug: customer managed policy ${name} reached the model without a valid document`);
    return {
      name,
      path: policy.path,
      description: policy.description,
      file: file.displayPath,
      document: JSON.stringify(file.value),
      tags: policy.tags ?? {},
      instances: inOrder(needed.get(name)?.accounts ?? new Set()).map((account) => ({ account, address: joinAddress(account.key, name) })),
    };
  });
  const undefinedPolicies = [...needed.values()]
    .filter(({ reference, accounts: keys }) => defined[reference.name] === undefined && keys.size > 0)
    .map(({ reference, accounts: keys, sets }) => ({ name: reference.name, path: reference.path, permissionSets: sets, accounts: inOrder(keys) }));
  return { policies, undefinedPolicies };
}
