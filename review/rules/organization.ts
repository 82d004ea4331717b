import { CATALOGUE } from '../../rules/catalogue';
import { trustWidenings } from '../../rules/policy/analysis';
import { deletionPhrase } from '../changes/kind';
import { attribute, currentString, knownString, type Side } from '../plan/attribute';
import { asArray } from '../../rules/json';
import type { ResourceChange } from '../plan/model';
import { changesOf, finding } from './private/finding';
import { fullyReadable } from './private/marks';
import type { Rule } from './rule';

export const closeOnDeletion: Rule = {
  ...CATALOGUE.closeOnDeletion,
  check: (facts) =>
    changesOf(facts, ['aws_organizations_account'])
      .filter(({ kind }) => kind !== 'destroy')
      .filter(({ change }) => attribute(change, 'after', 'close_on_deletion').state === 'known' && (change.after as { close_on_deletion?: unknown }).close_on_deletion === true)
      .filter(({ change }) => knownValue(change, 'before', 'close_on_deletion') !== true)
      .map(({ change }) =>
        finding(CATALOGUE.closeOnDeletion.id, facts, change.address, `account "${currentString(change, 'name') ?? change.name}" gets close_on_deletion = true: destroying it would close the AWS account`),
      ),
};

export const featureSetChanged: Rule = {
  ...CATALOGUE.featureSetChanged,
  check: (facts) =>
    changesOf(facts, ['aws_organizations_organization'])
      .filter(({ kind }) => kind === 'update' || kind === 'replace')
      .flatMap(({ change }) => {
        const before = knownString(attribute(change, 'before', 'feature_set')) ?? 'ALL';
        const after = knownString(attribute(change, 'after', 'feature_set')) ?? 'ALL';
        return before === after ? [] : [finding(CATALOGUE.featureSetChanged.id, facts, change.address, `the organization's feature_set goes from ${before} to ${after}`)];
      }),
};

export const guardrailDisabled: Rule = {
  ...CATALOGUE.guardrailDisabled,
  check: (facts) =>
    changesOf(facts, ['aws_organizations_organization'])
      .filter(({ kind }) => kind === 'update' || kind === 'replace')
      .flatMap(({ change }) => {
        const lost = (attr: string, what: string) => {
          // Unknown or sensitive: RISK-VALUE-UNREADABLE says so; nothing is known to be disabled.
          if (!readable(change, 'after', attr)) return [];
          const after = strings(change, 'after', attr);
          return strings(change, 'before', attr)
            .filter((value) => !after.includes(value))
            .map((value) => finding(CATALOGUE.guardrailDisabled.id, facts, change.address, `${what} ${value} is disabled for the whole organization`));
        };
        return [...lost('enabled_policy_types', 'policy type'), ...lost('aws_service_access_principals', 'trusted access for')];
      }),
};

export const rootAccessNarrowed: Rule = {
  ...CATALOGUE.rootAccessNarrowed,
  check: (facts) =>
    changesOf(facts, ['aws_iam_organizations_features']).flatMap(({ change, kind }) => {
      const before = strings(change, 'before', 'enabled_features');
      if (kind === 'update' && !readable(change, 'after', 'enabled_features')) return [];
      const after = kind === 'destroy' ? [] : strings(change, 'after', 'enabled_features');
      const lost = before.filter((feature) => !after.includes(feature));
      if (kind === 'destroy' || kind === 'replace') {
        return [finding(CATALOGUE.rootAccessNarrowed.id, facts, change.address, `centralized root access is ${deletionPhrase(change)}: ${before.join(', ') || 'its features'} stop for member accounts`)];
      }
      return lost.length === 0 ? [] : [finding(CATALOGUE.rootAccessNarrowed.id, facts, change.address, `centralized root access loses ${lost.join(', ')}`)];
    }),
};

export const trustWidened: Rule = {
  ...CATALOGUE.trustWidened,
  check: (facts) =>
    facts.policies
      .filter((policy) => policy.trust && policy.trustAfter !== undefined && policy.kind !== 'destroy')
      .flatMap((policy) => {
        const widened = trustWidenings(policy.kind === 'create' ? undefined : policy.trustBefore ?? [], policy.trustAfter!);
        return widened.length === 0 ? [] : [finding(CATALOGUE.trustWidened.id, facts, policy.address, `${policy.title} newly trusts ${widened.join('; ')}`)];
      }),
};

function strings(change: ResourceChange, side: Side, attr: string): string[] {
  const value = attribute(change, side, attr);
  return value.state === 'known' ? asArray(value.value).filter((item): item is string => typeof item === 'string') : [];
}

/** Known, or not set (an argument left out enables nothing): not unknown or sensitive, not even in part. */
function readable(change: ResourceChange, side: Side, attr: string): boolean {
  return fullyReadable(change, attr, attribute(change, side, attr).state);
}

function knownValue(change: ResourceChange, side: Side, attr: string): unknown {
  const value = attribute(change, side, attr);
  return value.state === 'known' ? value.value : undefined;
}
