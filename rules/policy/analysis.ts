import { actionMatches, actionsOf, expandAction, globMatch, isWriteLevel, type ActionInfo } from './actions';
import { describeStatement, Statement, type StatementCondition } from './document';
import { eachStatement, type StatementText } from './split';
import { lookupTable } from '../../lib/lookup-table';
import type { JsonValue } from '../json';

/**
 * What a policy grants, judged by content: administrator access, IAM write, wildcards that widen,
 * iam:PassRole on any role, and the Deny that enforces MFA. Pure functions over parsed statements;
 * the synth runs them over the config, the review over both sides of a plan.
 */

/**
 * Wildcard grants that are harmless, so a rule that fires on them would be noise. Each is a Read or
 * List action that IAM authorizes only on `"*"` (it has no resource type in the service
 * authorization reference, so a narrower Resource would not work), and what it reveals is listed.
 */
export const HARMLESS_WILDCARD_ACTIONS: Readonly<Record<string, string>> = lookupTable({
  'iam:ListVirtualMFADevices':
    "lists the account's virtual MFA devices (serial numbers and the users they belong to, no seeds); AWS's self-manage-MFA example policy, and this project's RequireMFA policy, grant it on \"*\" because the action has no resource type",
  'iam:GetAccountPasswordPolicy':
    'reads the password rules a user must meet when changing their own password; it has no resource type, and the rules are no secret',
  'sts:GetCallerIdentity': 'returns the caller\'s own account, user ID and ARN; AWS allows it even when a policy denies it, so granting it changes nothing',
});

/** IAM write actions that cannot raise anyone's own access: a service-linked role only its AWS service can assume, with a policy AWS defines. */
const NOT_ESCALATING_IAM_WRITES = new Set(['iam:createservicelinkedrole', 'iam:deleteservicelinkedrole', 'iam:passrole']);

/** AWS managed policies that are administrator-level by content (their documents, from the AWS Managed Policy Reference). */
export const ADMIN_MANAGED_POLICIES: Readonly<Record<string, string>> = lookupTable({
  // https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html: Allow "*" on "*".
  AdministratorAccess: 'allows every action on every resource',
  // https://docs.aws.amazon.com/aws-managed-policy/latest/reference/IAMFullAccess.html: Allow "iam:*" on "*".
  IAMFullAccess: 'allows every IAM action (iam:*), so its holder can grant themselves anything',
});

/** `arn:aws:iam::aws:policy/AdministratorAccess` → why it is administrator-level, or undefined. */
export function adminManagedPolicy(arn: string): string | undefined {
  const match = /^arn:aws[\w-]*:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(arn);
  return match ? ADMIN_MANAGED_POLICIES[match[1]] : undefined;
}

/**
 * Why these statements are administrator-level, or undefined: an Allow of `*` (or `*:*`), or of any
 * IAM write action (creating users, attaching policies, editing trust…), with which the holder can
 * give themselves everything else.
 */
export function adminLevel(statements: readonly Statement[]): string | undefined {
  for (const statement of statements) {
    if (statement.effect !== 'Allow') continue;
    if (statement.actions.some((action) => action === '*' || action === '*:*')) return `allows every action (${describeStatement(statement)})`;
    const writes = iamWrites(statement);
    if (writes.length > 0) return `allows IAM write: ${listNames(writes)} (${describeStatement(statement)})`;
  }
  return undefined;
}

/** The IAM write actions an Allow statement grants (NotAction and wildcards expanded), except those that cannot escalate. */
export function iamWrites(statement: Statement): string[] {
  if (statement.effect !== 'Allow') return [];
  if (statement.resources.length > 0 && statement.resources.every((resource) => resource.includes('${aws:username}'))) return [];
  let granted: readonly ActionInfo[];
  if (statement.notActions.length > 0) {
    granted = actionsOf('iam').filter((action) => !statement.notActions.some((pattern) => actionMatches(pattern, action.name)));
  } else {
    granted = statement.actions.flatMap((action) => expandAction(action, 'iam'));
  }
  const names = new Set(granted.filter(isWriteLevel).map((action) => action.name).filter((name) => !NOT_ESCALATING_IAM_WRITES.has(name.toLowerCase())));
  return [...names].sort();
}

export interface Widening {
  /** Stable kind, for rules that pick one: `wildcard` or `pass-role`. */
  readonly kind: 'wildcard' | 'pass-role';
  /** `Action "*"`, `Resource "*"`, `NotAction (…)`, `iam:PassRole on "*"`. */
  readonly what: string;
}

/**
 * What an Allow statement opens by wildcard: `*` or a whole service (`s3:*`) as Action, NotAction,
 * `*` as Resource, NotResource, and iam:PassRole on any role. Narrow patterns (`ec2:Describe*`) are
 * not counted, and neither is `Resource "*"` when every action is in HARMLESS_WILDCARD_ACTIONS.
 */
export function widenings(statement: Statement): Widening[] {
  if (statement.effect !== 'Allow') return [];
  const found: Widening[] = [];
  for (const action of statement.actions) {
    if (WILDCARD_ACTION.test(action)) found.push({ kind: 'wildcard', what: `Action "${action}"` });
  }
  if (statement.notActions.length > 0) found.push({ kind: 'wildcard', what: 'NotAction (every action except those listed)' });
  const passRoleAny =
    grantsPassRole(statement) && (statement.resources.some(matchesAnyRole) || statement.notResources.length > 0);
  // Resource "*" of only harmless actions is no widening; of only iam:PassRole it is the pass-role finding, not a second one.
  const onlyPassRole = statement.notActions.length === 0 && statement.actions.length > 0 && statement.actions.every((action) => action.toLowerCase() === 'iam:passrole');
  const harmless = statement.notActions.length === 0 && statement.actions.length > 0 && statement.actions.every((action) => isHarmless(action));
  if (statement.resources.includes('*') && !harmless && !(onlyPassRole && passRoleAny)) found.push({ kind: 'wildcard', what: 'Resource "*"' });
  if (statement.notResources.length > 0) found.push({ kind: 'wildcard', what: 'NotResource (every resource except those listed)' });
  if (passRoleAny) found.push({ kind: 'pass-role', what: 'iam:PassRole on any role' });
  return found;
}

/** `*`, every action of a service (`s3:*`, `IAM:*`), or of every service (`*:*`): not a narrow pattern such as `ec2:Describe*`. */
const WILDCARD_ACTION = /^(?:\*+|[\w*-]+:\*+)$/;

function isHarmless(action: string): boolean {
  const lower = action.toLowerCase();
  return Object.keys(HARMLESS_WILDCARD_ACTIONS).some((harmless) => harmless.toLowerCase() === lower);
}

/**
 * Whether a Resource pattern matches roles of any name: `*`, `arn:aws:iam::123456789012:role/*`, and
 * also `arn:aws:iam::*:*`, `arn:*:iam::*:role*` and the like, judged by matching it against two made-up
 * role names (with and without a path) in its own partition and account. `role/app-*` matches neither.
 */
function matchesAnyRole(resource: string): boolean {
  if (resource === '*') return true;
  const parts = /^arn:([^:]*):iam::([^:]*):/.exec(resource);
  const partition = parts && !/[*?]/.test(parts[1]) ? parts[1] : 'aws';
  const account = parts && /^\d{12}$/.test(parts[2]) ? parts[2] : '123456789012';
  return ANY_ROLE_PROBES.every((name) => globMatch(resource, `arn:${partition}:iam::${account}:role/${name}`));
}
const ANY_ROLE_PROBES = ['a0-any-role', 'z9/path/any-role'];

function grantsPassRole(statement: Statement): boolean {
  if (statement.notActions.length > 0) return !statement.notActions.some((pattern) => actionMatches(pattern, 'iam:PassRole'));
  return statement.actions.some((pattern) => actionMatches(pattern, 'iam:PassRole'));
}

const MFA_PRESENT = 'aws:multifactorauthpresent';

/**
 * The Deny statements that enforce MFA: a Deny conditioned on aws:MultiFactorAuthPresent, however the
 * policy is named and however the condition is written (`BoolIfExists`, `Bool`, `Null`; `"false"` or
 * `false`; the key in any case). A Deny that can only apply when MFA is present (`Bool` …
 * `"true"`, `Null` … `"false"`) denies the users who did use MFA, and enforces nothing.
 */
export function mfaDenies(statements: readonly Statement[]): Statement[] {
  return statements.filter((statement) => statement.effect === 'Deny' && statement.conditions.some((condition) => condition.key === MFA_PRESENT && !onlyWhenMfaPresent(condition)));
}

/**
 * True for a test on aws:MultiFactorAuthPresent that no request without MFA passes: an equality with
 * `true` (the key is absent for long-term credentials, and `false` never equals it), or `Null` with
 * `false` (the key must be there, which it only is for temporary credentials). Anything else (a
 * negated or unusual operator) is taken as enforcing: a miss here would hide a removed MFA Deny.
 */
function onlyWhenMfaPresent(condition: StatementCondition): boolean {
  const operator = condition.operator.toLowerCase();
  const values = condition.values.map((value) => value.toLowerCase());
  if (/^(?:bool|string(?:equals|equalsignorecase|like))$/.test(operator)) return values.every((value) => value === 'true');
  if (operator === 'null') return values.every((value) => value === 'false');
  return false;
}

/**
 * The MFA-enforcing Deny statements of `before` that `after` no longer has in full: gone, or
 * narrowed (fewer actions or resources denied, more actions excepted, an extra condition). An
 * equal or broader Deny in `after` keeps the enforcement.
 */
export function mfaDeniesLost(before: readonly Statement[], after: readonly Statement[]): Statement[] {
  const kept = mfaDenies(after);
  return mfaDenies(before).filter((old) => !kept.some((candidate) => denyCovers(candidate, old)));
}

/**
 * Statement pairs compared at most when one document's statements are judged against another's
 * (denyCoverage, trustWidenings): each comparison is cheap, but a hostile pair of documents of 4,000
 * statements each made 16 million of them (25 s). Past the budget a statement counts as not covered,
 * so it is flagged and a person looks.
 */
export const MAX_STATEMENT_COMPARISONS = 100_000;

/**
 * Whether a Deny is still denied by one of `denies` (denyCovers), for the statements of one document:
 * an equal statement is found by its canonical text, the others statement by statement, within
 * MAX_STATEMENT_COMPARISONS in all.
 */
export function denyCoverage(denies: readonly Statement[]): (statement: Statement) => boolean {
  const canonical = new Set(denies.map((deny) => deny.canonical));
  let left = MAX_STATEMENT_COMPARISONS;
  const covered = (statement: Statement) => {
    for (const deny of denies) {
      if (left-- <= 0) return false;
      if (denyCovers(deny, statement)) return true;
    }
    return false;
  };
  return (statement) => {
    if (canonical.has(statement.canonical) || covered(statement)) return true;
    // One Deny of several actions split into a Deny per action (or a few): each action denied by one of them.
    if (statement.actions.length < 2 || statement.notActions.length > 0 || statement.actions.length > MAX_SPLIT_ACTIONS) return false;
    const raw = JSON.parse(statement.text) as { [key: string]: JsonValue };
    return statement.actions.every((action) => covered(Statement.fromRaw({ ...raw, Action: [action] })));
  };
}

/** A Deny of more actions than this is not looked at action by action (denyCoverage): each costs a pass over the other Denies. */
const MAX_SPLIT_ACTIONS = 64;

/**
 * True when Deny `wide` denies at least everything Deny `narrow` does, to the same or more principals
 * (trust and resource control policies), under the same or fewer conditions (conditionImplied).
 */
export function denyCovers(wide: Statement, narrow: Statement): boolean {
  if (wide.canonical === narrow.canonical) return true;
  // A narrow statement without Action and NotAction (or Resource and NotResource) is read as `*`: only `*` covers it.
  const actionsCovered =
    wide.actions.includes('*') ||
    (narrow.notActions.length > 0
      ? wide.notActions.length > 0 && wide.notActions.every((pattern) => exceptedToo(pattern, narrow.notActions))
      : narrow.actions.length > 0 && wide.notActions.length === 0 && narrow.actions.every((action) => wide.actions.some((pattern) => actionMatches(pattern, action))));
  const resourcesCovered =
    wide.resources.includes('*') && wide.notResources.length === 0
      ? true
      : narrow.notResources.length > 0
        ? // Everything but N is denied: a wider Deny excepts no more than N.
          wide.resources.length === 0 && wide.notResources.length > 0 && wide.notResources.every((resource) => narrow.notResources.includes(resource))
        : narrow.resources.length > 0 && wide.notResources.length === 0 && narrow.resources.every((resource) => wide.resources.some((pattern) => resourceCovers(pattern, resource)));
  const principalsCovered =
    wide.notPrincipals.every((principal) => narrow.notPrincipals.includes(principal)) &&
    (wide.principals.length === 0 || wide.principals.includes('*') || (narrow.principals.length > 0 && narrow.principals.every((principal) => wide.principals.includes(principal))));
  const conditionsCovered = wide.conditions.every((condition) => narrow.conditions.some((given) => conditionImplied(condition, given)));
  return actionsCovered && resourcesCovered && principalsCovered && conditionsCovered;
}

/**
 * Whether a Resource `pattern` matches every resource `resource` (itself a pattern) names: its `*`
 * may take any run of characters, wildcards of `resource` included, its `?` one character that is not
 * a wildcard (`arn:aws:s3:::prod-?` does not cover `arn:aws:s3:::prod-*`). Case-sensitive, as ARNs are.
 */
function resourceCovers(pattern: string, resource: string): boolean {
  if (pattern === resource) return true;
  if (!pattern.includes('*') && !pattern.includes('?')) return false;
  // The greedy wildcard match, back to the last `*` on a mismatch: time at most the product of the
  // lengths, never exponential (a regular expression of many `.*` is, on a hostile document).
  let p = 0;
  let r = 0;
  let star = -1;
  let resumeAt = 0;
  while (r < resource.length) {
    const char = pattern[p];
    if (char === '*') {
      star = p++;
      resumeAt = r;
    } else if (p < pattern.length && (char === '?' ? resource[r] !== '*' && resource[r] !== '?' : char === resource[r])) {
      p++;
      r++;
    } else if (star >= 0) {
      p = star + 1;
      r = ++resumeAt;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/** Operators that hold when the request's value is none of the condition's (IAM's negated matching operators). */
const NEGATED = new Set(['stringnotequals', 'stringnotequalsignorecase', 'stringnotlike', 'arnnotequals', 'arnnotlike', 'notipaddress', 'numericnotequals', 'datenotequals']);
/** Operators that hold when the request's value is one of the condition's. */
const POSITIVE = new Set(['stringequals', 'stringequalsignorecase', 'stringlike', 'arnequals', 'arnlike', 'ipaddress', 'numericequals', 'dateequals', 'bool']);

/**
 * Whether condition `wide` holds whenever condition `given` does, on the same key: the same test; a
 * negated one that excepts fewer values (`StringNotLike aws:PrincipalArn [Admin, Dev*] → [Admin]`);
 * a positive one that takes more values; or the same test with IfExists, which also holds when the key
 * is absent (a negated test already does: "If the key … is not present, the condition is true", IAM
 * condition operators). Set operators (ForAnyValue:, ForAllValues:) and other changes of operator only
 * when equal. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
function conditionImplied(wide: StatementCondition, given: StatementCondition): boolean {
  if (wide.key !== given.key) return false;
  const operator = (condition: StatementCondition) => condition.operator.toLowerCase().replace(/ifexists$/, '');
  const base = operator(wide);
  if (base !== operator(given) || base.includes(':')) return false;
  const wideIfExists = /ifexists$/i.test(wide.operator);
  const givenIfExists = /ifexists$/i.test(given.operator);
  // Without IfExists, a positive test fails where the key is absent, and the given one (with IfExists) holds there.
  if (givenIfExists && !wideIfExists && !NEGATED.has(base)) return false;
  const wideValues = new Set(wide.values);
  const givenValues = new Set(given.values);
  if (NEGATED.has(base)) return [...wideValues].every((value) => givenValues.has(value));
  if (POSITIVE.has(base)) return [...givenValues].every((value) => wideValues.has(value));
  return wideValues.size === givenValues.size && [...wideValues].every((value) => givenValues.has(value));
}

/**
 * Whether every action a NotAction `pattern` excepts is excepted by `others` too: by the actions it
 * matches in its service (`iam:List*MFADevices` is `iam:ListMFADevices` and `iam:ListVirtualMFADevices`),
 * case-insensitively as IAM matches; a pattern of an unknown service, or with a wildcard in the
 * service, only by an equal pattern.
 */
function exceptedToo(pattern: string, others: readonly string[]): boolean {
  const colon = pattern.indexOf(':');
  const service = colon > 0 ? pattern.slice(0, colon) : '';
  const matched = service !== '' && !/[*?]/.test(service) ? expandAction(pattern, service) : [];
  if (matched.length === 0) return others.some((other) => other.toLowerCase() === pattern.toLowerCase());
  return matched.every((action) => others.some((other) => actionMatches(other, action.name)));
}

/**
 * How a trust policy (assume_role_policy) newly lets someone assume the role, one phrase each:
 * - on a new role (`before` undefined): anyone (`*` without a condition), or every principal but a
 *   few (an Allow with NotPrincipal);
 * - on an existing role, also: a principal no Allow of `before` names (an account ID and its root
 *   ARN are the same principal, and a role or user of an account whose root was trusted is no one
 *   new); a principal named before but now allowed more actions or under a
 *   condition that lets more callers through (a condition removed, an allowed value added, an
 *   excluded value dropped, an operator changed); a Deny of `before` that no Deny of `after` covers.
 * A statement only rewritten (keys, order, whitespace) or narrowed gives nothing.
 */
export function trustWidenings(before: readonly Statement[] | undefined, after: readonly Statement[]): string[] {
  const found = new Set<string>();
  let comparisons = 0;
  const allowedBefore = new Map<string, Statement[]>();
  for (const statement of before ?? []) {
    if (statement.effect !== 'Allow') continue;
    for (const principal of statement.principals.map(samePrincipal)) {
      const statements = allowedBefore.get(principal);
      if (statements) statements.push(statement);
      else allowedBefore.set(principal, [statement]);
    }
  }
  for (const statement of after) {
    if (statement.effect !== 'Allow') continue;
    if (statement.notPrincipals.length > 0 && !(before ?? []).some((old) => old.effect === 'Allow' && old.canonical === statement.canonical)) {
      found.add(`every principal except ${statement.notPrincipals.join(', ')} (NotPrincipal)`);
    }
    for (const principal of statement.principals.map(samePrincipal)) {
      // Trusting an account's root lets any principal of that account in (as its own IAM allows): one of them is no one new.
      const earlier = allowedBefore.get(principal) ?? allowedBefore.get(accountRootOf(principal) ?? '');
      if (earlier === undefined) {
        if (principal === '*' && !statement.hasCondition) found.add('anyone ("*", no condition)');
        else if (before !== undefined) found.add(principal === '*' ? `anyone ("*", ${conditionsText(statement)})` : principal);
        continue;
      }
      // Past the budget, a principal counts as trusted anew: flagged, for a person to look.
      comparisons += earlier.length;
      const gaps = comparisons > MAX_STATEMENT_COMPARISONS ? ['(too many statements to compare)'] : earlier.map((old) => trustGap(old, statement));
      if (gaps.every((gap) => gap !== undefined)) found.add(`${principal === '*' ? 'anyone ("*")' : principal} ${gaps[0]}`);
    }
  }
  const stillDenied = denyCoverage(after.filter((statement) => statement.effect === 'Deny'));
  for (const old of before ?? []) {
    if (old.effect === 'Deny' && !stillDenied(old)) found.add(`what it denied before (${describeStatement(old)})`);
  }
  return [...found];
}

/** `AWS:arn:aws:iam::123456789012:role/x` → `AWS:arn:aws:iam::123456789012:root`; undefined for other principals. */
function accountRootOf(principal: string): string | undefined {
  const match = /^AWS:arn:(aws[\w-]*):(?:iam|sts)::(\d{12}):/.exec(principal);
  return match ? `AWS:arn:${match[1]}:iam::${match[2]}:root` : undefined;
}

/** `arn:aws:iam::123456789012:root` and `123456789012` name the same principal (IAM writes the ARN). */
function samePrincipal(principal: string): string {
  return /^AWS:\d{12}$/.test(principal) ? `AWS:arn:aws:iam::${principal.slice(4)}:root` : principal;
}

/**
 * How Allow `now` lets a principal that Allow `old` names do more than `old` did, or undefined when
 * it does not: an action `old` did not allow, or a condition of `old` gone or loosened.
 */
function trustGap(old: Statement, now: Statement): string | undefined {
  if (old.canonical === now.canonical) return undefined;
  const actions = actionsGap(old, now);
  if (actions !== undefined) return actions;
  for (const condition of old.conditions) {
    const same = now.conditions.find((candidate) => candidate.operator === condition.operator && candidate.key === condition.key);
    if (same === undefined) return `without its condition ${condition.operator} ${condition.key}`;
    const operator = condition.operator.replace(/^For(All|Any)Values:/i, '');
    // A negated operator (StringNotEquals, ArnNotLike, NotIpAddress) lets more through with fewer values, the others with more;
    // Bool, Null, numbers and dates with any other value.
    const negated = /Not/.test(operator);
    const looser = negated ? condition.values.filter((value) => !same.values.includes(value)) : same.values.filter((value) => !condition.values.includes(value));
    const exact = /^(Bool|Null|Numeric|Date|Binary)/i.test(operator);
    if (looser.length > 0) return `with ${condition.operator} ${condition.key} ${negated ? 'no longer excluding' : 'now allowing'} ${looser.join(', ')}`;
    if (exact && [...same.values].sort().join(',') !== [...condition.values].sort().join(',')) return `with ${condition.operator} ${condition.key} now ${same.values.join(', ')}`;
  }
  return undefined;
}

/** The actions Allow `now` grants that Allow `old` did not, as a phrase; undefined when none. */
function actionsGap(old: Statement, now: Statement): string | undefined {
  if (now.notActions.length > 0) {
    return old.notActions.length > 0 && old.notActions.every((action) => now.notActions.some((pattern) => actionMatches(pattern, action))) ? undefined : 'to every action but a few (NotAction)';
  }
  const extra =
    old.notActions.length > 0
      ? now.actions.filter((action) => old.notActions.some((pattern) => actionMatches(pattern, action)))
      : now.actions.filter((action) => !old.actions.some((pattern) => actionMatches(pattern, action)));
  return extra.length > 0 ? `to ${extra.join(', ')}` : undefined;
}

function conditionsText(statement: Statement): string {
  return `if ${statement.conditions.map((condition) => `${condition.operator} ${condition.key}`).join(', ')}`;
}

/**
 * Text that an Allow statement must contain to be administrator-level (adminLevel): `"*"` or
 * `"*:*"` as an action, an IAM action (expandAction matches only `*` or the `iam` service), or
 * NotAction. A backslash could escape any of these, so a statement with one is always parsed.
 */
export function mayBeAdmin(text: string): boolean {
  // The same test as /"\*"|"\*:\*"|iam:|notaction|\\/i, about three times faster over a document of
  // megabytes: that regex stops at every quote, this one searches for `*"` and looks back.
  if (text.includes('\\') || /iam:/i.test(text) || /notaction/i.test(text)) return true;
  for (let at = text.indexOf('*"'); at >= 0; at = text.indexOf('*"', at + 2)) {
    const previous = text.charCodeAt(at - 1);
    if (previous === QUOTE || (previous === COLON && text.charCodeAt(at - 2) === STAR && text.charCodeAt(at - 3) === QUOTE)) return true;
  }
  return false;
}
const QUOTE = 0x22;
const COLON = 0x3a;
const STAR = 0x2a;
/** Text an MFA-enforcing Deny must contain (mfaDenies), or a backslash. */
const MAY_ENFORCE_MFA = /multifactorauthpresent|\\/i;

/** What the review needs of one side of a large policy document, judged without holding its statements. */
export interface LargePolicyJudgement {
  /** adminLevel of the document's statements. */
  readonly adminReason?: string;
  /** mfaDenies of the document's statements, each detached from the text (document.ts Statement.detached). */
  readonly mfaDenies: readonly Statement[];
}

/**
 * adminLevel and mfaDenies of a large document (document.ts isLargePolicy), walked statement by
 * statement: only statements whose text could give a finding are parsed, so a policy of tens of
 * thousands of statements costs one pass over its text. Undefined when the splitter (split.ts) does
 * not understand the text; the caller then keeps it for the ordinary parse, which reports why.
 */
export function judgeLargePolicy(text: string): LargePolicyJudgement | undefined {
  const admin = new AdminLevelOfStatements(text);
  const denies: Statement[] = [];
  const complete = eachStatement(text, (raw) => {
    admin.visit(raw);
    if (raw.effect === 'Deny' && MAY_ENFORCE_MFA.test(raw.text)) {
      const statement = new Statement(raw.text, raw.sid, raw.effect);
      if (mfaDenies([statement]).length > 0) denies.push(statement.detached());
    }
  });
  return complete ? { adminReason: admin.reason, mfaDenies: denies } : undefined;
}

/** adminLevel of a document's statements seen one at a time, in order: only those that could be administrator-level are parsed. */
export class AdminLevelOfStatements {
  reason?: string;
  /** False when the whole document has none of mayBeAdmin's texts: then no statement needs a look. */
  private readonly possible: boolean;

  /** `document` is the text the statements are from: one search over it (about 0.6 ns a character) spares one per statement. */
  constructor(document: string) {
    this.possible = mayBeAdmin(document);
  }

  visit(raw: StatementText): void {
    if (this.possible && raw.effect === 'Allow' && this.reason === undefined && mayBeAdmin(raw.text)) {
      this.reason = adminLevel([new Statement(raw.text, raw.sid, raw.effect).detached()]);
    }
  }
}

function listNames(names: readonly string[], max = 4): string {
  return names.length > max ? `${names.slice(0, max).join(', ')} and ${names.length - max} more` : names.join(', ');
}
