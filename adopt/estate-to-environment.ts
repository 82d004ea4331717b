/**
 * Adoption: a discovered estate → an environment file in this project's format that reproduces it,
 * and the import map beside it. The config gets names a person would choose (from the console
 * names); the map's addresses come from loading that very config, so they are the addresses synth
 * will produce.
 */
import { stringify } from 'yaml';
import type { ImportEntry, ImportMap } from '../config/import-map';
import { loadEnvironmentText } from '../config/load';
import type { ConfigIssue } from '../config/issues';
import { environmentSchema, POLICY_TYPES } from '../config/schema';
import { shapeIssues } from '../config/shape-issues';
import { validateEnvironment } from '../config/validate';
import { REQUIRED_SERVICE_PRINCIPALS } from '../model/build';
import { addressName, customerPolicyAttachmentName, managedPolicyAttachmentName } from '../model/address';
import type { EnvironmentModel } from '../model/environment';
import { dirname, join } from 'node:path';
import { parsePolicyFileText, type PolicyFiles } from '../config/policy-files';
import { adoptBaseline, baselineImports, dropRejected } from './baseline';
import { adoptionReport } from './report';
import { CONTROL_TOWER_GROUPS, CONTROL_TOWER_PERMISSION_SETS, hasControlTower } from './control-tower';
import { kebabName, uniqueKeys } from './names';
import { closedStatus, tagsUnread, type Estate, type EstateGroup, type EstatePermissionSet, type EstateUser } from './estate';
import * as ids from '../discovery/import-ids';


export interface Adoption {
  /** The environment file, ready to review and commit. */
  readonly yaml: string;
  readonly importMap: ImportMap;
  /** Policy documents the environment file names: path as written there (relative to it) → JSON text. */
  readonly policyFiles: ReadonlyMap<string, string>;
  /** What could not be adopted as is, and why. */
  readonly notes: readonly string[];
  /** environments/<env>.adoption.md: what was adopted, left unmanaged, needs a decision, was not read. */
  readonly report: string;
}

const HEADER = [
  // Editors validate and complete the file against the published schema (environments/ sits beside config/).
  '# yaml-language-server: $schema=../config/environment.schema.json',
  '# Discovered from the live estate. Review every name before committing.',
  '# IAM Identity Center MFA settings have no API: mfa below is the recommended setting, not what AWS has (see manual step IC-MFA).',
];

export function adoptEstate(estate: Estate, environment: string): Adoption {
  const keys = keysOf(estate);
  const accountKeys = keys.accounts;
  const paths = keys.ouPaths;
  const notes: string[] = unreadNotes(estate);
  const config = environmentConfig(estate, keys, notes);
  const baseline = adoptBaseline(estate, environment, paths);
  notes.push(...baseline.notes);
  if (baseline.section) config.baseline = baseline.section;
  const file = `environments/${environment}.yaml`;
  // What the project rejects in the baseline part (an IAM user without an Owner tag, an SCP that
  // would lock out the deployment role…) stays in AWS as it is, with a note, and the rest is adopted.
  // The object is checked as the loader checks a file (shape, then meaning) without writing and
  // parsing YAML each round: parsing an adopted file of thousands of users costs seconds.
  for (;;) {
    const shaped = environmentSchema.safeParse(config);
    const issues = shaped.success ? validateEnvironment(shaped.data, policyFilesOf(baseline.policyFiles, file)) : shapeIssues(environmentSchema, shaped.error);
    if (issues.length === 0) break;
    const baselineIssues = issues.filter((found) => found.path[0] === 'baseline');
    const dropped = [
      ...(baselineIssues.length === 0 ? [] : baseline.section ? (dropRejected(baseline.section, baseline.policyFiles, baselineIssues) ?? []) : []),
      ...(referenceRejected(config, issues.filter((found) => found.path[0] !== 'baseline'), accountKeys) ?? []),
    ];
    if (dropped.length === 0) throw new Error(`adoption produced a config this project rejects (a bug):\n${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n')}`);
    notes.push(...dropped);
  }
  // Written with YAML 1.1's rules for what needs quotes, so a 1.1 tool (PyYAML, older linters)
  // reads "2012-10-17", "Yes" or "0123" as the strings they are, not as a date, true or 83.
  const yaml = `${HEADER.join('\n')}\n${stringify(config, { version: '1.1' })}`;
  // Loaded once as written, so what adoption hands over is exactly what synth will read.
  const loaded = loadEnvironmentText(yaml, file, undefined, policyFilesOf(baseline.policyFiles, file));
  if (!loaded.ok) throw new Error(`adoption wrote a config this project rejects (a bug):\n${loaded.issues.map((i) => `${i.line}:${i.column} ${i.message}`).join('\n')}`);
  const importMap = importMapFor(estate, loaded.model, accountKeys, paths, notes);
  const source = { organizationId: estate.organization.id, discoveredAt: estate.discoveredAt };
  return { yaml, importMap, policyFiles: baseline.policyFiles, notes, report: adoptionReport(loaded.model, importMap, notes, source) };
}

/**
 * What the project refuses in an object AWS has (a user email its schema does not take, a tag too
 * long…) is referenced instead of managed, with a note, so adoption goes on: a user, group or set
 * becomes `existing: true`, an account is referenced by its ID, an OU loses the tags. Returns the
 * notes, or undefined when an issue is somewhere adoption cannot step back from (a bug then).
 */
function referenceRejected(config: Record<string, unknown>, issues: readonly ConfigIssue[], accountKeys: ReadonlyMap<string, string>): string[] | undefined {
  if (issues.length === 0) return [];
  const ic = config.identityCenter as Record<string, Record<string, Record<string, unknown>>>;
  const org = config.organization as Record<string, Record<string, Record<string, unknown>>>;
  const idOf = new Map([...accountKeys].map(([id, key]) => [key, id]));
  const notes = new Map<string, string>();
  for (const found of issues) {
    const [root, part, key] = found.path;
    const because = `${found.message} — referenced, not managed (fix it in AWS and discover again to manage it)`;
    if (root === 'identityCenter' && (part === 'users' || part === 'groups' || part === 'permissionSets') && typeof key === 'string' && ic[part]?.[key]) {
      const entry = ic[part][key];
      if (entry.existing === true) return undefined;
      ic[part][key] = { ...(entry.name !== undefined ? { name: entry.name } : {}), existing: true };
      notes.set(`${part}/${key}`, `${part === 'users' ? 'user' : part === 'groups' ? 'group' : 'permission set'} ${key}: ${because}`);
    } else if (root === 'organization' && part === 'accounts' && typeof key === 'string' && org.accounts?.[key] && idOf.has(key) && org.accounts[key].id === undefined) {
      const entry = org.accounts[key];
      org.accounts[key] = { id: idOf.get(key), name: entry.name, ...(entry.ou !== undefined ? { ou: entry.ou } : {}) };
      notes.set(`account/${key}`, `account ${key}: ${because}`);
    } else if (root === 'organization' && part === 'organizationalUnits' && found.path.includes('tags')) {
      // An OU cannot be referenced: its tags are left to AWS instead, and the comparison says so.
      let node: Record<string, unknown> | undefined = org.organizationalUnits as Record<string, unknown>;
      for (const step of found.path.slice(2, found.path.indexOf('tags'))) node = node?.[step] as Record<string, unknown> | undefined;
      if (!node?.tags) return undefined;
      delete node.tags;
      notes.set(`ou/${found.path.join('.')}`, `OU ${found.path.slice(2, found.path.indexOf('tags')).filter((step) => step !== 'children').join('/')}: ${found.message} — its tags are not adopted; the first plan would remove them (reported by the zero-diff check)`);
    } else {
      return undefined;
    }
  }
  return [...notes.values()];
}

/** The adopted policy documents as the loader would read them from beside the environment file. */
function policyFilesOf(texts: ReadonlyMap<string, string>, environmentFile: string): PolicyFiles {
  return new Map([...texts].map(([path, text]) => [path, parsePolicyFileText(text, join(dirname(environmentFile), path))]));
}

/** The key of every object adoption writes, by AWS ID (set ARN for permission sets). */
interface AdoptionKeys {
  readonly accounts: Map<string, string>;
  readonly ous: Map<string, string>;
  /** OU ID → path of keys (`Dev-Test/Team A`): the form `ou:` and OU targets take. */
  readonly ouPaths: Map<string, string>;
  readonly permissionSets: Map<string, string>;
  readonly users: Map<string, string>;
  readonly groups: Map<string, string>;
}

/**
 * Keys from console names: accounts by name made safe (`Log Archive` → `log-archive`, the
 * management account `management`), OUs by name (`/` becomes `-`), sets, users and groups by their
 * AWS names. Where two become one Terraform name each gets a distinct key (uniqueKeys) and the
 * config keeps the AWS name in `name:`.
 */
function keysOf(estate: Estate): AdoptionKeys {
  const { organization: org, identityCenter: ic } = estate;
  const management = org.accounts.find((account) => account.id === org.managementAccountId);
  const accounts = uniqueKeys(
    org.accounts.filter((account) => account !== management).map((account) => ({ id: account.id, preferred: kebabName(account.name) || `account-${account.id}` })),
    addressName,
    management ? ['management'] : [],
  );
  if (management) accounts.set(management.id, 'management');
  // OU keys need only differ among siblings: an OU's address is the path of its keys.
  const ous = new Map<string, string>();
  const parents = new Set(org.organizationalUnits.map((ou) => ou.parentId));
  for (const parent of parents) {
    const siblings = org.organizationalUnits.filter((ou) => ou.parentId === parent);
    for (const [id, key] of uniqueKeys(siblings.map((ou) => ({ id: ou.id, preferred: ou.name.replace(/\//g, '-') })), addressName)) ous.set(id, key);
  }
  const byId = new Map(org.organizationalUnits.map((ou) => [ou.id, ou]));
  const path = (id: string): string => {
    const ou = byId.get(id)!;
    return byId.has(ou.parentId) ? `${path(ou.parentId)}/${ous.get(id)!}` : ous.get(id)!;
  };
  return {
    accounts,
    ous,
    ouPaths: new Map([...byId.keys()].map((id) => [id, path(id)])),
    permissionSets: uniqueKeys(ic.permissionSets.map((set) => ({ id: set.arn, preferred: set.name })), addressName),
    users: uniqueKeys(ic.users.map((user) => ({ id: user.id, preferred: user.userName })), addressName),
    groups: uniqueKeys(ic.groups.map((group) => ({ id: group.id, preferred: group.displayName })), addressName),
  };
}

/** `name:` only where the key is not the AWS name. */
const awsName = (key: string, name: string) => (key === name ? {} : { name });

const isExternal = (principal: { externalIds?: readonly unknown[] }) => (principal.externalIds?.length ?? 0) > 0;
const withoutEmpty = (tags: Readonly<Record<string, string>>) => (Object.keys(tags).length > 0 ? { ...tags } : undefined);

function environmentConfig(estate: Estate, keys: AdoptionKeys, notes: string[]): Record<string, unknown> {
  const { organization: org, identityCenter: ic } = estate;
  const accountKeys = keys.accounts;
  const paths = keys.ouPaths;
  const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const ouTree = (parentId: string): Record<string, unknown> =>
    Object.fromEntries(
      org.organizationalUnits
        .filter((ou) => ou.parentId === parentId)
        .map((ou) => [keys.ous.get(ou.id)!, ou] as const)
        .sort(([a], [b]) => byKey(a, b))
        .map(([key, ou]) => {
          const children = ouTree(ou.id);
          return [key, { ...awsName(key, ou.name), ...(withoutEmpty(ou.tags) ? { tags: ou.tags } : {}), ...(Object.keys(children).length > 0 ? { children } : {}) }];
        }),
    );
  const accounts = Object.fromEntries(
    [...org.accounts]
      .sort((a, b) => byKey(accountKeys.get(a.id)!, accountKeys.get(b.id)!))
      .map((account) => {
        const ou = paths.get(account.parentId);
        const management = account.id === org.managementAccountId;
        const key = accountKeys.get(account.id)!;
        const closed = closedStatus(account);
        if (closed && !management) {
          notes.push(`account ${account.name} (${account.id}) is ${closed}: referenced by id as ${key} (closed: true), never imported as a managed account; no allAccounts or OU assignment reaches it`);
          return [key, { id: account.id, name: account.name, closed: true, ...(ou ? { ou } : {}) }];
        }
        return [key, management
          ? { id: account.id, name: account.name, management: true, ...(ou ? { ou } : {}) }
          : { name: account.name, email: account.email, ...(ou ? { ou } : {}), ...(withoutEmpty(account.tags) ? { tags: account.tags } : {}) }];
      }),
  );
  const closedAccounts = new Set(org.accounts.filter((account) => account.id !== org.managementAccountId && closedStatus(account)).map((account) => account.id));
  // allAccounts reaches every account but the closed ones, so that is what it is compared with.
  const allAccountIds = org.accounts.filter((account) => !closedAccounts.has(account.id)).map((account) => account.id).sort().join(',');
  const onClosed = new Map<string, number>();
  const deletedPrincipals = new Set<string>();

  // One assignment row per principal and permission set, listing its accounts.
  const rows = new Map<string, { principal: Record<string, string>; set: string; accounts: string[] }>();
  for (const assignment of ic.assignments) {
    const principalKey = assignment.principalType === 'GROUP' ? keys.groups.get(assignment.principalId) : keys.users.get(assignment.principalId);
    const setKey = keys.permissionSets.get(assignment.permissionSetArn);
    if (principalKey === undefined) {
      deletedPrincipals.add(`${assignment.principalType} ${assignment.principalId}`);
      continue;
    }
    if (setKey === undefined || !accountKeys.has(assignment.accountId)) continue;
    if (closedAccounts.has(assignment.accountId)) {
      onClosed.set(assignment.accountId, (onClosed.get(assignment.accountId) ?? 0) + 1);
      continue;
    }
    const row = `${assignment.principalType}|${principalKey}|${setKey}`;
    const found = rows.get(row) ?? { principal: { [assignment.principalType === 'GROUP' ? 'group' : 'user']: principalKey }, set: setKey, accounts: [] };
    found.accounts.push(assignment.accountId);
    rows.set(row, found);
  }
  for (const [id, count] of onClosed) {
    notes.push(`${count} assignment${count === 1 ? '' : 's'} on the closed account ${accountKeys.get(id)} (${id}): not adopted, left as they are in AWS (they end with the account)`);
  }
  for (const principal of [...deletedPrincipals].sort()) {
    notes.push(`assignments to ${principal}, which is in no user or group list (a deleted principal): not adopted, left in AWS — remove them there (aws sso-admin delete-account-assignment)`);
  }
  const assignments = [...rows.values()].map((row) => ({
    ...row.principal,
    permissionSets: [row.set],
    ...([...row.accounts].sort().join(',') === allAccountIds ? { allAccounts: true } : { accounts: row.accounts.map((id) => accountKeys.get(id)!).sort() }),
  }));

  // In a store an identity provider provisions users into (some carry external IDs), one without
  // external IDs was made by hand, or lost its link to the provider: adopted, it becomes Terraform's.
  const provisioned = ic.users.some(isExternal);
  const users = Object.fromEntries(
    ic.users.map((user) => [keys.users.get(user.id)!, user] as const).sort(([a], [b]) => byKey(a, b)).map(([key, user]) => [key, { ...awsName(key, user.userName), ...userConfig(user, provisioned, notes) }]),
  );
  // Control Tower's groups are the landing zone's: their members are given in its console or the IdP.
  const controlTower = hasControlTower(estate);
  const membersOf = new Map<string, Array<{ readonly userId: string }>>();
  for (const membership of ic.memberships) {
    const list = membersOf.get(membership.groupId) ?? [];
    list.push(membership);
    membersOf.set(membership.groupId, list);
  }
  const referenced = (group: EstateGroup) => isExternal(group) || (controlTower && CONTROL_TOWER_GROUPS.has(group.displayName));
  const groups = Object.fromEntries(
    ic.groups.map((group) => [keys.groups.get(group.id)!, group] as const).sort(([a], [b]) => byKey(a, b)).map(([key, group]) => {
      // Members of groups an identity provider syncs are the provider's to manage.
      const members = referenced(group) ? [] : (membersOf.get(group.id) ?? []).map((m) => keys.users.get(m.userId)).filter((n): n is string => n !== undefined).sort(byKey);
      return [key, { ...awsName(key, group.displayName), ...(referenced(group) ? { existing: true } : { ...(group.description ? { description: group.description } : {}), ...(members.length > 0 ? { members } : {}) }) }];
    }),
  );
  for (const admin of org.delegatedAdministrators ?? []) {
    const identityCenter = admin.servicePrincipals.includes('sso.amazonaws.com') ? ' — IAM Identity Center is administered from there too: decide whether the identity-center stack is applied from the management account or from that one, so the two do not undo each other' : '';
    notes.push(`account ${admin.name} (${admin.accountId}) is the delegated administrator for ${admin.servicePrincipals.join(', ') || 'no service it names'}: delegations are not managed here, left as they are${identityCenter}`);
  }
  const unmanagedPolicyTypes = org.policyTypes.filter((candidate) => !(POLICY_TYPES as readonly string[]).includes(candidate)).sort();
  for (const type of unmanagedPolicyTypes) {
    notes.push(
      `the policy type ${type} is enabled in AWS, and the pinned hashicorp/aws provider (5.100.0) cannot list it (its enabled_policy_types takes only ${POLICY_TYPES.join(', ')}): ` +
        'written under organization.unmanagedPolicyTypes, so the organization\'s policy types are left as AWS has them (ignore_changes) and none is disabled; its policies are not managed here either',
    );
  }
  const byType = new Map<string, string[]>();
  for (const policy of (org.otherPolicies ?? []).filter((candidate) => !candidate.awsManaged)) byType.set(policy.type, [...(byType.get(policy.type) ?? []), policy.name]);
  for (const [type, names] of byType) notes.push(`${type} policies ${names.join(', ')}: this project manages none of that type, so they stay as they are in AWS (the type stays enabled)`);
  const ctGroups = controlTower ? ic.groups.filter((group) => CONTROL_TOWER_GROUPS.has(group.displayName)).map((group) => group.displayName) : [];
  if (ctGroups.length > 0) notes.push(`Control Tower's groups ${ctGroups.join(', ')}: referenced (existing: true), their members left to Control Tower and the people who manage it`);
  const ctSets = ic.permissionSets.filter((set) => CONTROL_TOWER_PERMISSION_SETS.has(set.name)).map((set) => set.name);
  if (ctSets.length > 0) notes.push(`Control Tower's permission sets ${ctSets.join(', ')}: referenced (existing: true), only their assignments are managed here`);
  return {
    region: estate.region,
    organization: {
      servicePrincipals: org.servicePrincipals.filter((principal) => !REQUIRED_SERVICE_PRINCIPALS.includes(principal)).sort(),
      policyTypes: org.policyTypes.filter((type) => (POLICY_TYPES as readonly string[]).includes(type)).sort(),
      ...(unmanagedPolicyTypes.length > 0 ? { unmanagedPolicyTypes } : {}),
      organizationalUnits: ouTree(org.rootId),
      accounts,
    },
    identityCenter: {
      mfa: { prompt: 'every-sign-in', withoutRegisteredDevice: 'require-registration' },
      defaultPermissionSets: false,
      ...(ic.accessControlAttributes.length > 0 ? { accessControlAttributes: Object.fromEntries(ic.accessControlAttributes.map((a) => [a.key, [...a.sources]])) } : {}),
      permissionSets: Object.fromEntries(
        ic.permissionSets.map((set) => [keys.permissionSets.get(set.arn)!, set] as const).sort(([a], [b]) => byKey(a, b)).map(([key, set]) => [key, { ...awsName(key, set.name), ...permissionSetConfig(set) }]),
      ),
      users,
      groups,
      assignments,
    },
  };
}

function permissionSetConfig(set: EstatePermissionSet): Record<string, unknown> {
  if (CONTROL_TOWER_PERMISSION_SETS.has(set.name)) return { existing: true };
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

/** Terraform's aws_identitystore_user requires display_name and name.{given_name, family_name} (provider 6.25 schema). */
const REQUIRED_BY_TERRAFORM = ['displayName', 'givenName', 'familyName'] as const;

function userConfig(user: EstateUser, provisioned: boolean, notes: string[]): Record<string, unknown> {
  if (isExternal(user)) return { existing: true };
  const missing = REQUIRED_BY_TERRAFORM.filter((field) => user[field] === undefined);
  if (missing.length > 0) {
    // Managing the user would make the first apply invent a value AWS does not have.
    notes.push(`user ${user.userName} has no ${missing.join(' or ')}, which Terraform's aws_identitystore_user requires: referenced (existing: true), not managed — add the ${missing.join(' and ')} in AWS and discover again to manage it`);
    return { existing: true };
  }
  if (provisioned) {
    notes.push(`user ${user.userName} has no external ID in a directory an identity provider provisions: adopted as managed here — decide whether it belongs to the provider (then mark it existing: true) or to this config`);
  }
  if (user.status === 'DISABLED') notes.push(`user ${user.userName} is DISABLED in AWS: Terraform's aws_identitystore_user has no argument for it, so it stays disabled, whatever the config says`);
  const notManaged = (['website', 'birthdate', 'photos', 'roles'] as const).filter((field) => user[field] !== undefined);
  if (notManaged.length > 0) notes.push(`user ${user.userName} has ${notManaged.join(', ')}: Terraform's aws_identitystore_user has no argument for them, so they stay as they are in AWS, unmanaged`);
  const many = (['emails', 'phoneNumbers', 'addresses'] as const).filter((field) => (user[field]?.length ?? 0) > 1);
  if (many.length > 0) notes.push(`user ${user.userName} has more than one of ${many.join(', ')}: Terraform keeps one of each, so the first apply drops the others (reported by the zero-diff check) — decide which to keep`);
  const first = <T extends { readonly primary?: boolean }>(values: readonly T[] | undefined) => values?.find((value) => value.primary) ?? values?.[0];
  const phone = first(user.phoneNumbers);
  const address = first(user.addresses);
  const email = first(user.emails);
  return {
    ...Object.fromEntries(PROFILE_FIELDS.filter((field) => user[field] !== undefined).map((field) => [field, user[field]])),
    ...(email?.type ? { emailType: email.type } : {}),
    ...(user.name?.formatted ? { formattedName: user.name.formatted } : {}),
    ...(phone?.value ? { phoneNumbers: [{ value: phone.value, ...(phone.type ? { type: phone.type } : {}), ...(phone.primary !== undefined ? { primary: phone.primary } : {}) }] } : {}),
    ...(address ? { addresses: [Object.fromEntries(Object.entries(address).filter(([, value]) => value !== undefined))] } : {}),
  };
}

/**
 * Observed values with AWS's "not set" as null, which JSON keeps: a left-out key would vanish from
 * the written map, and with it the difference (a password policy without reuse prevention).
 */
function withNulls(value: unknown): Record<string, unknown> {
  const walk = (item: unknown): unknown =>
    item === undefined ? null : Array.isArray(item) ? item.map(walk) : typeof item === 'object' && item !== null ? Object.fromEntries(Object.entries(item).map(([k, v]) => [k, walk(v)])) : item;
  return walk(value) as Record<string, unknown>;
}

/** Every argument of aws_identitystore_user AWS has a value for; the blocks are single (the provider keeps one email, phone, address). */
function userObserved(user: EstateUser, identityStoreId: string): Record<string, unknown> {
  const single = <T>(values: readonly T[] | undefined, pick: (value: T) => unknown) => (values === undefined || values.length === 0 ? null : values.length === 1 ? pick(values[0]) : values.map(pick));
  return {
    identity_store_id: identityStoreId,
    user_name: user.userName, display_name: user.displayName, title: user.title, nickname: user.nickname, locale: user.locale, timezone: user.timezone,
    user_type: user.userType, preferred_language: user.preferredLanguage, profile_url: user.profileUrl,
    name: {
      given_name: user.givenName, family_name: user.familyName, middle_name: user.middleName,
      formatted: user.name?.formatted, honorific_prefix: user.name?.honorificPrefix, honorific_suffix: user.name?.honorificSuffix,
    },
    emails: user.emails ? single(user.emails, (email) => ({ value: email.value, type: email.type, primary: email.primary })) : user.email ? { value: user.email, primary: true } : null,
    phone_numbers: single(user.phoneNumbers, (phone) => ({ value: phone.value, type: phone.type, primary: phone.primary })),
    addresses: single(user.addresses, (address) => ({
      formatted: address.formatted, street_address: address.streetAddress, locality: address.locality, region: address.region, postal_code: address.postalCode, country: address.country, type: address.type, primary: address.primary,
    })),
  };
}

/** `tags` as observed, or nothing when they were not read (a denial): then they are no part of the comparison. */
export function tagsObserved(estate: Estate, resourceId: string, tags: Readonly<Record<string, string>>): { tags?: Readonly<Record<string, string>> } {
  return tagsUnread(estate, resourceId) ? {} : { tags };
}

/** What discovery could not read, and what that means for the adopted config. */
function unreadNotes(estate: Estate): string[] {
  return (estate.unread ?? []).map((part) => {
    const consequence = part.what === 'alternate contacts'
      ? 'the SECURITY contact is not adopted and AWS keeps whatever contacts it has'
      : part.what.startsWith('tags')
        ? 'they are adopted as none and left out of the zero-diff check: if they have tags, the first apply removes them'
        : 'adopted as if there were none';
    return `not read: ${part.what} (${part.permission} was denied${part.inputs.length > 0 ? `, e.g. ${part.inputs[0]}` : ''}): ${consequence} — grant ${part.permission} and discover again before applying`;
  });
}

/** Entries for every resource the loaded config will create that exists in the estate. */
function importMapFor(estate: Estate, environment: EnvironmentModel, accountKeys: Map<string, string>, paths: ReadonlyMap<string, string>, notes: string[]): ImportMap {
  const { organization: org, identityCenter: ic } = estate;
  const orgStack: Record<string, ImportEntry> = {};
  const icStack: Record<string, ImportEntry> = {};
  const add = (stack: Record<string, ImportEntry>, address: string, id: ids.ImportId, observed: Record<string, unknown>, known: Record<string, string> = {}) => {
    if (id.ok) stack[address] = { id: id.id, observed: withNulls(observed), known };
    else notes.push(`${address}: ${id.reason}`);
  };

  add(orgStack, 'aws_organizations_organization.organization', ids.organizationImportId(org.id), {
    feature_set: org.featureSet, aws_service_access_principals: [...org.servicePrincipals].sort(), enabled_policy_types: [...org.policyTypes].sort(),
  }, { 'roots[0].id': org.rootId });
  const ouIdByPath = new Map([...paths].map(([id, path]) => [path, id]));
  const ouById = new Map(org.organizationalUnits.map((ou) => [ou.id, ou]));
  const accountById = new Map(org.accounts.map((account) => [account.id, account]));
  for (const ou of environment.organization.organizationalUnits) {
    const found = ouById.get(ouIdByPath.get(ou.path)!)!;
    add(orgStack, `aws_organizations_organizational_unit.${ou.address}`, ids.organizationalUnitImportId(found.id), { name: found.name, parent_id: found.parentId, ...tagsObserved(estate, found.id, found.tags) }, { id: found.id });
  }
  const accountIdByKey = new Map([...accountKeys].map(([id, key]) => [key, id]));
  for (const account of environment.organization.accounts) {
    // Referenced accounts (the management account, closed ones) are never imported.
    if (account.kind !== 'managed') continue;
    const found = accountById.get(accountIdByKey.get(account.key)!)!;
    add(orgStack, `aws_organizations_account.${account.address}`, ids.organizationsAccountImportId(found.id), { name: found.name, email: found.email, parent_id: found.parentId, ...tagsObserved(estate, found.id, found.tags) });
  }

  const instance = ic.instanceArn;
  const setByName = new Map(ic.permissionSets.map((set) => [set.name, set]));
  for (const set of environment.identityCenter.permissionSets) {
    if (set.kind !== 'managed') continue;
    const found = setByName.get(set.name)!;
    add(icStack, `aws_ssoadmin_permission_set.${set.address}`, ids.permissionSetImportId(found.arn, instance),
      { name: found.name, instance_arn: instance, description: found.description, session_duration: found.sessionDuration, relay_state: found.relayState, ...tagsObserved(estate, found.arn, found.tags) }, { arn: found.arn });
    const onSet = { instance_arn: instance, permission_set_arn: found.arn };
    for (const policyArn of found.managedPolicyArns) {
      add(icStack, `aws_ssoadmin_managed_policy_attachment.${managedPolicyAttachmentName(set.address, policyArn)}`, ids.managedPolicyAttachmentImportId(policyArn, found.arn, instance), { ...onSet, managed_policy_arn: policyArn });
    }
    for (const policy of found.customerManagedPolicies) {
      add(icStack, `aws_ssoadmin_customer_managed_policy_attachment.${customerPolicyAttachmentName(set.address, policy)}`, ids.customerManagedPolicyAttachmentImportId(policy.name, policy.path, found.arn, instance),
        { ...onSet, customer_managed_policy_reference: { name: policy.name, path: policy.path } });
    }
    if (found.inlinePolicy) add(icStack, `aws_ssoadmin_permission_set_inline_policy.${set.address}`, ids.permissionSetInlinePolicyImportId(found.arn, instance), { ...onSet, inline_policy: found.inlinePolicy });
    if (found.permissionsBoundary) {
      const boundary = 'managedPolicyArn' in found.permissionsBoundary
        ? { managed_policy_arn: found.permissionsBoundary.managedPolicyArn }
        : { customer_managed_policy_reference: { ...found.permissionsBoundary.customerManagedPolicy } };
      add(icStack, `aws_ssoadmin_permissions_boundary_attachment.${set.address}`, ids.permissionsBoundaryAttachmentImportId(found.arn, instance), { ...onSet, permissions_boundary: boundary });
    }
  }
  const userByName = new Map(ic.users.map((user) => [user.userName, user]));
  for (const user of environment.identityCenter.users) {
    if (user.kind !== 'managed') continue;
    const found = userByName.get(user.userName)!;
    add(icStack, `aws_identitystore_user.${user.address}`, ids.identityStoreUserImportId(ic.identityStoreId, found.id), userObserved(found, ic.identityStoreId), { user_id: found.id });
  }
  const groupByName = new Map(ic.groups.map((group) => [group.displayName, group]));
  for (const group of environment.identityCenter.groups) {
    if (group.kind !== 'managed') continue;
    const found = groupByName.get(group.displayName)!;
    add(icStack, `aws_identitystore_group.${group.address}`, ids.identityStoreGroupImportId(ic.identityStoreId, found.id), { identity_store_id: ic.identityStoreId, display_name: found.displayName, description: found.description }, { group_id: found.id });
  }
  const userIdByAddress = new Map(environment.identityCenter.users.map((user) => [user.address, userByName.get(user.userName)?.id]));
  const groupIdByAddress = new Map(environment.identityCenter.groups.map((group) => [group.address, groupByName.get(group.displayName)?.id]));
  const membershipByPair = new Map(ic.memberships.map((m) => [`${m.groupId}|${m.userId}`, m]));
  for (const membership of environment.identityCenter.memberships) {
    const found = membershipByPair.get(`${groupIdByAddress.get(membership.groupAddress)}|${userIdByAddress.get(membership.userAddress)}`);
    if (found) add(icStack, `aws_identitystore_group_membership.${membership.address}`, ids.identityStoreGroupMembershipImportId(ic.identityStoreId, found.membershipId), { identity_store_id: ic.identityStoreId, group_id: found.groupId, member_id: found.userId });
  }
  const assignmentOf = new Map(ic.assignments.map((a) => [`${a.principalType}|${a.principalId}|${a.permissionSetArn}|${a.accountId}`, a]));
  for (const assignment of environment.identityCenter.assignments) {
    const principalId = assignment.principalType === 'GROUP' ? groupIdByAddress.get(assignment.principalAddress) : userIdByAddress.get(assignment.principalAddress);
    const setArn = setByName.get(assignment.permissionSetName)?.arn;
    const accountId = assignment.account.kind === 'existing' ? assignment.account.id : accountIdByKey.get(assignment.account.key);
    const found = assignmentOf.get(`${assignment.principalType}|${principalId}|${setArn}|${accountId}`);
    if (!found) continue;
    add(icStack, `aws_ssoadmin_account_assignment.${assignment.address}`, ids.accountAssignmentImportId(found.principalId, found.principalType, found.accountId, found.permissionSetArn, instance), {
      instance_arn: instance, principal_id: found.principalId, principal_type: found.principalType, target_id: found.accountId, target_type: 'AWS_ACCOUNT', permission_set_arn: found.permissionSetArn,
    });
  }
  if (environment.identityCenter.accessControlAttributes.length > 0) {
    add(icStack, 'aws_ssoadmin_instance_access_control_attributes.identity_center', ids.instanceAccessControlAttributesImportId(instance), {
      instance_arn: instance, attribute: ic.accessControlAttributes.map((a) => ({ key: a.key, value: [{ source: [...a.sources] }] })),
    });
  }
  // What the lookups of existing objects resolve to, so arguments referencing them are compared too.
  const icLookups: Record<string, Record<string, string>> = {
    'data.aws_ssoadmin_instances.identity_center': { identity_store_ids: ic.identityStoreId, arns: instance },
    'data.terraform_remote_state.organization': Object.fromEntries(environment.organization.accounts.flatMap((account) => {
      const id = account.kind === 'existing' ? account.id : accountIdByKey.get(account.key);
      return id === undefined ? [] : [[`outputs.account_ids.${account.key}`, id]];
    })),
  };
  for (const set of environment.identityCenter.permissionSets) {
    const arn = setByName.get(set.name)?.arn;
    if (set.kind === 'existing' && arn) icLookups[`data.aws_ssoadmin_permission_set.${set.address}`] = { arn };
  }
  for (const group of environment.identityCenter.groups) {
    const id = groupByName.get(group.displayName)?.id;
    if (group.kind === 'existing' && id) icLookups[`data.aws_identitystore_group.${group.address}`] = { group_id: id };
  }
  for (const user of environment.identityCenter.users) {
    const id = userByName.get(user.userName)?.id;
    if (user.kind === 'existing' && id) icLookups[`data.aws_identitystore_user.${user.address}`] = { user_id: id };
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
    lookups: { [`${environment.name}-identity-center`]: icLookups },
  };
}
