/**
 * Service control policies: each one's document exactly as AWS stores it, its tags and where it
 * is attached. AWS managed ones (FullAWSAccess) are read too, so adoption can see their targets.
 */
import {
  DescribePolicyCommand,
  ListPoliciesCommand,
  ListTagsForResourceCommand,
  ListTargetsForPolicyCommand,
  type PolicySummary,
  type PolicyTargetSummary,
} from '@aws-sdk/client-organizations';
import { compareText, readEach, tagsOf, type ReadContext } from './context';
import type { DiscoveredPolicyTarget, DiscoveredServiceControlPolicy } from './estate';
import { allPages } from './pages';

/** The target's kind from its ID's documented pattern, for the rare answer without a Type. */
function targetTypeOf(target: PolicyTargetSummary): DiscoveredPolicyTarget['type'] {
  if (target.Type) return target.Type;
  if (target.TargetId?.startsWith('r-')) return 'ROOT';
  if (target.TargetId?.startsWith('ou-')) return 'ORGANIZATIONAL_UNIT';
  return 'ACCOUNT';
}

async function readPolicy(ctx: ReadContext, summary: PolicySummary): Promise<DiscoveredServiceControlPolicy> {
  const PolicyId = summary.Id ?? '';
  const awsManaged = summary.AwsManaged === true;
  const [described, targets, tags] = await ctx.caller.all([
    ctx.organizations(new DescribePolicyCommand({ PolicyId })),
    allPages((NextToken) => ctx.organizations(new ListTargetsForPolicyCommand({ PolicyId, NextToken })), (page) => page.Targets),
    // AWS managed policies cannot carry tags, and ListTagsForResource refuses their IDs
    // (p-FullAWSAccess does not match the pattern it validates against): don't ask.
    awsManaged ? Promise.resolve([]) : ctx.caller.optional('tags of service control policies', allPages((NextToken) => ctx.organizations(new ListTagsForResourceCommand({ ResourceId: PolicyId, NextToken })), (page) => page.Tags)),
  ]);
  return {
    id: PolicyId,
    arn: summary.Arn ?? '',
    name: summary.Name ?? '',
    description: summary.Description ?? '',
    awsManaged,
    content: described.Policy?.Content ?? '',
    tags: tagsOf(tags),
    targets: targets
      .filter((target) => target.TargetId !== undefined)
      .map((target): DiscoveredPolicyTarget => ({ targetId: target.TargetId ?? '', type: targetTypeOf(target), name: target.Name ?? '' }))
      .sort((a, b) => compareText(a.targetId, b.targetId)),
  };
}

/** Every SCP, sorted by name. Only call it when the organization has all features. */
export async function readServiceControlPolicies(ctx: ReadContext): Promise<DiscoveredServiceControlPolicy[]> {
  const summaries = await allPages((NextToken) => ctx.organizations(new ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY', NextToken })), (page) => page.Policies);
  const policies = await readEach(ctx, 'service control policies', summaries, (summary) => readPolicy(ctx, summary));
  return policies.sort((a, b) => compareText(a.name, b.name));
}
