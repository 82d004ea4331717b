/**
 * The validated, resolved model of one environment. Everything after config loading trusts
 * these types: names are resolved, targets expanded, addresses fixed.
 */
import type { BackendConfig, CustomerManagedPolicyRef, MfaConfig } from '../config/schema';
import type { ImportMap } from '../config/import-map';
import type { ConfigDefinitions } from '../config/definitions';
import type { BaselineModel } from './baseline';
import type { ManualStep } from './manual-steps';
import type { Partition } from './partition';
import type { AccessLayout } from './shards';
import type { EnvironmentMoves } from './renames';

export type Tags = Readonly<Record<string, string>>;

export interface EnvironmentModel {
  /** From the file name: `environments/prod.yaml` → `prod`. */
  readonly name: string;
  readonly sourceFile: string;
  readonly region: string;
  /** The partition of `region` (aws, aws-cn, aws-us-gov): the first part of every ARN the stacks build. */
  readonly partition: Partition;
  readonly backend: BackendConfig;
  readonly tags: Tags;
  readonly organization: OrganizationModel;
  readonly identityCenter: IdentityCenterModel;
  /** Where the account assignments live: the identity-center stack, or `<env>-access-<shard>` stacks (model/shards.ts). */
  readonly access: AccessLayout;
  /** The account security baseline (stack `<env>-baseline` and the organization's guardrails); absent without `baseline:`. */
  readonly baseline?: BaselineModel;
  /** What no API can set: steps a person performs and checks. */
  readonly manualSteps: readonly ManualStep[];
  /** Old → new addresses from the config's `renames:`, per stack kind. */
  readonly moved: EnvironmentMoves;
  /** What discovery found in AWS (`<env>.imports.json`): import IDs and observed arguments by stack and address. */
  readonly imports?: ImportMap;
  /** Where the file defines each renamable object (its key and line): rename hints point there. Absent for a model not loaded from a file. */
  readonly definitions?: ConfigDefinitions;
  /** Security rule findings the config accepts, each with a reason (rules/synth.ts). */
  readonly suppressions?: ReadonlyArray<{ readonly rule: string; readonly target: string; readonly reason: string }>;
}

export interface OrganizationModel {
  /**
   * The organization exists and is managed elsewhere (`organization.existing`): no organization, OU or
   * account resources; OU and all-accounts targets are resolved at plan time (organizationAssignments).
   */
  readonly existing: boolean;
  readonly servicePrincipals: readonly string[];
  readonly policyTypes: readonly string[];
  /** Enabled in AWS, not expressible in the provider: the root's policy types are left as AWS has them. */
  readonly unmanagedPolicyTypes: readonly string[];
  /** Parents before children. */
  readonly organizationalUnits: readonly OrganizationalUnitModel[];
  readonly accounts: readonly AccountModel[];
}

export interface OrganizationalUnitModel {
  readonly address: string;
  readonly name: string;
  /** `Workloads/Prod` */
  readonly path: string;
  /** Path of the parent OU; undefined under the root. */
  readonly parentPath?: string;
  readonly tags: Tags;
}

interface AccountBase {
  /** The key in the config. */
  readonly key: string;
  readonly address: string;
  readonly name: string;
  /** OU path; undefined for the root. */
  readonly ouPath?: string;
  /**
   * The role the stacks assume in this member account: its `roleName`, else `baseline.deploymentRole`,
   * else OrganizationAccountAccessRole. Unused for the management account, which is reached directly.
   */
  readonly deploymentRole: string;
}

/** An account this project creates and manages. */
export interface ManagedAccountModel extends AccountBase {
  readonly kind: 'managed';
  readonly email: string;
  readonly tags: Tags;
  readonly roleName?: string;
  readonly iamUserAccessToBilling?: 'ALLOW' | 'DENY';
}

/** An account that exists already and is only referenced by ID. */
export interface ExistingAccountModel extends AccountBase {
  readonly kind: 'existing';
  readonly id: string;
  readonly management: boolean;
  /**
   * The role stated in the config (`roleName`) through which this account is reached. An invited
   * account has no OrganizationAccountAccessRole unless someone created it: without a stated role,
   * reaching it is a prerequisite (manual step MEMBER-ACCESS-ROLE).
   */
  readonly roleName?: string;
  /** Closed or closing in AWS (SUSPENDED, PENDING_CLOSURE): no allAccounts or OU target reaches it. */
  readonly closed: boolean;
}

export type AccountModel = ManagedAccountModel | ExistingAccountModel;

export interface IdentityCenterModel {
  readonly region: string;
  readonly mfa: MfaConfig;
  readonly accessControlAttributes: readonly AccessControlAttributeModel[];
  readonly permissionSets: readonly PermissionSetModel[];
  readonly users: readonly UserModel[];
  readonly groups: readonly GroupModel[];
  readonly memberships: readonly MembershipModel[];
  /** The grants the stacks hold: those without `expires:` and those not yet expired at the synth's clock. */
  readonly assignments: readonly AssignmentModel[];
  /** Access over time (config/expiry.ts): what the synth's clock dropped and what ends soon. */
  readonly expiry: AssignmentExpiryModel;
  /** AWS's quotas for this instance (defaults, or raised ones from identityCenter.quotas): the plan-cost summary warns near them. */
  readonly quotas: { readonly permissionSetsPerInstance: number; readonly permissionSetsPerAccount: number };
  /**
   * In an existing organization: the grants whose accounts are read from the live organization at plan
   * time (OU and all-accounts targets), one per principal × permission set. Empty in a managed one,
   * where every target is expanded into `assignments`.
   */
  readonly organizationAssignments: readonly OrganizationAssignmentModel[];
  /** The member account that administers Identity Center; absent when the management account does. */
  readonly delegatedAdministrator?: DelegatedAdministratorModel;
  /** Longest session an administrator-level permission set may have (ISO-8601), checked by the synth's rules. */
  readonly adminSessionLimit?: string;
  /** Customer managed policies the config defines, each with the accounts it is created in. */
  readonly customerManagedPolicies: readonly CustomerManagedPolicyModel[];
  /** Policies permission sets reference that the config does not define: prerequisite IC-CUSTOMER-POLICIES. */
  readonly undefinedCustomerManagedPolicies: readonly UndefinedCustomerManagedPolicyModel[];
}

/**
 * A customer managed policy defined once in the config and created (aws_iam_policy) in every account
 * a permission set that references it is assigned to: AWS attaches it by name and path when the set
 * is provisioned there, and provisioning fails where it does not exist.
 */
export interface CustomerManagedPolicyModel {
  readonly name: string;
  readonly path: string;
  readonly description?: string;
  /** The reviewed file, as messages name it. */
  readonly file: string;
  /** The document as written in the file, as compact JSON. */
  readonly document: string;
  readonly tags: Tags;
  /** One policy per account: `aws_iam_policy.<account>__<policy>`. */
  readonly instances: readonly CustomerManagedPolicyInstance[];
}

export interface CustomerManagedPolicyInstance {
  readonly account: AccountModel;
  readonly address: string;
}

export interface UndefinedCustomerManagedPolicyModel {
  readonly name: string;
  readonly path: string;
  /** The managed permission sets that reference it. */
  readonly permissionSets: readonly string[];
  /** The accounts those sets are assigned to, where it must exist before the apply. */
  readonly accounts: readonly AccountModel[];
}

export interface AccessControlAttributeModel {
  readonly key: string;
  readonly sources: readonly string[];
}

export type PermissionSetModel = ManagedPermissionSetModel | ExistingPermissionSetModel;

export interface ExistingPermissionSetModel {
  readonly kind: 'existing';
  readonly name: string;
  readonly address: string;
}

export interface ManagedPermissionSetModel {
  readonly kind: 'managed';
  readonly name: string;
  readonly address: string;
  readonly description?: string;
  readonly sessionDuration: string;
  readonly relayState?: string;
  readonly managedPolicyArns: readonly string[];
  readonly customerManagedPolicies: readonly CustomerManagedPolicyRef[];
  /** Compact JSON. */
  readonly inlinePolicy?: string;
  readonly permissionsBoundary?: { readonly managedPolicyArn: string } | { readonly customerManagedPolicy: CustomerManagedPolicyRef };
  readonly tags: Tags;
}

export type UserModel = ManagedUserModel | ExistingUserModel;

export interface ExistingUserModel {
  readonly kind: 'existing';
  readonly userName: string;
  readonly address: string;
}

export interface ManagedUserModel {
  readonly kind: 'managed';
  readonly userName: string;
  readonly address: string;
  readonly displayName: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly middleName?: string;
  readonly email?: string;
  readonly nickname?: string;
  readonly title?: string;
  readonly userType?: string;
  readonly preferredLanguage?: string;
  readonly profileUrl?: string;
  readonly locale?: string;
  readonly timezone?: string;
  readonly emailType?: string;
  readonly formattedName?: string;
  readonly phoneNumber?: { readonly value: string; readonly type?: string; readonly primary?: boolean };
  readonly postalAddress?: {
    readonly formatted?: string;
    readonly streetAddress?: string;
    readonly locality?: string;
    readonly region?: string;
    readonly postalCode?: string;
    readonly country?: string;
    readonly type?: string;
    readonly primary?: boolean;
  };
}

export interface GroupModel {
  readonly kind: 'managed' | 'existing';
  readonly displayName: string;
  readonly address: string;
  readonly description?: string;
}

export interface MembershipModel {
  readonly address: string;
  readonly groupAddress: string;
  readonly groupKind: 'managed' | 'existing';
  readonly userAddress: string;
  readonly userKind: 'managed' | 'existing';
}

export type PrincipalType = 'USER' | 'GROUP';

/** Who is granted which permission set: what every grant has, whether its accounts are named or found at plan time. */
export interface GrantModel {
  readonly principalType: PrincipalType;
  readonly principalName: string;
  readonly principalAddress: string;
  readonly principalKind: 'managed' | 'existing';
  readonly permissionSetName: string;
  readonly permissionSetAddress: string;
  readonly permissionSetKind: 'managed' | 'existing';
}

export interface AssignmentModel extends GrantModel {
  /** `group_platform_admins__admin__prod` */
  readonly address: string;
  readonly account: AccountModel;
  /** When the grant ends (UTC, exclusive): `expires: 2026-12-31` ends at 2027-01-01T00:00:00Z. Absent: open-ended. */
  readonly expires?: Date;
  /** The config's `reason:` for the grant. */
  readonly reason?: string;
  /** Where the config asks for it: `['identityCenter', 'assignments', 2]`, for messages that point at the line. */
  readonly configPath?: readonly (string | number)[];
}

export interface AssignmentExpiryModel {
  /** The synth's clock (IDENTITY_FOUNDATION_NOW, else the system time). */
  readonly now: Date;
  /** Grants whose `expires` is at or before `now`: not in `assignments`, not in any stack. */
  readonly expired: readonly AssignmentModel[];
  /** Grants in `assignments` ending within EXPIRY_WARNING_DAYS (7) of `now`. */
  readonly expiringSoon: readonly AssignmentModel[];
  /** `identityCenter.access.requireExpiryFor`: administrator-sets makes an open-ended admin grant error RISK-ADMIN-GRANT-WITHOUT-EXPIRY. */
  readonly requireExpiryFor: 'none' | 'administrator-sets';
}

/**
 * A grant whose accounts are known only at plan time: `aws_ssoadmin_account_assignment.<address>`
 * with `for_each` over the IDs of the active accounts its targets hold in the live organization,
 * minus the accounts the same grant names explicitly (those keep their own addresses).
 */
export interface OrganizationAssignmentModel extends GrantModel {
  /** `group_platform_admins__admin`: principal and set; the instances are keyed by account ID. */
  readonly address: string;
  /** OU paths whose accounts (at any depth) get the grant. */
  readonly organizationalUnits: readonly string[];
  /** Every active account of the organization. */
  readonly allAccounts: boolean;
  /** Every active account except the management account. */
  readonly allAccountsExceptManagement: boolean;
  /** IDs of the accounts this grant reaches as a named account (`accounts:`): not repeated here. */
  readonly excludedAccountIds: readonly string[];
}

/** Identity Center administered from a member account (identityCenter.delegatedAdministrator). */
export interface DelegatedAdministratorModel {
  /** The account, when the config names it by key; undefined for a bare account ID. */
  readonly account?: AccountModel;
  /** Its ID, when known at synth (a referenced account or a bare ID); undefined for an account this project creates. */
  readonly accountId?: string;
  /** The role the identity-center stack assumes there. */
  readonly roleName: string;
}
