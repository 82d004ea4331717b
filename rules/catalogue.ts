/**
 * The security rule pack, as data: one entry per rule with a stable id, a severity, a one-line
 * `info`, an `explanation` of why it matters and a `fix`. cdk-nag is the model. Two entry points
 * apply it: the synth, over the config's model (rules/synth.ts: the state the config asks for), and
 * the plan review, over a plan's before and after (review/rules/: the change a plan makes). A rule
 * marked for both runs the same functions (rules/policy/analysis.ts) in both.
 */

export type Severity = 'error' | 'warning';
export type CheckedAt = 'synth' | 'review';

export interface RuleInfo {
  /** Stable: used in reports, docs, approvals and `suppressions`. */
  readonly id: string;
  /** At synth, an error fails the synth unless the config suppresses it; a warning is printed. Every review finding needs an approval. */
  readonly severity: Severity;
  readonly info: string;
  readonly explanation: string;
  readonly fix: string;
  /** Where the rule runs. */
  readonly at: readonly CheckedAt[];
}

const rule = (info: RuleInfo): RuleInfo => info;

export const CATALOGUE = {
  organizationDeleted: rule({
    id: 'RISK-ORGANIZATION-DELETED',
    severity: 'error',
    at: ['review'],
    info: 'The AWS organization is destroyed or replaced.',
    explanation:
      'Deleting the organization needs every member account removed first and ends all SCPs, trusted access (IAM Identity Center) and consolidated billing. ' +
      'The stacks protect it with prevent_destroy; a plan that deletes it means that protection was removed. There is no routine reason to approve this.',
    fix: 'restore the organization block and its prevent_destroy; never approve this as a side effect',
  }),
  accountDeleted: rule({
    id: 'RISK-ACCOUNT-DELETED',
    severity: 'error',
    at: ['review'],
    info: 'An AWS account is destroyed or replaced.',
    explanation:
      'Destroying an aws_organizations_account removes the account from the organization (and closes it when close_on_deletion is true); ' +
      'a replace does that and creates a new, empty account with a new ID. Everything in the account, and every assignment to it, is affected. ' +
      'Approve only when the account is meant to leave the organization.',
    fix: 'keep the account in the config (rename it with renames.accounts instead of changing its key)',
  }),
  closeOnDeletion: rule({
    id: 'RISK-CLOSE-ON-DELETION',
    severity: 'error',
    at: ['review'],
    info: 'An account gets close_on_deletion = true: removing it from the config would close it.',
    explanation:
      'With close_on_deletion on, a later plan that destroys the aws_organizations_account closes the AWS account (and everything in it) instead of only removing it from the organization. ' +
      'The stacks keep it off so that nothing is destroyed by surprise.',
    fix: 'leave close_on_deletion false; close an account by hand, deliberately',
  }),
  featureSetChanged: rule({
    id: 'RISK-FEATURE-SET-CHANGED',
    severity: 'error',
    at: ['review'],
    info: "The organization's feature_set changes.",
    explanation:
      'Moving from ALL to CONSOLIDATED_BILLING switches off SCPs, tag policies, trusted access and IAM Identity Center for the whole organization; the provider forces a replace of the organization for it. ' +
      'There is no routine reason for it.',
    fix: 'keep feature_set = "ALL"',
  }),
  guardrailDisabled: rule({
    id: 'RISK-GUARDRAIL-DISABLED',
    severity: 'error',
    at: ['review'],
    info: 'An organization policy type or a trusted-access service principal is disabled.',
    explanation:
      'Removing a type from enabled_policy_types detaches every policy of that type at once (for SERVICE_CONTROL_POLICY: every guardrail of every account); removing a principal from ' +
      'aws_service_access_principals stops that service (sso.amazonaws.com: IAM Identity Center) working across the organization.',
    fix: 'keep the policy type and the service principal enabled; retire a guardrail by removing that one policy',
  }),
  rootAccessNarrowed: rule({
    id: 'RISK-ROOT-ACCESS-NARROWED',
    severity: 'error',
    at: ['review'],
    info: 'Centralized root access (aws_iam_organizations_features) is removed or narrowed.',
    explanation:
      'Without RootCredentialsManagement and RootSessions, member accounts can have root credentials again and the management account can no longer remove them or act as root centrally.',
    fix: 'keep baseline centralized root access on (RootCredentialsManagement and RootSessions)',
  }),
  scpDeleted: rule({
    id: 'RISK-SCP-DELETED',
    severity: 'error',
    at: ['review'],
    info: 'A service control policy (or other organization policy) is destroyed or replaced.',
    explanation:
      'An SCP is a guardrail on every account it is attached to; destroying it lifts its denies at once, and a replace lifts them between the delete and the create. ' +
      'Approve only when the guardrail is deliberately retired or another policy takes its place.',
    fix: 'keep the policy, or rename it with renames.serviceControlPolicies so it moves instead',
  }),
  scpAttachmentDeleted: rule({
    id: 'RISK-SCP-ATTACHMENT-DELETED',
    severity: 'error',
    at: ['review'],
    info: 'An organization policy is detached from a root, OU or account, or an account moves to a parent the policy is not attached to.',
    explanation:
      'Destroying an aws_organizations_policy_attachment lifts the policy from its target (and everything below an OU or root); a replace lifts it between the delete and the create. ' +
      'An account whose parent_id changes leaves the policies attached to its old OU without any attachment changing. ' +
      'Approve only when the target should no longer be governed by that policy.',
    fix: 'keep the target in the policy\'s targets (rename an OU with renames.organizationalUnits so the attachment moves)',
  }),
  scpDenyRemoved: rule({
    id: 'RISK-SCP-DENY-REMOVED',
    severity: 'error',
    at: ['review'],
    info: 'A Deny statement is removed from (or narrowed in) a service or resource control policy.',
    explanation:
      'The Deny statements of an SCP are the guardrails it exists for; removing or rewriting one loosens every account the policy is attached to, ' +
      'and nothing else in the plan shows it. A Deny rewritten to deny at least as much (more actions, fewer exceptions), or covered by another Deny of the new policy, ' +
      'is no loss and is not flagged. Compare the removed and added statements, and approve when the loosening is intended.',
    fix: 'keep the Deny, or replace it with one that denies at least as much',
  }),
  permissionSetDeleted: rule({
    id: 'RISK-PERMISSION-SET-DELETED',
    severity: 'error',
    at: ['review'],
    info: 'An IAM Identity Center permission set is destroyed or replaced.',
    explanation:
      'Deleting a permission set removes its role from every account it is provisioned to, so everyone assigned to it loses that access; ' +
      'a replace (for example a name change) does the same until the new set and its assignments are created. Check the access diff for who is affected.',
    fix: 'keep the set; a permission set cannot be renamed in place',
  }),
  adminGranted: rule({
    id: 'RISK-ADMIN-GRANTED',
    severity: 'error',
    at: ['review'],
    info: 'An administrator-level permission set is newly assigned.',
    explanation:
      'A new or changed assignment of a set that is administrator-level by content (AdministratorAccess or IAMFullAccess attached, or a policy that allows "*" or IAM write) ' +
      'gives its principal every power in that account, including granting themselves more; so does adding a user to a group that holds such a set. Check who it is, that the account is right, and that the set is meant to be an admin set.',
    fix: 'assign a narrower set, or approve knowingly',
  }),
  adminHeldByUser: rule({
    id: 'RISK-ADMIN-HELD-BY-USER',
    severity: 'error',
    at: ['synth'],
    info: 'An administrator-level permission set is assigned to a user directly, not through a group.',
    explanation:
      'Administrator access held by a named user outlives their role: nobody removes it when they change teams, and it does not show in the group reviews. CIS and least privilege ask for admin access through groups.',
    fix: 'assign the set to a group and add the user to it, or suppress with a reason (a break-glass identity)',
  }),
  adminGrantWithoutExpiry: rule({
    id: 'RISK-ADMIN-GRANT-WITHOUT-EXPIRY',
    severity: 'error',
    at: ['synth', 'review'],
    info: 'An administrator-level permission set is granted without expires: while identityCenter.access.requireExpiryFor is administrator-sets.',
    explanation:
      'The config asks that administrator access be temporary: every grant of an administrator-level set ends on a date, after which the synth drops it and the scheduled expiry workflow removes it without a human. ' +
      'An open-ended admin grant stays until someone remembers to remove it.',
    fix: 'add expires: <date> (e.g. 2026-12-31) and a reason: to the assignment, or suppress with a reason (a standing break-glass group)',
  }),
  adminSessionLong: rule({
    id: 'RISK-ADMIN-SESSION-LONG',
    severity: 'error',
    at: ['synth'],
    info: "An administrator-level permission set's session is longer than the config's limit.",
    explanation:
      'Portal credentials of an administrator-level set stay valid for the whole session, after a laptop is lost or a person leaves. ' +
      'identityCenter.adminSessionLimit (default PT1H) is the longest the config allows for such sets.',
    fix: 'shorten sessionDuration of the set, or raise identityCenter.adminSessionLimit with a reason in review',
  }),
  grantToUser: rule({
    id: 'RISK-GRANT-TO-USER',
    severity: 'warning',
    at: ['synth', 'review'],
    info: 'A permission set is assigned to a user directly rather than to a group.',
    explanation:
      'Direct user assignments are the access that is forgotten when people move; group assignments are reviewed with the group. ' +
      'The review flags every new direct grant; the synth reports each one the config has.',
    fix: 'assign to a group and manage the user\'s membership instead',
  }),
  grantOnManagement: rule({
    id: 'RISK-GRANT-ON-MANAGEMENT',
    severity: 'warning',
    at: ['synth', 'review'],
    info: 'A permission set is assigned on the management account.',
    explanation:
      'The management account is not bound by SCPs and controls the whole organization (accounts, SCPs, Identity Center itself); any access to it is organization-wide access. ' +
      'The review knows the management account from the organization in the plan or prior state (master_account_id), or from --management-account-id; without either it reports this rule as not checked.',
    fix: 'keep management-account access to the few who run the organization, through a group',
  }),
  adminPolicyAttached: rule({
    id: 'RISK-ADMIN-POLICY-ATTACHED',
    severity: 'error',
    at: ['synth', 'review'],
    info: 'AdministratorAccess or an IAM-write policy is given to a permission set other than the admin set.',
    explanation:
      'The config designates one administrator set (Admin; --admin-permission-set in the review). Another set that gets AdministratorAccess, IAMFullAccess or an inline statement allowing "*" or IAM write ' +
      'becomes a second admin path that the admin reviews do not cover, and everyone assigned to it gains that power. ' +
      'The review also flags such a set whose permissions boundary is destroyed or replaced by AdministratorAccess (which caps nothing): everything its policies allow then applies.',
    fix: 'grant only the actions the set needs, or make it the designated admin set',
  }),
  adminPolicyDetached: rule({
    id: 'RISK-ADMIN-POLICY-DETACHED',
    severity: 'error',
    at: ['review'],
    info: 'A policy is detached from the Admin permission set, or AdministratorAccess from any set.',
    explanation:
      'The Admin permission set is the way in for platform on-call and break-glass. Detaching its policies (or re-attaching them, which detaches first) ' +
      'leaves everyone assigned to it without that access in every account, possibly with no one left able to repair it. Approve only with another admin path confirmed.',
    fix: 'keep the attachment; confirm another admin path before removing it',
  }),
  assignmentReplaced: rule({
    id: 'RISK-ASSIGNMENT-REPLACED',
    severity: 'warning',
    at: ['review'],
    info: 'An account assignment is replaced: access drops while it is re-created.',
    explanation:
      'aws_ssoadmin_account_assignment has no in-place update: any change deletes the assignment and creates it again, so the principal cannot sign in ' +
      'to that account with that permission set between the two (seconds to minutes, longer if the apply fails half-way). ' +
      'Approve at a quiet time, or when the replacement is the point of the change (a principal or account that changes).',
    fix: 'use renames so the address moves instead of replacing, or apply at a quiet time',
  }),
  assignmentDeleted: rule({
    id: 'RISK-ASSIGNMENT-DELETED',
    severity: 'warning',
    at: ['review'],
    info: 'An account assignment is destroyed: someone loses access.',
    explanation:
      'Destroying an aws_ssoadmin_account_assignment revokes a permission set in an account from a user or group at apply time; ' +
      'active sessions keep working until they expire. Approve when the revocation is intended, and check it is not the last way in (break-glass admins).',
    fix: 'keep the assignment if the revocation is not intended',
  }),
  principalDeleted: rule({
    id: 'RISK-PRINCIPAL-DELETED',
    severity: 'warning',
    at: ['review'],
    info: 'An IAM Identity Center user or group is destroyed or replaced.',
    explanation:
      'Deleting an identity store user or group removes its memberships and account assignments with it; a replace gives it a new ID, ' +
      'so the user must be set up again (MFA devices included) and assignments are re-created. Approve when the person left or the group is retired.',
    fix: 'rename with renames.users / renames.groups instead of changing the key',
  }),
  identityUserChanged: rule({
    id: 'RISK-IDENTITY-USER-CHANGED',
    severity: 'error',
    at: ['review'],
    info: "An Identity Center user's email or user name changes.",
    explanation:
      'The email receives password resets and one-time passcodes, and the user name is what a person signs in with: changing either hands the existing identity, with its MFA-free first sign-in, ' +
      'group memberships and assignments, to whoever controls the new value. This is the account-takeover path. A user name change replaces the user (the provider forces it), and is flagged as well. ' +
      'Sensitive emails are compared, never shown.',
    fix: 'confirm the change with the person through another channel before approving',
  }),
  mfaPolicyRemoved: rule({
    id: 'RISK-MFA-POLICY-REMOVED',
    severity: 'error',
    at: ['review'],
    info: 'An MFA-enforcing policy is destroyed, detached, or loses or narrows its Deny.',
    explanation:
      'An MFA-enforcing policy is recognised by content, whatever its address: a Deny conditioned on aws:MultiFactorAuthPresent (this project\'s RequireMFA, or any other). ' +
      'Destroying or replacing it, detaching it from a group, user or role (an attachment destroyed, or its ARN dropped from policy_arns of an aws_iam_*_policy_attachments_exclusive), ' +
      'or rewriting it so the Deny is gone or covers less, lets IAM users act without MFA. A Deny that can apply only when MFA is present (Bool … "true") enforces nothing and is not counted.',
    fix: 'keep the policy, its attachments and its Deny as they are',
  }),
  loginProfileUnsafe: rule({
    id: 'RISK-LOGIN-PROFILE-UNSAFE',
    severity: 'error',
    at: ['review'],
    info: 'A console password (login profile) is created without a forced reset or without a PGP key.',
    explanation:
      'Without password_reset_required the generated password stays valid for as long as nobody changes it; without pgp_key (or with an empty one) Terraform writes the password in clear text to the state, ' +
      'where everyone who can read the state can sign in as the user.',
    fix: 'set password_reset_required = true and pgp_key (baseline.iamUsers.<user>.pgpKey)',
  }),
  accessKeyCreated: rule({
    id: 'RISK-ACCESS-KEY-CREATED',
    severity: 'error',
    at: ['review'],
    info: 'An IAM access key is created.',
    explanation:
      'An access key is a long-lived credential that works without MFA from anywhere; its secret lands in the Terraform state. CIS asks for none beyond what is unavoidable, and never for root.',
    fix: 'use Identity Center or a role instead; if a key is unavoidable, set pgp_key and rotate it',
  }),
  passwordPolicyWeakened: rule({
    id: 'RISK-PASSWORD-POLICY-WEAKENED',
    severity: 'warning',
    at: ['synth', 'review'],
    info: 'The account password policy is weakened, or below the CIS floor.',
    explanation:
      'Each setting is compared with before (shorter minimum, less reuse prevention, a character class no longer required, users no longer allowed to change their password, longer expiry) ' +
      'and with the CIS AWS Foundations floor (14 characters, 24 remembered, every class, users may change). Destroying the policy falls back to AWS\'s weak default.',
    fix: 'keep every setting at or above the CIS floor (baseline.passwordPolicy)',
  }),
  breakGlassWithoutMfa: rule({
    id: 'RISK-BREAK-GLASS-WITHOUT-MFA',
    severity: 'error',
    at: ['synth'],
    info: 'IAM users exist while the MFA-enforcing policy is off.',
    explanation:
      'baseline.requireMfa off means the IAM users (break-glass) can act with a password alone. It is meant only for the import-only first plan of an adopted estate.',
    fix: 'turn baseline.requireMfa back on after the first apply',
  }),
  wildcardAllowed: rule({
    id: 'RISK-WILDCARD-ALLOWED',
    severity: 'warning',
    at: ['synth', 'review'],
    info: 'A policy newly allows a wildcard Action or Resource.',
    explanation:
      'An Allow statement that is new (or rewritten) grants "*" as an action, a whole service ("s3:*"), every service ("*:*"), NotAction, "*" as a resource, or NotResource. ' +
      'Checked in permission set inline policies, IAM policies, inline_policy blocks of roles and trust policies; SCP Allows grant nothing and are not checked. ' +
      'Narrow patterns such as "ec2:Describe*" are not flagged, nor "*" as the resource of the harmless actions listed in docs/plan-review.md. Approve when the breadth is intended, ideally with a Condition.',
    fix: 'name the actions and resources, or add a Condition that limits the statement',
  }),
  passRoleAny: rule({
    id: 'RISK-PASSROLE-ANY',
    severity: 'error',
    at: ['synth', 'review'],
    info: 'A policy allows iam:PassRole on any role.',
    explanation:
      'iam:PassRole on "*" lets the holder hand any role of the account, an administrator role included, to a service they control (a Lambda function, an EC2 instance) and act with its permissions.',
    fix: 'limit Resource to the roles meant to be passed, and add iam:PassedToService',
  }),
  trustWidened: rule({
    id: 'RISK-TRUST-WIDENED',
    severity: 'error',
    at: ['review'],
    info: "A role's trust policy (assume_role_policy) lets new principals assume it, or loosens a condition or a Deny.",
    explanation:
      'Who may assume a role is decided by its trust policy; a principal added there, "*" without a condition, an Allow with NotPrincipal, a condition of a trusted ' +
      'principal removed or loosened (sts:ExternalId gone, another aws:PrincipalOrgID allowed), more actions (sts:TagSession) or a Deny removed gives the role\'s permissions ' +
      'to more callers without any change to the permissions themselves. An account ID written where its root ARN was is the same principal.',
    fix: 'trust only the principals that need the role, with conditions (aws:PrincipalOrgID, sts:ExternalId)',
  }),
  sessionDurationRaised: rule({
    id: 'RISK-SESSION-DURATION-RAISED',
    severity: 'warning',
    at: ['review'],
    info: "A permission set's session duration is raised.",
    explanation:
      'A longer session_duration keeps credentials from the access portal valid for longer after someone leaves or a laptop is lost. ' +
      'Approve when the longer sessions are needed (long-running jobs, on-call) and the set is not an administrator set.',
    fix: 'keep sessions short (PT1H for admin sets)',
  }),
  preventDestroyRemoved: rule({
    id: 'RISK-PREVENT-DESTROY-REMOVED',
    severity: 'error',
    at: ['review'],
    info: 'A resource that had lifecycle.prevent_destroy on the base branch loses it, or leaves the configuration.',
    explanation:
      'prevent_destroy is what makes a plan that would delete the organization or an account fail. Removing it, or removing the resource from the configuration ' +
      '(prevent_destroy only guards resources that stay in it), lets a later plan destroy the object without anyone being stopped. ' +
      'This is not in the plan JSON: the review compares cdk.tf.json from --synth-dir with the base branch from --base-synth-dir.',
    fix: 'keep the resource and its prevent_destroy',
  }),
  importWithChanges: rule({
    id: 'RISK-IMPORT-WITH-CHANGES',
    severity: 'warning',
    at: ['review'],
    info: 'An imported resource is also changed by this plan.',
    explanation:
      'An import should adopt an existing object exactly as it is (actions ["no-op"] with "importing"). An import that also updates, replaces or destroys ' +
      'means the config does not match what exists: the apply would change a live object on its first run. Fix the config (see the zero-diff check) or approve the change knowingly.',
    fix: 'make the config match what AWS has (the synth prints the zero-diff check)',
  }),
  planIncomplete: rule({
    id: 'RISK-PLAN-INCOMPLETE',
    severity: 'error',
    at: ['review'],
    info: 'Terraform says the plan is incomplete or defers changes.',
    explanation:
      'A plan with "complete": false, or with deferred_changes, leaves changes that this plan does not show for a later plan: what is reviewed here is not everything the apply leads to. ' +
      'A person has to judge whether the rest can wait.',
    fix: 'apply in steps (the stack this one depends on first), then plan and review again',
  }),
  unknownAction: rule({
    id: 'RISK-UNKNOWN-ACTION',
    severity: 'error',
    at: ['review'],
    info: 'A change has an action this review does not know.',
    explanation:
      'The review knows no-op, create, read, update, delete, forget and their replace pairs; a newer Terraform may add others. A change it cannot classify could do anything, so it is never passed silently.',
    fix: 'read the change in `terraform show`; update the review when Terraform adds an action',
  }),
  valueUnreadable: rule({
    id: 'RISK-VALUE-UNREADABLE',
    severity: 'error',
    at: ['review'],
    info: 'A security-relevant value is sensitive, known only after apply, or not a policy the review can read, so the review cannot judge it.',
    explanation:
      'Policies, trust policies, policy ARNs, principal types, organization settings and login profile settings decide who can do what. When the plan marks such a value sensitive, ' +
      'or it is computed only at apply (a policy document built from values not yet known), or a policy document is not JSON or has no Statement, ' +
      'the rules above cannot see what it will be: a person has to.',
    fix: 'make the value known at plan time (a literal, or a resource planned in an earlier apply), or approve after reading it elsewhere',
  }),
} as const satisfies Record<string, RuleInfo>;

export const RULE_INFOS: readonly RuleInfo[] = Object.values(CATALOGUE);

export function ruleInfo(id: string): RuleInfo | undefined {
  return RULE_INFOS.find((info) => info.id === id);
}
