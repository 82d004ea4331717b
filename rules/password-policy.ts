import { CIS_PASSWORD_POLICY } from '../config/cis-password-policy';

/**
 * The account password policy, judged the same way at synth (the config's `baseline.passwordPolicy`)
 * and in review (both sides of an `aws_iam_account_password_policy`): every setting against the
 * CIS AWS Foundations floor, and against what it was.
 */

/** A password policy in the provider's argument names (aws_iam_account_password_policy). */
export interface PasswordPolicyValues {
  readonly minimum_password_length?: number;
  readonly password_reuse_prevention?: number;
  readonly require_uppercase_characters?: boolean;
  readonly require_lowercase_characters?: boolean;
  readonly require_numbers?: boolean;
  readonly require_symbols?: boolean;
  readonly allow_users_to_change_password?: boolean;
  /** Days; 0 or unset: passwords never expire. */
  readonly max_password_age?: number;
  readonly hard_expiry?: boolean;
}

type Setting = keyof PasswordPolicyValues;

/** The CIS floor in argument names (config/baseline-schema.ts holds it in config names). */
const CIS_FLOOR: Partial<Record<Setting, number | boolean>> = {
  minimum_password_length: CIS_PASSWORD_POLICY.minimumPasswordLength,
  password_reuse_prevention: CIS_PASSWORD_POLICY.passwordReusePrevention,
  require_uppercase_characters: CIS_PASSWORD_POLICY.requireUppercaseCharacters,
  require_lowercase_characters: CIS_PASSWORD_POLICY.requireLowercaseCharacters,
  require_numbers: CIS_PASSWORD_POLICY.requireNumbers,
  require_symbols: CIS_PASSWORD_POLICY.requireSymbols,
  allow_users_to_change_password: CIS_PASSWORD_POLICY.allowUsersToChangePassword,
};

/**
 * What IAM sets for an argument the policy leaves out: the defaults of UpdateAccountPasswordPolicy
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccountPasswordPolicy.html: length 6,
 * no reuse prevention, no character class, users may not change their password, no expiry). A
 * destroyed policy is compared as an empty one: IAM's default policy that then applies is below the
 * CIS floor as well (no reuse prevention, shorter than 14 characters).
 */
const AWS_DEFAULT: Required<PasswordPolicyValues> = {
  minimum_password_length: 6,
  password_reuse_prevention: 0,
  require_uppercase_characters: false,
  require_lowercase_characters: false,
  require_numbers: false,
  require_symbols: false,
  allow_users_to_change_password: false,
  max_password_age: 0,
  hard_expiry: false,
};

/** Every setting of a password policy, in the provider's argument names. */
export const PASSWORD_SETTINGS: readonly Setting[] = Object.keys(AWS_DEFAULT) as Setting[];

/**
 * Settings below the CIS floor: `minimum_password_length 8 < 14`, `require_symbols: false`. Settings
 * in `unreadable` (sensitive, or known only after apply, in a plan) are not judged, nor shown.
 */
export function belowCisFloor(policy: PasswordPolicyValues | undefined, unreadable: ReadonlySet<string> = NONE): string[] {
  const effective = { ...AWS_DEFAULT, ...definedOnly(policy ?? {}) };
  const found: string[] = [];
  for (const [setting, floor] of Object.entries(CIS_FLOOR) as Array<[Setting, number | boolean]>) {
    if (unreadable.has(setting)) continue;
    const value = effective[setting];
    if (typeof floor === 'number' ? (value as number) < floor : value !== floor) found.push(typeof floor === 'number' ? `${setting} ${value} < ${floor}` : `${setting}: ${value}`);
  }
  return found;
}

/** Settings weaker after than before (a destroyed policy is AWS's default); those in `unreadable` (on either side) are not judged, nor shown. */
export function weakenedSettings(before: PasswordPolicyValues | undefined, after: PasswordPolicyValues | undefined, unreadable: ReadonlySet<string> = NONE): string[] {
  const from = { ...AWS_DEFAULT, ...definedOnly(before ?? {}) };
  const to = { ...AWS_DEFAULT, ...definedOnly(after ?? {}) };
  const found: string[] = [];
  const lower = (setting: 'minimum_password_length' | 'password_reuse_prevention') => {
    if (!unreadable.has(setting) && to[setting] < from[setting]) found.push(`${setting} ${from[setting]} → ${to[setting]}`);
  };
  lower('minimum_password_length');
  lower('password_reuse_prevention');
  for (const setting of ['require_uppercase_characters', 'require_lowercase_characters', 'require_numbers', 'require_symbols', 'allow_users_to_change_password', 'hard_expiry'] as const) {
    if (!unreadable.has(setting) && from[setting] && !to[setting]) found.push(`${setting} true → false`);
  }
  // 0 means never: a longer (or no) expiry keeps a leaked password valid for longer.
  const age = (days: number) => (days === 0 ? Infinity : days);
  if (!unreadable.has('max_password_age') && age(to.max_password_age) > age(from.max_password_age)) {
    found.push(`max_password_age ${from.max_password_age || 'never'} → ${to.max_password_age || 'never'}`);
  }
  return found;
}

const NONE: ReadonlySet<string> = new Set();

function definedOnly(policy: PasswordPolicyValues): PasswordPolicyValues {
  return Object.fromEntries(Object.entries(policy).filter(([, value]) => value !== undefined && value !== null)) as PasswordPolicyValues;
}
