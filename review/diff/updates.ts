import { changeKind, type ChangeKind } from '../changes/kind';
import { describeName, type NameKind, type Names } from '../names';
import { attribute, type Attribute, type Side } from '../plan/attribute';
import { asObject, at, isObject, member, type JsonValue } from '../../rules/json';
import type { Plan, ResourceChange } from '../plan/model';
import { lookupTable } from '../../lib/lookup-table';

/**
 * What an update (or replace) of an access resource changes, argument by argument, before → after,
 * as `terraform plan` shows it but with sensitive values masked and IDs given their names. Covers
 * IAM, Organizations, Identity Center (ssoadmin) and identity-store resources; policy documents are
 * shown as statement diffs in their own section, so here they only say that they change.
 */

export interface ArgumentChange {
  readonly argument: string;
  readonly before: string;
  readonly after: string;
  /** Why the change may not do what it says (an argument AWS cannot clear). */
  readonly note?: string;
}

export interface UpdateChange {
  readonly address: string;
  readonly type: string;
  readonly kind: ChangeKind;
  /** `permission set "Admin" → "Administrators"`: named from the old side and the new. */
  readonly title: string;
  readonly arguments: readonly ArgumentChange[];
}

const ACCESS_TYPES = /^aws_(iam|organizations|ssoadmin|identitystore)_/;
/** Computed bookkeeping that every update touches and no reviewer needs. */
const IGNORED = new Set(['tags_all', 'id', 'arn', 'unique_id', 'create_date', 'created_date', 'timeouts']);
/**
 * Computed bookkeeping of one type only: an IAM policy's `policy_id` is AWS's ID of it, where an
 * Organizations policy attachment's `policy_id` is the policy it attaches (the argument a reviewer needs).
 */
const IGNORED_OF_TYPE: Readonly<Record<string, ReadonlySet<string>>> = lookupTable({ aws_iam_policy: new Set(['policy_id']) });
/** Arguments holding a policy document: the policy section shows their statements. */
const DOCUMENTS = new Set(['policy', 'content', 'inline_policy', 'assume_role_policy']);
/** Arguments holding an ID that names something, and what kind of thing. */
const IDS: Readonly<Record<string, NameKind>> = lookupTable({
  principal_id: 'group',
  group_id: 'group',
  member_id: 'user',
  permission_set_arn: 'permission-set',
  account_id: 'account',
  policy_id: 'policy',
});
/** Arguments holding the ID of an account, an OU or the root, whichever it names (names.ts target). */
const TARGETS = new Set(['target_id', 'parent_id']);
/** What each type's object is called, and the argument that names it. */
const LABELS: Readonly<Record<string, { readonly what: string; readonly name: string }>> = lookupTable({
  aws_ssoadmin_permission_set: { what: 'permission set', name: 'name' },
  aws_identitystore_user: { what: 'user', name: 'user_name' },
  aws_identitystore_group: { what: 'group', name: 'display_name' },
  aws_organizations_account: { what: 'account', name: 'name' },
  aws_organizations_organizational_unit: { what: 'OU', name: 'name' },
  aws_organizations_policy: { what: 'organization policy', name: 'name' },
  aws_iam_policy: { what: 'IAM policy', name: 'name' },
  aws_iam_role: { what: 'IAM role', name: 'name' },
  aws_iam_user: { what: 'IAM user', name: 'name' },
  aws_iam_group: { what: 'IAM group', name: 'name' },
});

export function updateChanges(plan: Plan, names: Names): UpdateChange[] {
  const updates: UpdateChange[] = [];
  for (const change of plan.changes) {
    // Assignments have no update, and their replaces are the access diff's rows.
    if (change.type === 'aws_ssoadmin_account_assignment' || change.mode !== 'managed' || !ACCESS_TYPES.test(change.type)) continue;
    const kind = changeKind(change);
    if (kind !== 'update' && kind !== 'replace') continue;
    const args = changedArguments(plan, names, change);
    if (args.length === 0 && kind === 'update') continue;
    updates.push({ address: change.address, type: change.type, kind, title: titleOf(change), arguments: args });
  }
  return updates;
}

/** `permission set "Admin" → "Administrators"`, `IAM role "deployer"`; the address when nothing names it. */
export function titleOf(change: ResourceChange): string {
  const label = LABELS[change.type];
  if (!label) return change.address;
  const before = shownName(attribute(change, 'before', label.name));
  const after = shownName(attribute(change, 'after', label.name));
  if (before && after && before !== after) return `${label.what} "${before}" → "${after}"`;
  const name = before ?? after;
  return name ? `${label.what} "${name}"` : `${label.what} ${change.address}`;
}

function shownName(value: Attribute): string | undefined {
  if (value.state === 'sensitive') return '(sensitive)';
  return value.state === 'known' && typeof value.value === 'string' ? value.value : undefined;
}

function changedArguments(plan: Plan, names: Names, change: ResourceChange): ArgumentChange[] {
  const before = asObject(change.before) ?? {};
  const after = asObject(change.after) ?? {};
  const unknown = asObject(change.afterUnknown) ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after), ...Object.keys(unknown)])].filter((key) => !IGNORED.has(key) && !IGNORED_OF_TYPE[change.type]?.has(key)).sort();
  const found: ArgumentChange[] = [];
  for (const key of keys) {
    const from = attribute(change, 'before', key);
    const to = attribute(change, 'after', key);
    const same = from.state === 'known' && to.state === 'known' ? equal(from.value, to.value) : from.state === to.state && from.state !== 'sensitive';
    // Two sensitive sides may differ: say so, without showing either.
    if (same && !(from.state === 'sensitive' && to.state === 'sensitive' && !equal(member(before, key) ?? null, member(after, key) ?? null))) continue;
    if (from.state === 'absent' && to.state === 'absent') continue;
    if (DOCUMENTS.has(key)) {
      found.push({ argument: key, before: from.state === 'absent' ? '(none)' : 'policy document', after: to.state === 'unknown' ? '(known after apply)' : to.state === 'sensitive' ? '(sensitive)' : 'changed: see the statement diff under Policies' });
      continue;
    }
    const note = CANNOT_CLEAR[change.type]?.[key] !== undefined && isSet(from) && !isSet(to) ? CANNOT_CLEAR[change.type][key] : undefined;
    found.push({ argument: key, before: shown(plan, names, change, 'before', key, from), after: shown(plan, names, change, 'after', key, to), ...(note ? { note } : {}) });
  }
  return found;
}

/**
 * Arguments AWS keeps once set: removing them from the config plans a change that the apply cannot
 * make, so every later plan shows it again. A permission set's description: UpdatePermissionSet
 * leaves it as it is when none is sent, and the console cannot clear it either
 * (github.com/hashicorp/terraform-provider-aws/issues/41897).
 */
const CANNOT_CLEAR: Readonly<Record<string, Readonly<Record<string, string>>>> = lookupTable({
  aws_ssoadmin_permission_set: lookupTable({
    description: 'AWS cannot remove a permission set\'s description (terraform-provider-aws#41897): the apply leaves it, and every plan shows this change again; keep a description in the config instead',
  }),
});

/** A value that is there: known and neither null nor empty, or hidden (sensitive, known after apply). */
function isSet(value: Attribute): boolean {
  if (value.state === 'absent') return false;
  if (value.state !== 'known') return true;
  return value.value !== null && value.value !== '';
}

function shown(plan: Plan, names: Names, change: ResourceChange, side: Side, key: string, value: Attribute): string {
  if (value.state === 'sensitive') return '(sensitive)';
  if (value.state === 'unknown') return '(known after apply)';
  if (value.state === 'absent') return '(not set)';
  if (TARGETS.has(key) && typeof value.value === 'string') {
    const name = names.target(plan, change, side, key);
    return name.source === 'id' || name.source === 'unknown' ? value.value : `${describeName(name, 'ou')} (${value.value})`;
  }
  const kind = IDS[key];
  if (kind && typeof value.value === 'string') {
    const principalKind = key === 'principal_id' && (change.after as { principal_type?: string } | null)?.principal_type === 'USER' ? 'user' : kind;
    const name = names.of(plan, change, side, key, principalKind);
    if (name.source === 'id' || name.source === 'unknown') return value.value;
    return principalKind === 'account' ? describeName(name, 'account') : `${describeName(name, principalKind)} (${value.value})`;
  }
  // A block or list can hold sensitive or unknown leaves (`"after_sensitive": {"emails": [{"value": true}]}`): Terraform writes their values in clear text.
  const sensitive = at(side === 'before' ? change.beforeSensitive : change.afterSensitive, [key]);
  const unknown = side === 'after' ? at(change.afterUnknown, [key]) : undefined;
  return compact(masked(value.value, sensitive, unknown));
}

/** `value` with every leaf that `sensitive` marks shown as "(sensitive)", and every leaf `unknown` marks as "(known after apply)". */
function masked(value: JsonValue, sensitive: JsonValue | undefined, unknown: JsonValue | undefined): JsonValue {
  if (sensitive === true) return '(sensitive)';
  if (unknown === true) return '(known after apply)';
  if (!isObject(sensitive) && !Array.isArray(sensitive) && !isObject(unknown) && !Array.isArray(unknown)) return value;
  if (Array.isArray(value)) {
    // Unknown elements are null in `after`, with `true` at their index in after_unknown.
    const length = Math.max(value.length, Array.isArray(unknown) ? unknown.length : 0);
    return Array.from({ length }, (_, index) => masked(value[index] ?? null, at(sensitive, [index]), at(unknown, [index])));
  }
  if (isObject(value)) {
    const keys = new Set([...Object.keys(value), ...(isObject(unknown) ? Object.keys(unknown).filter((key) => unknown[key] === true) : [])]);
    return Object.fromEntries([...keys].map((key) => [key, masked(member(value, key) ?? null, at(sensitive, [key]), at(unknown, [key]))]));
  }
  return value;
}

/** Strings (a policy of megabytes) compare as strings; only structures are serialized. */
function equal(a: JsonValue, b: JsonValue): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Scalars as JSON, lists and objects as compact JSON cut at 200 characters. */
function compact(value: JsonValue): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 197)}…` : text;
}
