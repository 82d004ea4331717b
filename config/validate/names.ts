/**
 * Characters in names and free text: each field against the character set of the AWS API that
 * receives it, so a NUL, a control character, a bidi override or a zero-width character is named
 * here, with its position, instead of failing at apply (or, where AWS takes anything, being an
 * invisible difference a reviewer cannot see).
 */
import type { ConfigIssue } from '../issues';
import { flattenOrganizationalUnits } from '../ou-tree';
import type { EnvironmentConfig } from '../schema';

/** A code point allowed in a field. */
type Allowed = (codePoint: number) => boolean;

const LETTER_MARK_SYMBOL_NUMBER_PUNCTUATION = /[\p{L}\p{M}\p{S}\p{N}\p{P}]/u;

/**
 * Identity Store CreateUser / CreateGroup: user names `[\p{L}\p{M}\p{S}\p{N}\p{P}]+` (1–128); display
 * names, descriptions and the other profile strings `[\p{L}\p{M}\p{S}\p{N}\p{P}\t\n\r  　]+` (1–1024),
 * i.e. plus tab, line feed, carriage return, space, no-break space and ideographic space
 * (https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_CreateUser.html,
 * https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_CreateGroup.html).
 */
const identityStoreName: Allowed = (cp) => LETTER_MARK_SYMBOL_NUMBER_PUNCTUATION.test(String.fromCodePoint(cp));
const identityStoreText: Allowed = (cp) => [0x09, 0x0a, 0x0d, 0x20, 0xa0, 0x3000].includes(cp) || identityStoreName(cp);

/** CreateUser: "Administrator and AWSAdministrators are reserved names and can't be used for users or groups." */
export const RESERVED_PRINCIPAL_NAMES = ['Administrator', 'AWSAdministrators'];

/**
 * sso-admin CreatePermissionSet, Description: `[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*`, 1–700
 * (https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_CreatePermissionSet.html): Latin-1
 * without control characters and without U+00A0 — no typographic dashes or quotes, no emoji.
 */
const permissionSetDescription: Allowed = (cp) => cp === 0x09 || cp === 0x0a || cp === 0x0d || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa1 && cp <= 0xff);

/**
 * CreatePermissionSet, RelayState: 1–240 of `[a-zA-Z0-9&$@#\\\/%?=~\-_'"|!:,.;*+\[\]\ \(\)\{\}]`
 * (same page; the provider checks the same set, internal/service/ssoadmin/permission_set.go).
 */
const RELAY_STATE_CHARACTERS = new Set([..."&$@#\\/%?=~-_'\"|!:,.;*+[] (){}"]);
const relayState: Allowed = (cp) => (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || RELAY_STATE_CHARACTERS.has(String.fromCodePoint(cp));

/**
 * Organizations CreateAccount, AccountName: 1–50 characters "of any of the characters in the ASCII
 * character range" `[\u0020-\u007E]+` (https://docs.aws.amazon.com/organizations/latest/APIReference/API_CreateAccount.html).
 */
const accountName: Allowed = (cp) => cp >= 0x20 && cp <= 0x7e;

/**
 * Where AWS takes any character (OU names are `[\s\S]*`, CreateOrganizationalUnit; SCP descriptions,
 * CreatePolicy; tag values), the project still refuses what a reviewer cannot see: control
 * characters, NUL, bidi controls, zero-width and other invisible format characters, line and
 * paragraph separators.
 */
const visible: Allowed = (cp) => !/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}]/u.test(String.fromCodePoint(cp));

const INVISIBLE_NAMES: Record<number, string> = {
  0x00: 'NUL',
  0x09: 'tab',
  0x0a: 'line feed',
  0x0d: 'carriage return',
  0x7f: 'delete',
  0xa0: 'no-break space',
  0xad: 'soft hyphen',
  0x200b: 'zero-width space',
  0x200c: 'zero-width non-joiner',
  0x200d: 'zero-width joiner',
  0x200e: 'left-to-right mark',
  0x200f: 'right-to-left mark',
  0x2028: 'line separator',
  0x2029: 'paragraph separator',
  0x202a: 'left-to-right embedding',
  0x202b: 'right-to-left embedding',
  0x202c: 'pop directional formatting',
  0x202d: 'left-to-right override',
  0x202e: 'right-to-left override',
  0x2060: 'word joiner',
  0x2066: 'left-to-right isolate',
  0x2067: 'right-to-left isolate',
  0x2068: 'first strong isolate',
  0x2069: 'pop directional isolate',
  0xfeff: 'zero-width no-break space (byte order mark)',
};

/** `U+202E (right-to-left override)`, `U+2014 "—"`. */
export function describeCharacter(cp: number): string {
  const code = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = INVISIBLE_NAMES[cp] ?? (/[\p{Cc}]/u.test(String.fromCodePoint(cp)) ? 'a control character' : /[\p{Cf}]/u.test(String.fromCodePoint(cp)) ? 'an invisible format character' : undefined);
  return name ? `${code} (${name})` : `${code} "${String.fromCodePoint(cp)}"`;
}

/** The value with every invisible character (and white space but the plain space) written as \u{…}, shortened when long: safe to print. */
export function shown(value: string): string {
  let out = '';
  let count = 0;
  for (const char of value) {
    if (++count > 60) return `"${out}…" (${value.length} characters)`;
    const cp = char.codePointAt(0)!;
    out += visible(cp) && (cp === 0x20 || !/\s/u.test(char)) ? char : `\\u{${cp.toString(16).toUpperCase()}}`;
  }
  return `"${out}"`;
}

/** The first character outside `allowed`, with its 1-based position (in characters). */
function firstOutside(value: string, allowed: Allowed): { readonly cp: number; readonly position: number } | undefined {
  let position = 0;
  for (const char of value) {
    position++;
    const cp = char.codePointAt(0)!;
    if (!allowed(cp)) return { cp, position };
  }
  return undefined;
}

interface Field {
  readonly path: ReadonlyArray<string | number>;
  readonly value: string;
  /** e.g. "group name", "permission set description". */
  readonly what: string;
  readonly allowed: Allowed;
  /** What accepts it: "IAM Identity Center", "AWS Organizations"; undefined for the project's own rule. */
  readonly by?: string;
  /** The key itself is the value (names written as mapping keys). */
  readonly atKey?: boolean;
}

function fieldIssue(field: Field): ConfigIssue | undefined {
  const found = firstOutside(field.value, field.allowed);
  if (!found) return undefined;
  const where = `${describeCharacter(found.cp)} at character ${found.position}`;
  const rule = field.by ? `which ${field.by} does not accept in ${field.what.startsWith('account') ? 'an' : 'a'} ${field.what}` : `which is invisible or a control character; AWS would store it, but a reviewer could not see it`;
  const invisible = !visible(found.cp) || found.cp === 0xa0;
  return {
    path: field.path,
    ...(field.atKey ? { atKey: true } : {}),
    message: `${field.what} ${shown(field.value)} contains ${where}, ${rule}`,
    fix: invisible ? 'delete that character (it does not show: retype the text around it)' : `replace it with a character ${field.by ?? 'AWS'} accepts, e.g. - for a typographic dash`,
  };
}

export function checkNames(config: EnvironmentConfig): ConfigIssue[] {
  const fields: Field[] = [];
  const ic = config.identityCenter;
  for (const [userName, user] of Object.entries(ic.users)) {
    const at = ['identityCenter', 'users', userName];
    fields.push({ path: at, atKey: true, value: userName, what: 'user name', allowed: identityStoreName, by: 'IAM Identity Center' });
    for (const key of ['displayName', 'givenName', 'familyName', 'middleName', 'nickname', 'title', 'userType', 'preferredLanguage', 'profileUrl', 'locale', 'timezone'] as const) {
      const value = user[key];
      if (value !== undefined) fields.push({ path: [...at, key], value, what: `user ${key}`, allowed: identityStoreText, by: 'IAM Identity Center' });
    }
  }
  for (const [displayName, group] of Object.entries(ic.groups)) {
    const at = ['identityCenter', 'groups', displayName];
    fields.push({ path: at, atKey: true, value: displayName, what: 'group name', allowed: identityStoreText, by: 'IAM Identity Center' });
    if (group.description !== undefined) fields.push({ path: [...at, 'description'], value: group.description, what: 'group description', allowed: identityStoreText, by: 'IAM Identity Center' });
  }
  for (const [name, set] of Object.entries(ic.permissionSets)) {
    const at = ['identityCenter', 'permissionSets', name];
    if (set.description !== undefined) fields.push({ path: [...at, 'description'], value: set.description, what: 'permission set description', allowed: permissionSetDescription, by: 'IAM Identity Center' });
    if (set.relayState !== undefined) fields.push({ path: [...at, 'relayState'], value: set.relayState, what: 'relay state URL', allowed: relayState, by: 'IAM Identity Center' });
  }
  for (const [key, account] of Object.entries(config.organization.accounts)) {
    // Only a created account's name reaches AWS; a referenced account keeps the name it has.
    if (account.email !== undefined) {
      const path = account.name !== undefined ? ['organization', 'accounts', key, 'name'] : ['organization', 'accounts', key];
      fields.push({ path, atKey: account.name === undefined, value: account.name ?? key, what: 'account name', allowed: accountName, by: 'AWS Organizations' });
    }
  }
  for (const ou of flattenOrganizationalUnits(config.organization.organizationalUnits)) {
    fields.push({ path: ou.configPath, atKey: true, value: ou.name, what: 'OU name', allowed: visible });
  }
  for (const [name, scp] of Object.entries(config.baseline?.serviceControlPolicies ?? {})) {
    if (scp.description !== undefined) fields.push({ path: ['baseline', 'serviceControlPolicies', name, 'description'], value: scp.description, what: 'policy description', allowed: visible });
  }
  for (const { path, tags } of taggedPlaces(config)) {
    for (const [key, value] of Object.entries(tags)) fields.push({ path: [...path, key], value, what: 'tag value', allowed: visible });
  }
  const issues = fields.map(fieldIssue).filter((found): found is ConfigIssue => found !== undefined);
  issues.push(...reservedNameIssues(config), ...reservedTagIssues(config));
  return issues;
}

function reservedNameIssues(config: EnvironmentConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const kind of ['users', 'groups'] as const) {
    for (const [name, principal] of Object.entries(config.identityCenter[kind])) {
      if (!principal.existing && RESERVED_PRINCIPAL_NAMES.includes(name)) {
        issues.push({ path: ['identityCenter', kind, name], atKey: true, message: `"${name}" is reserved by IAM Identity Center and cannot name a ${kind === 'users' ? 'user' : 'group'}`, fix: `choose another name, e.g. "Platform Admins"` });
      }
    }
  }
  return issues;
}

/**
 * "The aws: prefix is reserved for AWS use": tag keys that start with it (in any case) are refused
 * (https://docs.aws.amazon.com/mediaconnect/latest/ug/tagging-restrictions.html: "The aws: prefix is prohibited for tags; it's reserved for AWS use").
 */
function reservedTagIssues(config: EnvironmentConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const { path, tags } of taggedPlaces(config)) {
    for (const key of Object.keys(tags)) {
      if (key.toLowerCase().startsWith('aws:')) {
        issues.push({ path: [...path, key], atKey: true, message: `tag key "${key}" starts with aws:, which AWS reserves for its own tags`, fix: `rename it, e.g. "${key.slice(4) || 'Name'}"` });
      }
    }
  }
  return issues;
}

/** Every tags mapping in the config, with its path. */
export function taggedPlaces(config: EnvironmentConfig): Array<{ readonly path: ReadonlyArray<string | number>; readonly tags: Record<string, string> }> {
  const places: Array<{ path: ReadonlyArray<string | number>; tags: Record<string, string> }> = [{ path: ['tags'], tags: config.tags }];
  for (const ou of flattenOrganizationalUnits(config.organization.organizationalUnits)) if (ou.config.tags) places.push({ path: [...ou.configPath, 'tags'], tags: ou.config.tags });
  for (const [key, account] of Object.entries(config.organization.accounts)) if (account.tags) places.push({ path: ['organization', 'accounts', key, 'tags'], tags: account.tags });
  for (const [name, set] of Object.entries(config.identityCenter.permissionSets)) if (set.tags) places.push({ path: ['identityCenter', 'permissionSets', name, 'tags'], tags: set.tags });
  for (const [name, scp] of Object.entries(config.baseline?.serviceControlPolicies ?? {})) places.push({ path: ['baseline', 'serviceControlPolicies', name, 'tags'], tags: scp.tags });
  for (const [name, user] of Object.entries(config.baseline?.iamUsers ?? {})) places.push({ path: ['baseline', 'iamUsers', name, 'tags'], tags: user.tags });
  return places;
}
