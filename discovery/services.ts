/**
 * The AWS services discovery reads, the IAM action prefix of each (so a denied call can name the
 * exact permission), and which throttling quota each one spends.
 */
export type Service = 'organizations' | 'sso' | 'identitystore' | 'iam' | 'account';

/** A pool of requests AWS throttles together. */
export type Quota = 'identityCenter' | 'organizations' | 'iam' | 'account';

export const SERVICE_NAMES: Readonly<Record<Service, string>> = {
  organizations: 'AWS Organizations',
  sso: 'IAM Identity Center',
  identitystore: 'IAM Identity Center identity store',
  iam: 'IAM',
  account: 'AWS Account Management',
};

/**
 * The identity store shares IAM Identity Center's quota here: the Identity Center quotas page gives
 * one collective throttle limit and no separate figure for the identity store that could be checked.
 */
export const QUOTA_OF: Readonly<Record<Service, Quota>> = {
  organizations: 'organizations',
  sso: 'identityCenter',
  identitystore: 'identityCenter',
  iam: 'iam',
  account: 'account',
};

/**
 * Requests per second discovery allows itself per quota.
 * - identityCenter 20: "collective throttle limit maximum of 20 transactions per second (TPS)"
 *   (IAM Identity Center quotas, docs.aws.amazon.com/singlesignon/latest/userguide/limits.html).
 * - account 10: "Rate of GetAlternateContact requests per account: 10 per second, burst to 15"
 *   (docs.aws.amazon.com/accounts/latest/reference/quotas.html).
 * - organizations, iam 10: no figure found to check; chosen to be no faster than a sequential
 *   scan at ~100 ms a call, which AWS tolerates. Raise them with `rateLimits` if your quotas allow.
 */
export const DEFAULT_RATE_LIMITS: Readonly<Record<Quota, number>> = {
  identityCenter: 20,
  organizations: 10,
  iam: 10,
  account: 10,
};
