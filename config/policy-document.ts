/**
 * IAM policy documents written in the config: parsed and checked statement by statement,
 * so a broken policy is reported with its config path instead of failing at apply time.
 */
import { ConfigIssue, ConfigPath, cutValue, issue } from './issues';

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: string | string[];
  readonly NotAction?: string | string[];
  readonly Resource?: string | string[];
  readonly NotResource?: string | string[];
  readonly Condition?: Record<string, Record<string, unknown>>;
  readonly Principal?: unknown;
  readonly NotPrincipal?: unknown;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17' | '2008-10-17';
  readonly Id?: string;
  readonly Statement: PolicyStatement[];
}

export interface PolicyCheckOptions {
  /** Identity-based policies (permission sets, IAM, SCPs) take no Principal. Default true. */
  readonly identityBased?: boolean;
  /** Longest allowed compact JSON, in characters. */
  readonly maxLength?: number;
  /** Name for messages, e.g. "the inline policy". */
  readonly what: string;
}

const STATEMENT_KEYS = ['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition', 'Principal', 'NotPrincipal'];
const ACTION = /^(\*|[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+)$/;

export type PolicyParseResult =
  | { readonly ok: true; readonly document: PolicyDocument; readonly json: string }
  | { readonly ok: false; readonly issues: ConfigIssue[] };

/** Parses a policy given as a mapping or a JSON string and checks it; `json` is its compact form. */
export function parsePolicyDocument(input: unknown, path: ConfigPath, options: PolicyCheckOptions): PolicyParseResult {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      return { ok: false, issues: [issue(path, `${options.what} is not valid JSON: ${(error as Error).message}`, 'write it as a YAML mapping with Version and Statement, or fix the JSON')] };
    }
  }
  const issues = checkPolicy(value, path, options);
  if (issues.length > 0) return { ok: false, issues };
  const document = normalize(value as PolicyDocument);
  const json = JSON.stringify(document);
  if (options.maxLength !== undefined && json.length > options.maxLength) {
    return { ok: false, issues: [issue(path, `${options.what} is ${json.length} characters as compact JSON; the limit is ${options.maxLength}`, 'split it, or move statements into a managed policy')] };
  }
  return { ok: true, document, json };
}

function checkPolicy(value: unknown, path: ConfigPath, options: PolicyCheckOptions): ConfigIssue[] {
  if (!isRecord(value)) return [issue(path, `${options.what} must be a mapping with Version and Statement`, 'write Version: "2012-10-17" and a Statement list, as in AWS\'s policy examples')];
  const issues: ConfigIssue[] = [];
  for (const key of Object.keys(value)) {
    if (!['Version', 'Id', 'Statement'].includes(key)) issues.push(issue([...path, key], `unknown policy element "${key}"`, 'a policy has only Version, Id and Statement'));
  }
  if (value.Version !== '2012-10-17' && value.Version !== '2008-10-17') {
    issues.push(issue([...path, 'Version'], `Version must be "2012-10-17"; got ${JSON.stringify(value.Version)}`, 'set Version: "2012-10-17" (quoted, so YAML keeps it a string)'));
  }
  const statements = Array.isArray(value.Statement) ? value.Statement : value.Statement === undefined ? [] : [value.Statement];
  if (statements.length === 0) issues.push(issue([...path, 'Statement'], 'a policy needs at least one Statement', 'add a Statement with Effect, Action and Resource, or remove the policy'));
  statements.forEach((statement, index) => {
    const at = Array.isArray(value.Statement) ? [...path, 'Statement', index] : [...path, 'Statement'];
    issues.push(...checkStatement(statement, at, options));
  });
  return issues;
}

function checkStatement(statement: unknown, path: ConfigPath, options: PolicyCheckOptions): ConfigIssue[] {
  if (!isRecord(statement)) return [issue(path, 'a statement must be a mapping with Effect, Action and Resource', 'write it as {Effect: Allow, Action: ..., Resource: ...}')];
  const issues: ConfigIssue[] = [];
  for (const key of Object.keys(statement)) {
    if (!STATEMENT_KEYS.includes(key)) issues.push(issue([...path, key], `unknown statement element "${key}"`, `use ${STATEMENT_KEYS.join(', ')}`));
  }
  if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') {
    issues.push(issue([...path, 'Effect'], `Effect must be "Allow" or "Deny"; got ${statement.Effect === undefined ? 'nothing' : cutValue(JSON.stringify(statement.Effect) ?? String(statement.Effect))}`, 'write Effect: Allow or Effect: Deny'));
  }
  issues.push(...exactlyOne(statement, path, 'Action', 'NotAction'));
  if (options.identityBased !== false) {
    issues.push(...exactlyOne(statement, path, 'Resource', 'NotResource'));
    for (const key of ['Principal', 'NotPrincipal']) {
      if (key in statement) issues.push(issue([...path, key], `${key} is not allowed in ${options.what}: it is an identity-based policy`, `remove ${key}`));
    }
  }
  for (const key of ['Action', 'NotAction']) {
    if (!(key in statement)) continue;
    const actions = stringList(statement[key]);
    if (!actions) issues.push(issue([...path, key], `${key} must be a string or a list of strings`, `write ${key}: service:Action, or a list of them`));
    else actions.forEach((action, i) => {
      if (!ACTION.test(action)) issues.push(issue(Array.isArray(statement[key]) ? [...path, key, i] : [...path, key], `"${cutValue(action)}" is not an IAM action`, 'write service:Action, e.g. s3:GetObject or ec2:Describe*'));
    });
  }
  for (const key of ['Resource', 'NotResource']) {
    if (key in statement && !stringList(statement[key])) issues.push(issue([...path, key], `${key} must be a string or a list of strings`, `write ${key}: "*" or a list of ARNs`));
  }
  if ('Condition' in statement && !isRecord(statement.Condition)) issues.push(issue([...path, 'Condition'], 'Condition must be a mapping of operator → key → value', 'write e.g. Condition: {StringEquals: {"aws:RequestedRegion": eu-west-1}}'));
  return issues;
}

function exactlyOne(statement: Record<string, unknown>, path: ConfigPath, a: string, b: string): ConfigIssue[] {
  if (a in statement && b in statement) return [issue([...path, b], `a statement takes ${a} or ${b}, not both`, `remove ${b} (or ${a})`)];
  if (!(a in statement) && !(b in statement)) return [issue(path, `the statement has no ${a} (or ${b})`, `add ${a}`)];
  return [];
}

function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) return value;
  return undefined;
}

/** A single statement object becomes a list, so every document reads the same way. */
function normalize(document: PolicyDocument): PolicyDocument {
  const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement as PolicyStatement];
  return { ...document, Statement: statements };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
