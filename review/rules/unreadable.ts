import { CATALOGUE } from '../../rules/catalogue';
import { changeKind } from '../changes/kind';
import { modulePrefix, referencedAddresses } from '../diff/context';
import { attribute } from '../plan/attribute';
import { configOf } from '../plan/lookup';
import type { Plan, ResourceChange } from '../plan/model';
import { finding } from './private/finding';
import { partlyMarked } from './private/marks';
import { asObject, type JsonValue } from '../../rules/json';
import { isGuardrail } from './scp-deny-removed';
import type { Finding, Rule } from './rule';
import { lookupTable } from '../../lib/lookup-table';
import { PASSWORD_SETTINGS } from '../../rules/password-policy';

/** Actions Terraform writes today (plan.go `actionString`); anything else is a future action. */
const KNOWN_ACTIONS = new Set(['no-op', 'create', 'read', 'update', 'delete', 'forget']);

export const planIncomplete: Rule = {
  ...CATALOGUE.planIncomplete,
  check: (facts) => {
    const found: Finding[] = [];
    if (facts.plan.complete === false) {
      found.push(finding(CATALOGUE.planIncomplete.id, facts, '(whole plan)', 'Terraform marked this plan "complete": false: applying it leaves changes for a later plan that nobody has reviewed'));
    }
    if (facts.plan.deferredChanges > 0) {
      found.push(
        finding(CATALOGUE.planIncomplete.id, facts, '(whole plan)', `Terraform deferred ${facts.plan.deferredChanges} change${facts.plan.deferredChanges === 1 ? '' : 's'} (deferred_changes): they are not in this plan`),
      );
    }
    return found;
  },
};

export const unknownAction: Rule = {
  ...CATALOGUE.unknownAction,
  check: (facts) =>
    facts.plan.changes
      .filter((change) => changeKind(change) === 'other' || change.actions.some((action) => !KNOWN_ACTIONS.has(action)) || change.actions.length === 0)
      .map((change) => finding(CATALOGUE.unknownAction.id, facts, change.address, `actions ${JSON.stringify(change.actions)} are not ones this review knows, so it cannot tell what the change does`)),
};

/**
 * Attributes that decide who can do what, per resource type. For the ARNs and IDs a new object gets
 * only at apply (a policy, a set or an account created in the same plan), the value is readable when
 * the configuration references a managed resource this plan changes: that resource is reviewed in its
 * own right. A data source read at apply is not: its value (a policy document, the management
 * account's ID) is seen by nobody before it takes effect.
 */
const SECURITY_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = lookupTable({
  aws_ssoadmin_permission_set_inline_policy: ['inline_policy'],
  aws_ssoadmin_managed_policy_attachment: ['managed_policy_arn'],
  aws_ssoadmin_customer_managed_policy_attachment: ['customer_managed_policy_reference'],
  aws_ssoadmin_permissions_boundary_attachment: ['permissions_boundary'],
  // Which set (administrator-level?) and which account (the management account?): the principal's kind is principal_type.
  aws_ssoadmin_account_assignment: ['principal_type', 'target_type', 'permission_set_arn', 'target_id'],
  aws_organizations_policy: ['content', 'type'],
  aws_organizations_organization: ['feature_set', 'enabled_policy_types', 'aws_service_access_principals'],
  aws_organizations_account: ['close_on_deletion'],
  aws_iam_policy: ['policy'],
  aws_iam_group_policy: ['policy'],
  aws_iam_user_policy: ['policy'],
  aws_iam_role_policy: ['policy'],
  // inline_policy is computed on a new role without blocks; its blocks' policies are checked one by one below.
  aws_iam_role: ['assume_role_policy'],
  aws_iam_group_policy_attachment: ['policy_arn'],
  aws_iam_user_policy_attachment: ['policy_arn'],
  aws_iam_role_policy_attachment: ['policy_arn'],
  aws_iam_policy_attachment: ['policy_arn'],
  aws_iam_group_policy_attachments_exclusive: ['policy_arns'],
  aws_iam_user_policy_attachments_exclusive: ['policy_arns'],
  aws_iam_role_policy_attachments_exclusive: ['policy_arns'],
  aws_iam_user_login_profile: ['password_reset_required'],
  aws_iam_account_password_policy: PASSWORD_SETTINGS,
  aws_identitystore_user: ['user_name', 'emails'],
  // Which group a user joins decides what they gain (RISK-ADMIN-GRANTED of a group holding an admin set); which user joins does not.
  aws_identitystore_group_membership: ['group_id'],
  aws_iam_organizations_features: ['enabled_features'],
});

/**
 * Attributes that name who gets a grant: routinely known only after apply (the ID of a group created
 * in the same plan, or read from the identity store; no rule's verdict depends on which principal it
 * is), but never legitimately hidden: marked sensitive, the review cannot tell who.
 */
const SENSITIVE_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = lookupTable({
  aws_ssoadmin_account_assignment: ['principal_id'],
});

/**
 * Arguments whose rule reads them leaf by leaf, sensitive and unknown leaves included: an email of
 * an identity-store user is compared in private and shown as (sensitive) or (known after apply) by
 * RISK-IDENTITY-USER-CHANGED, so part of it marked is no reason to say the review cannot judge it.
 */
const JUDGED_IN_PART: Readonly<Record<string, readonly string[]>> = lookupTable({
  aws_identitystore_user: ['emails'],
});

export const valueUnreadable: Rule = {
  ...CATALOGUE.valueUnreadable,
  check: (facts) => {
    // Block addresses of every change, made only when a value is unknown: most plans have none.
    let planned: ReadonlySet<string> | undefined;
    const plannedBlocks = () => (planned ??= new Set(facts.plan.changes.filter((change) => change.mode === 'managed').map((change) => change.address.replace(/\[[^\]]*\]$/, ''))));
    const found: Finding[] = [];
    for (const change of facts.plan.changes) {
      const attributes = SECURITY_ATTRIBUTES[change.type];
      const kind = changeKind(change);
      if (!attributes || change.mode !== 'managed' || kind === 'no-op' || kind === 'read' || kind === 'forget' || kind === 'destroy') continue;
      const unreadable = attributes.flatMap((attr) => {
        const after = attribute(change, 'after', attr);
        if (after.state === 'sensitive') return [`${attr} is sensitive`];
        if (kind === 'update' && attribute(change, 'before', attr).state === 'sensitive') return [`the current ${attr} is sensitive`];
        if (after.state === 'unknown' && !referencesPlanned(facts.plan, change, attr, plannedBlocks) && !computedDefault(facts.plan, change, attr)) {
          return [`${attr} is known only after apply`];
        }
        // One element or nested argument marked: the attribute reads as known, with null there.
        if (after.state !== 'known' || JUDGED_IN_PART[change.type]?.includes(attr)) return [];
        if (partlyMarked(change.afterSensitive, attr)) return [`part of ${attr} is sensitive`];
        if (kind === 'update' && partlyMarked(change.beforeSensitive, attr)) return [`part of the current ${attr} is sensitive`];
        if (partlyMarked(change.afterUnknown, attr) && !referencesPlanned(facts.plan, change, attr, plannedBlocks) && !computedDefault(facts.plan, change, attr)) {
          return [`part of ${attr} is known only after apply`];
        }
        return [];
      });
      for (const attr of SENSITIVE_ATTRIBUTES[change.type] ?? []) if (attribute(change, 'after', attr).state === 'sensitive') unreadable.push(`${attr} is sensitive`);
      if (change.type === 'aws_iam_role') unreadable.push(...inlineBlocksUnreadable(facts.plan, change, kind));
      if (unreadable.length > 0) {
        found.push(finding(CATALOGUE.valueUnreadable.id, facts, change.address, `${unreadable.join('; ')}: the review cannot judge what this ${change.type} will allow`));
      }
    }
    // A document that is there but is not a policy the review reads (not JSON, no Statement): what it
    // allows or denies cannot be compared. Tag, backup and other organization policies have their own syntax.
    for (const policy of facts.policies) {
      if (!policy.unparsable || policy.kind === 'destroy' || (policy.type === 'aws_organizations_policy' && !isGuardrail(policy))) continue;
      found.push(finding(CATALOGUE.valueUnreadable.id, facts, policy.address, `${policy.unparsable.join('; ')}: the review cannot judge what ${policy.title} will allow or deny`));
    }
    return found;
  },
};

/**
 * The policies of a role's inline_policy blocks that cannot be read. The whole set is unknown on a
 * new role without blocks (the provider reads it back), but not on an existing one (the plan holds the
 * state's; a replace is a new object), nor on a role the configuration gives blocks: then the blocks' content is unknown.
 * A `dynamic` block is not in the plan's configuration (jsonconfig ignores it), so a new role whose
 * blocks come from one reads as one without blocks.
 */
function inlineBlocksUnreadable(plan: Plan, change: ResourceChange, kind: string): string[] {
  const blocks = attribute(change, 'after', 'inline_policy');
  if (blocks.state === 'sensitive') return ['inline_policy is sensitive'];
  if (blocks.state === 'unknown') {
    const configured = configOf(plan, change)?.expressions.inline_policy;
    return kind === 'update' || (Array.isArray(configured) && configured.length > 0) ? ['the inline_policy blocks are known only after apply'] : [];
  }
  if (blocks.state !== 'known' || !Array.isArray(blocks.value)) return [];
  return blocks.value.flatMap((_, index) => {
    const policy = attribute(change, 'after', ['inline_policy', index, 'policy']);
    return policy.state === 'sensitive' || policy.state === 'unknown' ? [`inline_policy block ${index + 1}'s policy is ${policy.state === 'sensitive' ? 'sensitive' : 'known only after apply'}`] : [];
  });
}

/**
 * An optional argument the configuration leaves out is unknown at create only because the provider
 * reads AWS's default back (max_password_age, password_reset_required): the rules judge that default.
 * Without a configuration block to tell, it counts as unreadable.
 */
export function computedDefault(plan: Plan, change: ResourceChange, attr: string): boolean {
  const config = configOf(plan, change);
  return config !== undefined && config.expressions[attr] === undefined;
}

function referencesPlanned(plan: Plan, change: ResourceChange, attr: string, planned: () => ReadonlySet<string>): boolean {
  const references = blockReferences(configOf(plan, change)?.expressions[attr]);
  return references.length > 0 && references.every((address) => planned().has(`${modulePrefix(change)}${address}`));
}

/** The resources an argument's expression references; a nested block (customer_managed_policy_reference) is a list of objects of expressions. */
function blockReferences(expression: JsonValue | undefined): string[] {
  if (Array.isArray(expression)) return expression.flatMap(blockReferences);
  const object = asObject(expression);
  if (object === undefined) return [];
  // A JSON-syntax configuration (cdk.tf.json) writes both a template's text and its references.
  if ('references' in object) return referencedAddresses(object);
  return 'constant_value' in object ? [] : Object.values(object).flatMap(blockReferences);
}
