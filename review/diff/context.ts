import { adminLevel, adminManagedPolicy, mfaDenies, type LargePolicyJudgement } from '../../rules/policy/analysis';
import { parsePolicy } from '../../rules/policy/document';
import { changeKind } from '../changes/kind';
import { attribute, knownString, priorAttribute, type Attribute } from '../plan/attribute';
import { asArray, asObject, asString, firstBlock, type JsonValue } from '../../rules/json';
import { configOf } from '../plan/lookup';
import type { Plan, ResourceChange } from '../plan/model';
import type { SynthStack } from '../synth/read-synth';

/**
 * What the review knows across every plan (and --synth-dir) about the objects rules judge by
 * content: which permission sets are administrator-level after the plan, which IAM policies enforce
 * MFA, and which account is the management account. Built once, in one pass over each plan.
 */

/** The types the context reads (addObject handles exactly these): of prior_state, on top of those that give names, and of changes. */
export const CONTEXT_SOURCE_TYPES: ReadonlySet<string> = new Set([
  'aws_ssoadmin_permission_set',
  'aws_ssoadmin_managed_policy_attachment',
  'aws_ssoadmin_customer_managed_policy_attachment',
  'aws_ssoadmin_permission_set_inline_policy',
  'aws_iam_policy',
  'aws_organizations_organization',
]);

export interface ReviewContextOptions {
  /** Account IDs given with --management-account-id. */
  readonly managementAccountIds?: readonly string[];
  /** @default 'Admin' */
  readonly adminPermissionSet?: string;
}

interface SetAttachment {
  /** `<stack> <set address>` or `arn <set ARN>`. */
  readonly setKeys: readonly string[];
  readonly policyArn?: string;
  /** Inline policy text, parsed only when a rule asks whether the set is administrator-level. */
  readonly inlinePolicy?: string;
  /** A large inline policy judged as the plan was read (plan/large-policies.ts), whose text is gone. */
  readonly judged?: LargePolicyJudgement;
  /** A customer managed policy by `<path><name>` (`/boundaries/Developer`): judged by the aws_iam_policy of that name the reviewed plans hold. */
  readonly customerPolicy?: string;
}

/** An aws_iam_policy as it is after the plan: its `<path><name>` and its document (or what was judged of a large one). */
interface IamPolicy {
  readonly name: string;
  readonly text?: string;
  readonly judged?: LargePolicyJudgement;
}

/** An attribute, or a path into one (`['customer_managed_policy_reference', 0, 'name']`). */
type AttributePath = string | readonly (string | number)[];

/** What plan/large-policies.ts judged of a large policy document on the side being read, by attribute. */
type Judged = (attr: string) => LargePolicyJudgement | undefined;
const NOTHING_JUDGED: Judged = () => undefined;

export class ReviewContext {
  /** Management account IDs; empty when nothing says which it is. */
  readonly managementAccounts = new Set<string>();
  readonly adminPermissionSet: string;
  /** ARNs and `<stack> <address>` of IAM policies with an MFA-enforcing Deny, before or after. */
  private readonly mfaPolicies = new Set<string>();
  /** Attachments and inline policies of permission sets as they are after the plan, by `<stack> <address>`. */
  private readonly setParts = new Map<string, SetAttachment>();
  /** Set key → every other key of the same set (address ↔ ARN). */
  private readonly setAliases = new Map<string, Set<string>>();
  private partsBySet?: Map<string, SetAttachment[]>;
  /** aws_iam_policy objects after the plan, by `<stack> <address>` (or the synth's); by name only when a customer managed attachment asks. */
  private readonly iamPolicies = new Map<string, IamPolicy>();
  private iamPoliciesByName?: Map<string, IamPolicy[]>;
  private readonly customerReasons = new Map<string, string | undefined>();
  private readonly reasonCache = new Map<SetAttachment, string | undefined>();

  private readonly plans: readonly Plan[];
  private holdings?: Map<string, Map<string, Set<string>>>;

  constructor(plans: readonly Plan[], synth: ReadonlyMap<string, SynthStack> = new Map(), options: ReviewContextOptions = {}) {
    this.plans = plans;
    this.adminPermissionSet = options.adminPermissionSet ?? 'Admin';
    for (const id of options.managementAccountIds ?? []) this.managementAccounts.add(id);
    for (const stack of synth.values()) this.addSynth(stack);
    for (const plan of plans) this.addPlan(plan);
  }

  /**
   * What a principal (a group or user ID) holds after every reviewed plan: the assignments of each
   * plan's prior_state that its plan does not destroy, and those the plans create, as set ARN →
   * account IDs. Assignments in a stack that was not planned are not known here.
   */
  heldBy(principal: string): ReadonlyMap<string, ReadonlySet<string>> {
    return this.allHoldings().get(principal) ?? new Map();
  }

  private allHoldings(): Map<string, Map<string, Set<string>>> {
    if (this.holdings) return this.holdings;
    const holdings = new Map<string, Map<string, Set<string>>>();
    const edit = (principal: string, set: string, account: string, add: boolean) => {
      let sets = holdings.get(principal);
      if (!sets) holdings.set(principal, (sets = new Map()));
      let accounts = sets.get(set);
      if (!accounts) sets.set(set, (accounts = new Set()));
      if (add) accounts.add(account);
      else accounts.delete(account);
    };
    const tuple = (change: ResourceChange, side: 'before' | 'after') => {
      const principal = knownString(attribute(change, side, 'principal_id'));
      const set = knownString(attribute(change, side, 'permission_set_arn'));
      const account = knownString(attribute(change, side, 'target_id'));
      return principal !== undefined && set !== undefined && account !== undefined ? ([principal, set, account] as const) : undefined;
    };
    // Every prior grant and every removal first, then every grant made: an assignment that moves (a
    // shard destroys it, another creates it; one address destroyed, another created) is still held,
    // whatever the order of the plans and of the addresses.
    const assignments = this.plans.flatMap((plan) => plan.changes.filter((change) => change.type === 'aws_ssoadmin_account_assignment' && change.mode === 'managed'));
    for (const plan of this.plans) for (const grant of plan.priorGrants?.all() ?? []) edit(grant.principal, grant.set, grant.account, true);
    for (const change of assignments) {
      const kind = changeKind(change);
      const before = kind === 'destroy' || kind === 'replace' ? tuple(change, 'before') : undefined;
      if (before) edit(...before, false);
    }
    for (const change of assignments) {
      const kind = changeKind(change);
      const after = kind === 'create' || kind === 'replace' ? tuple(change, 'after') : undefined;
      if (after) edit(...after, true);
    }
    this.holdings = holdings;
    return holdings;
  }

  /** Whether `name` is the set the config designates as admin (--admin-permission-set), ignoring case: one test for every rule that asks. */
  isAdminSet(name: string): boolean {
    return name.toLowerCase() === this.adminPermissionSet.toLowerCase();
  }

  isMfaPolicy(stack: string, reference: { arn?: string; address?: string }): boolean {
    return (reference.arn !== undefined && this.mfaPolicies.has(reference.arn)) || (reference.address !== undefined && this.mfaPolicies.has(`${stack} ${reference.address}`));
  }

  /**
   * Why the permission set is administrator-level after this plan, or undefined. `keys` name the
   * set: `arn <ARN>` and/or `<stack> <address>`.
   */
  adminReason(keys: readonly string[]): string | undefined {
    const partsBySet = this.adminReasons();
    for (const key of keys) {
      // A reference to a for_each or count block names none of its sets in particular.
      if (key.startsWith(ANY_OF)) continue;
      for (const alias of this.setAliases.get(key) ?? [key]) {
        for (const part of partsBySet.get(alias) ?? []) {
          const reason = this.partReason(part);
          if (reason) return reason;
        }
      }
    }
    return undefined;
  }

  /**
   * Why administrator-level sets that get their ARN only at apply (created in this plan) are so:
   * an assignment whose set the review cannot identify may be to one of them.
   */
  newAdminSets(keys: readonly string[] = []): string[] {
    // When the assignment references a for_each block of sets, only that block's new sets can be the one.
    const blocks = keys.filter((key) => key.startsWith(ANY_OF));
    const reasons: string[] = [];
    for (const part of this.setParts.values()) {
      if (part.setKeys.some((key) => key.startsWith('arn '))) continue;
      if (blocks.length > 0 && !part.setKeys.some((key) => blocks.includes(key))) continue;
      const reason = this.partReason(part);
      if (reason) reasons.push(reason);
    }
    return reasons;
  }

  /** True when some key names a set the review knows anything about (its ARN, address, attachments). */
  knowsSet(keys: readonly string[]): boolean {
    const partsBySet = this.adminReasons();
    return keys.some((key) => !key.startsWith(ANY_OF) && [...(this.setAliases.get(key) ?? [key])].some((alias) => partsBySet.has(alias) || this.setAliases.has(alias)));
  }

  /** Keys naming the permission set an assignment or attachment points at, on one side of the change. */
  setKeysOf(plan: Plan, change: ResourceChange, side: 'before' | 'after'): string[] {
    const arn = knownString(attribute(change, side, 'permission_set_arn'));
    // A known ARN is the set itself; the configuration's reference is only for a set known after apply.
    if (arn) return [`arn ${arn}`];
    return side === 'after' ? referenceKeys(plan, change) : [];
  }

  /**
   * Why the customer managed policy `<path><name>` is administrator-level, from the aws_iam_policy of
   * that path and name in any reviewed plan or --synth-dir (a customer managed attachment names the
   * policy each account must hold; the review judges the ones it sees). Undefined when none is
   * administrator-level, or none is in the plans.
   */
  customerPolicyReason(name: string): string | undefined {
    if (this.customerReasons.has(name)) return this.customerReasons.get(name);
    if (!this.iamPoliciesByName) {
      this.iamPoliciesByName = new Map();
      for (const policy of this.iamPolicies.values()) {
        const same = this.iamPoliciesByName.get(policy.name);
        if (same) same.push(policy);
        else this.iamPoliciesByName.set(policy.name, [policy]);
      }
    }
    let reason: string | undefined;
    for (const policy of this.iamPoliciesByName.get(name) ?? []) {
      if (policy.judged) reason = policy.judged.adminReason;
      else if (policy.text !== undefined) {
        const parsed = parsePolicy(policy.text);
        reason = parsed.ok ? adminLevel(parsed.statements) : undefined;
      }
      if (reason) break;
    }
    this.customerReasons.set(name, reason);
    return reason;
  }

  /** Why one attachment or inline policy makes its set administrator-level; computed once, when asked. */
  private partReason(part: SetAttachment): string | undefined {
    if (this.reasonCache.has(part)) return this.reasonCache.get(part);
    let reason: string | undefined;
    if (part.customerPolicy) {
      const why = this.customerPolicyReason(part.customerPolicy);
      reason = why && `customer managed policy ${part.customerPolicy} is attached: it ${why}`;
    } else if (part.policyArn) {
      const why = adminManagedPolicy(part.policyArn);
      reason = why && `${part.policyArn.slice(part.policyArn.lastIndexOf('/') + 1)} is attached: it ${why}`;
    } else if (part.judged) {
      reason = part.judged.adminReason;
    } else if (part.inlinePolicy !== undefined) {
      const parsed = parsePolicy(part.inlinePolicy);
      reason = parsed.ok ? adminLevel(parsed.statements) : undefined;
    }
    this.reasonCache.set(part, reason);
    return reason;
  }

  private adminReasons(): Map<string, SetAttachment[]> {
    if (this.partsBySet) return this.partsBySet;
    const bySet = new Map<string, SetAttachment[]>();
    for (const part of this.setParts.values()) {
      for (const key of part.setKeys) {
        const parts = bySet.get(key);
        if (parts) parts.push(part);
        else bySet.set(key, [part]);
      }
    }
    this.partsBySet = bySet;
    return bySet;
  }

  private alias(keys: readonly string[]): void {
    if (keys.length < 2) return;
    const group = new Set<string>();
    for (const key of keys) for (const known of this.setAliases.get(key) ?? [key]) group.add(known);
    for (const key of group) this.setAliases.set(key, group);
  }

  private addPlan(plan: Plan): void {
    for (const resource of plan.prior) {
      const read = (path: AttributePath) => priorAttribute(resource, path);
      this.addObject(plan, resource.type, resource.address, read, undefined, (attr) => resource.largePolicies?.get(attr));
    }
    for (const change of plan.changes) {
      // Only these types say anything here (addObject): a plan of 60,000 assignments is passed over.
      if (change.mode !== 'managed' || !CONTEXT_SOURCE_TYPES.has(change.type)) continue;
      const kind = changeKind(change);
      const before = (path: AttributePath) => attribute(change, 'before', path);
      const after = (path: AttributePath) => attribute(change, 'after', path);
      const judgedBefore: Judged = (attr) => {
        const large = change.largePolicies?.get(attr);
        return large && { mfaDenies: large.diff.mfaBefore };
      };
      const judgedAfter: Judged = (attr) => change.largePolicies?.get(attr)?.after;
      // The MFA policies of either side: a policy that loses its Deny was one.
      if (change.type === 'aws_iam_policy') this.addMfaPolicy(plan.stack, change.address, before, judgedBefore);
      if (kind === 'destroy') {
        this.setParts.delete(`${plan.stack} ${change.address}`);
        this.iamPolicies.delete(`${plan.stack} ${change.address}`);
        continue;
      }
      if (kind === 'no-op' || kind === 'read' || kind === 'forget' || kind === 'other') continue;
      this.addObject(plan, change.type, change.address, after, change, judgedAfter);
    }
  }

  private addObject(plan: Plan, type: string, address: string, read: (path: AttributePath) => Attribute, change: ResourceChange | undefined, judged: Judged): void {
    const key = `${plan.stack} ${address}`;
    switch (type) {
      case 'aws_organizations_organization': {
        const id = knownString(read('master_account_id'));
        if (id) this.managementAccounts.add(id);
        break;
      }
      case 'aws_iam_policy': {
        this.addMfaPolicy(plan.stack, address, read, judged);
        const name = policyName(knownString(read('path')), knownString(read('name')));
        const large = judged('policy');
        if (name) this.iamPolicies.set(key, large ? { name, judged: large } : { name, text: knownString(read('policy')) });
        else this.iamPolicies.delete(key);
        this.iamPoliciesByName = undefined;
        break;
      }
      case 'aws_ssoadmin_permission_set': {
        const arn = knownString(read('arn'));
        if (arn) this.alias([key, `arn ${arn}`]);
        break;
      }
      case 'aws_ssoadmin_managed_policy_attachment':
      case 'aws_ssoadmin_customer_managed_policy_attachment':
      case 'aws_ssoadmin_permission_set_inline_policy': {
        const arn = knownString(read('permission_set_arn'));
        const setKeys = arn ? [`arn ${arn}`] : change ? referenceKeys(plan, change) : [];
        if (type === 'aws_ssoadmin_managed_policy_attachment') {
          this.setParts.set(key, { setKeys, policyArn: knownString(read('managed_policy_arn')) });
        } else if (type === 'aws_ssoadmin_customer_managed_policy_attachment') {
          const reference = ['customer_managed_policy_reference', 0];
          this.setParts.set(key, { setKeys, customerPolicy: policyName(knownString(read([...reference, 'path'])), knownString(read([...reference, 'name']))) });
        } else {
          const large = judged('inline_policy');
          this.setParts.set(key, large ? { setKeys, judged: large } : { setKeys, inlinePolicy: knownString(read('inline_policy')) });
        }
        this.partsBySet = undefined;
        break;
      }
    }
  }

  private addMfaPolicy(stack: string, address: string, read: (path: AttributePath) => Attribute, judged: Judged = NOTHING_JUDGED): void {
    const large = judged('policy');
    if (large) {
      if (large.mfaDenies.length === 0) return;
    } else {
      const text = knownString(read('policy'));
      const parsed = text === undefined ? undefined : parsePolicy(text);
      if (!parsed?.ok || mfaDenies(parsed.statements).length === 0) return;
    }
    this.mfaPolicies.add(`${stack} ${address}`);
    const arn = knownString(read('arn'));
    if (arn) this.mfaPolicies.add(arn);
  }

  /** cdk.tf.json: attachments point at their set by `${aws_ssoadmin_permission_set.<name>.arn}`. */
  private addSynth(stack: SynthStack): void {
    for (const resource of stack.resources.values()) {
      const setReference = /\$\{(aws_ssoadmin_permission_set\.[\w-]+)\.arn\}/.exec(String(resource.block.permission_set_arn ?? ''))?.[1];
      const setKeys = setReference ? [`${stack.stack} ${setReference}`] : [];
      const key = `${stack.stack} ${resource.address}`;
      if (resource.type === 'aws_ssoadmin_managed_policy_attachment') {
        this.setParts.set(key, { setKeys, policyArn: asString(resource.block.managed_policy_arn) });
      } else if (resource.type === 'aws_ssoadmin_permission_set_inline_policy') {
        this.setParts.set(key, { setKeys, inlinePolicy: asString(resource.block.inline_policy) });
      } else if (resource.type === 'aws_ssoadmin_customer_managed_policy_attachment') {
        const reference = asObject(firstBlock(resource.block.customer_managed_policy_reference));
        this.setParts.set(key, { setKeys, customerPolicy: policyName(asString(reference?.path), asString(reference?.name)) });
      } else if (resource.type === 'aws_iam_policy') {
        const text = asString(resource.block.policy);
        const parsed = text === undefined ? undefined : parsePolicy(text);
        if (parsed?.ok && mfaDenies(parsed.statements).length > 0) this.mfaPolicies.add(key);
        const name = policyName(asString(resource.block.path), asString(resource.block.name));
        if (name) this.iamPolicies.set(`synth ${key}`, { name, text });
      }
    }
  }
}

/** `<path><name>` as IAM and the access diff write a customer managed policy (`/` when no path); undefined without a name. */
export function policyName(path: string | undefined, name: string | undefined): string | undefined {
  if (!name || name.includes('${')) return undefined;
  const prefix = path && !path.includes('${') ? path : '/';
  return `${prefix.endsWith('/') ? prefix : `${prefix}/`}${name}`;
}

/** Key prefix of a reference to a for_each or count block of sets: one of its instances, not which. */
const ANY_OF = 'any of ';

/**
 * Keys of the permission sets a change's `permission_set_arn` references: `<stack> <address>` for a
 * single block (`aws_ssoadmin_permission_set.admin`), `any of <stack> <address>` for a for_each or
 * count block (`aws_ssoadmin_permission_set.pset` with the key in `each.value`), which names no one
 * set: treating it as one would give every set of the block the attachments of all of them.
 */
function referenceKeys(plan: Plan, change: ResourceChange): string[] {
  return referencedAddresses(configOf(plan, change)?.expressions.permission_set_arn).map((reference) => {
    const address = `${modulePrefix(change)}${reference}`;
    return plan.config.get(address)?.repeated ? `${ANY_OF}${plan.stack} ${address}` : `${plan.stack} ${address}`;
  });
}

/** References inside a module are relative to it: `module.sso.` for a change in module.sso (instance keys dropped). */
export function modulePrefix(change: ResourceChange): string {
  return change.moduleAddress ? `${change.moduleAddress.replace(/\[[^\]]*\]/g, '')}.` : '';
}

/** `aws_ssoadmin_permission_set.admin.arn` → `aws_ssoadmin_permission_set.admin` (module prefixes kept). */
export function referencedAddresses(expression: JsonValue | undefined): string[] {
  const found = new Set<string>();
  for (const reference of asArray(asObject(expression)?.references)) {
    if (typeof reference !== 'string') continue;
    // Resource types carry their provider's prefix (aws_…); each.value, var.x, local.x and module.x are not resources.
    const match = /^((?:data\.)?[a-z][a-z0-9]*_[a-z0-9_]*\.[A-Za-z_][\w-]*)(?:\.|$)/.exec(reference);
    if (match) found.add(match[1]);
  }
  return [...found];
}
