/**
 * Terraform's template syntax at the one boundary where this project's strings become Terraform JSON.
 *
 * In Terraform's JSON configuration syntax every string value (and every key of an object value) is a
 * string template: `${…}` is an interpolation and `%{…}` a directive, and the literal sequences are written
 * `$${` and `%%{` (https://developer.hashicorp.com/terraform/language/syntax/json#expression-mapping and
 * https://developer.hashicorp.com/terraform/language/expressions/strings#escape-sequences-1).
 * IAM policy variables (`${aws:username}`), ABAC attribute paths (`${path:enterprise.costCenter}`) and any
 * free text a config, a policy file or an estate holds must therefore be escaped, while the references cdktf
 * encodes as tokens (`${TfToken[TOKEN.12]}`) must stay untouched until cdktf resolves them.
 */
import { Aspects, Lazy, TerraformElement, TerraformStack, type IAspect } from './cdktf';
import type { IConstruct } from 'constructs';

/** cdktf's encoded string, list and map tokens (cdktf/lib/tokens/private/encoding.ts: `${TfToken[…]}`, `#{…}`, `&{…}`). */
const TOKEN_MARKER = /[$#&]\{TfToken\[[a-zA-Z0-9:._-]+\]\}/g;

/** `${` → `$${` and `%{` → `%%{` in the literal parts of a string; cdktf's token markers are kept as they are. */
export function escapeTemplate(value: string): string {
  if (!value.includes('{')) return value;
  let escaped = '';
  let literalStart = 0;
  for (const token of value.matchAll(TOKEN_MARKER)) {
    escaped += escapeLiteral(value.slice(literalStart, token.index)) + token[0];
    literalStart = token.index! + token[0].length;
  }
  return escaped + escapeLiteral(value.slice(literalStart));
}

function escapeLiteral(literal: string): string {
  return literal.replace(/([$%])\{/g, '$1$1{');
}

/**
 * The text a synthesized string stands for when it holds no interpolation or directive (`$${` and
 * `%%{` read back as `${` and `%{`); undefined for a string with a real `${…}` or `%{…}`.
 */
export function templateLiteral(value: string): string | undefined {
  const escapesRemoved = value.replace(/\$\$\{|%%\{/g, '');
  if (escapesRemoved.includes('${') || escapesRemoved.includes('%{')) return undefined;
  return value.replace(/([$%])\1\{/g, '$1{');
}

/** Every string (and object key) of a JSON-like value, escaped; a new value, the input is not changed. */
export function escapeTemplates<T>(value: T): T {
  if (typeof value === 'string') return escapeTemplate(value) as T;
  if (Array.isArray(value)) return value.map((item) => escapeTemplates(item)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [escapeTemplate(key), escapeTemplates(item)])) as T;
  }
  // Tokens (IResolvable objects), numbers, booleans: cdktf resolves or writes them as they are.
  return value;
}

/**
 * A Terraform expression the project writes on purpose (a postcondition's `length(self.arns) == 1`).
 * It is a token, so the escaping boundary leaves it alone and Terraform evaluates it.
 */
export function terraformExpression(expression: string): string {
  return Lazy.stringValue({ produce: () => `\${${expression}}` });
}

const escaped = new WeakSet<TerraformElement>();

/**
 * The boundary: every element of the stack (resources, data sources, providers, outputs, backends) writes
 * its arguments through `escapeTemplates` before cdktf resolves its tokens. An aspect, because cdktf's
 * elements build their JSON in `toTerraform()` and offer no other hook that sees literals and tokens apart.
 */
class EscapeTemplates implements IAspect {
  visit(node: IConstruct): void {
    if (!TerraformElement.isTerraformElement(node) || escaped.has(node)) return;
    escaped.add(node);
    const toTerraform = node.toTerraform.bind(node);
    node.toTerraform = () => escapeTemplates(toTerraform());
  }
}

/** Escapes every literal string the stack writes, its own overrides included. */
export function escapeTemplatesOf(stack: TerraformStack): void {
  Aspects.of(stack).add(new EscapeTemplates());
}
