import { AdminLevelOfStatements, judgeLargePolicy, mfaDenies, type LargePolicyJudgement } from '../../rules/policy/analysis';
import { detachAll, diffLargePolicies, isLargePolicy, type LargePolicyDiff } from '../../rules/policy/document';
import { isObject, type JsonObject, type JsonValue } from '../../rules/json';
import type { PriorResource, ResourceChange } from './model';
import { lookupTable } from '../../lib/lookup-table';

/**
 * Policy documents of at least 256 KB (document.ts isLargePolicy), held as what the review reads of
 * them instead of as text. A plan can carry inline policies of several megabytes, on both sides of a
 * change and again in prior_state: holding every one of them until the review runs costs about the
 * size of the file on its own. Each document is judged as its element is read, then only the result
 * is kept: for an update, the statement diff and both sides' MFA Denies (diffLargePolicies), and the
 * new side's administrator-level reason (analysis.ts judgeLargePolicy); for a prior_state resource,
 * that reason and its MFA Denies.
 *
 * The text is replaced by a short stand-in that says so. Two stand-ins are equal when the texts were
 * (the update diff compares arguments for equality); a stand-in is not a policy, so no code may parse
 * it: readers of these attributes check `largePolicies` first (diff/policies.ts, diff/context.ts).
 * A document that is not known on both sides, is sensitive, or that the splitter does not understand
 * is kept as text, and the ordinary parse reads it (and reports what is wrong with it).
 */

/** Resource types whose policy document may be held this way, and its attribute. Trust policies are not: AWS caps them at a few KB. */
const POLICY_ATTRIBUTES: Readonly<Record<string, string>> = lookupTable({
  aws_ssoadmin_permission_set_inline_policy: 'inline_policy',
  aws_organizations_policy: 'content',
  aws_iam_policy: 'policy',
  aws_iam_group_policy: 'policy',
  aws_iam_user_policy: 'policy',
  aws_iam_role_policy: 'policy',
});

/** What an update of a large document keeps of it. */
export interface LargePolicyChange {
  readonly diff: LargePolicyDiff;
  /** judgeLargePolicy of the new side: why it is administrator-level, or undefined. */
  readonly after: LargePolicyJudgement;
}

/** The stand-in for a document of `length` characters; `changed` marks the new side of a document that differs. */
export function standIn(length: number, changed: boolean): string {
  return `(policy document of ${length} characters, held as its statement diff${changed ? '; changed' : ''})`;
}

/** The change with its large policy document judged and its text dropped, or the change itself. */
export function condenseChange(change: ResourceChange): ResourceChange {
  const attr = POLICY_ATTRIBUTES[change.type];
  if (!attr || !isObject(change.before) || !isObject(change.after)) return change;
  const before = change.before[attr];
  const after = change.after[attr];
  if (typeof before !== 'string' || typeof after !== 'string' || !isLargePolicy(before) || !isLargePolicy(after)) return change;
  if (marked(change.beforeSensitive, attr) || marked(change.afterSensitive, attr) || marked(change.afterUnknown, attr)) return change;
  // The new side is judged in the diff's own walk over it: one pass over each text, not two.
  const admin = new AdminLevelOfStatements(after);
  const diff = diffLargePolicies(before, after, (statement) => mfaDenies([statement]).length > 0, (statement) => admin.visit(statement));
  if (!diff) return change;
  const mfaAfter = detachAll(diff.mfaAfter);
  const condensed: LargePolicyChange = {
    diff: { added: detachAll(diff.added), removed: detachAll(diff.removed), mfaBefore: detachAll(diff.mfaBefore), mfaAfter },
    after: { adminReason: admin.reason, mfaDenies: mfaAfter },
  };
  return {
    ...change,
    before: replaced(change.before, attr, standIn(before.length, false)),
    after: replaced(change.after, attr, standIn(after.length, before !== after)),
    largePolicies: new Map([[attr, condensed]]),
  };
}

/** The prior_state resource with its large policy document judged and its text dropped, or the resource itself. */
export function condensePrior(resource: PriorResource): PriorResource {
  const attr = POLICY_ATTRIBUTES[resource.type];
  const text = attr === undefined ? undefined : resource.values[attr];
  if (attr === undefined || typeof text !== 'string' || !isLargePolicy(text) || marked(resource.sensitiveValues, attr)) return resource;
  const judged = judgeLargePolicy(text);
  if (!judged) return resource;
  return { ...resource, values: replaced(resource.values, attr, standIn(text.length, false)), largePolicies: new Map([[attr, judged]]) };
}

function replaced(object: JsonObject, attr: string, value: string): JsonObject {
  return { ...object, [attr]: value };
}

/** A sensitivity or unknown mirror that marks the attribute, or the whole object. */
function marked(mask: JsonValue, attr: string): boolean {
  return mask === true || (isObject(mask) && mask[attr] !== undefined && mask[attr] !== false);
}
