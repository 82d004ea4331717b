import { CATALOGUE } from '../../rules/catalogue';
import { belowCisFloor, weakenedSettings, type PasswordPolicyValues } from '../../rules/password-policy';
import { deletionPhrase } from '../changes/kind';
import { attribute, currentString, knownString, type Side } from '../plan/attribute';
import { asArray, asObject, type JsonObject } from '../../rules/json';
import type { ResourceChange } from '../plan/model';
import { changesOf, finding } from './private/finding';
import { computedDefault } from './unreadable';
import type { Rule } from './rule';

export const loginProfileUnsafe: Rule = {
  ...CATALOGUE.loginProfileUnsafe,
  check: (facts) =>
    changesOf(facts, ['aws_iam_user_login_profile'])
      .filter(({ kind }) => kind === 'create' || kind === 'replace')
      .flatMap(({ change }) => {
        const missing: string[] = [];
        const reset = attribute(change, 'after', 'password_reset_required');
        const resetDefault = reset.state === 'unknown' && computedDefault(facts.plan, change, 'password_reset_required');
        if (reset.state === 'absent' || resetDefault || (reset.state === 'known' && reset.value !== true)) missing.push('password_reset_required is not true: the generated password never has to be changed');
        if (attribute(change, 'after', 'pgp_key').state === 'absent') missing.push('no pgp_key: the password is stored in clear text in the Terraform state');
        const user = currentString(change, 'user') ?? change.name;
        return missing.length === 0 ? [] : [finding(CATALOGUE.loginProfileUnsafe.id, facts, change.address, `console password for IAM user ${user}: ${missing.join('; ')}`)];
      }),
};

export const accessKeyCreated: Rule = {
  ...CATALOGUE.accessKeyCreated,
  check: (facts) =>
    changesOf(facts, ['aws_iam_access_key'])
      .filter(({ kind }) => kind === 'create' || kind === 'replace')
      .map(({ change, kind }) => {
        const user = currentString(change, 'user') ?? change.name;
        const pgp = attribute(change, 'after', 'pgp_key').state === 'absent' ? '; without pgp_key its secret is stored in clear text in the state' : '';
        return finding(CATALOGUE.accessKeyCreated.id, facts, change.address, `a new access key for IAM user ${user}${kind === 'replace' ? ' (replaced)' : ''}${pgp}`);
      }),
};

export const passwordPolicyWeakened: Rule = {
  ...CATALOGUE.passwordPolicyWeakened,
  check: (facts) =>
    changesOf(facts, ['aws_iam_account_password_policy']).flatMap(({ change, kind }) => {
      const before = kind === 'create' ? undefined : policyValues(change, 'before');
      const after = kind === 'destroy' ? undefined : policyValues(change, 'after');
      const weaker = kind === 'create' ? [] : weakenedSettings(before, after);
      const below = kind === 'destroy' ? [] : belowCisFloor(after).filter((setting) => kind === 'create' || !belowCisFloor(before).includes(setting));
      const parts = [
        kind === 'destroy' ? `the password policy is ${deletionPhrase(change)}: IAM falls back to its default policy` : '',
        weaker.length > 0 ? `weaker than before: ${weaker.join(', ')}` : '',
        below.length > 0 ? `below the CIS floor: ${below.join(', ')}` : '',
      ].filter((part) => part !== '');
      return parts.length === 0 ? [] : [finding(CATALOGUE.passwordPolicyWeakened.id, facts, change.address, parts.join('; '), 'passwordPolicy')];
    }),
};

function policyValues(change: ResourceChange, side: Side): PasswordPolicyValues {
  const object = (side === 'before' ? change.before : change.after) as JsonObject | null;
  return (asObject(object ?? undefined) ?? {}) as PasswordPolicyValues;
}

export const identityUserChanged: Rule = {
  ...CATALOGUE.identityUserChanged,
  check: (facts) =>
    changesOf(facts, ['aws_identitystore_user'])
      .filter(({ kind }) => kind === 'update')
      .flatMap(({ change }) => {
        const changed: string[] = [];
        const before = knownString(attribute(change, 'before', 'user_name'));
        const after = knownString(attribute(change, 'after', 'user_name'));
        if (before !== after) changed.push(`user name ${before ?? '(unknown)'} → ${after ?? '(known after apply)'}`);
        const emailsBefore = emails(change, 'before');
        const emailsAfter = emails(change, 'after');
        if (emailsBefore.join() !== emailsAfter.join()) changed.push(`email ${emailsBefore.join(', ') || '(none)'} → ${emailsAfter.join(', ') || '(none)'}`);
        return changed.length === 0 ? [] : [finding(CATALOGUE.identityUserChanged.id, facts, change.address, `Identity Center user ${before ?? after ?? change.name}: ${changed.join('; ')}`)];
      }),
};

/** The `emails` block's values, masked when sensitive. */
function emails(change: ResourceChange, side: Side): string[] {
  const value = attribute(change, side, 'emails');
  if (value.state === 'sensitive') return ['(sensitive)'];
  if (value.state === 'unknown') return ['(known after apply)'];
  if (value.state !== 'known') return [];
  return asArray(value.value)
    .map((email) => asObject(email)?.value)
    .filter((email): email is string => typeof email === 'string')
    .sort();
}
