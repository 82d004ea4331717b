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
import { wildcardAllowed } from './wildcard-allowed';

/** The risk pack: every rule the review runs, in the order reports list them. */
export const RULES: readonly Rule[] = [
  organizationDeleted,
  accountDeleted,
  scpDeleted,
  scpAttachmentDeleted,
  scpDenyRemoved,
  permissionSetDeleted,
  adminPolicyDetached,
  assignmentReplaced,
  assignmentDeleted,
  principalDeleted,
  mfaPolicyRemoved,
  preventDestroyRemoved,
  wildcardAllowed,
  sessionDurationRaised,
  importWithChanges,
];

export type { Finding, Rule, StackFacts } from './rule';
