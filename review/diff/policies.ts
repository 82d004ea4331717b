import { changeKind, type ChangeKind } from '../changes/kind';
import type { Names } from '../names';
import { attribute, currentString, type Side } from '../plan/attribute';
import { asObject, asString } from '../../rules/json';
import type { Plan, ResourceChange } from '../plan/model';
import { mfaDenies } from '../../rules/policy/analysis';
import { diffLargePolicies, diffStatements, isLargePolicy, parsePolicy, type LargePolicyDiff, type Statement } from '../../rules/policy/document';
import { lookupTable } from '../../lib/lookup-table';

/** Resource types that carry a policy document, and the attribute that holds it (a JSON string). */
const POLICY_DOCUMENTS: Readonly<Record<string, { readonly attribute: string; readonly label: string; readonly trust?: true }>> = lookupTable({
  aws_ssoadmin_permission_set_inline_policy: { attribute: 'inline_policy', label: 'Inline policy' },
  aws_organizations_policy: { attribute: 'content', label: 'Organization policy' },
  aws_iam_policy: { attribute: 'policy', label: 'IAM policy' },
  aws_iam_group_policy: { attribute: 'policy', label: 'IAM group inline policy' },
  aws_iam_user_policy: { attribute: 'policy', label: 'IAM user inline policy' },
  aws_iam_role_policy: { attribute: 'policy', label: 'IAM role inline policy' },
  aws_iam_role: { attribute: 'assume_role_policy', label: 'Trust policy of IAM role', trust: true },
});

export interface PolicyChange {
  readonly address: string;
  readonly type: string;
  /** e.g. `Organization policy DenyLeavingOrganization (SERVICE_CONTROL_POLICY)`, `Inline policy of Developer`. */
  readonly title: string;
  /** For organization policies: SERVICE_CONTROL_POLICY, TAG_POLICY, … */
  readonly policyType?: string;
  /** For permission set inline policies: the permission set's name. */
  readonly permissionSet?: string;
  readonly kind: ChangeKind;
  readonly added: readonly Statement[];
  readonly removed: readonly Statement[];
  /** Why statements could not be compared (unknown until apply, sensitive, not valid JSON). */
  readonly notes: readonly string[];
  /**
   * The MFA-enforcing Deny statements on each side (rules/policy/analysis.ts mfaDenies); undefined
   * when that side cannot be read. Only these are kept beyond the diff: a plan with multi-megabyte
   * policies does not hold every statement of both sides.
   */
  readonly mfaBefore?: readonly Statement[];
  readonly mfaAfter?: readonly Statement[];
  /** For a trust policy: every statement on each side; undefined when that side cannot be read. */
  readonly trustBefore?: readonly Statement[];
  readonly trustAfter?: readonly Statement[];
  /** A role's trust policy (assume_role_policy): who may assume it, not what it may do. */
  readonly trust?: boolean;
  /**
   * For organization policies: the Deny statements of the new side, unchanged ones included (a Deny
   * removed is no loss when another Deny covers it); undefined when that side cannot be read or is
   * a large document (then only the added statements are known). SCPs and RCPs hold 5,120 characters at most.
   */
  readonly deniesAfter?: readonly Statement[];
  /**
   * Why a side that is there and readable (not sensitive, not unknown) is not a policy document the
   * review can read: `the new policy is not valid JSON`, … (also in `notes`).
   */
  readonly unparsable?: readonly string[];
}

export function policyChanges(plan: Plan, names: Names): PolicyChange[] {
  const changes: PolicyChange[] = [];
  for (const change of plan.changes) {
    const document = POLICY_DOCUMENTS[change.type];
    if (!document || change.mode !== 'managed') continue;
    const kind = changeKind(change);
    if (kind === 'no-op' || kind === 'read') continue;
    const notes: string[] = [];
    const unparsable: string[] = [];
    const large = document.trust ? undefined : largeDiff(change, document.attribute);
    const before = large ? undefined : statementsOf(change, 'before', [document.attribute], notes, unparsable);
    const after = large ? undefined : statementsOf(change, 'after', [document.attribute], notes, unparsable);
    const { added, removed } = large ?? (before && after ? diffStatements(before, after) : { added: [], removed: [] });
    const permissionSet =
      change.type === 'aws_ssoadmin_permission_set_inline_policy'
        ? names.of(plan, change, kind === 'destroy' ? 'before' : 'after', 'permission_set_arn', 'permission-set', change.name).text
        : undefined;
    const policyType = change.type === 'aws_organizations_policy' ? currentString(change, 'type') : undefined;
    const name = permissionSet ?? currentString(change, 'name') ?? change.name;
    if (!(kind === 'update' && added.length === 0 && removed.length === 0 && notes.length === 0)) {
      changes.push({
        address: change.address,
        type: change.type,
        title: permissionSet ? `${document.label} of ${permissionSet}` : `${document.label} ${name}${policyType ? ` (${policyType})` : ''}`,
        policyType,
        permissionSet,
        kind,
        added,
        removed,
        notes,
        ...(large ? { mfaBefore: large.mfaBefore, mfaAfter: large.mfaAfter } : kept(before, after, document.trust === true)),
        trust: document.trust,
        ...(change.type === 'aws_organizations_policy' && after ? { deniesAfter: after.filter((statement) => statement.effect === 'Deny') } : {}),
        ...(unparsable.length > 0 ? { unparsable } : {}),
      });
    }
    if (change.type === 'aws_iam_role') changes.push(...roleInlinePolicies(change, kind, name));
  }
  return changes;
}

/** Both sides of a policy document known and large: their diff, walked in step (rules/policy/document.ts diffLargePolicies). */
function largeDiff(change: ResourceChange, attr: string): LargePolicyDiff | undefined {
  // Judged as the plan was read (plan/large-policies.ts): the texts are gone.
  const condensed = change.largePolicies?.get(attr);
  if (condensed) return condensed.diff;
  const before = attribute(change, 'before', attr);
  const after = attribute(change, 'after', attr);
  if (before.state !== 'known' || after.state !== 'known' || typeof before.value !== 'string' || typeof after.value !== 'string') return undefined;
  if (!isLargePolicy(before.value) || !isLargePolicy(after.value)) return undefined;
  return diffLargePolicies(before.value, after.value, (statement) => mfaDenies([statement]).length > 0);
}

function kept(before: readonly Statement[] | undefined, after: readonly Statement[] | undefined, trust: boolean) {
  return {
    mfaBefore: before && mfaDenies(before),
    mfaAfter: after && mfaDenies(after),
    ...(trust ? { trustBefore: before, trustAfter: after } : {}),
  };
}

/** `inline_policy` blocks of an aws_iam_role, each compared like an aws_iam_role_policy of the same name. */
function roleInlinePolicies(change: ResourceChange, kind: ChangeKind, role: string): PolicyChange[] {
  const blocks = (side: Side) => {
    const value = attribute(change, side, 'inline_policy');
    return value.state === 'known' && Array.isArray(value.value) ? value.value : [];
  };
  const indexOf = (side: Side) => new Map(blocks(side).map((block, index) => [asString(asObject(block)?.name) ?? `#${index}`, index] as const));
  const beforeBlocks = indexOf('before');
  const afterBlocks = indexOf('after');
  const changes: PolicyChange[] = [];
  for (const policyName of new Set([...beforeBlocks.keys(), ...afterBlocks.keys()])) {
    const notes: string[] = [];
    const unparsable: string[] = [];
    const read = (side: Side, blocksOfSide: Map<string, number>) => {
      const index = blocksOfSide.get(policyName);
      return index === undefined ? [] : statementsOf(change, side, ['inline_policy', index, 'policy'], notes, unparsable);
    };
    const before = read('before', beforeBlocks);
    const after = read('after', afterBlocks);
    const { added, removed } = before && after ? diffStatements(before, after) : { added: [], removed: [] };
    if (added.length === 0 && removed.length === 0 && notes.length === 0) continue;
    const blockKind: ChangeKind = !beforeBlocks.has(policyName) ? 'create' : !afterBlocks.has(policyName) ? 'destroy' : kind === 'replace' ? 'replace' : 'update';
    changes.push({
      address: `${change.address}.inline_policy["${policyName}"]`,
      type: 'aws_iam_role_policy',
      title: `IAM role inline policy ${policyName} of ${role} (inline_policy block)`,
      kind: blockKind,
      added,
      removed,
      notes,
      ...kept(before, after, false),
      ...(unparsable.length > 0 ? { unparsable } : {}),
    });
  }
  return changes;
}

/** The statements on one side; undefined (with a note) when they cannot be read. No object: none. */
function statementsOf(change: ResourceChange, side: Side, attr: ReadonlyArray<string | number>, notes: string[], unparsable: string[]): readonly Statement[] | undefined {
  const value = attribute(change, side, attr);
  const which = side === 'before' ? 'current' : 'new';
  if (value.state === 'absent') return [];
  let problem: string;
  if (value.state === 'sensitive') problem = `the ${which} policy is sensitive and not shown`;
  else if (value.state === 'unknown') problem = 'the new policy is known only after apply';
  else if (typeof value.value !== 'string') unparsable.push((problem = `the ${which} policy is not a JSON string`));
  else {
    const parsed = parsePolicy(value.value);
    if (parsed.ok) return parsed.statements;
    unparsable.push((problem = `the ${which} policy ${parsed.problem}`));
  }
  notes.push(problem);
  return undefined;
}
