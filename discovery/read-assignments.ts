/**
 * Account assignments: one ListAccountAssignments per permission set × account it is provisioned
 * to. This is most of discovery's calls (200 accounts × 20 sets = 4,000), so it is the fan-out
 * the concurrency and rate limits are sized for.
 */
import { ListAccountAssignmentsCommand } from '@aws-sdk/client-sso-admin';
import type { ReadContext } from './context';
import type { DiscoveredAssignment, DiscoveredPermissionSet } from './estate';
import { allPages } from './pages';
import { mapWithConcurrency } from './pool';

export async function readAssignments(ctx: ReadContext, instanceArn: string, sets: readonly Pick<DiscoveredPermissionSet, 'arn' | 'provisionedAccountIds'>[]): Promise<DiscoveredAssignment[]> {
  const pairs = sets.flatMap((set) => set.provisionedAccountIds.map((accountId) => ({ setArn: set.arn, accountId })));
  ctx.progress.begin('account assignments', pairs.length);
  const perPair = await mapWithConcurrency(pairs, ctx.concurrency, async ({ setArn, accountId }) => {
    const assignments = await ctx.caller.settle(() =>
      allPages(
        (NextToken) => ctx.sso(new ListAccountAssignmentsCommand({ InstanceArn: instanceArn, AccountId: accountId, PermissionSetArn: setArn, NextToken })),
        (page) => page.AccountAssignments,
      ),
    );
    ctx.progress.advance('account assignments');
    return (assignments ?? []).flatMap((assignment): DiscoveredAssignment[] =>
      (assignment.PrincipalType === 'USER' || assignment.PrincipalType === 'GROUP') && assignment.PrincipalId !== undefined
        ? [{ permissionSetArn: assignment.PermissionSetArn ?? setArn, accountId: assignment.AccountId ?? accountId, principalType: assignment.PrincipalType, principalId: assignment.PrincipalId }]
        : [],
    );
  });
  ctx.progress.end('account assignments');
  return perPair.flat();
}
