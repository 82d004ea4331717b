import { deletesObject, deletionPhrase } from '../changes/kind';
import { asArray, asObject } from '../plan/json';
import { configOf } from '../plan/lookup';
import type { ResourceChange } from '../plan/model';
import type { Rule, StackFacts } from './rule';

/**
 * The baseline stack's MFA-enforcing IAM policy, one per account: `aws_iam_policy.require_mfa` in the
 * management account, `aws_iam_policy.<account>__require_mfa` in the others.
 */
const MFA_POLICY = /^aws_iam_policy\.(?:[\w-]+__)?require_mfa$/;
const MFA_SUFFIX = '__require_mfa';

export const mfaPolicyRemoved: Rule = {
  id: 'RISK-MFA-POLICY-REMOVED',
  info: 'The MFA-enforcing IAM policy is destroyed, replaced or detached from a group.',
  explanation:
    'aws_iam_policy.require_mfa (<account>__require_mfa outside the management account) denies everything but MFA setup to IAM users who signed in without MFA. ' +
    'Destroying it, or detaching it from a group (aws_iam_group_policy_attachment.<group>__require_mfa), lets those users act without MFA. ' +
    'A replace detaches it between the delete and the create.',
  check: (facts) =>
    facts.plan.changes
      .filter((change) => deletesObject(change) && (MFA_POLICY.test(change.address) || isMfaAttachment(change, facts)))
      .map((change) => ({
        ruleId: 'RISK-MFA-POLICY-REMOVED',
        stack: facts.plan.stack,
        address: change.address,
        reason: MFA_POLICY.test(change.address)
          ? `the MFA-enforcing policy ${change.address} is ${deletionPhrase(change)}: IAM users are no longer required to use MFA`
          : `the MFA-enforcing policy's attachment to group ${change.name.replace(MFA_SUFFIX, '')} is ${deletionPhrase(
              change,
            )}: its members are no longer required to use MFA`,
      })),
};

function isMfaAttachment(change: ResourceChange, facts: StackFacts): boolean {
  if (change.type !== 'aws_iam_group_policy_attachment') return false;
  if (change.name.endsWith(MFA_SUFFIX)) return true;
  const references = asArray(asObject(configOf(facts.plan, change)?.expressions.policy_arn)?.references);
  return references.some((reference) => typeof reference === 'string' && MFA_POLICY.test(reference));
}
