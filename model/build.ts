/**
 * Validated config → EnvironmentModel: defaults applied, names resolved to addresses,
 * assignments expanded to one entry per principal × permission set × account.
 * Runs only on a config that passed validation, so a failed lookup here is a bug.
 */
import { DEFAULT_SESSION_DURATION, effectivePermissionSets } from '../config/defaults';
import { flattenOrganizationalUnits, isWithin } from '../config/ou-tree';
import { parsePolicyDocument } from '../config/policy-document';
import { ORGANIZATION_ACCESS_ROLE } from '../config/baseline-schema';
import { normalSessionDuration } from '../config/session-duration';
import { DAY_MS, EXPIRY_WARNING_DAYS, parseExpiry, synthNow } from '../config/expiry';
import type { AssignmentConfig, EnvironmentConfig, PermissionSetConfig, UserConfig } from '../config/schema';
import { NO_POLICY_FILES, type PolicyFiles } from '../config/policy-files';
import { addressName, joinAddress } from './address';
import { buildBaseline } from './baseline';
import { baselineManualSteps } from './controls';
import type {
  AccountModel,
  AssignmentModel,
  EnvironmentModel,
  DelegatedAdministratorModel,
  GroupModel,
  GrantModel,
  IdentityCenterModel,
  MembershipModel,
  OrganizationAssignmentModel,
  OrganizationModel,
  PermissionSetModel,
  UserModel,
} from './environment';
import { buildCustomerManagedPolicies } from './customer-managed-policies';
import { identityCenterMfaStep } from './manual-steps';
import { partitionOf } from './partition';
import { prerequisiteSteps } from './prerequisites';
import { movedAddresses } from './renames';
import { accessLayout } from './shards';
import { PERMISSION_SETS_PER_ACCOUNT, PERMISSION_SETS_PER_INSTANCE } from '../config/validate/aws-limits';
import { shardRecordPath, type ShardRecord } from '../config/shard-map';

/** Trusted access this project needs in every organization. */
export const REQUIRED_SERVICE_PRINCIPALS = ['iam.amazonaws.com', 'sso.amazonaws.com'];

/** `shardRecord`: the environment's `<env>.shards.json`, if it has one (config/shard-map.ts). */
/** `now`: the clock that decides which `expires:` grants are dropped (config/expiry.ts synthNow). */
export function buildEnvironment(name: string, sourceFile: string, config: EnvironmentConfig, policyFiles: PolicyFiles = NO_POLICY_FILES, shardRecord?: ShardRecord, now: Date = synthNow()): EnvironmentModel {
  const partition = partitionOf(config.region);
  const organization = buildOrganization(config);
  const identityCenterRegion = config.identityCenter.region ?? config.region;
  const baseline = config.baseline ? buildBaseline(config.baseline, organization.accounts, organization.organizationalUnits, policyFiles, partition) : undefined;
  const identityCenterMfa = identityCenterMfaStep(config.identityCenter.mfa, identityCenterRegion);
  const identityCenter = buildIdentityCenter(config, organization.accounts, identityCenterRegion, policyFiles, now);
  const prerequisites = prerequisiteSteps({
    partition,
    accounts: organization.accounts,
    identityCenter,
    existingOrganization: organization.existing,
    baselineMemberAccounts: baseline?.accounts.filter((account) => !account.management).map((account) => account.account) ?? [],
  });
  const environment = {
    name,
    sourceFile,
    region: config.region,
    partition,
    backend: config.backend,
    tags: config.tags,
    organization,
    identityCenter,
    access: accessLayout({
      environment: name,
      identityCenter,
      accounts: organization.accounts,
      maxResourcesPerStack: config.identityCenter.maxResourcesPerStack,
      record: shardRecord,
      recordFile: shardRecordPath(sourceFile),
      renamedAccounts: config.renames.accounts,
    }),
    baseline,
    manualSteps: [
      ...prerequisites,
      ...(baseline ? baselineManualSteps({ environment: name, identityCenterRegion, accounts: organization.accounts, baseline }, identityCenterMfa) : [identityCenterMfa]),
    ],
    moved: { organization: [], identityCenter: [], baseline: { accounts: new Map(), iamUsers: new Map(), iamGroups: new Map() } },
    suppressions: config.suppressions,
  };
  return { ...environment, moved: movedAddresses(environment, config.renames) };
}

function buildOrganization(config: EnvironmentConfig): OrganizationModel {
  const { organization } = config;
  const defaultRole = config.baseline?.deploymentRole ?? ORGANIZATION_ACCESS_ROLE;
  return {
    existing: organization.existing,
    servicePrincipals: [...new Set([...REQUIRED_SERVICE_PRINCIPALS, ...organization.servicePrincipals])].sort(),
    policyTypes: [...new Set(organization.policyTypes)].sort(),
    unmanagedPolicyTypes: [...new Set(organization.unmanagedPolicyTypes)].sort(),
    organizationalUnits: flattenOrganizationalUnits(organization.organizationalUnits).map((ou) => ({
      address: joinAddress(...ou.path.split('/')),
      name: ou.config.name ?? ou.name,
      path: ou.path,
      parentPath: ou.parentPath,
      tags: ou.config.tags ?? {},
    })),
    accounts: Object.entries(organization.accounts).map(([key, account]): AccountModel => {
      const deploymentRole = account.roleName ?? defaultRole;
      const common = { key, address: addressName(key), name: account.name ?? key, ouPath: account.ou, deploymentRole };
      if (account.id !== undefined) return { ...common, kind: 'existing', id: account.id, management: account.management, roleName: account.roleName, closed: account.closed };
      // A created account gets the deployment role under its name; Organizations' own default needs no role_name.
      const roleName = deploymentRole === ORGANIZATION_ACCESS_ROLE ? account.roleName : deploymentRole;
      return { ...common, kind: 'managed', email: account.email!, tags: account.tags ?? {}, roleName, iamUserAccessToBilling: account.iamUserAccessToBilling };
    }),
  };
}

function buildIdentityCenter(config: EnvironmentConfig, accounts: readonly AccountModel[], region: string, files: PolicyFiles, now: Date): IdentityCenterModel {
  const ic = config.identityCenter;
  // Keys name things in this file (and their addresses); `name:`, where given, is what AWS calls them.
  const permissionSets = Object.entries(effectivePermissionSets(config)).map(([key, set]) => buildPermissionSet(key, set));
  const users = Object.entries(ic.users).map(([key, user]) => buildUser(key, user));
  const groupKeys = Object.keys(ic.groups);
  const groups = Object.entries(ic.groups).map(([key, group]): GroupModel => ({
    kind: group.existing ? 'existing' : 'managed',
    displayName: group.name ?? key,
    address: addressName(key),
    description: group.description,
  }));
  const usersByName = new Map(Object.keys(ic.users).map((key, index) => [key, users[index]]));
  const memberships = groups.flatMap((group, index) =>
    ic.groups[groupKeys[index]].members.map((member): MembershipModel => {
      const user = usersByName.get(member)!;
      return { address: joinAddress(group.address, user.address), groupAddress: group.address, groupKind: group.kind, userAddress: user.address, userKind: user.kind };
    }),
  );
  const setsByName = new Map(Object.keys(effectivePermissionSets(config)).map((key, index) => [key, permissionSets[index]]));
  const groupsByName = new Map(groupKeys.map((key, index) => [key, groups[index]]));
  const assignments = new Map<string, AssignmentModel>();
  const organizationAssignments = new Map<string, { model: OrganizationAssignmentModel; ous: Set<string> }>();
  const existingOrganization = config.organization.existing;
  for (const [index, assignment] of ic.assignments.entries()) {
    const configPath = ['identityCenter', 'assignments', index];
    const group = assignment.group === undefined ? undefined : groupsByName.get(assignment.group)!;
    const user = assignment.user === undefined ? undefined : usersByName.get(assignment.user)!;
    const principal = group !== undefined
      ? { type: 'GROUP' as const, name: group.displayName, model: group }
      : { type: 'USER' as const, name: user!.userName, model: user! };
    const principalAddress = `${principal.type.toLowerCase()}_${principal.model.address}`;
    const parsedExpiry = assignment.expires === undefined ? undefined : parseExpiry(assignment.expires);
    const over = parsedExpiry?.ok ? { expires: parsedExpiry.ends } : {};
    const reason = assignment.reason === undefined ? {} : { reason: assignment.reason };
    for (const setName of assignment.permissionSets) {
      const set = setsByName.get(setName)!;
      const grant: GrantModel = {
        principalType: principal.type,
        principalName: principal.name,
        principalAddress: principal.model.address,
        principalKind: principal.model.kind,
        permissionSetName: set.name,
        permissionSetAddress: set.address,
        permissionSetKind: set.kind,
      };
      // An existing organization: OU and all-accounts targets are read from the live organization at plan time.
      const planTime = existingOrganization && (assignment.organizationalUnits.length > 0 || assignment.allAccounts || assignment.allAccountsExceptManagement);
      // An expired row grants nothing through the live organization either (its accounts are known only at plan time, so it is not listed per account).
      const expiredRow = over.expires !== undefined && over.expires.getTime() <= now.getTime();
      if (planTime && !expiredRow) {
        const address = joinAddress(principalAddress, set.address);
        const entry = organizationAssignments.get(address) ?? {
          ous: new Set<string>(),
          model: {
            address,
            ...grant,
            organizationalUnits: [],
            allAccounts: false,
            allAccountsExceptManagement: false,
            excludedAccountIds: [],
          },
        };
        for (const path of assignment.organizationalUnits) entry.ous.add(path);
        entry.model = {
          ...entry.model,
          allAccounts: entry.model.allAccounts || assignment.allAccounts,
          allAccountsExceptManagement: entry.model.allAccountsExceptManagement || assignment.allAccountsExceptManagement,
        };
        organizationAssignments.set(address, entry);
      }
      const targets = planTime ? accounts.filter((account) => assignment.accounts.includes(account.key)) : assignmentTargets(assignment, accounts);
      for (const account of targets) {
        const address = joinAddress(principalAddress, set.address, account.address);
        // The same grant reached through two targets (an OU and all accounts) is one resource.
        if (assignments.has(address)) continue;
        assignments.set(address, {
          address,
          ...grant,
          account,
          ...over,
          ...reason,
          configPath,
        });
      }
    }
  }
  // An expired grant is dropped here, before anything is built from the assignments (stacks, shards, customer managed policies).
  const built = [...assignments.values()];
  const expired = built.filter((assignment) => assignment.expires !== undefined && assignment.expires.getTime() <= now.getTime());
  const expiredSet = new Set(expired);
  const expanded = built.filter((assignment) => !expiredSet.has(assignment));
  const warnUntil = now.getTime() + EXPIRY_WARNING_DAYS * DAY_MS;
  const expiringSoon = expanded.filter((assignment) => assignment.expires !== undefined && assignment.expires.getTime() <= warnUntil);
  const planTime = [...organizationAssignments.values()].map(({ model, ous }): OrganizationAssignmentModel => {
    const all = model.allAccounts;
    // The grant named for an account explicitly keeps its own resource; the plan-time set leaves that account out.
    const named = expanded.filter((a) => a.principalType === model.principalType && a.principalAddress === model.principalAddress && a.permissionSetAddress === model.permissionSetAddress);
    return {
      ...model,
      organizationalUnits: all ? [] : [...ous].sort(),
      allAccountsExceptManagement: !all && model.allAccountsExceptManagement,
      excludedAccountIds: [...new Set(named.map((a) => (a.account.kind === 'existing' ? a.account.id : undefined)).filter((id): id is string => id !== undefined))].sort(),
    };
  });
  const { policies, undefinedPolicies } = buildCustomerManagedPolicies(ic.customerManagedPolicies, permissionSets, expanded, accounts, files);
  return {
    region,
    mfa: ic.mfa,
    accessControlAttributes: Object.entries(ic.accessControlAttributes).map(([key, sources]) => ({ key, sources })),
    permissionSets,
    users,
    groups,
    memberships,
    assignments: expanded,
    expiry: { now, expired, expiringSoon, requireExpiryFor: ic.access.requireExpiryFor },
    organizationAssignments: planTime,
    delegatedAdministrator: buildDelegatedAdministrator(config, accounts),
    customerManagedPolicies: policies,
    undefinedCustomerManagedPolicies: undefinedPolicies,
    adminSessionLimit: ic.adminSessionLimit,
    quotas: {
      permissionSetsPerInstance: ic.quotas.permissionSetsPerInstance ?? PERMISSION_SETS_PER_INSTANCE,
      permissionSetsPerAccount: ic.quotas.permissionSetsPerAccount ?? PERMISSION_SETS_PER_ACCOUNT,
    },
  };
}

function buildDelegatedAdministrator(config: EnvironmentConfig, accounts: readonly AccountModel[]): DelegatedAdministratorModel | undefined {
  const { delegatedAdministrator: named, delegatedAdministratorRoleName } = config.identityCenter;
  if (named === undefined) return undefined;
  const account = accounts.find((candidate) => candidate.key === named) ?? accounts.find((candidate) => candidate.kind === 'existing' && candidate.id === named);
  const roleName = delegatedAdministratorRoleName ?? account?.deploymentRole ?? config.baseline?.deploymentRole ?? ORGANIZATION_ACCESS_ROLE;
  if (account) return { account, accountId: account.kind === 'existing' ? account.id : undefined, roleName };
  return { accountId: named, roleName };
}

/** The accounts an assignment reaches, in the config's account order; a closed account only when named. */
export function assignmentTargets(assignment: AssignmentConfig, accounts: readonly AccountModel[]): AccountModel[] {
  return accounts.filter(
    (account) =>
      assignment.accounts.includes(account.key) ||
      (!(account.kind === 'existing' && account.closed) &&
        (assignment.allAccounts ||
          (assignment.allAccountsExceptManagement && !(account.kind === 'existing' && account.management)) ||
          assignment.organizationalUnits.some((path) => isWithin(account.ouPath, path)))),
  );
}

function buildPermissionSet(key: string, set: PermissionSetConfig): PermissionSetModel {
  const address = addressName(key);
  const name = set.name ?? key;
  if (set.existing) return { kind: 'existing', name, address };
  const inline = set.inlinePolicy === undefined ? undefined : parsePolicyDocument(set.inlinePolicy, [], { what: 'the inline policy' });
  if (inline && !inline.ok) throw new Error(`bug: permission set ${name} reached the model with an invalid inline policy`);
  const boundary = set.permissionsBoundary;
  return {
    kind: 'managed',
    name,
    address,
    description: set.description,
    sessionDuration: normalSessionDuration(set.sessionDuration ?? DEFAULT_SESSION_DURATION),
    relayState: set.relayState,
    managedPolicyArns: set.managedPolicies,
    customerManagedPolicies: set.customerManagedPolicies,
    inlinePolicy: inline?.json,
    permissionsBoundary: boundary === undefined ? undefined : 'managedPolicy' in boundary ? { managedPolicyArn: boundary.managedPolicy } : { customerManagedPolicy: boundary.customerManagedPolicy },
    tags: set.tags ?? {},
  };
}

function buildUser(key: string, user: UserConfig): UserModel {
  const address = addressName(key);
  const userName = user.name ?? key;
  if (user.existing) return { kind: 'existing', userName, address };
  return {
    kind: 'managed',
    userName,
    address,
    displayName: user.displayName!,
    givenName: user.givenName!,
    familyName: user.familyName!,
    middleName: user.middleName,
    email: user.email,
    nickname: user.nickname,
    title: user.title,
    userType: user.userType,
    preferredLanguage: user.preferredLanguage,
    profileUrl: user.profileUrl,
    locale: user.locale,
    timezone: user.timezone,
    emailType: user.emailType,
    formattedName: user.formattedName,
    phoneNumber: user.phoneNumbers?.[0],
    postalAddress: user.addresses?.[0],
  };
}
