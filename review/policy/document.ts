import { asArray, asObject, isObject, type JsonValue } from '../plan/json';

/**
 * IAM policy documents (permission set inline policies, SCPs, IAM policies) reduced to statements
 * that can be compared: two statements are the same when their canonical JSON is equal, whatever
 * the order of keys or of values in Action/Resource lists.
 */

export interface Statement {
  readonly sid?: string;
  readonly effect: string;
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  readonly hasCondition: boolean;
  /** Sorted-key JSON of the whole statement. */
  readonly canonical: string;
}

export type ParsedPolicy = { readonly ok: true; readonly statements: readonly Statement[] } | { readonly ok: false; readonly problem: string };

export function parsePolicy(text: string): ParsedPolicy {
  let document: JsonValue;
  try {
    document = JSON.parse(text) as JsonValue;
  } catch {
    return { ok: false, problem: 'is not valid JSON' };
  }
  const statements = asObject(document)?.Statement;
  if (statements === undefined) return { ok: false, problem: 'has no Statement' };
  const list = Array.isArray(statements) ? statements : [statements];
  return { ok: true, statements: list.filter(isObject).map(toStatement) };
}

export function diffStatements(before: readonly Statement[], after: readonly Statement[]): { added: Statement[]; removed: Statement[] } {
  const beforeKeys = new Set(before.map((statement) => statement.canonical));
  const afterKeys = new Set(after.map((statement) => statement.canonical));
  return {
    added: after.filter((statement) => !beforeKeys.has(statement.canonical)),
    removed: before.filter((statement) => !afterKeys.has(statement.canonical)),
  };
}

/**
 * What an Allow statement opens up by wildcard: `Action "*"`, a whole service (`s3:*`), NotAction
 * (everything but the list), `Resource "*"`, NotResource. Narrower patterns such as `ec2:Describe*`
 * are not counted. A Deny statement opens nothing.
 */
export function wildcards(statement: Statement): string[] {
  if (statement.effect !== 'Allow') return [];
  const found: string[] = [];
  for (const action of statement.actions) {
    if (action === '*' || /^[\w-]+:\*$/.test(action)) found.push(`Action "${action}"`);
  }
  if (statement.notActions.length > 0) found.push('NotAction (every action except those listed)');
  if (statement.resources.includes('*')) found.push('Resource "*"');
  if (statement.notResources.length > 0) found.push('NotResource (every resource except those listed)');
  return found;
}

/** One line: `Allow s3:GetObject, s3:PutObject on arn:aws:s3:::logs/* (with condition) [Sid ReadLogs]`. */
export function describeStatement(statement: Statement): string {
  const actions = statement.notActions.length > 0 ? `every action except ${list(statement.notActions)}` : list(statement.actions) || '(no action)';
  const resources =
    statement.notResources.length > 0
      ? ` on every resource except ${list(statement.notResources)}`
      : statement.resources.length > 0
      ? ` on ${list(statement.resources)}`
      : '';
  const condition = statement.hasCondition ? ' (with condition)' : '';
  const sid = statement.sid ? ` [Sid ${statement.sid}]` : '';
  return `${statement.effect} ${actions}${resources}${condition}${sid}`;
}

function toStatement(raw: { [key: string]: JsonValue }): Statement {
  const strings = (value: JsonValue | undefined) =>
    (typeof value === 'string' ? [value] : asArray(value).filter((item): item is string => typeof item === 'string')).sort();
  return {
    sid: typeof raw.Sid === 'string' && raw.Sid !== '' ? raw.Sid : undefined,
    effect: typeof raw.Effect === 'string' ? raw.Effect : '(no Effect)',
    actions: strings(raw.Action),
    notActions: strings(raw.NotAction),
    resources: strings(raw.Resource),
    notResources: strings(raw.NotResource),
    hasCondition: raw.Condition !== undefined,
    canonical: canonicalJson(normalizeLists(raw)),
  };
}

/** Action/Resource lists: a single string and a one-element list mean the same; order does not matter. */
function normalizeLists(raw: { [key: string]: JsonValue }): JsonValue {
  const normalized: { [key: string]: JsonValue } = { ...raw };
  for (const key of ['Action', 'NotAction', 'Resource', 'NotResource']) {
    const value = raw[key];
    if (typeof value === 'string') normalized[key] = [value];
    else if (Array.isArray(value)) normalized[key] = [...value].sort((a, b) => (String(a) < String(b) ? -1 : 1));
  }
  return normalized;
}

function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function list(values: readonly string[], max = 6): string {
  const shown = values.slice(0, max).join(', ');
  return values.length > max ? `${shown} and ${values.length - max} more` : shown;
}
