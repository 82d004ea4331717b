/**
 * Adoption of what the account security baseline manages: the management account's alias, password
 * policy, security contact, IAM groups and users, and the organization's service control policies
 * and centralized root access. The `baseline:` section reproduces what AWS has, so the first plan
 * only imports; what the baseline would add on top (the MFA-enforcing policy) is switched off with a
 * written reason, to be switched on in its own reviewed change.
 */
import type { ImportEntry } from '../config/import-map';
import type { ConfigIssue } from '../config/issues';
import { CIS_PASSWORD_POLICY } from '../config/baseline-schema';
import { ADMINISTRATORS_GROUP, settingsBelowCis } from '../config/validate/baseline';
import { addressName, managedPolicyAttachmentName } from '../model/address';
import { ADMINISTRATOR_ACCESS, baselineAddress, type BaselineModel } from '../model/baseline';
import type { EnvironmentModel } from '../model/environment';
import * as ids from '../discovery/import-ids';
import { tagsUnread, type Estate, type EstateIam, type EstateServiceControlPolicy } from './estate';
import { CONTROL_TOWER_EXECUTION_ROLE, hasControlTower, isControlTowerIamName, isControlTowerPolicy } from './control-tower';
import { iamNameDistinguisher, kebabName, uniqueKeys } from './names';

/** Why the adopted config switches the MFA policy off: written into the config, shown by synth. */
export const ADOPTED_WITHOUT_MFA_POLICY =
  'Adopted from the live estate, where no MFA-enforcing policy is attached: the first plan only imports. Remove requireMfa in its own reviewed change once every IAM user has an MFA device.';

const CENTRALIZED_ROOT_ACCESS = ['RootCredentialsManagement', 'RootSessions'];

export interface BaselineAdoption {
  /** The `baseline:` section; undefined when the estate has nothing the baseline manages. */
  readonly section?: BaselineSection;
  /** Policy documents the section names: path as written in the config (relative to the environment file) → JSON text. */
  readonly policyFiles: Map<string, string>;
  readonly notes: string[];
}

/** The `baseline:` section as adoption writes it (a plain object, rendered to YAML). */
export interface BaselineSection {
  deploymentRole?: string;
  requireMfa: { enabled: false; reason: string };
  centralizedRootAccess: boolean;
  accounts?: { management: { alias: string } };
  passwordPolicy?: Record<string, unknown>;
  securityContact?: { name: string; title: string; email: string; phone: string };
  iamGroups?: Record<string, { name?: string; managedPolicies?: string[] }>;
  iamUsers?: Record<string, { name?: string; groups: string[]; tags: Record<string, string>; console: boolean }>;
  serviceControlPolicies?: Record<string, { name?: string; file: string; description?: string; targets: string[]; tags?: Record<string, string> }>;
}

/** `Deny Root User` → `deny-root-user`: a file name for a policy. */
const fileName = (name: string) => kebabName(name) || 'policy';

export function adoptBaseline(estate: Estate, environment: string, ouPathById: ReadonlyMap<string, string>): BaselineAdoption {
  const notes: string[] = [];
  const policyFiles = new Map<string, string>();
  const discovered = estate.iam;
  if (!discovered) return { policyFiles, notes: ['the estate has no IAM part (saved before discovery read it): no baseline adopted'] };
  const ctIam = [...discovered.groups, ...discovered.users].filter((principal) => isControlTowerIamName(principal.name)).map((principal) => principal.name);
  if (ctIam.length > 0) notes.push(`IAM ${ctIam.join(', ')}: Control Tower's, left as they are`);
  const iam = { ...discovered, groups: discovered.groups.filter((group) => !isControlTowerIamName(group.name)), users: discovered.users.filter((user) => !isControlTowerIamName(user.name)) };
  const contact = estate.account?.alternateContacts.find((candidate) => candidate.type === 'SECURITY');
  for (const other of estate.account?.alternateContacts.filter((candidate) => candidate.type !== 'SECURITY') ?? []) {
    notes.push(`the ${other.type} alternate contact (${other.name ?? 'no name'}, ${other.emailAddress ?? 'no email'}): the baseline manages only the SECURITY contact, so it stays as it is in AWS, unmanaged`);
  }
  const controlTower = hasControlTower(estate);
  const guardrails = (estate.organization.serviceControlPolicies ?? []).filter((policy) => !policy.awsManaged && isControlTowerPolicy(policy));
  if (guardrails.length > 0) notes.push(`Control Tower's guardrail SCPs ${guardrails.map((policy) => policy.name).join(', ')}: left to Control Tower, which rewrites them as controls change — not adopted`);
  const customerScps = (estate.organization.serviceControlPolicies ?? []).filter((policy) => !policy.awsManaged && !isControlTowerPolicy(policy));
  // Policies can outlive the policy type being disabled; nothing can be attached then, so nothing is adopted.
  const scpsEnforced = estate.organization.policyTypes.includes('SERVICE_CONTROL_POLICY');
  const scps = scpsEnforced ? customerScps : [];
  if (!scpsEnforced && customerScps.length > 0) {
    notes.push(`service control policies are disabled on the root: ${customerScps.map((policy) => policy.name).join(', ')} not adopted, left as they are`);
  }
  const centralizedRootAccess = CENTRALIZED_ROOT_ACCESS.every((feature) => iam.organizationsFeatures.includes(feature));
  if (!centralizedRootAccess && iam.organizationsFeatures.length > 0) {
    notes.push(`centralized root access: only ${iam.organizationsFeatures.join(', ')} is enabled; the config leaves it as it is (centralizedRootAccess: false) — set it to true to manage both features`);
  }
  const hasAnything = iam.accountAlias !== undefined || iam.passwordPolicy !== undefined || iam.groups.length > 0 || iam.users.length > 0 || scps.length > 0 || contact !== undefined || centralizedRootAccess;
  if (!hasAnything) return { policyFiles, notes };

  const section: BaselineSection = { requireMfa: { enabled: false, reason: ADOPTED_WITHOUT_MFA_POLICY }, centralizedRootAccess };
  if (controlTower) {
    // Control Tower deploys into enrolled accounts through this role, and its guardrails exempt it alone.
    section.deploymentRole = CONTROL_TOWER_EXECUTION_ROLE;
    notes.push(`Control Tower runs this landing zone: the baseline deploys through ${CONTROL_TOWER_EXECUTION_ROLE} (baseline.deploymentRole), the role its guardrails exempt; its own roles (AWSControlTowerExecution, AWSControlTowerAdmin, AWSControlTowerStackSetRole, AWSControlTowerCloudTrailRole, AWSControlTowerConfigAggregatorRoleForOrganizations) are not managed here`);
  }
  if (iam.accountAlias !== undefined) section.accounts = { management: { alias: iam.accountAlias } };
  if (iam.passwordPolicy) section.passwordPolicy = passwordPolicyConfig(iam.passwordPolicy, notes);
  else notes.push('the management account has no password policy: the first plan creates the CIS one (aws_iam_account_password_policy.password_policy)');
  if (contact) {
    if (contact.name && contact.title && contact.emailAddress && contact.phoneNumber) {
      section.securityContact = { name: contact.name, title: contact.title, email: contact.emailAddress, phone: contact.phoneNumber };
    } else {
      notes.push('the SECURITY alternate contact lacks a name, title, email or phone: not adopted, left as it is');
    }
  }
  // Like users below: IAM names Terraform cannot tell apart get keys of their own, the name in name:.
  // IAM names are unique in the account, so each name is its own ID; a colliding one gets the punctuation it has (ops.bot-dot).
  const groupKeys = uniqueKeys(iam.groups.map((group) => ({ id: group.name, preferred: group.name, distinguisher: iamNameDistinguisher(group.name) })), addressName);
  collisionNotes('IAM group', iam.groups.map((group) => group.name), groupKeys, notes);
  section.iamGroups = Object.fromEntries(
    iam.groups.map((group) => {
      const key = groupKeys.get(group.name)!;
      const policies = attachablePolicies(key, group.name, group.attachedPolicyArns, notes);
      return [key, { ...(key === group.name ? {} : { name: group.name }), ...(policies.length > 0 ? { managedPolicies: policies } : {}) }];
    }),
  );
  const administrators = iam.groups.find((group) => group.name === ADMINISTRATORS_GROUP);
  if (!administrators) notes.push(`the baseline always has the IAM group ${ADMINISTRATORS_GROUP} with AdministratorAccess: the first plan creates it`);
  else if (!administrators.attachedPolicyArns.some((arn) => arn.endsWith(`:iam::aws:policy/${ADMINISTRATOR_ACCESS}`))) notes.push(`IAM group ${ADMINISTRATORS_GROUP}: the first plan attaches AdministratorAccess, which the baseline always gives it`);
  for (const group of iam.groups) {
    if (group.path !== '/') notes.push(`IAM group ${group.name} lives under path ${group.path}: the config has no paths, so the first plan moves it to / (reported by the zero-diff check)`);
    if (group.inlinePolicyNames.length > 0) notes.push(`IAM group ${group.name} has inline policies (${group.inlinePolicyNames.join(', ')}): not managed here, left as they are`);
  }
  // IAM tells ops.bot from ops_bot; Terraform names do not: each gets its own key, the IAM name in name:.
  const userKeys = uniqueKeys(iam.users.map((user) => ({ id: user.name, preferred: user.name, distinguisher: iamNameDistinguisher(user.name) })), addressName);
  collisionNotes('IAM user', iam.users.map((user) => user.name), userKeys, notes);
  section.iamUsers = Object.fromEntries(
    iam.users.map((user) => {
      const key = userKeys.get(user.name)!;
      return [key, { ...(key === user.name ? {} : { name: user.name }), groups: user.groups.map((group) => groupKeys.get(group) ?? group), tags: { ...user.tags }, console: user.consoleAccess }];
    }),
  );
  for (const user of iam.users) userNotes(user, notes);
  const scpKeys = uniqueKeys(scps.map((policy) => ({ id: policy.id, preferred: policy.name })), addressName);
  section.serviceControlPolicies = Object.fromEntries(
    scps.flatMap((policy) => {
      const key = scpKeys.get(policy.id)!;
      const adopted = serviceControlPolicyConfig(policy, estate, ouPathById, notes);
      if (!adopted) return [];
      // Names that differ only in punctuation (deny_root, deny-root) get the policy ID in the file name.
      let file = `../policies/scp/${environment}/${fileName(policy.name)}.json`;
      if (policyFiles.has(file)) file = `../policies/scp/${environment}/${fileName(policy.name)}-${fileName(policy.id)}.json`;
      for (let n = 2; policyFiles.has(file); n++) file = `../policies/scp/${environment}/${fileName(policy.name)}-${fileName(policy.id)}-${n}.json`;
      policyFiles.set(file, `${JSON.stringify(JSON.parse(policy.content), null, 2)}\n`);
      return [[key, { ...(key === policy.name ? {} : { name: policy.name }), file, ...adopted }] as const];
    }),
  );
  for (const key of ['iamGroups', 'iamUsers', 'serviceControlPolicies'] as const) if (Object.keys(section[key] ?? {}).length === 0) delete section[key];
  notes.push('baseline.requireMfa is off in the adopted config (no MFA-enforcing policy exists yet): switch it on in its own reviewed change');
  return { section, policyFiles, notes };
}

function passwordPolicyConfig(policy: NonNullable<EstateIam['passwordPolicy']>, notes: string[]): Record<string, unknown> {
  const config: Record<string, unknown> = {
    minimumPasswordLength: policy.minimumPasswordLength ?? 6,
    ...(policy.passwordReusePrevention !== undefined ? { passwordReusePrevention: policy.passwordReusePrevention } : {}),
    requireUppercaseCharacters: policy.requireUppercaseCharacters ?? false,
    requireLowercaseCharacters: policy.requireLowercaseCharacters ?? false,
    requireNumbers: policy.requireNumbers ?? false,
    requireSymbols: policy.requireSymbols ?? false,
    allowUsersToChangePassword: policy.allowUsersToChangePassword ?? false,
    ...(policy.maxPasswordAge !== undefined && policy.maxPasswordAge > 0 ? { maxPasswordAge: policy.maxPasswordAge } : {}),
    hardExpiry: policy.hardExpiry ?? false,
  };
  if (policy.passwordReusePrevention === undefined) {
    notes.push(`the password policy does not prevent password reuse; the config cannot express that, so the first plan sets passwordReusePrevention ${CIS_PASSWORD_POLICY.passwordReusePrevention} (reported by the zero-diff check)`);
  }
  const below = settingsBelowCis(config);
  if (below.length > 0) {
    config.reason = `Adopted as AWS has it, below the CIS floor (${below.join(', ')}). Raise it in its own reviewed change.`;
    notes.push(`the password policy is below the CIS floor (${below.join(', ')}): adopted as it is, with a reason in the config`);
  }
  return config;
}

function userNotes(user: NonNullable<Estate['iam']>['users'][number], notes: string[]): void {
  const what = `IAM user ${user.name}`;
  if (user.attachedPolicyArns.length > 0) notes.push(`${what} has policies attached directly (${user.attachedPolicyArns.join(', ')}): left as they are; the baseline grants permissions through groups — move them to a group`);
  if (user.inlinePolicyNames.length > 0) notes.push(`${what} has inline policies (${user.inlinePolicyNames.join(', ')}): not managed here, left as they are`);
  if (user.permissionsBoundaryArn) notes.push(`${what} has the permissions boundary ${user.permissionsBoundaryArn}: the config sets none, so the first plan would remove it (reported by the zero-diff check)`);
  if (user.consoleAccess) notes.push(`${what} has a console password: its login profile stays as it is, unmanaged (to let Terraform manage it later with a PGP key, first run aws iam delete-login-profile --user-name ${user.name})`);
  if (user.path !== '/') notes.push(`${what} lives under path ${user.path}: the config has no paths, so the first plan moves it to / (reported by the zero-diff check)`);
  if (!('Project' in user.tags) && 'Owner' in user.tags) notes.push(`${what} has no Project tag: the first plan adds Project = identity-foundation`);
  const active = (user.accessKeys ?? []).filter((key) => key.status === 'Active');
  if (active.length > 0) {
    notes.push(`${what} has ${active.length === 1 ? 'an active access key' : `${active.length} active access keys`} (${active.map((key) => `${key.id}${key.createdDate ? `, created ${key.createdDate.slice(0, 10)}` : ''}`).join('; ')}): keys are not managed here and stay as they are — the baseline's controls report long-lived keys, so decide whether to rotate or delete ${active.length === 1 ? 'it' : 'them'}`);
  }
  if (user.mfaDevices !== undefined && user.mfaDevices.length === 0) {
    notes.push(`${what} has no MFA device: before switching baseline.requireMfa on, register one, or the user can do nothing but set it up — decide who does it`);
  }
}

function serviceControlPolicyConfig(
  policy: EstateServiceControlPolicy,
  estate: Estate,
  ouPathById: ReadonlyMap<string, string>,
  notes: string[],
): { description?: string; targets: string[]; tags?: Record<string, string> } | undefined {
  const targets: string[] = [];
  for (const target of policy.targets) {
    if (target.type === 'ROOT' && target.targetId === estate.organization.rootId) targets.push('root');
    else if (target.type === 'ORGANIZATIONAL_UNIT' && ouPathById.has(target.targetId)) targets.push(ouPathById.get(target.targetId)!);
    else notes.push(`SCP ${policy.name} is attached to ${target.type === 'ACCOUNT' ? 'account' : 'target'} ${target.name} (${target.targetId}) directly: the config attaches SCPs to the root and OUs only, so that attachment is left as it is`);
  }
  if (targets.length === 0) {
    notes.push(`SCP ${policy.name} is attached to no root or OU: not adopted, left as it is`);
    return undefined;
  }
  try {
    JSON.parse(policy.content);
  } catch {
    notes.push(`SCP ${policy.name}: its content is not JSON, not adopted`);
    return undefined;
  }
  if (!policy.description) notes.push(`SCP ${policy.name} has no description: the first plan sets the project's default one (reported by the zero-diff check)`);
  return { ...(policy.description ? { description: policy.description } : {}), targets, ...(Object.keys(policy.tags).length > 0 ? { tags: { ...policy.tags } } : {}) };
}

/**
 * A group's attached policies as the config can hold them: two ARNs with the same policy name
 * (an AWS managed one and a customer managed one under a path) would share one Terraform address,
 * so the second stays attached in AWS, unmanaged, with a note.
 */
function attachablePolicies(key: string, group: string, arns: readonly string[], notes: string[]): string[] {
  const byAddress = new Map<string, string>();
  for (const arn of arns) {
    const address = managedPolicyAttachmentName(addressName(key), arn);
    const first = byAddress.get(address);
    if (first === undefined) byAddress.set(address, arn);
    else notes.push(`IAM group ${group}: ${arn} has the same policy name as ${first}, so both would be aws_iam_group_policy_attachment.${address}; it stays attached, unmanaged`);
  }
  return [...byAddress.values()];
}

/**
 * Takes out of the section whatever the project rejected (the validator's issues), so the rest is
 * still adopted; returns one note per part taken out, or undefined when an issue is outside the
 * parts adoption can leave to AWS (a bug then). Every call removes at least one part, so the
 * caller's load-and-drop loop ends.
 */
export function dropRejected(section: BaselineSection, policyFiles: Map<string, string>, issues: readonly ConfigIssue[]): string[] | undefined {
  const drops = new Map<string, { readonly note: string; readonly apply: () => void }>();
  for (const found of issues) {
    const [root, part, name, field, index] = found.path;
    if (root !== 'baseline') return undefined;
    const because = `${found.message} — not adopted, left in AWS as it is`;
    const drop = (key: string, note: string, apply: () => void) => {
      if (!drops.has(key)) drops.set(key, { note, apply });
    };
    if (part === 'serviceControlPolicies' && typeof name === 'string' && section.serviceControlPolicies?.[name]) {
      const scp = section.serviceControlPolicies[name];
      drop(`scp/${name}`, `SCP ${name}: ${because}`, () => {
        policyFiles.delete(scp.file);
        delete section.serviceControlPolicies![name];
      });
    } else if (part === 'iamUsers' && typeof name === 'string' && section.iamUsers?.[name]) {
      drop(`user/${name}`, `IAM user ${name}: ${because}${found.fix ? ` (to adopt it: ${found.fix}, in AWS too, then discover again)` : ''}`, () => delete section.iamUsers![name]);
    } else if (part === 'iamGroups' && typeof name === 'string' && field === 'managedPolicies' && typeof index === 'number' && section.iamGroups?.[name]?.managedPolicies?.[index] !== undefined) {
      const arn = section.iamGroups[name].managedPolicies![index];
      drop(`group/${name}/${arn}`, `IAM group ${name}, policy ${arn}: ${because}`, () => {
        const group = section.iamGroups![name];
        group.managedPolicies = group.managedPolicies!.filter((candidate) => candidate !== arn);
        if (group.managedPolicies.length === 0) delete group.managedPolicies;
      });
    } else if (part === 'iamGroups' && typeof name === 'string' && section.iamGroups?.[name] && name !== ADMINISTRATORS_GROUP) {
      drop(`group/${name}`, `IAM group ${name}: ${because}`, () => {
        delete section.iamGroups![name];
        for (const user of Object.values(section.iamUsers ?? {})) user.groups = user.groups.filter((group) => group !== name);
      });
    } else if (part === 'accounts' && section.accounts) {
      drop('alias', `account alias: ${because}`, () => delete section.accounts);
    } else if (part === 'securityContact' && section.securityContact) {
      drop('contact', `SECURITY alternate contact: ${because}`, () => delete section.securityContact);
    } else if (part === 'passwordPolicy' && section.passwordPolicy) {
      drop('password', `password policy: ${found.message} — the first plan sets the CIS floor instead (reported by the zero-diff check)`, () => delete section.passwordPolicy);
    } else {
      return undefined;
    }
  }
  for (const { apply } of drops.values()) apply();
  return drops.size > 0 ? [...drops.values()].map((drop) => drop.note) : undefined;
}

/** Import entries for the baseline's resources: the organization stack's guardrails and the `<env>-baseline` stack. */
export function baselineImports(estate: Estate, environment: EnvironmentModel, ouIdByPath: ReadonlyMap<string, string>, add: (stack: Record<string, ImportEntry>, address: string, id: ids.ImportId, observed: Record<string, unknown>, known?: Record<string, string>) => void): {
  readonly organization: Record<string, ImportEntry>;
  readonly baseline: Record<string, ImportEntry>;
} {
  const organization: Record<string, ImportEntry> = {};
  const stack: Record<string, ImportEntry> = {};
  const baseline: BaselineModel | undefined = environment.baseline;
  const iam = estate.iam;
  if (!baseline || !iam) return { organization, baseline: stack };

  if (baseline.organization.centralizedRootAccess && iam.organizationsFeatures.length > 0) {
    add(organization, 'aws_iam_organizations_features.root_access', ids.iamOrganizationsFeaturesImportId(estate.organization.id), { enabled_features: [...iam.organizationsFeatures].sort() });
  }
  const scpByName = new Map((estate.organization.serviceControlPolicies ?? []).map((policy) => [policy.name, policy]));
  for (const scp of baseline.organization.serviceControlPolicies) {
    const found = scpByName.get(scp.name);
    if (!found) continue;
    add(organization, `aws_organizations_policy.${scp.address}`, ids.organizationsPolicyImportId(found.id),
      { name: found.name, description: found.description, type: 'SERVICE_CONTROL_POLICY', content: found.content, ...(tagsUnread(estate, found.id) ? {} : { tags: found.tags }) }, { id: found.id });
    for (const target of scp.targets) {
      const targetId = target.kind === 'root' ? estate.organization.rootId : ouIdByPath.get(target.path);
      if (targetId === undefined || !found.targets.some((attached) => attached.targetId === targetId)) continue;
      add(organization, `aws_organizations_policy_attachment.${target.attachmentAddress}`, ids.organizationsPolicyAttachmentImportId(targetId, found.id), { policy_id: found.id, target_id: targetId });
    }
  }

  const management = baseline.accounts.find((account) => account.management)!;
  const address = (name: string) => baselineAddress(management, name);
  if (management.alias !== undefined && management.alias === iam.accountAlias) {
    add(stack, `aws_iam_account_alias.${address('alias')}`, ids.iamAccountAliasImportId(iam.accountAlias), { account_alias: iam.accountAlias });
  }
  if (iam.passwordPolicy) {
    const policy = iam.passwordPolicy;
    add(stack, `aws_iam_account_password_policy.${address('password_policy')}`, ids.iamAccountPasswordPolicyImportId(), {
      minimum_password_length: policy.minimumPasswordLength,
      password_reuse_prevention: policy.passwordReusePrevention,
      // AWS leaves a false setting out; the provider reads it as false.
      require_uppercase_characters: policy.requireUppercaseCharacters ?? false,
      require_lowercase_characters: policy.requireLowercaseCharacters ?? false,
      require_numbers: policy.requireNumbers ?? false,
      require_symbols: policy.requireSymbols ?? false,
      allow_users_to_change_password: policy.allowUsersToChangePassword ?? false,
      max_password_age: policy.maxPasswordAge !== undefined && policy.maxPasswordAge > 0 ? policy.maxPasswordAge : undefined,
      // AWS leaves HardExpiry out when it is off; the provider reads that as false.
      hard_expiry: policy.hardExpiry ?? false,
    });
  }
  const contact = estate.account?.alternateContacts.find((candidate) => candidate.type === 'SECURITY');
  if (contact && management.securityContact) {
    add(stack, `aws_account_alternate_contact.${address('security_contact')}`, ids.accountAlternateContactImportId('SECURITY'), {
      alternate_contact_type: 'SECURITY', name: contact.name, title: contact.title, email_address: contact.emailAddress, phone_number: contact.phoneNumber,
    });
  }
  const groupByName = new Map(iam.groups.map((group) => [group.name, group]));
  for (const group of baseline.groups) {
    const found = groupByName.get(group.name);
    if (!found) continue;
    add(stack, `aws_iam_group.${address(group.address)}`, ids.iamGroupImportId(found.name), { name: found.name, ...(found.path !== '/' ? { path: found.path } : {}) }, { name: found.name });
    for (const arn of found.attachedPolicyArns.filter((attached) => group.managedPolicyArns.includes(attached))) {
      add(stack, `aws_iam_group_policy_attachment.${address(managedPolicyAttachmentName(group.address, arn))}`, ids.iamGroupPolicyAttachmentImportId(found.name, arn), { group: found.name, policy_arn: arn });
    }
  }
  const userByName = new Map(iam.users.map((user) => [user.name, user]));
  for (const user of management.users) {
    const found = userByName.get(user.name);
    if (!found) continue;
    add(stack, `aws_iam_user.${address(user.address)}`, ids.iamUserImportId(found.name), {
      name: found.name, tags: found.tags, ...(found.path !== '/' ? { path: found.path } : {}), ...(found.permissionsBoundaryArn ? { permissions_boundary: found.permissionsBoundaryArn } : {}),
    }, { name: found.name });
    const groups = user.groups.map((group) => group.name).filter((name) => found.groups.includes(name));
    if (groups.length > 0) add(stack, `aws_iam_user_group_membership.${address(user.address)}`, ids.iamUserGroupMembershipImportId(found.name, groups), { user: found.name, groups });
  }
  return { organization, baseline: stack };
}

/**
 * A note per IAM name whose key is not the name: which names collided, the keys each got and why
 * they stay put (each derived from its own name, not from a place in a list).
 */
function collisionNotes(what: string, names: readonly string[], keys: ReadonlyMap<string, string>, notes: string[]): void {
  const byTerraformName = new Map<string, string[]>();
  for (const name of names) byTerraformName.set(addressName(name), [...(byTerraformName.get(addressName(name)) ?? []), name]);
  for (const [terraformName, colliding] of byTerraformName) {
    if (colliding.length < 2) continue;
    const sorted = [...colliding].sort();
    notes.push(
      `names: ${what}s ${sorted.join(', ')} share the Terraform name ${terraformName}: keys ${sorted.map((name) => `${keys.get(name)} (${name})`).join(', ')}, the IAM name kept in name: — ` +
        'each key comes from its own name (the punctuation Terraform names lose), so adding or removing other users or groups never changes it',
    );
  }
}
