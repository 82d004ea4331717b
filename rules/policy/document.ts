import { asArray, asObject, isObject, type JsonValue } from '../json';
import { eachStatementPair, MAX_POLICY_DEPTH, splitStatements, type StatementText } from './split';

/**
 * IAM policy documents (permission set inline policies, SCPs, IAM policies) reduced to statements
 * that can be compared: two statements are the same when their canonical JSON is equal, whatever
 * the order of keys or of values in Action/Resource lists.
 */

export interface StatementCondition {
  readonly operator: string;
  /** Lower-cased: `aws:multifactorauthpresent`. */
  readonly key: string;
  readonly values: readonly string[];
}

export interface StatementDetails {
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  readonly hasCondition: boolean;
  readonly conditions: readonly StatementCondition[];
  readonly principals: readonly string[];
  readonly notPrincipals: readonly string[];
}

/**
 * One statement. Only its effect, Sid and canonical JSON are held; the rest is read from the
 * canonical JSON the first time a rule asks, so a plan with multi-megabyte policies holds about one
 * copy of each document, not a tree of objects per statement.
 */
export class Statement {
  readonly sid?: string;
  readonly effect: string;
  /** The statement as written (compact JSON): equal texts are equal statements, and that check is cheap. */
  readonly text: string;
  private canonicalText?: string;
  private details?: StatementDetails;

  /** `text` is the statement's JSON; `sid` and `effect` as it has them (undefined when missing or not strings). */
  constructor(text: string, sid: string | undefined, effect: string | undefined) {
    this.sid = sid !== '' ? sid : undefined;
    this.effect = effect ?? '(no Effect)';
    this.text = text;
  }

  static fromRaw(raw: { [key: string]: JsonValue }): Statement {
    return new Statement(JSON.stringify(raw), typeof raw.Sid === 'string' ? raw.Sid : undefined, typeof raw.Effect === 'string' ? raw.Effect : undefined);
  }

  /** Sorted-key JSON of the whole statement, Action/Resource lists sorted: equal for the same statement however it is written. */
  get canonical(): string {
    this.canonicalText ??= canonicalOf(this.text);
    return this.canonicalText;
  }

  get actions(): readonly string[] {
    return this.read().actions;
  }
  get notActions(): readonly string[] {
    return this.read().notActions;
  }
  get resources(): readonly string[] {
    return this.read().resources;
  }
  get notResources(): readonly string[] {
    return this.read().notResources;
  }
  get hasCondition(): boolean {
    return this.read().hasCondition;
  }
  /** Condition keys the statement tests, with their operators and values. */
  get conditions(): readonly StatementCondition[] {
    return this.read().conditions;
  }
  /** Principals of a resource or trust policy, as `AWS:arn:…`, `Service:…`, `Federated:…`, or `*`. */
  get principals(): readonly string[] {
    return this.read().principals;
  }
  get notPrincipals(): readonly string[] {
    return this.read().notPrincipals;
  }

  /**
   * The same statement with its own copies of its strings. A statement split from a large document
   * (split.ts) holds slices of the document's text, and a slice keeps the whole text alive: one kept
   * statement would keep megabytes. The copies come from one join (detachAll).
   */
  detached(): Statement {
    return detachAll([this])[0];
  }

  /** The report shows every field. */
  toJSON(): object {
    // Read without keeping: a report of thousands of changed statements does not hold their details after it is written.
    // One parse for both.
    const raw = this.details === undefined || this.canonicalText === undefined ? (JSON.parse(this.text) as { [key: string]: JsonValue }) : undefined;
    const details = this.details ?? detailsOf(raw!);
    const canonical = this.canonicalText ?? canonicalJson(normalizeLists(raw!));
    return { sid: this.sid, effect: this.effect, ...details, canonical };
  }

  /** The details, read from the text when no rule has asked for them yet, without keeping them. */
  peekDetails(): StatementDetails {
    return this.details ?? detailsOf(JSON.parse(this.text) as { [key: string]: JsonValue });
  }

  private read(): StatementDetails {
    this.details ??= detailsOf(JSON.parse(this.text) as { [key: string]: JsonValue });
    return this.details;
  }
}

/**
 * Statement.detached of each: one join copies every text and Sid into one new string, and each
 * statement holds slices of that, not of the documents. A rewritten policy of megabytes keeps
 * thousands of statements: a copy each (JSON.parse of JSON.stringify) cost about 5 µs a statement.
 */
export function detachAll(statements: readonly Statement[]): Statement[] {
  const parts: string[] = [];
  for (const statement of statements) parts.push(statement.text, statement.sid ?? '', statement.effect);
  // Array.prototype.join builds one flat string: its characters are copies, and it holds no part.
  const joined = parts.join('');
  let at = 0;
  const next = (length: number) => joined.slice(at, (at += length));
  return statements.map((statement) => {
    const text = next(statement.text.length);
    const sid = next(statement.sid?.length ?? 0);
    const effect = next(statement.effect.length);
    return new Statement(text, statement.sid === undefined ? undefined : sid, effect === '(no Effect)' ? undefined : effect);
  });
}

export type ParsedPolicy = { readonly ok: true; readonly statements: readonly Statement[] } | { readonly ok: false; readonly problem: string };

/** Documents at least this long are split into statement texts without a full parse (split.ts). */
const SPLIT_FROM_CHARS = 256 * 1024;

export function parsePolicy(text: string): ParsedPolicy {
  if (text.length >= SPLIT_FROM_CHARS) {
    const split = splitStatements(text, (statement, sid, effect) => new Statement(statement, sid, effect));
    const invalid = split?.find((statement) => !EFFECTS.has(statement.effect));
    if (invalid) return { ok: false, problem: effectProblem(invalid.effect === '(no Effect)' ? undefined : invalid.effect) };
    if (split) return { ok: true, statements: split };
  }
  let document: JsonValue;
  try {
    document = JSON.parse(text) as JsonValue;
  } catch {
    return { ok: false, problem: 'is not valid JSON' };
  }
  if (nestsDeeperThan(document, MAX_POLICY_DEPTH)) return { ok: false, problem: `nests values more than ${MAX_POLICY_DEPTH} levels deep, which no IAM policy does` };
  const statements = asObject(document)?.Statement;
  if (statements === undefined) return { ok: false, problem: 'has no Statement' };
  const list = Array.isArray(statements) ? statements : [statements];
  // A statement IAM would refuse (MalformedPolicyDocument) allows and denies nothing here, which would
  // read as harmless: `{"effect": "Allow", "action": "*"}` (IAM's keys are case-sensitive) is not a policy the review reads.
  for (const raw of list) {
    if (!isObject(raw)) return { ok: false, problem: 'has a statement that is not an object' };
    if (typeof raw.Effect !== 'string' || !EFFECTS.has(raw.Effect)) return { ok: false, problem: effectProblem(raw.Effect) };
    if (!('Action' in raw) && !('NotAction' in raw)) return { ok: false, problem: `has a statement with neither Action nor NotAction (keys: ${Object.keys(raw).slice(0, 6).join(', ') || 'none'})` };
  }
  return { ok: true, statements: list.map((raw) => Statement.fromRaw(raw as { [key: string]: JsonValue })) };
}

/** The Effects IAM takes, spelled as it takes them (case-sensitive). */
const EFFECTS: ReadonlySet<string> = new Set(['Allow', 'Deny']);

function effectProblem(effect: JsonValue | undefined): string {
  return effect === undefined
    ? 'has a statement without "Effect" (IAM\'s keys are case-sensitive: Effect, Action, Resource)'
    : `has a statement whose Effect is ${JSON.stringify(effect).slice(0, 40)}, not "Allow" or "Deny"`;
}

/** Whether `value` has containers nested more than `limit` deep, found without recursion. */
export function nestsDeeperThan(value: JsonValue, limit: number): boolean {
  const pending: Array<{ value: JsonValue; depth: number }> = [{ value, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next.value === null || typeof next.value !== 'object') continue;
    if (next.depth >= limit) return true;
    for (const item of Array.isArray(next.value) ? next.value : Object.values(next.value)) {
      if (item !== null && typeof item === 'object') pending.push({ value: item, depth: next.depth + 1 });
    }
  }
  return false;
}

/** What diffLargePolicies finds: the statement diff, and each side's MFA-enforcing Deny statements. */
export interface LargePolicyDiff {
  readonly added: Statement[];
  readonly removed: Statement[];
  readonly mfaBefore: Statement[];
  readonly mfaAfter: Statement[];
}

/**
 * diffStatements and mfaDenies of two large documents, without holding either side's statements:
 * the documents are walked in step, statement by statement, and only those whose text differs at
 * their position (and the MFA Denies) are kept as candidates; then a candidate the other side has
 * elsewhere, by text or canonical form, is dropped, as diffStatements does. For that look, each side's
 * statements are filed during the walk by offset and Sid, so neither document is split twice. Multi-megabyte
 * policies have tens of thousands of statements: held as objects, both sides of one policy cost
 * more than the text itself. `isMfaDeny` is analysis.ts's test (mfaDenies of one statement). Undefined when either text is not a policy the splitter understands.
 */
export function diffLargePolicies(
  beforeText: string,
  afterText: string,
  isMfaDeny: (statement: Statement) => boolean,
  /** Sees every statement of `afterText` in the same walk, for a caller that judges the new side too. */
  visitAfter?: (statement: StatementText) => void,
): LargePolicyDiff | undefined {
  const removedCandidates: Statement[] = [];
  const addedCandidates: Statement[] = [];
  const mfaBefore: Statement[] = [];
  const mfaAfter: Statement[] = [];
  // Each side's statements by where they are in its text and a hash of their Sid: a statement with
  // the text or the canonical form of a candidate has the candidate's Sid, so these are all the second
  // look needs, without splitting either document again. Numbers in a typed list, not strings: a
  // string held per statement of a multi-megabyte policy costs megabytes, and holding tens of
  // thousands of them through the walk made the young generation grow.
  const beforeSide = new Filed(beforeText);
  const afterSide = new Filed(afterText);
  const walked = eachStatementPair(beforeText, afterText, (before, after) => {
    if (before) beforeSide.add(before);
    if (after) {
      afterSide.add(after);
      if (visitAfter) visitAfter(after);
    }
    if (before && after && before.text === after.text) {
      if (before.effect !== 'Deny') return;
      const statement = toStatement(before);
      if (isMfaDeny(statement)) {
        mfaBefore.push(statement);
        mfaAfter.push(statement);
      }
      return;
    }
    if (before) {
      const statement = toStatement(before);
      removedCandidates.push(statement);
      if (isMfaDeny(statement)) mfaBefore.push(statement);
    }
    if (after) {
      const statement = toStatement(after);
      addedCandidates.push(statement);
      if (isMfaDeny(statement)) mfaAfter.push(statement);
    }
  });
  if (!walked) return undefined;
  if (addedCandidates.length === 0 && removedCandidates.length === 0) return { added: [], removed: [], mfaBefore, mfaAfter };
  const sidHashes = new Set([...addedCandidates, ...removedCandidates].map((statement) => sidHash(statement.sid)));
  /**
   * The texts and canonical forms of a side's statements whose Sid hashes like a candidate's. A
   * statement of another Sid that shares a hash only costs its canonical form: it cannot equal a
   * candidate, whose Sid it does not have.
   */
  const related = (side: Filed, candidates: readonly Statement[]) => {
    const texts = new Set<string>();
    const canonical = new Set<string>();
    // Most related statements are this side's own candidates (the statement at a changed position has the
    // Sid of the one now there): their canonical form is worked out once, and kept for their own look.
    const own = new Map(candidates.map((statement) => [statement.text, statement]));
    side.each(sidHashes, (text) => {
      texts.add(text);
      // Equal canonical forms have equal Effects too: the canonical form holds the whole statement.
      canonical.add(own.get(text)?.canonical ?? canonicalOf(text));
    });
    return (candidate: Statement) => texts.has(candidate.text) || canonical.has(candidate.canonical);
  };
  const inBefore = related(beforeSide, removedCandidates);
  const inAfter = related(afterSide, addedCandidates);
  return {
    added: addedCandidates.filter((statement) => !inBefore(statement)),
    removed: removedCandidates.filter((statement) => !inAfter(statement)),
    mfaBefore,
    mfaAfter,
  };
}

/** One side's statements in document order: for each, its start and end in `text` and sidHash of its Sid. */
class Filed {
  private entries = new Uint32Array(3 * 1024);
  private length = 0;

  constructor(private readonly text: string) {}

  add(statement: StatementText): void {
    if (this.length + 3 > this.entries.length) {
      const grown = new Uint32Array(this.entries.length * 2);
      grown.set(this.entries);
      this.entries = grown;
    }
    this.entries[this.length++] = statement.start!;
    this.entries[this.length++] = statement.end!;
    this.entries[this.length++] = sidHash(statement.sid);
  }

  /** The text of each statement whose Sid hash is one of `hashes`. */
  each(hashes: ReadonlySet<number>, visit: (text: string) => void): void {
    for (let at = 0; at < this.length; at += 3) if (hashes.has(this.entries[at + 2])) visit(this.text.slice(this.entries[at], this.entries[at + 1]));
  }
}

/** 32-bit FNV-1a of a Sid ('' for none): equal Sids hash alike. */
function sidHash(sid: string | undefined): number {
  let hash = 0x811c9dc5;
  if (sid !== undefined) {
    for (let index = 0; index < sid.length; index++) hash = Math.imul(hash ^ sid.charCodeAt(index), 0x01000193);
  }
  return hash >>> 0;
}

function toStatement(raw: StatementText): Statement {
  return new Statement(raw.text, raw.sid, raw.effect);
}

/** Whether diffLargePolicies is worth it for a document: below this, parsePolicy's statements are small. */
export function isLargePolicy(text: string): boolean {
  return text.length >= SPLIT_FROM_CHARS;
}

/**
 * Statements added and removed, compared as canonical JSON. Most statements of a large policy are
 * unchanged and written the same on both sides: those match by text, and only the rest (and the
 * statements with the same Sid and Effect, which could be the same statement written differently)
 * are brought to canonical form.
 */
export function diffStatements(before: readonly Statement[], after: readonly Statement[]): { added: Statement[]; removed: Statement[] } {
  const { addedCandidates, removedCandidates } = textCandidates(before, after);
  if (addedCandidates.length === 0 && removedCandidates.length === 0) return { added: [], removed: [] };
  // Statements equal in canonical form have the same Sid and Effect: only those need the canonical form.
  const sids = new Set([...addedCandidates, ...removedCandidates].map((statement) => statement.sid ?? ''));
  const effects = new Set([...addedCandidates, ...removedCandidates].map((statement) => statement.effect));
  const related = (statement: Statement) => sids.has(statement.sid ?? '') && effects.has(statement.effect);
  const canonicalOf = (statements: readonly Statement[]) => new Set(statements.filter(related).map((statement) => statement.canonical));
  const beforeCanonical = canonicalOf(before);
  const afterCanonical = canonicalOf(after);
  return {
    added: addedCandidates.filter((statement) => !beforeCanonical.has(statement.canonical)),
    removed: removedCandidates.filter((statement) => !afterCanonical.has(statement.canonical)),
  };
}

/**
 * The statements whose text the other side does not have. When most statements sit at the same
 * position with the same text (a large policy with a few edits), only the others are hashed: a
 * statement at a matching position is in both sides, and counts only if a candidate has its text.
 */
function textCandidates(before: readonly Statement[], after: readonly Statement[]): { addedCandidates: Statement[]; removedCandidates: Statement[] } {
  if (before.length === after.length && before.length > 64) {
    const moved: number[] = [];
    for (let index = 0; index < before.length && moved.length * 4 <= before.length; index++) if (before[index].text !== after[index].text) moved.push(index);
    if (moved.length * 4 <= before.length) {
      const beforeSide = moved.map((index) => before[index]);
      const afterSide = moved.map((index) => after[index]);
      const texts = new Set([...beforeSide, ...afterSide].map((statement) => statement.text));
      const lengths = new Set([...texts].map((text) => text.length));
      const both = new Set<string>();
      const movedSet = new Set(moved);
      for (let index = 0; index < before.length; index++) {
        const text = before[index].text;
        if (!movedSet.has(index) && lengths.has(text.length) && texts.has(text)) both.add(text);
      }
      const beforeTexts = new Set([...beforeSide.map((statement) => statement.text), ...both]);
      const afterTexts = new Set([...afterSide.map((statement) => statement.text), ...both]);
      return {
        addedCandidates: afterSide.filter((statement) => !beforeTexts.has(statement.text)),
        removedCandidates: beforeSide.filter((statement) => !afterTexts.has(statement.text)),
      };
    }
  }
  const beforeTexts = new Set(before.map((statement) => statement.text));
  const afterTexts = new Set(after.map((statement) => statement.text));
  return {
    addedCandidates: after.filter((statement) => !beforeTexts.has(statement.text)),
    removedCandidates: before.filter((statement) => !afterTexts.has(statement.text)),
  };
}

/** One line: `Allow s3:GetObject, s3:PutObject on arn:aws:s3:::logs/* (with condition) [Sid ReadLogs]`; a trust statement names who (`Allow sts:AssumeRole to Service:ec2.amazonaws.com`). */
export function describeStatement(statement: Statement): string {
  // Read once and not kept: a report describes thousands of changed statements no rule looks at again.
  const details = statement.peekDetails();
  const actions = details.notActions.length > 0 ? `every action except ${list(details.notActions)}` : list(details.actions) || '(no action)';
  const resources =
    details.notResources.length > 0
      ? ` on every resource except ${list(details.notResources)}`
      : details.resources.length > 0
      ? ` on ${list(details.resources)}`
      : '';
  const principals =
    details.principals.length > 0
      ? ` to ${list(details.principals)}`
      : details.notPrincipals.length > 0
      ? ` to every principal except ${list(details.notPrincipals)}`
      : '';
  const condition = details.hasCondition ? ' (with condition)' : '';
  const sid = statement.sid ? ` [Sid ${statement.sid}]` : '';
  return `${statement.effect} ${actions}${resources}${principals}${condition}${sid}`;
}

function detailsOf(raw: { [key: string]: JsonValue }): StatementDetails {
  const strings = (value: JsonValue | undefined) =>
    (typeof value === 'string' ? [value] : asArray(value).filter((item): item is string => typeof item === 'string')).sort();
  return {
    actions: strings(raw.Action),
    notActions: strings(raw.NotAction),
    resources: strings(raw.Resource),
    notResources: strings(raw.NotResource),
    hasCondition: raw.Condition !== undefined,
    conditions: conditionsOf(raw.Condition),
    principals: principalsOf(raw.Principal),
    notPrincipals: principalsOf(raw.NotPrincipal),
  };
}

function conditionsOf(value: JsonValue | undefined): StatementCondition[] {
  const conditions: StatementCondition[] = [];
  for (const [operator, tests] of Object.entries(asObject(value) ?? {})) {
    for (const [key, values] of Object.entries(asObject(tests) ?? {})) {
      const list = (Array.isArray(values) ? values : [values]).map((item) => String(item));
      conditions.push({ operator, key: key.toLowerCase(), values: list });
    }
  }
  return conditions;
}

/** `"*"` → `*`; `{"AWS": ["arn:…"], "Service": "x"}` → `AWS:arn:…`, `Service:x`; `{"AWS": "*"}` → `*`. */
function principalsOf(value: JsonValue | undefined): string[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return [value === '*' ? '*' : `AWS:${value}`];
  const principals: string[] = [];
  for (const [kind, ids] of Object.entries(asObject(value) ?? {})) {
    for (const id of Array.isArray(ids) ? ids : [ids]) {
      if (typeof id !== 'string') continue;
      principals.push(kind === 'AWS' && id === '*' ? '*' : `${kind}:${id}`);
    }
  }
  return principals.sort();
}

/** Action/Resource lists: a single string and a one-element list mean the same; order does not matter. */
function normalizeLists(raw: { [key: string]: JsonValue }): JsonValue {
  const normalized: { [key: string]: JsonValue } = { ...raw };
  for (const key of LIST_KEYS) {
    const value = raw[key];
    if (typeof value === 'string') normalized[key] = [value];
    // Strings sort the same by default as by `<` (UTF-16 code units), and faster; anything else by its String().
    else if (Array.isArray(value) && value.length > 1)
      normalized[key] = value.every((item) => typeof item === 'string') ? [...value].sort() : [...value].sort((a, b) => (String(a) < String(b) ? -1 : 1));
  }
  return normalized;
}

const LIST_KEYS = ['Action', 'NotAction', 'Resource', 'NotResource'];

/** The canonical form of a statement's text (Statement.canonical). */
function canonicalOf(text: string): string {
  return canonicalJson(normalizeLists(JSON.parse(text) as { [key: string]: JsonValue }));
}

/** JSON with every object's keys sorted; built by concatenation, which is about 1.5× faster than map and join. */
function canonicalJson(value: JsonValue): string {
  if (typeof value === 'string') return quoted(value);
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  let out: string;
  if (Array.isArray(value)) {
    out = '[';
    for (let index = 0; index < value.length; index++) out += (index > 0 ? ',' : '') + canonicalJson(value[index]);
    return `${out}]`;
  }
  const keys = Object.keys(value);
  if (keys.length > 1) keys.sort();
  out = '{';
  for (let index = 0; index < keys.length; index++) out += `${index > 0 ? ',' : ''}${quoted(keys[index])}:${canonicalJson(value[keys[index]])}`;
  return `${out}}`;
}

/** Characters JSON.stringify may escape: quote, backslash, controls, and surrogates (a lone one is escaped). */
const MAY_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify of a string; a string with nothing to escape is only quoted. */
function quoted(text: string): string {
  return MAY_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

function list(values: readonly string[], max = 6): string {
  const shown = values.slice(0, max).join(', ');
  return values.length > max ? `${shown} and ${values.length - max} more` : shown;
}
