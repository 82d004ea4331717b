/**
 * What read-only discovery found in AWS: plain, JSON-ready data with AWS's own IDs, names and
 * ARNs, and every attribute a Terraform resource for it would set. Nothing here is derived or
 * guessed; a field AWS did not return is left out (never `null`, never a default filled in).
 *
 * The shape is a superset of `adopt/estate.ts`'s `Estate`, so a discovered estate can be handed
 * to adoption as it is (a test in test/discovery checks that at compile time).
 */

/** Tags as AWS returns them, key → value. Empty when the resource has none. */
export type Tags = Readonly<Record<string, string>>;

export interface DiscoveredEstate {
  /** Bumped when a field changes meaning, so a saved estate can be refused rather than misread. */
  readonly formatVersion: 1;
  /** When discovery finished (ISO 8601). */
  readonly discoveredAt: string;
  /** Region the Identity Center instance was read in (the clients' region). */
  readonly region: string;
  readonly organization: DiscoveredOrganization;
  readonly identityCenter: DiscoveredIdentityCenter;
  /** IAM settings of the account discovery ran in (the management account). */
  readonly iam: DiscoveredIam;
  /** Account Management settings of the account discovery ran in. */
  readonly account: DiscoveredAccountSettings;
  /**
   * Optional reads that were denied (alternate contacts, tags, access keys…): what is missing
   * there, and the permission that would read it. Absent when everything was read.
   */
  readonly unread?: ReadonlyArray<{ readonly permission: string; readonly what: string; readonly inputs: readonly string[] }>;
}

export interface DiscoveredOrganization {
  /** `o-xxxxxxxxxx`: also the import ID of aws_organizations_organization. */
  readonly id: string;
  readonly arn: string;
  readonly featureSet: 'ALL' | 'CONSOLIDATED_BILLING';
  readonly managementAccountId: string;
  readonly managementAccountArn: string;
  readonly managementAccountEmail: string;
  /** `r-xxxx`: the root every OU path starts from. */
  readonly rootId: string;
  readonly rootArn: string;
  readonly rootName: string;
  /** Trusted access (ListAWSServiceAccessForOrganization), sorted. Empty unless featureSet is ALL. */
  readonly servicePrincipals: readonly string[];
  /** Policy types whose status on the root is ENABLED, sorted (aws_organizations_organization.enabled_policy_types). */
  readonly policyTypes: readonly string[];
  /** Every OU at any depth, parents before children. */
  readonly organizationalUnits: readonly DiscoveredOrganizationalUnit[];
  /** Every account, the management account included, sorted by ID. */
  readonly accounts: readonly DiscoveredAccount[];
  /**
   * Every service control policy, AWS managed ones (FullAWSAccess) included, sorted by name. Empty
   * unless featureSet is ALL.
   */
  readonly serviceControlPolicies: readonly DiscoveredServiceControlPolicy[];
  /**
   * Member accounts that administer a service for the organization (ListDelegatedAdministrators),
   * sorted by account ID; e.g. IAM Identity Center run from a member account. Empty unless
   * featureSet is ALL, or when the read was denied (then `unread` says so).
   */
  readonly delegatedAdministrators?: readonly DiscoveredDelegatedAdministrator[];
  /**
   * Policies of the other enabled policy types (tag, resource control, backup… policies): named so
   * adoption can say they are left as they are. Absent when none is enabled or the read was denied.
   */
  readonly otherPolicies?: ReadonlyArray<{ readonly type: string; readonly id: string; readonly name: string; readonly awsManaged: boolean }>;
}

export interface DiscoveredDelegatedAdministrator {
  readonly accountId: string;
  readonly name: string;
  /** Service principals delegated to the account (ListDelegatedServicesForAccount), sorted. */
  readonly servicePrincipals: readonly string[];
}

export interface DiscoveredServiceControlPolicy {
  /** `p-xxxxxxxx` (`p-FullAWSAccess` for the AWS managed one): the import ID of aws_organizations_policy. */
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  /** As AWS returns it; empty string when none was given. */
  readonly description: string;
  /** True for policies AWS owns (FullAWSAccess): never adopted. */
  readonly awsManaged: boolean;
  /** The policy document, JSON text exactly as DescribePolicy returns it. */
  readonly content: string;
  readonly tags: Tags;
  /** Where it is attached (ListTargetsForPolicy), sorted by target ID. */
  readonly targets: readonly DiscoveredPolicyTarget[];
}

export interface DiscoveredPolicyTarget {
  /** r-xxxx, ou-xxxx-xxxxxxxx or a 12-digit account ID. */
  readonly targetId: string;
  readonly type: 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT';
  readonly name: string;
}

export interface DiscoveredOrganizationalUnit {
  /** `ou-xxxx-xxxxxxxx` */
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  /** The root ID or the parent OU's ID. */
  readonly parentId: string;
  /** OU names from the root down, joined by `/` (`Workloads/Prod`): the form the config uses. */
  readonly path: string;
  readonly tags: Tags;
}

export interface DiscoveredAccount {
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  readonly email: string;
  /** ACTIVE, SUSPENDED or PENDING_CLOSURE (Organizations' `Status`). */
  readonly status: string;
  /** Organizations' newer `State` (e.g. ACTIVE, CLOSED), when AWS returns it. */
  readonly state?: string;
  /** INVITED or CREATED. */
  readonly joinedMethod?: string;
  /** ISO 8601. */
  readonly joinedTimestamp?: string;
  /** The root ID or the OU's ID. */
  readonly parentId: string;
  /** The parent OU's path (`Workloads/Prod`); empty for an account directly under the root. */
  readonly parentPath: string;
  readonly tags: Tags;
}

export interface DiscoveredIdentityCenter {
  readonly instanceArn: string;
  /** `d-xxxxxxxxxx` */
  readonly identityStoreId: string;
  readonly instanceName?: string;
  readonly ownerAccountId?: string;
  readonly instanceStatus?: string;
  /** ABAC attributes; empty when attributes for access control are not enabled. */
  readonly accessControlAttributes: readonly DiscoveredAccessControlAttribute[];
  /** Sorted by name. */
  readonly permissionSets: readonly DiscoveredPermissionSet[];
  /** Sorted by userName. */
  readonly users: readonly DiscoveredUser[];
  /** Sorted by displayName. */
  readonly groups: readonly DiscoveredGroup[];
  readonly memberships: readonly DiscoveredMembership[];
  /** Every assignment of every permission set on every account it is provisioned to. */
  readonly assignments: readonly DiscoveredAssignment[];
}

export interface DiscoveredAccessControlAttribute {
  readonly key: string;
  /** e.g. `${path:enterprise.department}` */
  readonly sources: readonly string[];
}

export interface CustomerManagedPolicyReference {
  readonly name: string;
  /** `/` unless the policy lives under a path. */
  readonly path: string;
}

export interface DiscoveredPermissionSet {
  readonly arn: string;
  readonly name: string;
  readonly description?: string;
  /** ISO 8601 duration, e.g. PT1H. */
  readonly sessionDuration?: string;
  readonly relayState?: string;
  /** ISO 8601. */
  readonly createdDate?: string;
  readonly tags: Tags;
  /** AWS-managed (and customer-managed by ARN) policies attached, sorted. */
  readonly managedPolicyArns: readonly string[];
  /** Same attachments with the policy names AWS reports beside the ARNs. */
  readonly managedPolicies: ReadonlyArray<{ readonly arn: string; readonly name: string }>;
  /** Customer-managed policies referenced by name and path, sorted by name, then path. */
  readonly customerManagedPolicies: readonly CustomerManagedPolicyReference[];
  /** JSON text exactly as AWS returns it; absent when the set has no inline policy. */
  readonly inlinePolicy?: string;
  readonly permissionsBoundary?: { readonly managedPolicyArn: string } | { readonly customerManagedPolicy: CustomerManagedPolicyReference };
  /** Accounts the set is provisioned to (ListAccountsForProvisionedPermissionSet), sorted. */
  readonly provisionedAccountIds: readonly string[];
}

export interface ExternalId {
  readonly issuer: string;
  readonly id: string;
}

/** A multi-valued profile attribute (emails, phone numbers, photos, roles). */
export interface ProfileValue {
  readonly value?: string;
  readonly type?: string;
  readonly primary?: boolean;
}

export interface DiscoveredAddress {
  readonly streetAddress?: string;
  readonly locality?: string;
  readonly region?: string;
  readonly postalCode?: string;
  readonly country?: string;
  readonly formatted?: string;
  readonly type?: string;
  readonly primary?: boolean;
}

export interface DiscoveredUser {
  readonly id: string;
  readonly userName: string;
  readonly displayName?: string;
  /** The full name block (aws_identitystore_user.name). */
  readonly name?: {
    readonly formatted?: string;
    readonly familyName?: string;
    readonly givenName?: string;
    readonly middleName?: string;
    readonly honorificPrefix?: string;
    readonly honorificSuffix?: string;
  };
  /** Shortcuts the adoption converter reads: copies of name.givenName / familyName / middleName. */
  readonly givenName?: string;
  readonly familyName?: string;
  readonly middleName?: string;
  /** The primary email's value, else the first one's. */
  readonly email?: string;
  readonly emails: readonly ProfileValue[];
  readonly addresses: readonly DiscoveredAddress[];
  readonly phoneNumbers: readonly ProfileValue[];
  readonly nickname?: string;
  readonly profileUrl?: string;
  readonly userType?: string;
  readonly title?: string;
  readonly preferredLanguage?: string;
  readonly locale?: string;
  readonly timezone?: string;
  /** ENABLED or DISABLED, when AWS returns it. */
  readonly status?: string;
  readonly website?: string;
  readonly birthdate?: string;
  readonly photos?: readonly ProfileValue[];
  readonly roles?: readonly ProfileValue[];
  /** Set for users provisioned by an external identity provider (SCIM). */
  readonly externalIds?: readonly ExternalId[];
}

export interface DiscoveredGroup {
  readonly id: string;
  readonly displayName: string;
  readonly description?: string;
  /** Set for groups an external identity provider syncs: their members are the provider's. */
  readonly externalIds?: readonly ExternalId[];
}

export interface DiscoveredMembership {
  readonly membershipId: string;
  readonly groupId: string;
  readonly userId: string;
}

export interface DiscoveredAssignment {
  readonly permissionSetArn: string;
  readonly accountId: string;
  readonly principalType: 'USER' | 'GROUP';
  readonly principalId: string;
}

export interface DiscoveredPasswordPolicy {
  readonly minimumPasswordLength?: number;
  readonly requireSymbols?: boolean;
  readonly requireNumbers?: boolean;
  readonly requireUppercaseCharacters?: boolean;
  readonly requireLowercaseCharacters?: boolean;
  readonly allowUsersToChangePassword?: boolean;
  /** Read-only in Terraform (expire_passwords): true when maxPasswordAge > 0. */
  readonly expirePasswords?: boolean;
  readonly maxPasswordAge?: number;
  readonly passwordReusePrevention?: number;
  readonly hardExpiry?: boolean;
}

export interface DiscoveredIam {
  /** The account alias; absent when the account has none. */
  readonly accountAlias?: string;
  /** Absent when the account has no password policy (GetAccountPasswordPolicy: NoSuchEntity). */
  readonly passwordPolicy?: DiscoveredPasswordPolicy;
  /**
   * Centralized root access features (ListOrganizationsFeatures), sorted: RootCredentialsManagement,
   * RootSessions. Empty when none is enabled or trusted access for IAM is not enabled.
   */
  readonly organizationsFeatures: readonly string[];
  /** IAM groups of this account, sorted by name. */
  readonly groups: readonly DiscoveredIamGroup[];
  /** IAM users of this account, sorted by name. */
  readonly users: readonly DiscoveredIamUser[];
}

export interface DiscoveredIamGroup {
  readonly name: string;
  readonly arn: string;
  /** `/` unless the group was created under a path. */
  readonly path: string;
  /** Managed policies attached (ListAttachedGroupPolicies), sorted. */
  readonly attachedPolicyArns: readonly string[];
  /** Names of inline policies (ListGroupPolicies), sorted: not adopted, reported. */
  readonly inlinePolicyNames: readonly string[];
}

export interface DiscoveredIamUser {
  readonly name: string;
  readonly arn: string;
  /** `/` unless the user was created under a path. */
  readonly path: string;
  readonly tags: Tags;
  /** Names of the groups the user is in (ListGroupsForUser), sorted. */
  readonly groups: readonly string[];
  /** Managed policies attached to the user directly (ListAttachedUserPolicies), sorted. */
  readonly attachedPolicyArns: readonly string[];
  /** Names of the user's inline policies (ListUserPolicies), sorted. */
  readonly inlinePolicyNames: readonly string[];
  /** The user has a console password (GetLoginProfile answered; NoSuchEntity means no). */
  readonly consoleAccess: boolean;
  /** ARN of the user's permissions boundary, when it has one. */
  readonly permissionsBoundaryArn?: string;
  /** Access keys (ListAccessKeys), sorted by ID; absent when the read was denied. */
  readonly accessKeys?: ReadonlyArray<{ readonly id: string; readonly status: string; readonly createdDate?: string }>;
  /** MFA devices (ListMFADevices); absent when the read was denied. */
  readonly mfaDevices?: ReadonlyArray<{ readonly serialNumber: string; readonly enabledDate?: string }>;
}

export interface DiscoveredAlternateContact {
  readonly type: 'BILLING' | 'OPERATIONS' | 'SECURITY';
  readonly name?: string;
  readonly title?: string;
  readonly emailAddress?: string;
  readonly phoneNumber?: string;
}

export interface DiscoveredAccountSettings {
  /** The alternate contacts that are set, by type; a type with none is left out. */
  readonly alternateContacts: readonly DiscoveredAlternateContact[];
}
