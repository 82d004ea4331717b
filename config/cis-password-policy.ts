/**
 * The CIS AWS Foundations floor for the account password policy. A policy below it is allowed only
 * with a written `reason`. A module of its own, without the schema library, so the plan review (which
 * judges password policies in plans: rules/password-policy.ts) does not load the config's schemas.
 */
export const CIS_PASSWORD_POLICY = {
  minimumPasswordLength: 14,
  passwordReusePrevention: 24,
  requireUppercaseCharacters: true,
  requireLowercaseCharacters: true,
  requireNumbers: true,
  requireSymbols: true,
  allowUsersToChangePassword: true,
} as const;
