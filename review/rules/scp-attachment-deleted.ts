import { CATALOGUE } from '../../rules/catalogue';
import { attribute, currentString, knownString, priorAttribute } from '../plan/attribute';
import type { ResourceChange } from '../plan/model';
import { changeKind } from '../changes/kind';
import { deletionRule } from './private/deletion-rule';
import { changesOfTypes, finding } from './private/finding';
import type { Finding, Rule, StackFacts } from './rule';

const ATTACHMENT = 'aws_organizations_policy_attachment';
const OU = 'aws_organizations_organizational_unit';

/** prior_state resources the rule reads: the attachments an account's OU has, and the OUs above it (cli.ts keeps them; policy names come from review/names.ts). */
export const SCP_ATTACHMENT_PRIOR_TYPES: readonly string[] = [ATTACHMENT, OU];

const detached = deletionRule({
  ...CATALOGUE.scpAttachmentDeleted,
  types: [ATTACHMENT],
  describe: (change, facts) => {
    const policy = facts.names.of(facts.plan, change, 'before', 'policy_id', 'policy');
    const target = facts.names.target(facts.plan, change, 'before', 'target_id');
    const policyText = policy.source === 'plan' || policy.source === 'synth' ? `${policy.text} (${policy.id})` : currentString(change, 'policy_id') ?? change.name.split('__')[0];
    const targetText = target.source === 'plan' || target.source === 'synth' ? `${target.text} (${target.id})` : currentString(change, 'target_id') ?? change.name.split('__')[1] ?? 'its target';
    return `the attachment of policy ${policyText} to ${targetText}`;
  },
  // "If set to true, destroy will not detach the policy and instead just remove the resource from state"
  // (website/docs/r/organizations_policy_attachment.html.markdown, hashicorp/terraform-provider-aws).
  stays: (change) => {
    const skip = attribute(change, 'before', 'skip_destroy');
    return skip.state === 'known' && skip.value === true;
  },
  consequence: (change, facts) => {
    const stops = 'the policy stops applying to that target';
    const before = knownString(attribute(change, 'before', 'policy_id'));
    const after = attribute(change, 'after', 'policy_id');
    // A replace that swaps the policy: the reviewer sees what takes its place, not only what goes.
    if (changeKind(change) !== 'replace' || (after.state === 'known' && after.value === before)) return stops;
    if (after.state === 'unknown') return `${stops}, and the policy attached in its place is known only after apply`;
    if (after.state !== 'known' || typeof after.value !== 'string') return stops;
    const name = facts.names.known('policy', after.value);
    return `${stops}; policy ${name !== undefined ? `${name} (${after.value})` : after.value} is attached in its place`;
  },
});

/**
 * Also an account moved to another OU (parent_id changed; an OU cannot move, AWS has no call for it,
 * so the provider replaces it): the policies attached to its old OU (or root) stop applying to it unless the new parent, or an OU or root above it, has them too (a move
 * down the tree keeps what the old parent had). Attachments and OU parents are read from the plan's
 * prior state and changes, once per stack; policies inherited by the old parent (attached above it)
 * are not followed. A new parent known only after apply (an OU this plan creates) has only the
 * attachments this plan makes, which are not known either: the move is flagged with what may stop.
 */
export const scpAttachmentDeleted: Rule = {
  ...CATALOGUE.scpAttachmentDeleted,
  check: (facts) => [...detached.check(facts), ...accountsMoved(facts)],
};

function accountsMoved(facts: StackFacts): Finding[] {
  const moves = changesOfTypes(facts, ['aws_organizations_account']).filter((change) => change.mode === 'managed' && changeKind(change) === 'update' && parentOf(change, 'before') !== parentOf(change, 'after'));
  if (moves.length === 0) return [];
  const { before, after } = attachments(facts);
  const parents = ouParents(facts);
  const found: Finding[] = [];
  for (const change of moves) {
    const from = parentOf(change, 'before');
    const to = parentOf(change, 'after');
    if (from === undefined) continue;
    const kept = new Set(to === undefined ? [] : [...upFrom(to, parents)].flatMap((id) => [...(after.get(id) ?? [])]));
    const lost = [...(before.get(from) ?? [])].filter((policy) => !kept.has(policy));
    if (lost.length === 0) continue;
    const target = (side: 'before' | 'after', id: string) => {
      const name = facts.names.target(facts.plan, change, side, 'parent_id');
      return name.source === 'plan' || name.source === 'synth' ? `${name.text} (${id})` : id;
    };
    const policies = lost
      .map((id) => {
        const name = facts.names.known('policy', id);
        return name !== undefined ? `${name} (${id})` : id;
      })
      .join(', ');
    const account = `account "${currentString(change, 'name') ?? change.name}"`;
    const stops = lost.length === 1 ? 'stops' : 'stop';
    found.push(
      finding(
        CATALOGUE.scpAttachmentDeleted.id,
        facts,
        change.address,
        to === undefined
          ? `${account} moves from ${target('before', from)} to a parent known only after apply (an OU this plan creates has only the attachments this plan makes): ${policies} attached to the old parent ${stops} applying to it unless the new parent has ${lost.length === 1 ? 'it' : 'them'} too`
          : `${account} moves from ${target('before', from)} to ${target('after', to)}: ${policies} attached to the old parent, not to the new one or above it, ${stops} applying to it`,
      ),
    );
  }
  return found;
}

/** `id` and the OUs and root above it, after this plan, nearest first (at most 16: AWS nests OUs five deep). */
function upFrom(id: string, parents: ReadonlyMap<string, string>): Set<string> {
  const chain = new Set<string>();
  for (let current: string | undefined = id; current !== undefined && !chain.has(current) && chain.size < 16; current = parents.get(current)) chain.add(current);
  return chain;
}

/** OU ID → its parent's ID (an OU or the root) after this plan: the changes' new sides, then the prior state. */
function ouParents(facts: StackFacts): Map<string, string> {
  const parents = new Map<string, string>();
  for (const change of changesOfTypes(facts, [OU])) {
    const id = knownString(attribute(change, 'after', 'id'));
    const parent = parentOf(change, 'after');
    if (change.mode === 'managed' && id !== undefined && parent !== undefined) parents.set(id, parent);
  }
  for (const resource of facts.plan.prior) {
    if (resource.type !== OU || resource.mode !== 'managed') continue;
    const id = knownString(priorAttribute(resource, 'id'));
    const parent = knownString(priorAttribute(resource, 'parent_id'));
    if (id !== undefined && parent !== undefined && !parents.has(id)) parents.set(id, parent);
  }
  return parents;
}

function parentOf(change: ResourceChange, side: 'before' | 'after'): string | undefined {
  return knownString(attribute(change, side, 'parent_id'));
}

/** Policy IDs by target ID before and after this plan. */
function attachments(facts: StackFacts) {
  const before = new Map<string, Set<string>>();
  const after = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, target: string | undefined, policy: string | undefined) => {
    if (target === undefined || policy === undefined) return;
    const set = map.get(target) ?? new Set<string>();
    set.add(policy);
    map.set(target, set);
  };
  const changed = new Set<string>();
  for (const change of changesOfTypes(facts, [ATTACHMENT])) {
    if (change.mode !== 'managed') continue;
    // A no-op's values are not kept (the prior state has them); the changed ones are read from the change.
    if (change.before === null && change.after === null) continue;
    changed.add(change.address);
    add(before, knownString(attribute(change, 'before', 'target_id')), knownString(attribute(change, 'before', 'policy_id')));
    add(after, knownString(attribute(change, 'after', 'target_id')), knownString(attribute(change, 'after', 'policy_id')));
  }
  for (const resource of facts.plan.prior) {
    if (resource.type !== ATTACHMENT || resource.mode !== 'managed' || changed.has(resource.address)) continue;
    const target = knownString(priorAttribute(resource, 'target_id'));
    const policy = knownString(priorAttribute(resource, 'policy_id'));
    add(before, target, policy);
    add(after, target, policy);
  }
  return { before, after };
}
