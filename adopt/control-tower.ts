/**
 * What AWS Control Tower creates and owns in a landing zone. Adoption leaves all of it to Control
 * Tower (referenced or left out, with a note): Terraform rewriting a guardrail SCP or a Control
 * Tower permission set is drift Control Tower reports, or undoes, on its next landing-zone update.
 *
 * Names from the Control Tower user guide:
 * - permission sets and groups: "IAM Identity Center groups for AWS Control Tower"
 *   (https://docs.aws.amazon.com/controltower/latest/userguide/sso-groups.html);
 * - guardrail SCPs: controls are SCPs named `aws-guardrails-<random>`, which Control Tower
 *   rewrites as controls are enabled, each exempting `arn:aws:iam::*:role/AWSControlTowerExecution`;
 * - roles: "Required roles and permissions" (roles-overview.html): AWSControlTowerExecution in every
 *   enrolled account, AWSControlTowerAdmin, AWSControlTowerStackSetRole, AWSControlTowerCloudTrailRole
 *   and AWSControlTowerConfigAggregatorRoleForOrganizations in the management account; resources it
 *   creates carry the `aws-controltower-` prefix or the tag `aws-control-tower: managed-by-control-tower`.
 */
import type { Estate } from './estate';

/** The role Control Tower deploys through in every enrolled account (the account factory creates it). */
export const CONTROL_TOWER_EXECUTION_ROLE = 'AWSControlTowerExecution';

export const CONTROL_TOWER_PERMISSION_SETS: ReadonlySet<string> = new Set([
  'AWSAdministratorAccess',
  'AWSOrganizationsFullAccess',
  'AWSPowerUserAccess',
  'AWSReadOnlyAccess',
  'AWSServiceCatalogAdminFullAccess',
  'AWSServiceCatalogEndUserAccess',
]);

export const CONTROL_TOWER_GROUPS: ReadonlySet<string> = new Set([
  'AWSAccountFactory',
  'AWSAuditAccountAdmins',
  'AWSControlTowerAdmins',
  'AWSLogArchiveAdmins',
  'AWSLogArchiveViewers',
  'AWSSecurityAuditPowerUsers',
  'AWSSecurityAuditors',
  'AWSServiceCatalogAdmins',
]);

const TRUSTED_SERVICE = 'controltower.amazonaws.com';
const GUARDRAIL_PREFIX = 'aws-guardrails-';
const MANAGED_TAG = 'aws-control-tower';

/** A guardrail SCP: by Control Tower's name prefix, or its managed-by tag. */
export function isControlTowerPolicy(policy: { readonly name: string; readonly tags: Readonly<Record<string, string>> }): boolean {
  return policy.name.startsWith(GUARDRAIL_PREFIX) || MANAGED_TAG in policy.tags;
}

/** An IAM user, group or role named with Control Tower's markers (`AWSControlTower…`, `aws-controltower-…`). */
export function isControlTowerIamName(name: string): boolean {
  return name.startsWith('AWSControlTower') || name.startsWith('aws-controltower-');
}

/** Control Tower runs the landing zone: it is trusted by the organization, or its guardrails are there. */
export function hasControlTower(estate: Estate): boolean {
  return estate.organization.servicePrincipals.includes(TRUSTED_SERVICE) || (estate.organization.serviceControlPolicies ?? []).some(isControlTowerPolicy);
}
