import { accountDeleted } from './account-deleted';
import { adminPolicyDetached } from './admin-policy-detached';
import { assignmentDeleted } from './assignment-deleted';
import { assignmentReplaced } from './assignment-replaced';
import { importWithChanges } from './import-with-changes';
import { mfaPolicyRemoved } from './mfa-policy-removed';
import { organizationDeleted } from './organization-deleted';
import { permissionSetDeleted } from './permission-set-deleted';
import { preventDestroyRemoved } from './prevent-destroy-removed';
import { principalDeleted } from './principal-deleted';
import type { Rule } from './rule';
import { scpAttachmentDeleted } from './scp-attachment-deleted';
import { scpDeleted } from './scp-deleted';
import { scpDenyRemoved } from './scp-deny-removed';
import { sessionDurationRaised } from './session-duration-raised';
import { passRoleAny, wildcardAllowed } from './wildcard-allowed';
import { adminGrantWithoutExpiry, adminGranted, adminPolicyAttached, grantOnManagement, grantToUser } from './grants';
import { accessKeyCreated, identityUserChanged, loginProfileUnsafe, passwordPolicyWeakened } from './credentials';
import { closeOnDeletion, featureSetChanged, guardrailDisabled, rootAccessNarrowed, trustWidened } from './organization';
import { planIncomplete, unknownAction, valueUnreadable } from './unreadable';

/** The risk pack: every rule the review runs, in the order reports list them. */
export const RULES: readonly Rule[] = [
  planIncomplete,
  unknownAction,
  valueUnreadable,
  organizationDeleted,
  featureSetChanged,
  guardrailDisabled,
  rootAccessNarrowed,
  accountDeleted,
  closeOnDeletion,
  scpDeleted,
  scpAttachmentDeleted,
  scpDenyRemoved,
  permissionSetDeleted,
  adminGranted,
  adminGrantWithoutExpiry,
  grantToUser,
  grantOnManagement,
  adminPolicyAttached,
  adminPolicyDetached,
  assignmentReplaced,
  assignmentDeleted,
  principalDeleted,
  identityUserChanged,
  mfaPolicyRemoved,
  loginProfileUnsafe,
  accessKeyCreated,
  passwordPolicyWeakened,
  trustWidened,
  wildcardAllowed,
  passRoleAny,
  sessionDurationRaised,
  preventDestroyRemoved,
  importWithChanges,
];

export type { Finding, Rule, StackFacts } from './rule';
