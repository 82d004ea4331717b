/** Identity Center MFA: weakening it is allowed only with a written reason. */
import { ConfigIssue, issue } from '../issues';
import type { EnvironmentConfig } from '../schema';

export function checkMfa(config: EnvironmentConfig): ConfigIssue[] {
  const { mfa } = config.identityCenter;
  const weak: string[] = [];
  if (mfa.prompt === 'never') weak.push('prompt: never turns MFA off');
  if (mfa.withoutRegisteredDevice === 'allow-sign-in') weak.push('withoutRegisteredDevice: allow-sign-in lets users without a device sign in with a password alone');
  if (weak.length === 0 || mfa.reason !== undefined) return [];
  return [issue(['identityCenter', 'mfa'], `${weak.join('; ')}`, 'use prompt: every-sign-in and withoutRegisteredDevice: require-registration, or add reason: "<why this is acceptable here>"')];
}
