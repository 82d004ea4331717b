/**
 * The zero-diff check, without AWS: every argument discovery observed on an existing resource is
 * compared with what the synthesized configuration sets. A difference is what the first plan after
 * import would change — reported by name before anyone runs a plan.
 */
import type { ImportMap } from '../config/import-map';
import { templateLiteral } from '../lib/terraform-template';
import type { StackImports } from './imports';
import type { StackJson } from './synthesize';
import { lookupTable } from '../lib/lookup-table';

export interface Difference {
  readonly stack: string;
  readonly address: string;
  readonly attribute: string;
  readonly aws: unknown;
  readonly config: unknown;
  /**
   * update: changed in place; replace: recreated (account assignments have no update, so access
   * drops meanwhile); first-apply: an argument AWS never returns, so the first apply writes it to
   * state — no change in AWS, but the plan shows it.
   */
  readonly consequence: 'update' | 'replace' | 'first-apply';
}

/**
 * Arguments the provider never reads back from AWS: after import they are empty in state, so the
 * first plan sets whatever the config has (internal/service/organizations/account.go: Default
 * false, not set by Read or the importer; iam/user.go force_destroy; organizations/policy.go
 * skip_destroy). role_name and iam_user_access_to_billing are too, but the module ignores changes to them.
 * A configured zero value (`false`, `""`, `0`) is no change: the provider's SDK treats null and the
 * zero value as equal and plans the prior state (terraform-plugin-sdk helper/schema/grpc_provider.go,
 * PlanResourceChange: `hcl2shim.ValuesSDKEquivalent(priorStateVal, plannedStateVal)`); the round trip
 * test/roundtrip/adoption.test.ts shows `close_on_deletion = false` planning nothing after import.
 */
const NOT_READ_BACK: Readonly<Record<string, readonly string[]>> = lookupTable({
  aws_organizations_account: ['close_on_deletion', 'create_govcloud'],
  aws_iam_user: ['force_destroy'],
  aws_organizations_policy: ['skip_destroy'],
});


/** Arguments whose change replaces the object (provider schema: ForceNew). */
const REPLACED_BY: Readonly<Record<string, readonly string[] | 'all'>> = lookupTable({
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
});

/**
 * JSON arguments the provider compares as JSON (SuppressEquivalentJSONDiffs: key order aside, equal
 * or not), not as IAM policies (where `"Action": "x"` equals `["x"]`).
 */
const STRICT_JSON: Readonly<Record<string, readonly string[]>> = lookupTable({
  aws_organizations_policy: ['content'],
});

const UNRESOLVED = Symbol('unresolved');

export function zeroDiff(environment: string, map: ImportMap, stacks: ReadonlyMap<string, StackJson>, imports: readonly StackImports[]): Difference[] {
  const differences: Difference[] = [];
  // A reference by a renamed name (account key production, moved from prod) finds AWS's ID under the old one.
  const oldNames = new Map(imports.flatMap((stack) => stack.moved.map((move) => [move.to.split('.')[1], move.from.split('.')[1]] as const)));
  const resolve = (value: unknown, stack: string) => resolveIn(value, map, stack, `${environment}-organization`, oldNames, outputOf);
  // An access stack reads set ARNs and principal IDs from identity-center's outputs (stacks/access-stack.ts): what the producer's output is.
  const outputOf = (remote: string, output: string): { value: unknown; stack: string } | undefined => {
    const producer = `${environment}-${remote.replace(/_/g, '-')}`;
    const outputs = (stacks.get(producer) as { output?: Record<string, { value?: unknown }> } | undefined)?.output;
    return outputs?.[output] === undefined ? undefined : { value: outputs[output].value, stack: producer };
  };
  for (const stackImports of imports) {
    const json = stacks.get(stackImports.stack);
    const entries = stackImports.entries;
    if (!json) continue;
    const movedFrom = new Map(stackImports.moved.map((move) => [move.to, move.from]));
    const defaultTags = json.provider?.aws?.[0]?.default_tags?.[0]?.tags ?? {};
    for (const address of stackImports.imported) {
      const entry = entries[movedFrom.get(address) ?? address];
      const [type, name] = address.split('.');
      const args = json.resource?.[type]?.[name] ?? {};
      const replacedBy = REPLACED_BY[type];
      // Arguments under lifecycle ignore_changes are never planned: what AWS has stays (the organization's unmanaged policy types).
      const ignored = new Set<string>((args.lifecycle as { ignore_changes?: string[] } | undefined)?.ignore_changes ?? []);
      for (const [attribute, aws] of Object.entries(entry.observed)) {
        if (ignored.has(attribute)) continue;
        let config = resolve(args[attribute], stackImports.stack);
        const consequence = replacedBy === 'all' || replacedBy?.includes(attribute) ? 'replace' : 'update';
        if (config === UNRESOLVED) {
          // A reference to something neither imported nor looked up: known only after apply, so not "no change".
          differences.push({ stack: stackImports.stack, address, attribute, aws: aws ?? null, config: args[attribute], consequence });
          continue;
        }
        if (attribute === 'tags') config = { ...defaultTags, ...((config as Record<string, string>) ?? {}) };
        if (STRICT_JSON[type]?.includes(attribute) ? sameJson(aws, config) : same(aws, config)) continue;
        differences.push({ stack: stackImports.stack, address, attribute, aws: aws ?? null, config: config ?? null, consequence });
      }
      for (const attribute of NOT_READ_BACK[type] ?? []) {
        if (args[attribute] === undefined || attribute in entry.observed || isZeroValue(args[attribute])) continue;
        differences.push({ stack: stackImports.stack, address, attribute, aws: null, config: args[attribute], consequence: 'first-apply' });
      }
    }
  }
  return differences;
}

/** `false`, `""` or `0`: what the provider's SDK takes as equal to an absent value. */
function isZeroValue(value: unknown): boolean {
  return value === false || value === '' || value === 0;
}

/** A configured value with references into other imported resources replaced by what AWS has for them. */
type OutputOf = (remote: string, output: string) => { readonly value: unknown; readonly stack: string } | undefined;

function resolveIn(value: unknown, map: ImportMap, stack: string, organizationStack: string, oldNames: ReadonlyMap<string, string>, outputOf: OutputOf): unknown {
  const resolve = (item: unknown) => resolveIn(item, map, stack, organizationStack, oldNames, outputOf);
  if (Array.isArray(value)) {
    const items = value.map(resolve);
    return items.includes(UNRESOLVED) ? UNRESOLVED : items;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([key, item]) => [key, resolve(item)] as const);
    return entries.some(([, item]) => item === UNRESOLVED) ? UNRESOLVED : Object.fromEntries(entries);
  }
  if (typeof value !== 'string') return value;
  // The stacks write literals escaped for Terraform (lib/terraform-template.ts); discovery observed the text itself.
  const literal = templateLiteral(value);
  if (literal !== undefined) return literal;
  const whole = /^\$\{([^}]+)\}$/.exec(value);
  if (!whole) return UNRESOLVED;
  // element(tolist(data.aws_ssoadmin_instances.x.arns), 0): the one instance's ARN or store ID.
  const expression = /^element\(tolist\((.+)\), 0\)$/.exec(whole[1])?.[1] ?? whole[1];
  const remote = /^data\.terraform_remote_state\.organization\.outputs\.account_ids(?:\.([A-Za-z0-9_-]+)|\["([^"]+)"\])$/.exec(expression);
  if (remote) {
    const keys = [remote[1] ?? remote[2], oldNames.get(remote[1] ?? remote[2])].filter((key): key is string => key !== undefined);
    for (const key of keys) {
      const id = map.stacks[organizationStack]?.[`aws_organizations_account.${key}`]?.id ?? map.lookups?.[stack]?.['data.terraform_remote_state.organization']?.[`outputs.account_ids.${key}`];
      if (id !== undefined) return id;
    }
    return UNRESOLVED;
  }
  const output = /^data\.terraform_remote_state\.([a-z0-9_]+)\.outputs\.([a-z0-9_]+)(?:\.([A-Za-z0-9_-]+)|\["([^"]+)"\])?$/.exec(expression);
  if (output) {
    const produced = outputOf(output[1], output[2]);
    const key = output[3] ?? output[4];
    const item = produced === undefined ? undefined : key === undefined ? produced.value : (produced.value as Record<string, unknown> | undefined)?.[key];
    return item === undefined ? UNRESOLVED : resolveIn(item, map, produced!.stack, organizationStack, oldNames, outputOf);
  }
  const lookup = /^(data\.[a-z0-9_]+\.[A-Za-z0-9_-]+)\.(.+)$/.exec(expression);
  if (lookup) return map.lookups?.[stack]?.[lookup[1]]?.[lookup[2]] ?? UNRESOLVED;
  const reference = /^([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.(.+)$/.exec(expression);
  if (!reference) return UNRESOLVED;
  const [, type, name, attribute] = reference;
  const entry = map.stacks[stack]?.[`${type}.${name}`] ?? map.stacks[stack]?.[`${type}.${oldNames.get(name)}`];
  if (!entry) return UNRESOLVED;
  return entry.known[attribute] ?? (attribute === 'id' ? entry.id : UNRESOLVED);
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
