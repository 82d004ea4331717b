import { sessionMinutes } from '../config/session-duration';
import type { AssignmentModel, EnvironmentModel, ManagedPermissionSetModel } from '../model/environment';
import { CATALOGUE, ruleInfo, type RuleInfo, type Severity } from './catalogue';
import { belowCisFloor, type PasswordPolicyValues } from './password-policy';
import { adminLevel, adminManagedPolicy, widenings } from './policy/analysis';
import { describeStatement, parsePolicy } from './policy/document';

/**
 * The synth's entry point to the rule pack: the same rules the review applies to a plan's change,
 * applied to the state the config asks for. Pure: a validated model in, findings out.
 */

/** One entry of the config's `suppressions:`. */
export interface Suppression {
  readonly rule: string;
  /** The finding's target, exactly as the synth prints it. */
  readonly target: string;
  readonly reason: string;
}

export interface SynthFinding {
  readonly ruleId: string;
  readonly severity: Severity;
  /** What the finding is about, as a suppression names it: `bob.okafor@example.com / ReadOnly / security-tooling`. */
  readonly target: string;
  readonly reason: string;
  /** The config's reason, when a suppression covers the finding. */
  readonly suppressed?: string;
  /** Where in the config the finding comes from (`identityCenter.permissionSets.Admin.sessionDuration`), for a message that names the line. */
  readonly configPath?: readonly (string | number)[];
}

export interface SynthCheck {
  readonly findings: readonly SynthFinding[];
  /** Error-level findings no suppression covers: the synth fails on these. */
  readonly errors: readonly SynthFinding[];
  /** Suppressions that matched nothing (a fixed finding, or a typo in the target), or name no rule. */
  readonly unusedSuppressions: ReadonlyArray<Suppression & { readonly problem: string }>;
  /** What the config cannot say enough about to judge (an existing permission set's policies), and why: printed in the summary. */
  readonly notJudged: ReadonlyArray<{ readonly target: string; readonly reason: string }>;
}

/** Written by the synth per environment (`cdktf.out/environments/<env>/security-rules.json`): the SynthCheck, read by the review. */
export const SECURITY_RULES_FILE = 'security-rules.json';

/** The designated administrator set: the config's default permission set that carries AdministratorAccess. */
export const ADMIN_PERMISSION_SET = 'Admin';

export function checkEnvironment(environment: EnvironmentModel, suppressions: readonly Suppression[] = environment.suppressions ?? []): SynthCheck {
  const raw = [...assignmentFindings(environment), ...permissionSetFindings(environment), ...baselineFindings(environment)];
  const used = new Set<Suppression>();
  const findings = raw.map((finding) => {
    const suppression = suppressions.find((candidate) => candidate.rule === finding.ruleId && candidate.target === finding.target);
    if (!suppression || finding.suppressed !== undefined) return finding;
    used.add(suppression);
    return { ...finding, suppressed: suppression.reason };
  });
  return {
    findings,
    errors: findings.filter((finding) => finding.severity === 'error' && finding.suppressed === undefined),
    unusedSuppressions: suppressions
      .filter((suppression) => !used.has(suppression))
      .map((suppression) => ({
        ...suppression,
        problem: ruleInfo(suppression.rule) ? 'no finding has this rule and target' : `there is no rule ${suppression.rule} (see docs/plan-review.md)`,
      })),
    notJudged: existingSetsNotJudged(environment),
  };
}

/** The rules that read a permission set's content: an existing set's is in AWS, not in the config. */
const CONTENT_RULES = [CATALOGUE.adminHeldByUser, CATALOGUE.adminSessionLong, CATALOGUE.adminPolicyAttached, CATALOGUE.wildcardAllowed, CATALOGUE.passRoleAny];

/**
 * Existing permission sets (`existing: true`) are looked up by name: the config holds none of their
 * policies, session duration or boundary, so the rules that read a set's content cannot run on them
 * here. What the config does say is still judged: grants of them to users and on the management
 * account, and the designated admin set (ADMIN_PERMISSION_SET) as administrator-level by designation.
 * The plan review judges an existing set by its attachments in the plan's prior_state.
 */
function existingSetsNotJudged(environment: EnvironmentModel): Array<{ target: string; reason: string }> {
  return environment.identityCenter.permissionSets
    .filter((set) => set.kind === 'existing')
    .map((set) => ({
      target: set.name,
      reason:
        `an existing permission set: its policies and session duration are in AWS, not in this config, so ${CONTENT_RULES.map((rule) => rule.id).join(', ')} ` +
        `cannot judge it at synth${set.name === ADMIN_PERMISSION_SET ? ` (it is taken as administrator-level, being the admin set ${ADMIN_PERMISSION_SET})` : ''}; ` +
        `grants of it to users and on the management account are judged, and the plan review judges its content from the plan's prior_state`,
    }));
}

/** `acceptedBy`: a reason the config already gives for exactly this (baseline.requireMfa.reason), which suppresses it. */
function finding(rule: RuleInfo, target: string, reason: string, configPath: readonly (string | number)[] | undefined, acceptedBy?: string): SynthFinding {
  return { ruleId: rule.id, severity: rule.severity, target, reason, ...(configPath ? { configPath } : {}), ...(acceptedBy ? { suppressed: acceptedBy } : {}) };
}

/** Why a permission set of the config is administrator-level, or undefined (an existing set's content is not known here). */
export function permissionSetAdminReason(set: ManagedPermissionSetModel): string | undefined {
  for (const arn of set.managedPolicyArns) {
    const why = adminManagedPolicy(arn);
    if (why) return `${arn.slice(arn.lastIndexOf('/') + 1)} is attached: it ${why}`;
  }
  if (set.inlinePolicy === undefined) return undefined;
  const parsed = parsePolicy(set.inlinePolicy);
  return parsed.ok ? adminLevel(parsed.statements) : undefined;
}

function assignmentTarget(assignment: AssignmentModel): string {
  return `${assignment.principalName} / ${assignment.permissionSetName} / ${assignment.account.key}`;
}

function assignmentFindings(environment: EnvironmentModel): SynthFinding[] {
  const sets = new Map(environment.identityCenter.permissionSets.map((set) => [set.name, set]));
  const found: SynthFinding[] = [];
  for (const assignment of environment.identityCenter.assignments) {
    const target = assignmentTarget(assignment);
    const set = sets.get(assignment.permissionSetName);
    const admin =
      set?.kind === 'managed'
        ? permissionSetAdminReason(set)
        : set?.kind === 'existing' && set.name === ADMIN_PERMISSION_SET
        ? `it is the admin set ${ADMIN_PERMISSION_SET} (existing in AWS: its policies are not in this config)`
        : undefined;
    if (assignment.principalType === 'USER') {
      found.push(finding(CATALOGUE.grantToUser, target, `user ${assignment.principalName} holds ${assignment.permissionSetName} on ${assignment.account.name} directly, not through a group`, assignment.configPath));
      if (admin) found.push(finding(CATALOGUE.adminHeldByUser, target, `user ${assignment.principalName} holds the administrator-level set ${assignment.permissionSetName} on ${assignment.account.name} directly: ${admin}`, assignment.configPath));
    }
    if (admin && assignment.expires === undefined && environment.identityCenter.expiry.requireExpiryFor === 'administrator-sets') {
      found.push(finding(CATALOGUE.adminGrantWithoutExpiry, target, `${assignment.principalType === 'USER' ? 'user' : 'group'} ${assignment.principalName} holds the administrator-level set ${assignment.permissionSetName} on ${assignment.account.name} with no expires: (identityCenter.access.requireExpiryFor: administrator-sets): ${admin}`, assignment.configPath));
    }
    if (assignment.account.kind === 'existing' && assignment.account.management) {
      found.push(finding(CATALOGUE.grantOnManagement, target, `${assignment.principalType === 'USER' ? 'user' : 'group'} ${assignment.principalName} holds ${assignment.permissionSetName} on the management account ${assignment.account.name}`, assignment.configPath));
    }
  }
  // Grants to accounts an existing organization holds at plan time: the same user rules, on what the targets say.
  for (const grant of environment.identityCenter.organizationAssignments) {
    const where = grant.allAccounts ? 'all accounts' : grant.allAccountsExceptManagement ? 'all accounts except the management account' : `the accounts of ${grant.organizationalUnits.join(', ')}`;
    const target = `${grant.principalName} / ${grant.permissionSetName} / ${where}`;
    if (grant.principalType === 'USER') {
      const set = sets.get(grant.permissionSetName);
      const admin = set?.kind === 'managed' ? permissionSetAdminReason(set) : undefined;
      found.push(finding(CATALOGUE.grantToUser, target, `user ${grant.principalName} holds ${grant.permissionSetName} on ${where} directly, not through a group`, undefined));
      if (admin) found.push(finding(CATALOGUE.adminHeldByUser, target, `user ${grant.principalName} holds the administrator-level set ${grant.permissionSetName} on ${where} directly: ${admin}`, undefined));
    }
    if (grant.allAccounts) {
      found.push(finding(CATALOGUE.grantOnManagement, target, `${grant.principalType === 'USER' ? 'user' : 'group'} ${grant.principalName} holds ${grant.permissionSetName} on all accounts, the management account included`, undefined));
    }
  }
  return found;
}

function permissionSetFindings(environment: EnvironmentModel): SynthFinding[] {
  const found: SynthFinding[] = [];
  for (const set of environment.identityCenter.permissionSets) {
    if (set.kind !== 'managed') continue;
    // A set the config does not list (the default Admin and PowerUser) is located at permissionSets, or identityCenter.
    const at = (...argument: string[]) => ['identityCenter', 'permissionSets', set.name, ...argument];
    const admin = permissionSetAdminReason(set);
    const limit = environment.identityCenter.adminSessionLimit ?? 'PT1H';
    const minutes = sessionMinutes(set.sessionDuration);
    const limitMinutes = sessionMinutes(limit);
    if (admin && minutes !== undefined && limitMinutes !== undefined && minutes > limitMinutes) {
      found.push(finding(CATALOGUE.adminSessionLong, set.name, `the administrator-level set ${set.name} has sessions of ${set.sessionDuration}, longer than identityCenter.adminSessionLimit ${limit}: ${admin}`, at('sessionDuration')));
    }
    if (admin && set.name !== ADMIN_PERMISSION_SET) {
      found.push(finding(CATALOGUE.adminPolicyAttached, set.name, `permission set ${set.name} is administrator-level but is not the admin set ${ADMIN_PERMISSION_SET}: ${admin}`, at()));
    }
    if (set.inlinePolicy === undefined) continue;
    const parsed = parsePolicy(set.inlinePolicy);
    if (!parsed.ok) continue;
    for (const statement of parsed.statements) {
      const widened = widenings(statement);
      const wildcards = widened.filter((widening) => widening.kind === 'wildcard');
      if (wildcards.length > 0) {
        found.push(finding(CATALOGUE.wildcardAllowed, set.name, `the inline policy of ${set.name} allows ${wildcards.map((widening) => widening.what).join(' and ')}: ${describeStatement(statement)}`, at('inlinePolicy')));
      }
      if (widened.some((widening) => widening.kind === 'pass-role')) {
        found.push(finding(CATALOGUE.passRoleAny, set.name, `the inline policy of ${set.name} allows iam:PassRole on any role: ${describeStatement(statement)}`, at('inlinePolicy')));
      }
    }
  }
  return found;
}

function baselineFindings(environment: EnvironmentModel): SynthFinding[] {
  const baseline = environment.baseline;
  if (!baseline) return [];
  const found: SynthFinding[] = [];
  const policy = baseline.passwordPolicy;
  const values: PasswordPolicyValues = {
    minimum_password_length: policy.minimumPasswordLength,
    password_reuse_prevention: policy.passwordReusePrevention,
    require_uppercase_characters: policy.requireUppercaseCharacters,
    require_lowercase_characters: policy.requireLowercaseCharacters,
    require_numbers: policy.requireNumbers,
    require_symbols: policy.requireSymbols,
    allow_users_to_change_password: policy.allowUsersToChangePassword,
    max_password_age: policy.maxPasswordAge,
    hard_expiry: policy.hardExpiry,
  };
  const below = belowCisFloor(values);
  if (below.length > 0) {
    const accepted = policy.reason && `baseline.passwordPolicy.reason: ${policy.reason}`;
    found.push(finding(CATALOGUE.passwordPolicyWeakened, 'passwordPolicy', `the password policy is below the CIS floor: ${below.join(', ')}`, ['baseline', 'passwordPolicy'], accepted));
  }
  const users = baseline.accounts.flatMap((account) => account.users.map((user) => `${user.name} in ${account.account.name}`));
  if (!baseline.requireMfa.enabled && users.length > 0) {
    const accepted = baseline.requireMfa.reason && `baseline.requireMfa.reason: ${baseline.requireMfa.reason}`;
    found.push(finding(CATALOGUE.breakGlassWithoutMfa, 'requireMfa', `the MFA-enforcing policy is off while IAM users exist: ${users.join(', ')}`, ['baseline', 'requireMfa', 'enabled'], accepted));
  }
  return found;
}
