import { CATALOGUE } from '../../rules/catalogue';
import { describeStatement } from '../../rules/policy/document';
import { mfaDeniesLost } from '../../rules/policy/analysis';
import { changeKind, deletesObject, deletionPhrase } from '../changes/kind';
import { modulePrefix, referencedAddresses } from '../diff/context';
import { attribute, knownString } from '../plan/attribute';
import { asArray } from '../../rules/json';
import { configOf } from '../plan/lookup';
import type { ResourceChange } from '../plan/model';
import { changesOfTypes, finding } from './private/finding';
import type { Finding, Rule, StackFacts } from './rule';
import { lookupTable } from '../../lib/lookup-table';

const ID = CATALOGUE.mfaPolicyRemoved.id;
const ATTACHMENTS = new Set(['aws_iam_group_policy_attachment', 'aws_iam_user_policy_attachment', 'aws_iam_role_policy_attachment']);
const ATTACHED_TO: Readonly<Record<string, string>> = lookupTable({
  aws_iam_group_policy_attachment: 'group',
  aws_iam_user_policy_attachment: 'user',
  aws_iam_role_policy_attachment: 'role',
});

/**
 * The MFA-enforcing policy, recognised by content (a Deny conditioned on aws:MultiFactorAuthPresent)
 * in any policy document the plan changes, and its attachments by the policy they point at.
 */
export const mfaPolicyRemoved: Rule = {
  ...CATALOGUE.mfaPolicyRemoved,
  check: (facts) => [...policyFindings(facts), ...attachmentFindings(facts)],
};

function policyFindings(facts: StackFacts): Finding[] {
  const found: Finding[] = [];
  for (const policy of facts.policies) {
    if (!policy.mfaBefore || policy.mfaBefore.length === 0) continue;
    if (policy.kind === 'destroy' || policy.kind === 'replace') {
      const how = policy.kind === 'destroy' ? 'destroyed' : 'replaced: it is gone between the delete and the create';
      found.push(finding(ID, facts, policy.address, `the MFA-enforcing ${policy.title} is ${how}; IAM users it applied to are no longer required to use MFA`));
      if (policy.kind === 'destroy') continue;
    }
    if (!policy.mfaAfter) {
      found.push(finding(ID, facts, policy.address, `the MFA-enforcing ${policy.title} changes to content the review cannot read (${policy.notes.join('; ')}): its Deny may be gone`));
      continue;
    }
    for (const lost of mfaDeniesLost(policy.mfaBefore, policy.mfaAfter)) {
      found.push(finding(ID, facts, policy.address, `${policy.title} loses or narrows its MFA-enforcing Deny: ${describeStatement(lost)}`));
    }
  }
  return found;
}

function attachmentFindings(facts: StackFacts): Finding[] {
  const found: Finding[] = [];
  for (const change of changesOfTypes(facts, ATTACHMENT_TYPES)) {
    if (change.mode !== 'managed') continue;
    if (ATTACHMENTS.has(change.type) && deletesObject(change) && pointsAtMfaPolicy(facts, change)) {
      const target = knownString(attribute(change, 'before', ATTACHED_TO[change.type])) ?? change.name;
      found.push(
        finding(ID, facts, change.address, `the MFA-enforcing policy's attachment to ${ATTACHED_TO[change.type]} ${target} is ${deletionPhrase(change)}: it no longer requires MFA there`),
      );
    }
    if (change.type === 'aws_iam_policy_attachment' && pointsAtMfaPolicy(facts, change)) {
      const gone = ['groups', 'users', 'roles'].flatMap((kind) => {
        const after = deletesObject(change) && !change.actions.includes('create') ? [] : stringsOf(change, 'after', kind);
        return stringsOf(change, 'before', kind)
          .filter((name) => !after.includes(name))
          .map((name) => `${kind.slice(0, -1)} ${name}`);
      });
      if (gone.length > 0) found.push(finding(ID, facts, change.address, `the MFA-enforcing policy is detached from ${gone.join(', ')}`));
    }
    const exclusive = EXCLUSIVE_ATTACHMENTS[change.type];
    if (exclusive && changeKind(change) === 'update') {
      // Only an update detaches: destroying the resource leaves its policies attached (website/docs/r/iam_group_policy_attachments_exclusive.html.markdown).
      const after = new Set(stringsOf(change, 'after', 'policy_arns'));
      const owner = knownString(attribute(change, 'before', exclusive.attr)) ?? change.name;
      for (const arn of stringsOf(change, 'before', 'policy_arns')) {
        if (after.has(arn) || !facts.context.isMfaPolicy(facts.plan.stack, { arn })) continue;
        found.push(finding(ID, facts, change.address, `the MFA-enforcing policy ${arn.slice(arn.lastIndexOf('/') + 1)} leaves policy_arns of ${exclusive.kind} ${owner}: the update detaches it, so it no longer requires MFA there`));
      }
    }
  }
  return found;
}

/** Resources that own every managed policy attachment of one group, user or role: an ARN that leaves policy_arns is detached. */
const EXCLUSIVE_ATTACHMENTS: Readonly<Record<string, { readonly kind: string; readonly attr: string }>> = lookupTable({
  aws_iam_group_policy_attachments_exclusive: { kind: 'group', attr: 'group_name' },
  aws_iam_user_policy_attachments_exclusive: { kind: 'user', attr: 'user_name' },
  aws_iam_role_policy_attachments_exclusive: { kind: 'role', attr: 'role_name' },
});

/** Every type attachmentFindings reads: the rule visits only changes of these (changesOfTypes). */
const ATTACHMENT_TYPES: readonly string[] = [...ATTACHMENTS, 'aws_iam_policy_attachment', ...Object.keys(EXCLUSIVE_ATTACHMENTS)];

function pointsAtMfaPolicy(facts: StackFacts, change: ResourceChange): boolean {
  const arn = knownString(attribute(change, 'before', 'policy_arn'));
  if (facts.context.isMfaPolicy(facts.plan.stack, { arn })) return true;
  const references = referencedAddresses(configOf(facts.plan, change)?.expressions.policy_arn);
  return references.some((address) => facts.context.isMfaPolicy(facts.plan.stack, { address: `${modulePrefix(change)}${address}` }));
}

function stringsOf(change: ResourceChange, side: 'before' | 'after', attr: string): string[] {
  const value = attribute(change, side, attr);
  return value.state === 'known' ? asArray(value.value).filter((item): item is string => typeof item === 'string') : [];
}
