import { CATALOGUE } from '../../rules/catalogue';
import { belowCisFloor, PASSWORD_SETTINGS, weakenedSettings, type PasswordPolicyValues } from '../../rules/password-policy';
import { deletionPhrase, type ChangeKind } from '../changes/kind';
import { attribute, currentString, knownString, type Side } from '../plan/attribute';
import { asArray, asObject, type JsonObject } from '../../rules/json';
import type { ResourceChange } from '../plan/model';
import { changesOf, finding } from './private/finding';
import { computedDefault } from './unreadable';
import type { Rule, StackFacts } from './rule';

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
        if (!hasPgpKey(change)) missing.push('no pgp_key: the password is stored in clear text in the Terraform state');
        const user = currentString(change, 'user') ?? change.name;
        return missing.length === 0 ? [] : [finding(CATALOGUE.loginProfileUnsafe.id, facts, change.address, `console password for IAM user ${user}: ${missing.join('; ')}`)];
      }),
};

/**
 * Whether the new login profile or access key has a PGP key to encrypt its secret with. The provider
 * encrypts only when `d.GetOk("pgp_key")` (internal/service/iam/user_login_profile.go, access_key.go),
 * which is false for "" as well as for no value: an empty pgp_key leaves the secret in clear text.
 * A key that is sensitive or known only after apply is there.
 */
function hasPgpKey(change: ResourceChange): boolean {
  const key = attribute(change, 'after', 'pgp_key');
  return key.state === 'sensitive' || key.state === 'unknown' || (key.state === 'known' && key.value !== '');
}

export const accessKeyCreated: Rule = {
  ...CATALOGUE.accessKeyCreated,
  check: (facts) =>
    changesOf(facts, ['aws_iam_access_key'])
      .filter(({ kind }) => kind === 'create' || kind === 'replace')
      .map(({ change, kind }) => {
        const user = currentString(change, 'user') ?? change.name;
        const pgp = hasPgpKey(change) ? '' : '; without pgp_key its secret is stored in clear text in the state';
        return finding(CATALOGUE.accessKeyCreated.id, facts, change.address, `a new access key for IAM user ${user}${kind === 'replace' ? ' (replaced)' : ''}${pgp}`);
      }),
};

export const passwordPolicyWeakened: Rule = {
  ...CATALOGUE.passwordPolicyWeakened,
  check: (facts) =>
    changesOf(facts, ['aws_iam_account_password_policy']).flatMap(({ change, kind }) => {
      // A setting that is sensitive or known only after apply is RISK-VALUE-UNREADABLE's: judging it here would print it, or judge AWS's default instead.
      const unreadable = unreadableSettings(facts, change, kind);
      const before = kind === 'create' ? undefined : policyValues(change, 'before');
      const after = kind === 'destroy' ? undefined : policyValues(change, 'after');
      const weaker = kind === 'create' ? [] : weakenedSettings(before, after, unreadable);
      // Newly below the floor, by setting: one already below that moves toward the floor is not new (one that moves away is weaker).
      const belowBefore = new Set(kind === 'create' ? [] : belowCisFloor(before, unreadable).map(settingOf));
      const below = kind === 'destroy' ? [] : belowCisFloor(after, unreadable).filter((text) => !belowBefore.has(settingOf(text)));
      const parts = [
        kind === 'destroy' ? `the password policy is ${deletionPhrase(change)}: IAM falls back to its default policy` : '',
        weaker.length > 0 ? `weaker than before: ${weaker.join(', ')}` : '',
        below.length > 0 ? `below the CIS floor: ${below.join(', ')}` : '',
      ].filter((part) => part !== '');
      return parts.length === 0 ? [] : [finding(CATALOGUE.passwordPolicyWeakened.id, facts, change.address, parts.join('; '), 'passwordPolicy')];
    }),
};

/** `minimum_password_length 10 < 14` → `minimum_password_length`; `require_symbols: false` → `require_symbols`. */
function settingOf(text: string): string {
  return /^[a-z_]+/.exec(text)![0];
}

/**
 * Settings sensitive on either side, or unknown after the plan; an argument the configuration leaves
 * out is unknown at create only because IAM's default is read back (computedDefault): that default
 * is judged.
 */
function unreadableSettings(facts: StackFacts, change: ResourceChange, kind: ChangeKind): Set<string> {
  const unreadable = new Set<string>();
  for (const setting of PASSWORD_SETTINGS) {
    const after = attribute(change, 'after', setting);
    if (attribute(change, 'before', setting).state === 'sensitive' || after.state === 'sensitive') unreadable.add(setting);
    else if (after.state === 'unknown' && !(kind === 'create' && computedDefault(facts.plan, change, setting))) unreadable.add(setting);
  }
  return unreadable;
}

function policyValues(change: ResourceChange, side: Side): PasswordPolicyValues {
  const object = (side === 'before' ? change.before : change.after) as JsonObject | null;
  return (asObject(object ?? undefined) ?? {}) as PasswordPolicyValues;
}

export const identityUserChanged: Rule = {
  ...CATALOGUE.identityUserChanged,
  check: (facts) =>
    changesOf(facts, ['aws_identitystore_user'])
      // user_name forces a replace (ForceNew in internal/service/identitystore/user.go): the new user
      // inherits the memberships and assignments re-created for it, which is the same takeover.
      .filter(({ kind }) => kind === 'update' || kind === 'replace')
      .flatMap(({ change }) => {
        const changed: string[] = [];
        const before = knownString(attribute(change, 'before', 'user_name'));
        const after = knownString(attribute(change, 'after', 'user_name'));
        const shownName = (side: Side, known: string | undefined) => known ?? (attribute(change, side, 'user_name').state === 'sensitive' ? '(sensitive)' : side === 'after' ? '(known after apply)' : '(unknown)');
        const rawName = (side: Side) => (attribute(change, side, 'user_name').state === 'unknown' ? undefined : asObject((side === 'before' ? change.before : change.after) ?? undefined)?.user_name);
        if (rawName('before') !== rawName('after')) changed.push(`user name ${shownName('before', before)} → ${shownName('after', after)}`);
        const emailsBefore = emails(change, 'before');
        const emailsAfter = emails(change, 'after');
        // Compared in full, sensitive values included (Terraform writes them in clear text); shown masked.
        if (emailsBefore.compared !== emailsAfter.compared) changed.push(`email ${emailsBefore.shown.join(', ') || '(none)'} → ${emailsAfter.shown.join(', ') || '(none)'}`);
        return changed.length === 0 ? [] : [finding(CATALOGUE.identityUserChanged.id, facts, change.address, `Identity Center user ${before ?? after ?? change.name}: ${changed.join('; ')}`)];
      }),
};

/**
 * The `emails` block's values, each masked when sensitive or unknown: Terraform marks the leaf
 * (`"after_sensitive": {"emails": [{"value": true}]}`), not only the block, and writes the value in
 * clear text beside the mark.
 */
function emails(change: ResourceChange, side: Side): { shown: string[]; compared: string } {
  const raw = asArray(asObject((side === 'before' ? change.before : change.after) ?? undefined)?.emails);
  const compared = raw
    .map((email) => asObject(email)?.value)
    .filter((email): email is string => typeof email === 'string')
    .sort()
    .join('\n');
  const value = attribute(change, side, 'emails');
  if (value.state === 'sensitive') return { shown: ['(sensitive)'], compared };
  // Unknown: whatever it becomes, it is not what it was.
  if (value.state === 'unknown') return { shown: ['(known after apply)'], compared: '\u0000unknown' };
  if (value.state !== 'known') return { shown: [], compared };
  let unknown = false;
  const shown = asArray(value.value)
    .map((_, index) => {
      const email = attribute(change, side, ['emails', index, 'value']);
      if (email.state === 'unknown') unknown = true;
      return email.state === 'sensitive' ? '(sensitive)' : email.state === 'unknown' ? '(known after apply)' : knownString(email);
    })
    .filter((email): email is string => email !== undefined)
    .sort();
  return { shown, compared: unknown ? '\u0000unknown' : compared };
}
