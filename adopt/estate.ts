/**
 * What exists in AWS, as read-only discovery reports it: the input to adoption. Plain, JSON-ready
 * data with AWS's own IDs and names; nothing here is derived or guessed.
 */
import type { DiscoveredPasswordPolicy } from '../discovery/estate';

export interface Estate {
  /** When discovery finished (ISO 8601); absent in hand-written estates. */
  readonly discoveredAt?: string;
  /** Region the Identity Center instance lives in. */
  readonly region: string;
  readonly organization: EstateOrganization;
  readonly identityCenter: EstateIdentityCenter;
  /** IAM of the management account (discovery runs there). Absent in estates saved before it was read: then no baseline is adopted. */
  readonly iam?: EstateIam;
  /** Account Management settings of the management account. */
  readonly account?: { readonly alternateContacts: readonly EstateAlternateContact[] };
  /** Optional reads discovery was denied (DiscoveredEstate.unread). */
  readonly unread?: ReadonlyArray<{ readonly permission: string; readonly what: string; readonly inputs: readonly string[] }>;
}

/** Tags of this resource were not read (the permission was denied): the comparison must leave them out. */
export function tagsUnread(estate: Estate, resourceId: string): boolean {
  return (estate.unread ?? []).some((part) => part.what.startsWith('tags') && (part.inputs.length === 0 || part.inputs.some((input) => input.split(', ').some((field) => field.endsWith(`=${resourceId}`)))));
}

export interface EstateIam {
  readonly accountAlias?: string;
  /** As discovery reads it (GetAccountPasswordPolicy); AWS leaves false settings out. */
  readonly passwordPolicy?: Omit<DiscoveredPasswordPolicy, 'expirePasswords'>;
  /** RootCredentialsManagement, RootSessions: those enabled. */
  readonly organizationsFeatures: readonly string[];
  readonly groups: ReadonlyArray<{ readonly name: string; readonly path: string; readonly attachedPolicyArns: readonly string[]; readonly inlinePolicyNames: readonly string[] }>;
  readonly users: ReadonlyArray<{
    readonly name: string;
    readonly path: string;
    readonly tags: Readonly<Record<string, string>>;
    readonly groups: readonly string[];
    readonly attachedPolicyArns: readonly string[];
    readonly inlinePolicyNames: readonly string[];
    readonly consoleAccess: boolean;
    readonly permissionsBoundaryArn?: string;
    /** Absent when not read (estates saved before, or the read was denied). */
    readonly accessKeys?: ReadonlyArray<{ readonly id: string; readonly status: string; readonly createdDate?: string }>;
    readonly mfaDevices?: ReadonlyArray<{ readonly serialNumber: string }>;
  }>;
}

export interface EstateAlternateContact {
  readonly type: 'BILLING' | 'OPERATIONS' | 'SECURITY';
  readonly name?: string;
  readonly title?: string;
  readonly emailAddress?: string;
  readonly phoneNumber?: string;
}

/**
 * Why an account cannot be managed: closed (SUSPENDED — the provider reads a suspended account as
 * gone, so an import of it fails, internal/service/organizations/account.go findAccountByID) or
 * closing (PENDING_CLOSURE). Undefined for an account that is active.
 */
export function closedStatus(account: { readonly status: string; readonly state?: string }): string | undefined {
  const closed = ['SUSPENDED', 'PENDING_CLOSURE', 'CLOSED'];
  if (closed.includes(account.status)) return account.status;
  return account.state !== undefined && closed.includes(account.state) ? account.state : undefined;
}

export interface EstateServiceControlPolicy {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly awsManaged: boolean;
  /** JSON text as AWS returns it. */
  readonly content: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly targets: ReadonlyArray<{ readonly targetId: string; readonly type: 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT'; readonly name: string }>;
}

export interface EstateOrganization {
  /** o-xxxxxxxxxx */
  readonly id: string;
  readonly featureSet: 'ALL' | 'CONSOLIDATED_BILLING';
  readonly managementAccountId: string;
  /** r-xxxx */
  readonly rootId: string;
  /** Trusted access (ListAWSServiceAccessForOrganization). */
  readonly servicePrincipals: readonly string[];
  /** Policy types enabled on the root. */
  readonly policyTypes: readonly string[];
  readonly organizationalUnits: ReadonlyArray<{ readonly id: string; readonly name: string; readonly parentId: string; readonly tags: Readonly<Record<string, string>> }>;
  readonly accounts: ReadonlyArray<{
    readonly id: string;
    readonly name: string;
    readonly email: string;
    readonly parentId: string;
    /** ACTIVE, SUSPENDED or PENDING_CLOSURE. */
    readonly status: string;
    /** Organizations' newer lifecycle field (ACTIVE, PENDING_ACTIVATION, PENDING_CLOSURE, SUSPENDED, CLOSED), when AWS returns it. */
    readonly state?: string;
    readonly tags: Readonly<Record<string, string>>;
  }>;
  /** Absent in estates saved before they were read. */
  readonly serviceControlPolicies?: readonly EstateServiceControlPolicy[];
  /** Member accounts administering a service for the organization; absent when not read. */
  readonly delegatedAdministrators?: ReadonlyArray<{ readonly accountId: string; readonly name: string; readonly servicePrincipals: readonly string[] }>;
  /** Policies of the other enabled types (tag, resource control…); absent when not read. */
  readonly otherPolicies?: ReadonlyArray<{ readonly type: string; readonly id: string; readonly name: string; readonly awsManaged: boolean }>;
}

export interface EstatePermissionSet {
  readonly arn: string;
  readonly name: string;
  readonly description?: string;
  readonly sessionDuration?: string;
  readonly relayState?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly managedPolicyArns: readonly string[];
  readonly customerManagedPolicies: ReadonlyArray<{ readonly name: string; readonly path: string }>;
  /** JSON text as AWS returns it. */
  readonly inlinePolicy?: string;
  readonly permissionsBoundary?: { readonly managedPolicyArn: string } | { readonly customerManagedPolicy: { readonly name: string; readonly path: string } };
}

export interface EstateUser {
  readonly id: string;
  readonly userName: string;
  readonly displayName?: string;
  readonly givenName?: string;
  readonly familyName?: string;
  readonly middleName?: string;
  readonly email?: string;
  readonly nickname?: string;
  readonly title?: string;
  readonly userType?: string;
  readonly preferredLanguage?: string;
  readonly profileUrl?: string;
  readonly locale?: string;
  readonly timezone?: string;
  /** Set for users provisioned by an external identity provider (SCIM). */
  readonly externalIds?: ReadonlyArray<{ readonly issuer: string; readonly id: string }>;
  /** The rest of the profile discovery reads; absent in estates saved before it did. */
  readonly name?: { readonly formatted?: string; readonly honorificPrefix?: string; readonly honorificSuffix?: string };
  readonly emails?: ReadonlyArray<{ readonly value?: string; readonly type?: string; readonly primary?: boolean }>;
  readonly phoneNumbers?: ReadonlyArray<{ readonly value?: string; readonly type?: string; readonly primary?: boolean }>;
  readonly addresses?: ReadonlyArray<{
    readonly streetAddress?: string; readonly locality?: string; readonly region?: string; readonly postalCode?: string; readonly country?: string; readonly formatted?: string; readonly type?: string; readonly primary?: boolean;
  }>;
  readonly website?: string;
  readonly birthdate?: string;
  /** ENABLED or DISABLED, when AWS returns it. */
  readonly status?: string;
  readonly photos?: readonly unknown[];
  readonly roles?: readonly unknown[];
}

export interface EstateGroup {
  readonly id: string;
  readonly displayName: string;
  readonly description?: string;
  readonly externalIds?: ReadonlyArray<{ readonly issuer: string; readonly id: string }>;
}

export interface EstateIdentityCenter {
  readonly instanceArn: string;
  readonly identityStoreId: string;
  readonly permissionSets: readonly EstatePermissionSet[];
  readonly users: readonly EstateUser[];
  readonly groups: readonly EstateGroup[];
  readonly memberships: ReadonlyArray<{ readonly membershipId: string; readonly groupId: string; readonly userId: string }>;
  readonly assignments: ReadonlyArray<{ readonly permissionSetArn: string; readonly accountId: string; readonly principalType: 'USER' | 'GROUP'; readonly principalId: string }>;
  readonly accessControlAttributes: ReadonlyArray<{ readonly key: string; readonly sources: readonly string[] }>;
}
