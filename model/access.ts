/**
 * Who can reach what: the access model of one environment, from the validated EnvironmentModel.
 * Every account (grouped by OU path) with every person and group that reaches it, through which group
 * or directly, with which permission set; every person with their memberships expanded; every
 * permission set with its effective access (model/effective-access.ts) and, per account, the SCPs
 * that apply through OU inheritance. The synth writes it as ACCESS.md, access.json and access.html
 * (synth/access-report.ts); the plan review reads the same model.
 *
 * access.json is this object as JSON: its shape is `AccessReport` and config/access.schema.json
 * describes it (version 1; a field may be added, none removed or changed without a new version).
 */
import { AWS_MANAGED_POLICY_DOCUMENTS, AWS_MANAGED_POLICY_DOCUMENTS_SOURCE } from '../config/aws-managed-policy-documents.generated';
import type { PolicyDocument, PolicyStatement } from '../config/policy-document';
import type { CustomerManagedPolicyRef } from '../config/schema';
import { effectiveAccess, type EffectiveAccess, type PolicyInput } from './effective-access';
import { ASSIGNMENT_RESOURCE_TYPE } from './expiry';
import type { AccountModel, AssignmentModel, EnvironmentModel, PermissionSetModel } from './environment';

export const ACCESS_REPORT_VERSION = 1;

export interface AccessReport {
  readonly version: typeof ACCESS_REPORT_VERSION;
  readonly environment: string;
  /** The config file, as messages name it. */
  readonly source: string;
  /** Identity Center's MFA at sign-in, the same for every assignment: `every sign-in`, `when the sign-in context changes`, `never`. */
  readonly mfaAtSignIn: string;
  /** Where the AWS managed policy documents come from. */
  readonly managedPolicyData: string;
  readonly accounts: readonly AccountAccess[];
  readonly people: readonly PersonAccess[];
  readonly groups: readonly GroupAccess[];
  readonly permissionSets: readonly PermissionSetAccess[];
  readonly highlights: AccessHighlights;
  /** Grants whose `expires:` had passed at the synth's clock: dropped from every stack (a plan deletes them where they were applied). */
  readonly expired: readonly ExpiredGrant[];
}

/** A grant the synth dropped because its `expires:` had passed (model/expiry.ts). */
export interface ExpiredGrant {
  /** The plan address it had: `aws_ssoadmin_account_assignment.group_platform_admins__admin__prod`. */
  readonly assignment: string;
  readonly principalType: 'USER' | 'GROUP';
  readonly principal: string;
  readonly permissionSet: string;
  /** The account key. */
  readonly account: string;
  /** ISO-8601 UTC: the instant it ended. */
  readonly expires: string;
  readonly reason?: string;
}

export interface AccountAccess {
  readonly key: string;
  readonly name: string;
  /** The 12-digit ID for an existing account; undefined for one this project creates. */
  readonly id?: string;
  /** `Workloads/Prod`; `` (empty) directly under the root. */
  readonly ouPath: string;
  readonly management: boolean;
  readonly closed: boolean;
  /** The SCPs that apply to it (attached to the root or an OU above it), with what they deny. None on the management account: SCPs do not apply there. */
  readonly serviceControlPolicies: readonly ScpOnAccount[];
  readonly access: readonly AccessRow[];
}

export interface ScpOnAccount {
  readonly name: string;
  /** `root` or the OU path it is attached to. */
  readonly attachedTo: string;
  readonly denies: readonly DenyReading[];
}

export interface DenyReading {
  readonly sid?: string;
  /** The actions denied, as written (`iam:CreateUser`), or `everything except …` for a NotAction. */
  readonly actions: readonly string[];
  /** The condition keys that limit the deny (`aws:PrincipalArn`), empty when it always applies. */
  readonly unless: readonly string[];
}

/** One way a principal reaches an account. */
export interface AccessRow {
  /** The assignment's plan address (`aws_ssoadmin_account_assignment.group_platform_admins__admin__prod`): the plan review joins its rows to the plan by it. */
  readonly assignment: string;
  /** The person (a user name); undefined for a group whose members are managed in the IdP and none are named. */
  readonly person?: string;
  /** The group it comes through; undefined for an assignment to the user directly. */
  readonly group?: string;
  readonly permissionSet: string;
  /** ISO-8601 (`PT1H`); undefined for an existing permission set. */
  readonly sessionDuration?: string;
  readonly mfaAtSignIn: string;
  /** The set's effective access in this account: its reading with the SCPs' unconditional Denies taken off. */
  readonly effectiveAccess: string;
  /** The set is administrator-level (before SCPs). */
  readonly adminLevel: boolean;
  /** From the assignment's `expires:` and `reason:`, when the config gives them (issue 16, item 2). */
  readonly expires?: string;
  readonly reason?: string;
}

export interface PersonAccess {
  readonly userName: string;
  /** `managed` here, or `existing` (made elsewhere, e.g. synced from the IdP). */
  readonly kind: 'managed' | 'existing';
  readonly groups: readonly { readonly name: string; readonly idpManaged: boolean }[];
  readonly access: readonly { readonly account: string; readonly permissionSet: string; readonly group?: string; readonly expires?: string; readonly reason?: string }[];
}

export interface GroupAccess {
  readonly name: string;
  readonly kind: 'managed' | 'existing';
  /** An existing group's membership is kept in the IdP (SCIM): members named here are only those the config adds. */
  readonly idpManaged: boolean;
  readonly members: readonly string[];
  readonly assignments: number;
}

export interface PermissionSetAccess {
  readonly name: string;
  readonly kind: 'managed' | 'existing';
  readonly description?: string;
  readonly sessionDuration?: string;
  readonly managedPolicies: readonly string[];
  readonly customerManagedPolicies: readonly string[];
  readonly inlinePolicy: boolean;
  readonly permissionsBoundary?: string;
  readonly effectiveAccess: EffectiveAccess;
  readonly adminLevel: boolean;
  readonly accounts: readonly string[];
}

export interface AccessHighlights {
  /** Per account, who holds an administrator-level set (full admin, or IAM Permissions management). */
  readonly adminAccess: readonly { readonly account: string; readonly principals: readonly string[] }[];
  /** Every row on the management account. */
  readonly managementAccess: readonly { readonly principal: string; readonly permissionSet: string }[];
  /** Assignments to users directly instead of through a group. */
  readonly directUserAccess: readonly { readonly user: string; readonly account: string; readonly permissionSet: string }[];
  /** IAM users of the baseline (break-glass), per account. */
  readonly breakGlassUsers: readonly { readonly user: string; readonly account: string; readonly groups: readonly string[] }[];
  /** Groups with no assignment, and users reaching nothing. */
  readonly noAccess: readonly { readonly principal: string; readonly type: 'GROUP' | 'USER' }[];
  /** Accounts no assignment reaches (closed ones aside). */
  readonly unreachableAccounts: readonly string[];
}

const MFA_WORDS: Readonly<Record<string, string>> = { 'every-sign-in': 'every sign-in', 'context-aware': 'when the sign-in context changes', never: 'never' };

/** The temporary-grant fields an assignment may carry (`expires`, `reason`): read structurally, so the report shows them once the config has them. */
function temporaryGrantOf(assignment: AssignmentModel): { expires?: string; reason?: string } {
  const grant = assignment as AssignmentModel & { readonly expires?: unknown; readonly reason?: unknown };
  return {
    ...(grant.expires !== undefined ? { expires: grant.expires instanceof Date ? grant.expires.toISOString() : String(grant.expires) } : {}),
    ...(typeof grant.reason === 'string' ? { reason: grant.reason } : {}),
  };
}

/** `arn:aws:iam::aws:policy/job-function/ViewOnlyAccess` → `job-function/ViewOnlyAccess`. */
function managedPolicyPath(arn: string): string | undefined {
  const match = /^arn:[\w-]+:iam::aws:policy\/(.+)$/.exec(arn);
  return match?.[1];
}

function managedPolicyInput(arn: string): PolicyInput {
  const path = managedPolicyPath(arn);
  const name = path ? path.slice(path.lastIndexOf('/') + 1) : arn;
  const entry = path ? AWS_MANAGED_POLICY_DOCUMENTS[path] : undefined;
  return { name, document: entry?.document as PolicyDocument | undefined };
}

export function buildAccessReport(environment: EnvironmentModel): AccessReport {
  const ic = environment.identityCenter;
  const mfaAtSignIn = MFA_WORDS[ic.mfa.prompt] ?? ic.mfa.prompt;
  const customerDocuments = new Map(ic.customerManagedPolicies.map((policy) => [`${policy.path}${policy.name}`, JSON.parse(policy.document) as PolicyDocument]));
  const customerInput = (reference: CustomerManagedPolicyRef): PolicyInput => ({ name: `${reference.path}${reference.name}`, document: customerDocuments.get(`${reference.path}${reference.name}`) });

  const assignmentsBySet = new Map<string, AssignmentModel[]>();
  for (const assignment of ic.assignments) assignmentsBySet.set(assignment.permissionSetName, [...(assignmentsBySet.get(assignment.permissionSetName) ?? []), assignment]);

  const sets = new Map<string, PermissionSetAccess>();
  const inputsBySet = new Map(ic.permissionSets.map((set) => [set.name, setInputs(set, customerInput)]));
  for (const set of ic.permissionSets) sets.set(set.name, permissionSetAccess(set, inputsBySet.get(set.name), assignmentsBySet.get(set.name) ?? []));
  // Per account, the SCPs' Deny statements without a Condition come off each set's access there (those with one are listed, not applied).
  const scpsByAccount = new Map(environment.organization.accounts.map((account) => [account.key, scpsOn(environment, account)]));
  const scpDocuments = new Map((environment.baseline?.organization.serviceControlPolicies ?? []).map((policy) => [policy.name, policy.document]));
  const effectiveThere = (set: PermissionSetAccess, account: string): string => {
    const inputs = inputsBySet.get(set.name);
    const denies = (scpsByAccount.get(account) ?? []).filter((scp) => scp.denies.some((deny) => deny.unless.length === 0));
    if (!inputs || denies.length === 0) return set.effectiveAccess.summary;
    return cachedEffectiveAccess(inputs, denies.map((scp) => ({ name: `SCP ${scp.name}`, document: scpDocuments.get(scp.name) }))).summary;
  };

  // Memberships: group display name → user names, and back.
  const userByAddress = new Map(ic.users.map((user) => [user.address, user.userName]));
  const groupByAddress = new Map(ic.groups.map((group) => [group.address, group]));
  const members = new Map<string, string[]>();
  const groupsOf = new Map<string, string[]>();
  for (const membership of ic.memberships) {
    const group = groupByAddress.get(membership.groupAddress)?.displayName;
    const user = userByAddress.get(membership.userAddress);
    if (group === undefined || user === undefined) continue;
    members.set(group, [...(members.get(group) ?? []), user]);
    groupsOf.set(user, [...(groupsOf.get(user) ?? []), group]);
  }
  const idpManaged = new Set(ic.groups.filter((group) => group.kind === 'existing').map((group) => group.displayName));

  const rowsByAccount = new Map<string, AccessRow[]>();
  const personAccess = new Map<string, PersonAccess['access'][number][]>();
  for (const assignment of ic.assignments) {
    const set = sets.get(assignment.permissionSetName)!;
    const temporary = temporaryGrantOf(assignment);
    const base = { assignment: `${ASSIGNMENT_RESOURCE_TYPE}.${assignment.address}`, permissionSet: set.name, sessionDuration: set.sessionDuration, mfaAtSignIn, effectiveAccess: effectiveThere(set, assignment.account.key), adminLevel: set.adminLevel, ...temporary };
    const rows = rowsByAccount.get(assignment.account.key) ?? [];
    rowsByAccount.set(assignment.account.key, rows);
    const people = assignment.principalType === 'USER' ? [assignment.principalName] : members.get(assignment.principalName) ?? [];
    const group = assignment.principalType === 'GROUP' ? assignment.principalName : undefined;
    if (people.length === 0) rows.push({ group, ...base });
    for (const person of people) {
      rows.push({ person, ...(group !== undefined ? { group } : {}), ...base });
      personAccess.set(person, [...(personAccess.get(person) ?? []), { account: assignment.account.key, permissionSet: set.name, ...(group !== undefined ? { group } : {}), ...temporary }]);
    }
    // A group the IdP fills reaches more people than the config names: keep a row for the group itself.
    if (group !== undefined && people.length > 0 && idpManaged.has(group)) rows.push({ group, ...base });
  }

  const accounts = [...environment.organization.accounts]
    .sort((a, b) => compare(a.ouPath ?? '', b.ouPath ?? '') || compare(a.key, b.key))
    .map((account): AccountAccess => ({
      key: account.key,
      name: account.name,
      ...(account.kind === 'existing' ? { id: account.id } : {}),
      ouPath: account.ouPath ?? '',
      management: isManagement(account),
      closed: account.kind === 'existing' && account.closed,
      serviceControlPolicies: scpsByAccount.get(account.key) ?? [],
      access: rowsByAccount.get(account.key) ?? [],
    }));

  const people = ic.users.map((user): PersonAccess => ({
    userName: user.userName,
    kind: user.kind,
    groups: (groupsOf.get(user.userName) ?? []).map((name) => ({ name, idpManaged: idpManaged.has(name) })),
    access: personAccess.get(user.userName) ?? [],
  }));
  const assignmentsByGroup = new Map<string, number>();
  for (const assignment of ic.assignments) if (assignment.principalType === 'GROUP') assignmentsByGroup.set(assignment.principalName, (assignmentsByGroup.get(assignment.principalName) ?? 0) + 1);
  const groups = ic.groups.map((group): GroupAccess => ({
    name: group.displayName,
    kind: group.kind,
    idpManaged: group.kind === 'existing',
    members: members.get(group.displayName) ?? [],
    assignments: assignmentsByGroup.get(group.displayName) ?? 0,
  }));

  return {
    version: ACCESS_REPORT_VERSION,
    environment: environment.name,
    source: environment.sourceFile,
    mfaAtSignIn,
    managedPolicyData: AWS_MANAGED_POLICY_DOCUMENTS_SOURCE,
    accounts,
    people,
    groups,
    permissionSets: [...sets.values()],
    highlights: highlightsOf(environment, accounts, people, groups),
    expired: ic.expiry.expired.map((assignment) => ({
      assignment: `${ASSIGNMENT_RESOURCE_TYPE}.${assignment.address}`,
      principalType: assignment.principalType,
      principal: assignment.principalName,
      permissionSet: assignment.permissionSetName,
      account: assignment.account.key,
      expires: assignment.expires!.toISOString(),
      ...(assignment.reason !== undefined ? { reason: assignment.reason } : {}),
    })),
  };
}

interface SetInputs {
  readonly allow: readonly PolicyInput[];
  readonly boundary?: PolicyInput;
}

function setInputs(set: PermissionSetModel, customerInput: (reference: CustomerManagedPolicyRef) => PolicyInput): SetInputs | undefined {
  if (set.kind === 'existing') return undefined;
  const boundary = set.permissionsBoundary;
  return {
    allow: [
      ...set.managedPolicyArns.map(managedPolicyInput),
      ...set.customerManagedPolicies.map(customerInput),
      ...(set.inlinePolicy ? [{ name: 'inline policy', document: JSON.parse(set.inlinePolicy) as PolicyDocument }] : []),
    ],
    ...(boundary === undefined ? {} : { boundary: 'managedPolicyArn' in boundary ? managedPolicyInput(boundary.managedPolicyArn) : customerInput(boundary.customerManagedPolicy) }),
  };
}

function permissionSetAccess(set: PermissionSetModel, inputs: SetInputs | undefined, assignments: readonly AssignmentModel[]): PermissionSetAccess {
  const accounts = [...new Set(assignments.map((assignment) => assignment.account.key))];
  if (set.kind === 'existing') {
    const effective: EffectiveAccess = { summary: 'unknown (existing permission set: its policies are not in the config)', fullAdmin: false, iamWrite: false, otherServices: false, services: [], caveats: ['existing permission set, policies not known here'] };
    // An existing set named like AWS's administrator sets (Control Tower's AWSAdministratorAccess) counts as administrator-level.
    return { name: set.name, kind: 'existing', managedPolicies: [], customerManagedPolicies: [], inlinePolicy: false, effectiveAccess: effective, adminLevel: /admin/i.test(set.name), accounts };
  }
  const boundary = set.permissionsBoundary;
  const effective = cachedEffectiveAccess(inputs!, []);
  return {
    name: set.name,
    kind: 'managed',
    ...(set.description !== undefined ? { description: set.description } : {}),
    sessionDuration: set.sessionDuration,
    managedPolicies: set.managedPolicyArns,
    customerManagedPolicies: set.customerManagedPolicies.map((reference) => `${reference.path}${reference.name}`),
    inlinePolicy: set.inlinePolicy !== undefined,
    ...(boundary !== undefined ? { permissionsBoundary: 'managedPolicyArn' in boundary ? boundary.managedPolicyArn : `${boundary.customerManagedPolicy.path}${boundary.customerManagedPolicy.name}` } : {}),
    effectiveAccess: effective,
    // Administrator-level: everything, or IAM's Permissions management (attach or write policies: a way to everything). PowerUserAccess's iam:CreateServiceLinkedRole is IAM Write, not that.
    adminLevel: effective.fullAdmin || effective.services.some((service) => service.service === 'iam' && service.levels['Permissions management'] !== undefined),
    accounts,
  };
}

/** Many sets share the same policies (a generated estate's fifty ReadOnlyAccess sets): read each combination once. */
const effectiveCache = new Map<string, EffectiveAccess>();
function cachedEffectiveAccess({ allow, boundary }: SetInputs, deny: readonly PolicyInput[]): EffectiveAccess {
  const key = JSON.stringify([allow.map((policy) => [policy.name, policy.document ?? null]), boundary ? [boundary.name, boundary.document ?? null] : null, deny.map((policy) => [policy.name, policy.document ?? null])]);
  let effective = effectiveCache.get(key);
  if (!effective) {
    effective = effectiveAccess({ allow, boundary, deny });
    effectiveCache.set(key, effective);
  }
  return effective;
}

function isManagement(account: AccountModel): boolean {
  return account.kind === 'existing' && account.management;
}

/** The SCPs attached to the root or to the account's OU or one above it; none for the management account (SCPs never apply there). */
function scpsOn(environment: EnvironmentModel, account: AccountModel): ScpOnAccount[] {
  if (isManagement(account)) return [];
  const policies = environment.baseline?.organization.serviceControlPolicies ?? [];
  const path = account.ouPath ?? '';
  const above = (ou: string): boolean => path === ou || path.startsWith(`${ou}/`);
  return policies.flatMap((policy) => {
    const target = policy.targets.find((candidate) => candidate.kind === 'root' || above(candidate.path));
    if (!target) return [];
    return [{ name: policy.name, attachedTo: target.kind === 'root' ? 'root' : target.path, denies: policy.document.Statement.filter((statement) => statement.Effect === 'Deny').map(denyReading) }];
  });
}

function denyReading(statement: PolicyStatement): DenyReading {
  const actions = statement.Action !== undefined ? [statement.Action].flat() : [`everything except ${[statement.NotAction ?? []].flat().join(', ')}`];
  const unless = Object.values(statement.Condition ?? {}).flatMap((keys) => Object.keys(keys));
  return { ...(statement.Sid !== undefined ? { sid: statement.Sid } : {}), actions, unless: [...new Set(unless)] };
}

function highlightsOf(environment: EnvironmentModel, accounts: readonly AccountAccess[], people: readonly PersonAccess[], groups: readonly GroupAccess[]): AccessHighlights {
  const principal = (row: AccessRow): string => (row.person !== undefined ? `${row.person}${row.group !== undefined ? ` (via ${row.group})` : ''}` : `${row.group} (members managed in the IdP)`);
  const adminAccess = accounts.flatMap((account) => {
    const principals = [...new Set(account.access.filter((row) => row.adminLevel).map(principal))];
    return principals.length > 0 ? [{ account: account.key, principals }] : [];
  });
  const managementAccess = accounts.filter((account) => account.management).flatMap((account) => account.access.map((row) => ({ principal: principal(row), permissionSet: row.permissionSet })));
  const directUserAccess = environment.identityCenter.assignments
    .filter((assignment) => assignment.principalType === 'USER')
    .map((assignment) => ({ user: assignment.principalName, account: assignment.account.key, permissionSet: assignment.permissionSetName }));
  const breakGlassUsers = (environment.baseline?.accounts ?? []).flatMap((entry) => entry.users.map((user) => ({ user: user.name, account: entry.account.key, groups: user.groups.map((group) => group.name) })));
  const noAccess = [
    ...groups.filter((group) => group.assignments === 0).map((group) => ({ principal: group.name, type: 'GROUP' as const })),
    ...people.filter((person) => person.access.length === 0).map((person) => ({ principal: person.userName, type: 'USER' as const })),
  ];
  const unreachableAccounts = accounts.filter((account) => !account.closed && account.access.length === 0).map((account) => account.key);
  return { adminAccess, managementAccess, directUserAccess, breakGlassUsers, noAccess, unreachableAccounts };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
