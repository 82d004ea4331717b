/**
 * Adoption: a discovered estate → an environment file in this project's format that reproduces it,
 * and the import map beside it. The config gets names a person would choose (from the console
 * names); the map's addresses come from loading that very config, so they are the addresses synth
 * will produce.
 */
import { stringify } from 'yaml';
import type { ImportEntry, ImportMap } from '../config/import-map';
import { loadEnvironmentText } from '../config/load';
import { REQUIRED_SERVICE_PRINCIPALS } from '../model/build';
import { customerPolicyAttachmentName, managedPolicyAttachmentName } from '../model/address';
import type { EnvironmentModel } from '../model/environment';
import { dirname, join } from 'node:path';
import { parsePolicyFileText, type PolicyFiles } from '../config/policy-files';
import { adoptBaseline, baselineImports, dropRejected } from './baseline';
import { kebabName } from './names';
import type { Estate, EstatePermissionSet, EstateUser } from './estate';
import * as ids from '../discovery/import-ids';

/** Permission sets Control Tower provisions and owns: assigned here, never managed. */
const CONTROL_TOWER_SETS = new Set(['AWSAdministratorAccess', 'AWSPowerUserAccess', 'AWSReadOnlyAccess', 'AWSOrganizationsFullAccess', 'AWSServiceCatalogAdminFullAccess', 'AWSServiceCatalogEndUserAccess']);

export interface Adoption {
  /** The environment file, ready to review and commit. */
  readonly yaml: string;
  readonly importMap: ImportMap;
  /** Policy documents the environment file names: path as written there (relative to it) → JSON text. */
  readonly policyFiles: ReadonlyMap<string, string>;
  /** What could not be adopted as is, and why. */
  readonly notes: readonly string[];
}

const HEADER = [
  '# Discovered from the live estate. Review every name before committing.',
  '# IAM Identity Center MFA settings have no API: mfa below is the recommended setting, not what AWS has (see manual step IC-MFA).',
];

export function adoptEstate(estate: Estate, environment: string): Adoption {
  const accountKeys = accountKeysOf(estate);
  const paths = ouPaths(estate);
  const config = environmentConfig(estate, accountKeys, paths);
  const baseline = adoptBaseline(estate, environment, paths);
  const notes = [...baseline.notes];
  if (baseline.section) config.baseline = baseline.section;
  const file = `environments/${environment}.yaml`;
  // What the project rejects in the baseline part (an IAM user without an Owner tag, an SCP that
  // would lock out the deployment role…) stays in AWS as it is, with a note, and the rest is adopted.
  for (;;) {
    const yaml = `${HEADER.join('\n')}\n${stringify(config)}`;
    const loaded = loadEnvironmentText(yaml, file, undefined, policyFilesOf(baseline.policyFiles, file));
    if (loaded.ok) {
      return { yaml, importMap: importMapFor(estate, loaded.model, accountKeys, paths, notes), policyFiles: baseline.policyFiles, notes };
    }
    const dropped = baseline.section ? dropRejected(baseline.section, baseline.policyFiles, loaded.issues) : undefined;
    if (!dropped) throw new Error(`adoption produced a config this project rejects (a bug):\n${loaded.issues.map((i) => `${i.line}:${i.column} ${i.message}`).join('\n')}`);
    notes.push(...dropped);
  }
}

/** The adopted policy documents as the loader would read them from beside the environment file. */
function policyFilesOf(texts: ReadonlyMap<string, string>, environmentFile: string): PolicyFiles {
  return new Map([...texts].map(([path, text]) => [path, parsePolicyFileText(text, join(dirname(environmentFile), path))]));
}

/** Account keys: `management`, else the account name made safe (`Log Archive` → `log-archive`), unique. */
function accountKeysOf(estate: Estate): Map<string, string> {
  const keys = new Map<string, string>();
  const taken = new Set<string>();
  for (const account of [...estate.organization.accounts].sort((a, b) => a.name.localeCompare(b.name))) {
    let key = account.id === estate.organization.managementAccountId ? 'management' : kebabName(account.name) || `account-${account.id}`;
    if (taken.has(key)) key = `${key}-${account.id.slice(-4)}`;
    taken.add(key);
    keys.set(account.id, key);
  }
  return keys;
}

function ouPaths(estate: Estate): Map<string, string> {
  const byId = new Map(estate.organization.organizationalUnits.map((ou) => [ou.id, ou]));
  const path = (id: string): string => {
    const ou = byId.get(id)!;
    return byId.has(ou.parentId) ? `${path(ou.parentId)}/${ou.name}` : ou.name;
  };
  return new Map([...byId.keys()].map((id) => [id, path(id)]));
}

const isExternal = (principal: { externalIds?: readonly unknown[] }) => (principal.externalIds?.length ?? 0) > 0;
const withoutEmpty = (tags: Readonly<Record<string, string>>) => (Object.keys(tags).length > 0 ? { ...tags } : undefined);

function environmentConfig(estate: Estate, accountKeys: Map<string, string>, paths: ReadonlyMap<string, string>): Record<string, unknown> {
  const { organization: org, identityCenter: ic } = estate;
  const ouTree = (parentId: string): Record<string, unknown> =>
    Object.fromEntries(
      org.organizationalUnits
        .filter((ou) => ou.parentId === parentId)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((ou) => {
          const children = ouTree(ou.id);
          return [ou.name, { ...(withoutEmpty(ou.tags) ? { tags: ou.tags } : {}), ...(Object.keys(children).length > 0 ? { children } : {}) }];
        }),
    );
  const accounts = Object.fromEntries(
    [...org.accounts]
      .sort((a, b) => accountKeys.get(a.id)!.localeCompare(accountKeys.get(b.id)!))
      .map((account) => {
        const ou = paths.get(account.parentId);
        const management = account.id === org.managementAccountId;
        return [accountKeys.get(account.id)!, management
          ? { id: account.id, name: account.name, management: true, ...(ou ? { ou } : {}) }
          : { name: account.name, email: account.email, ...(ou ? { ou } : {}), ...(withoutEmpty(account.tags) ? { tags: account.tags } : {}) }];
      }),
  );
  const setsByArn = new Map(ic.permissionSets.map((set) => [set.arn, set]));
  const usersById = new Map(ic.users.map((user) => [user.id, user]));
  const groupsById = new Map(ic.groups.map((group) => [group.id, group]));
  const allAccountIds = org.accounts.map((account) => account.id).sort().join(',');

  // One assignment row per principal and permission set, listing its accounts.
  const rows = new Map<string, { principal: Record<string, string>; set: string; accounts: string[] }>();
  for (const assignment of ic.assignments) {
    const principalName = assignment.principalType === 'GROUP' ? groupsById.get(assignment.principalId)?.displayName : usersById.get(assignment.principalId)?.userName;
    const setName = setsByArn.get(assignment.permissionSetArn)?.name;
    if (principalName === undefined || setName === undefined || !accountKeys.has(assignment.accountId)) continue;
    const key = `${assignment.principalType}|${principalName}|${setName}`;
    const row = rows.get(key) ?? { principal: { [assignment.principalType === 'GROUP' ? 'group' : 'user']: principalName }, set: setName, accounts: [] };
    row.accounts.push(assignment.accountId);
    rows.set(key, row);
  }
  const assignments = [...rows.values()].map((row) => ({
    ...row.principal,
    permissionSets: [row.set],
    ...([...row.accounts].sort().join(',') === allAccountIds ? { allAccounts: true } : { accounts: row.accounts.map((id) => accountKeys.get(id)!).sort() }),
  }));

  return {
    region: estate.region,
    organization: {
      servicePrincipals: org.servicePrincipals.filter((principal) => !REQUIRED_SERVICE_PRINCIPALS.includes(principal)).sort(),
      policyTypes: [...org.policyTypes].sort(),
      organizationalUnits: ouTree(org.rootId),
      accounts,
    },
    identityCenter: {
      mfa: { prompt: 'every-sign-in', withoutRegisteredDevice: 'require-registration' },
      defaultPermissionSets: false,
      ...(ic.accessControlAttributes.length > 0 ? { accessControlAttributes: Object.fromEntries(ic.accessControlAttributes.map((a) => [a.key, [...a.sources]])) } : {}),
      permissionSets: Object.fromEntries([...ic.permissionSets].sort((a, b) => a.name.localeCompare(b.name)).map((set) => [set.name, permissionSetConfig(set)])),
      users: Object.fromEntries([...ic.users].sort((a, b) => a.userName.localeCompare(b.userName)).map((user) => [user.userName, userConfig(user)])),
      groups: Object.fromEntries(
        [...ic.groups].sort((a, b) => a.displayName.localeCompare(b.displayName)).map((group) => {
          // Members of groups an identity provider syncs are the provider's to manage.
          const members = isExternal(group) ? [] : ic.memberships.filter((m) => m.groupId === group.id).map((m) => usersById.get(m.userId)?.userName).filter((n): n is string => n !== undefined).sort();
          return [group.displayName, isExternal(group) ? { existing: true } : { ...(group.description ? { description: group.description } : {}), ...(members.length > 0 ? { members } : {}) }];
        }),
      ),
      assignments,
    },
  };
}

function permissionSetConfig(set: EstatePermissionSet): Record<string, unknown> {
  if (CONTROL_TOWER_SETS.has(set.name)) return { existing: true };
  return {
    ...(set.description ? { description: set.description } : {}),
    ...(set.sessionDuration ? { sessionDuration: set.sessionDuration } : {}),
    ...(set.relayState ? { relayState: set.relayState } : {}),
    ...(set.managedPolicyArns.length > 0 ? { managedPolicies: [...set.managedPolicyArns].sort() } : {}),
    ...(set.customerManagedPolicies.length > 0 ? { customerManagedPolicies: set.customerManagedPolicies.map((p) => ({ name: p.name, path: p.path })) } : {}),
    ...(set.inlinePolicy ? { inlinePolicy: JSON.parse(set.inlinePolicy) as unknown } : {}),
    ...(set.permissionsBoundary ? { permissionsBoundary: 'managedPolicyArn' in set.permissionsBoundary ? { managedPolicy: set.permissionsBoundary.managedPolicyArn } : { customerManagedPolicy: { ...set.permissionsBoundary.customerManagedPolicy } } } : {}),
    ...(withoutEmpty(set.tags) ? { tags: set.tags } : {}),
  };
}

const PROFILE_FIELDS = ['displayName', 'givenName', 'familyName', 'middleName', 'email', 'nickname', 'title', 'userType', 'preferredLanguage', 'profileUrl', 'locale', 'timezone'] as const;

function userConfig(user: EstateUser): Record<string, unknown> {
  if (isExternal(user)) return { existing: true };
  return Object.fromEntries(PROFILE_FIELDS.filter((field) => user[field] !== undefined).map((field) => [field, user[field]]));
}

/** Entries for every resource the loaded config will create that exists in the estate. */
function importMapFor(estate: Estate, environment: EnvironmentModel, accountKeys: Map<string, string>, paths: ReadonlyMap<string, string>, notes: string[]): ImportMap {
  const { organization: org, identityCenter: ic } = estate;
  const orgStack: Record<string, ImportEntry> = {};
  const icStack: Record<string, ImportEntry> = {};
  const add = (stack: Record<string, ImportEntry>, address: string, id: ids.ImportId, observed: Record<string, unknown>, known: Record<string, string> = {}) => {
    if (id.ok) stack[address] = { id: id.id, observed, known };
    else notes.push(`${address}: ${id.reason}`);
  };

  add(orgStack, 'aws_organizations_organization.organization', ids.organizationImportId(org.id), {
    feature_set: org.featureSet, aws_service_access_principals: [...org.servicePrincipals].sort(), enabled_policy_types: [...org.policyTypes].sort(),
  });
  const ouIdByPath = new Map([...paths].map(([id, path]) => [path, id]));
  for (const ou of environment.organization.organizationalUnits) {
    const found = org.organizationalUnits.find((candidate) => candidate.id === ouIdByPath.get(ou.path))!;
    add(orgStack, `aws_organizations_organizational_unit.${ou.address}`, ids.organizationalUnitImportId(found.id), { name: found.name, parent_id: found.parentId, tags: found.tags }, { id: found.id });
  }
  const accountIdByKey = new Map([...accountKeys].map(([id, key]) => [key, id]));
  for (const account of environment.organization.accounts) {
    if (account.kind !== 'managed') continue;
    const found = org.accounts.find((candidate) => candidate.id === accountIdByKey.get(account.key))!;
    add(orgStack, `aws_organizations_account.${account.address}`, ids.organizationsAccountImportId(found.id), { name: found.name, email: found.email, parent_id: found.parentId, tags: found.tags });
  }

  const instance = ic.instanceArn;
  const setByName = new Map(ic.permissionSets.map((set) => [set.name, set]));
  for (const set of environment.identityCenter.permissionSets) {
    if (set.kind !== 'managed') continue;
    const found = setByName.get(set.name)!;
    add(icStack, `aws_ssoadmin_permission_set.${set.address}`, ids.permissionSetImportId(found.arn, instance),
      { name: found.name, description: found.description, session_duration: found.sessionDuration, relay_state: found.relayState, tags: found.tags }, { arn: found.arn });
    for (const policyArn of found.managedPolicyArns) {
      add(icStack, `aws_ssoadmin_managed_policy_attachment.${managedPolicyAttachmentName(set.address, policyArn)}`, ids.managedPolicyAttachmentImportId(policyArn, found.arn, instance), { managed_policy_arn: policyArn });
    }
    for (const policy of found.customerManagedPolicies) {
      add(icStack, `aws_ssoadmin_customer_managed_policy_attachment.${customerPolicyAttachmentName(set.address, policy)}`, ids.customerManagedPolicyAttachmentImportId(policy.name, policy.path, found.arn, instance),
        { customer_managed_policy_reference: { name: policy.name, path: policy.path } });
    }
    if (found.inlinePolicy) add(icStack, `aws_ssoadmin_permission_set_inline_policy.${set.address}`, ids.permissionSetInlinePolicyImportId(found.arn, instance), { inline_policy: found.inlinePolicy });
    if (found.permissionsBoundary) {
      const boundary = 'managedPolicyArn' in found.permissionsBoundary
        ? { managed_policy_arn: found.permissionsBoundary.managedPolicyArn }
        : { customer_managed_policy_reference: { ...found.permissionsBoundary.customerManagedPolicy } };
      add(icStack, `aws_ssoadmin_permissions_boundary_attachment.${set.address}`, ids.permissionsBoundaryAttachmentImportId(found.arn, instance), { permissions_boundary: boundary });
    }
  }
  const userByName = new Map(ic.users.map((user) => [user.userName, user]));
  for (const user of environment.identityCenter.users) {
    if (user.kind !== 'managed') continue;
    const found = userByName.get(user.userName)!;
    add(icStack, `aws_identitystore_user.${user.address}`, ids.identityStoreUserImportId(ic.identityStoreId, found.id), {
      user_name: found.userName, display_name: found.displayName, title: found.title, nickname: found.nickname, locale: found.locale, timezone: found.timezone,
      name: { given_name: found.givenName, family_name: found.familyName, middle_name: found.middleName },
      ...(found.email ? { emails: { value: found.email, primary: true } } : {}),
    }, { user_id: found.id });
  }
  const groupByName = new Map(ic.groups.map((group) => [group.displayName, group]));
  for (const group of environment.identityCenter.groups) {
    if (group.kind !== 'managed') continue;
    const found = groupByName.get(group.displayName)!;
    add(icStack, `aws_identitystore_group.${group.address}`, ids.identityStoreGroupImportId(ic.identityStoreId, found.id), { display_name: found.displayName, description: found.description }, { group_id: found.id });
  }
  const userIdByAddress = new Map(environment.identityCenter.users.map((user) => [user.address, userByName.get(user.userName)?.id]));
  const groupIdByAddress = new Map(environment.identityCenter.groups.map((group) => [group.address, groupByName.get(group.displayName)?.id]));
  for (const membership of environment.identityCenter.memberships) {
    const found = ic.memberships.find((m) => m.groupId === groupIdByAddress.get(membership.groupAddress) && m.userId === userIdByAddress.get(membership.userAddress));
    if (found) add(icStack, `aws_identitystore_group_membership.${membership.address}`, ids.identityStoreGroupMembershipImportId(ic.identityStoreId, found.membershipId), { group_id: found.groupId, member_id: found.userId });
  }
  for (const assignment of environment.identityCenter.assignments) {
    const principalId = assignment.principalType === 'GROUP' ? groupIdByAddress.get(assignment.principalAddress) : userIdByAddress.get(assignment.principalAddress);
    const setArn = setByName.get(assignment.permissionSetName)?.arn;
    const accountId = assignment.account.kind === 'existing' ? assignment.account.id : accountIdByKey.get(assignment.account.key);
    const found = ic.assignments.find((a) => a.principalId === principalId && a.permissionSetArn === setArn && a.accountId === accountId && a.principalType === assignment.principalType);
    if (!found) continue;
    add(icStack, `aws_ssoadmin_account_assignment.${assignment.address}`, ids.accountAssignmentImportId(found.principalId, found.principalType, found.accountId, found.permissionSetArn, instance), {
      principal_id: found.principalId, principal_type: found.principalType, target_id: found.accountId, target_type: 'AWS_ACCOUNT', permission_set_arn: found.permissionSetArn,
    });
  }
  if (environment.identityCenter.accessControlAttributes.length > 0) {
    add(icStack, 'aws_ssoadmin_instance_access_control_attributes.identity_center', ids.instanceAccessControlAttributesImportId(instance), {
      attribute: ic.accessControlAttributes.map((a) => ({ key: a.key, value: [{ source: [...a.sources] }] })),
    });
  }
  const guardrails = baselineImports(estate, environment, ouIdByPath, add);
  Object.assign(orgStack, guardrails.organization);
  return {
    version: 1,
    stacks: {
      [`${environment.name}-organization`]: orgStack,
      [`${environment.name}-identity-center`]: icStack,
      ...(environment.baseline ? { [`${environment.name}-baseline`]: guardrails.baseline } : {}),
    },
  };
}
