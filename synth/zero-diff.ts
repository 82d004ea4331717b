/**
 * The zero-diff check, without AWS: every argument discovery observed on an existing resource is
 * compared with what the synthesized configuration sets. A difference is what the first plan after
 * import would change — reported by name before anyone runs a plan.
 */
import type { ImportEntry, ImportMap } from '../config/import-map';
import type { StackImports } from './imports';
import type { StackJson } from './synthesize';

export interface Difference {
  readonly stack: string;
  readonly address: string;
  readonly attribute: string;
  readonly aws: unknown;
  readonly config: unknown;
  /** Account assignments have no update: any difference recreates them, and access drops meanwhile. */
  readonly consequence: 'update' | 'replace';
}


/** Arguments whose change replaces the object (provider schema: ForceNew). */
const REPLACED_BY: Readonly<Record<string, readonly string[] | 'all'>> = {
  aws_ssoadmin_account_assignment: 'all',
  aws_ssoadmin_permission_set: ['name', 'instance_arn'],
  aws_ssoadmin_managed_policy_attachment: 'all',
  aws_ssoadmin_customer_managed_policy_attachment: 'all',
  aws_identitystore_group_membership: 'all',
  // The baseline's types (internal/service/iam/account_alias.go, group_policy_attachment.go,
  // user_group_membership.go; internal/service/organizations/policy.go, policy_attachment.go).
  aws_iam_account_alias: 'all',
  aws_iam_group_policy_attachment: 'all',
  aws_iam_user_group_membership: ['user'],
  aws_organizations_policy: ['type'],
  aws_organizations_policy_attachment: 'all',
};

/**
 * JSON arguments the provider compares as JSON (SuppressEquivalentJSONDiffs: key order aside, equal
 * or not), not as IAM policies (where `"Action": "x"` equals `["x"]`).
 */
const STRICT_JSON: Readonly<Record<string, readonly string[]>> = {
  aws_organizations_policy: ['content'],
};

const UNRESOLVED = Symbol('unresolved');

export function zeroDiff(environment: string, map: ImportMap, stacks: ReadonlyMap<string, StackJson>, imports: readonly StackImports[]): Difference[] {
  const differences: Difference[] = [];
  for (const stackImports of imports) {
    const json = stacks.get(stackImports.stack);
    const entries = map.stacks[stackImports.stack] ?? {};
    if (!json) continue;
    const movedFrom = new Map(stackImports.moved.map((move) => [move.to, move.from]));
    const defaultTags = json.provider?.aws?.[0]?.default_tags?.[0]?.tags ?? {};
    for (const address of stackImports.imported) {
      const entry = entries[movedFrom.get(address) ?? address];
      const [type, name] = address.split('.');
      const args = json.resource?.[type]?.[name] ?? {};
      for (const [attribute, aws] of Object.entries(entry.observed)) {
        let config = resolve(args[attribute], map, stackImports.stack, `${environment}-organization`);
        if (config === UNRESOLVED) continue;
        if (attribute === 'tags') config = { ...defaultTags, ...((config as Record<string, string>) ?? {}) };
        if (STRICT_JSON[type]?.includes(attribute) ? sameJson(aws, config) : same(aws, config)) continue;
        const replacedBy = REPLACED_BY[type];
        const consequence = replacedBy === 'all' || replacedBy?.includes(attribute) ? 'replace' : 'update';
        differences.push({ stack: stackImports.stack, address, attribute, aws: aws ?? null, config: config ?? null, consequence });
      }
    }
  }
  return differences;
}

/** A configured value with references into other imported resources replaced by what AWS has for them. */
function resolve(value: unknown, map: ImportMap, stack: string, organizationStack: string): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => resolve(item, map, stack, organizationStack));
    return items.includes(UNRESOLVED) ? UNRESOLVED : items;
  }
  if (value !== null && typeof value === 'object') {
    // Blocks and maps (a user's name, tags): their literal strings unescaped, anything else as written.
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, typeof item === 'string' ? (templateLiteral(item) ?? item) : item]));
  }
  if (typeof value !== 'string') return value;
  const literal = templateLiteral(value);
  if (literal !== undefined) return literal;
  const whole = /^\$\{([^}]+)\}$/.exec(value);
  if (!whole) return UNRESOLVED;
  const expression = whole[1];
  const remote = /^data\.terraform_remote_state\.organization\.outputs\.account_ids(?:\.([A-Za-z0-9_-]+)|\["([^"]+)"\])$/.exec(expression);
  if (remote) {
    const key = remote[1] ?? remote[2];
    const account = findEntry(map, organizationStack, (address) => address === `aws_organizations_account.${key}`);
    return account ? account.id : UNRESOLVED;
  }
  const reference = /^([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)$/.exec(expression);
  if (!reference) return UNRESOLVED;
  const [, type, name, attribute] = reference;
  const entry = map.stacks[stack]?.[`${type}.${name}`];
  if (!entry) return UNRESOLVED;
  return entry.known[attribute] ?? (attribute === 'id' ? entry.id : UNRESOLVED);
}

/**
 * The text a synthesized string stands for when it holds no interpolation or directive: the stacks
 * write literals escaped for Terraform's templates (lib/terraform-template.ts: `${` as `$${`, `%{` as
 * `%%{`), while discovery observed the text itself. Undefined for a string with a real `${…}` or `%{…}`.
 */
function templateLiteral(value: string): string | undefined {
  const escapesRemoved = value.replace(/\$\$\{|%%\{/g, '');
  if (escapesRemoved.includes('${') || escapesRemoved.includes('%{')) return undefined;
  return value.replace(/([$%])\1\{/g, '$1{');
}

function findEntry(map: ImportMap, stack: string, match: (address: string) => boolean): ImportEntry | undefined {
  const entries = map.stacks[stack] ?? {};
  const address = Object.keys(entries).find(match);
  return address === undefined ? undefined : entries[address];
}

/** Equal as Terraform would see it: JSON policy strings by content, lists as sets, absent as empty. */
function same(aws: unknown, config: unknown): boolean {
  return JSON.stringify(canonical(aws)) === JSON.stringify(canonical(config));
}

/** Equal as JSON documents: object keys in any order, arrays in order, `x` and `[x]` different. */
function sameJson(aws: unknown, config: unknown): boolean {
  const parse = (value: unknown) => {
    try {
      return typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
    } catch {
      return value;
    }
  };
  const sorted = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sorted)
      : typeof value === 'object' && value !== null
        ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sorted(v)]))
        : value;
  return JSON.stringify(sorted(parse(aws))) === JSON.stringify(sorted(parse(config)));
}

function canonical(value: unknown): unknown {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string' && /^\s*\{/.test(value)) {
    try {
      return canonical(JSON.parse(value));
    } catch {
      return value;
    }
  }
  if (Array.isArray(value)) {
    // IAM reads "Action": "s3:GetObject" and ["s3:GetObject"] alike.
    if (value.length === 1) return canonical(value[0]);
    const items = value.map(canonical);
    return items.length === 0 ? null : items.map((item) => JSON.stringify(item)).sort().map((item) => JSON.parse(item));
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, canonical(v)] as const).filter(([, v]) => v !== null);
    return entries.length === 0 ? null : Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
  }
  return value;
}
