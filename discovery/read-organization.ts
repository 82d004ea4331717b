/**
 * The organization: its settings, the root, every OU at any depth (with its path), every account
 * with its parent, the tags of each OU and account, and the service control policies.
 */
import {
  DescribeOrganizationCommand,
  ListAWSServiceAccessForOrganizationCommand,
  ListAccountsForParentCommand,
  ListDelegatedAdministratorsCommand,
  ListDelegatedServicesForAccountCommand,
  ListPoliciesCommand,
  type PolicyType,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  type Account,
  type OrganizationalUnit,
} from '@aws-sdk/client-organizations';
import { compareText, defined, tagsOf, type ReadContext } from './context';
import type { DiscoveredAccount, DiscoveredDelegatedAdministrator, DiscoveredOrganization, DiscoveredOrganizationalUnit, Tags } from './estate';
import { allPages } from './pages';
import { mapWithConcurrency } from './pool';
import { readServiceControlPolicies } from './read-service-control-policies';

const byName = (a: { Name?: string }, b: { Name?: string }) => compareText(a.Name ?? '', b.Name ?? '');

async function readTags(ctx: ReadContext, resourceId: string): Promise<Tags> {
  const tags = await allPages(
    (NextToken) => ctx.organizations(new ListTagsForResourceCommand({ ResourceId: resourceId, NextToken })),
    (page) => page.Tags,
  );
  return tagsOf(tags);
}

/** Walks the OU tree level by level from the root; each OU comes after its parent. */
async function readOrganizationalUnits(ctx: ReadContext, rootId: string): Promise<Array<OrganizationalUnit & { parentId: string; path: string }>> {
  const found: Array<OrganizationalUnit & { parentId: string; path: string }> = [];
  let level: Array<{ id: string; path: string }> = [{ id: rootId, path: '' }];
  while (level.length > 0) {
    const children = await mapWithConcurrency(level, ctx.concurrency, async (parent) => {
      const units = await allPages(
        (NextToken) => ctx.organizations(new ListOrganizationalUnitsForParentCommand({ ParentId: parent.id, NextToken })),
        (page) => page.OrganizationalUnits,
      );
      units.forEach(() => ctx.progress.advance('organizational units'));
      return units.sort(byName).map((unit) => ({ ...unit, parentId: parent.id, path: parent.path ? `${parent.path}/${unit.Name ?? ''}` : (unit.Name ?? '') }));
    });
    const next = children.flat();
    found.push(...next);
    level = next.filter((unit) => unit.Id !== undefined).map((unit) => ({ id: unit.Id ?? '', path: unit.path }));
  }
  return found;
}

/** Who administers which service from a member account: optional, nothing adopted depends on it. */
async function readDelegatedAdministrators(ctx: ReadContext): Promise<DiscoveredDelegatedAdministrator[] | undefined> {
  const admins = await ctx.caller.optional('delegated administrators', allPages((NextToken) => ctx.organizations(new ListDelegatedAdministratorsCommand({ NextToken })), (page) => page.DelegatedAdministrators));
  if (!admins) return undefined;
  const read = await mapWithConcurrency(admins, ctx.concurrency, async (admin): Promise<DiscoveredDelegatedAdministrator> => {
    const AccountId = admin.Id ?? '';
    const services = await ctx.caller.optional('delegated administrators', allPages((NextToken) => ctx.organizations(new ListDelegatedServicesForAccountCommand({ AccountId, NextToken })), (page) => page.DelegatedServices));
    return { accountId: AccountId, name: admin.Name ?? '', servicePrincipals: (services ?? []).map((service) => service.ServicePrincipal ?? '').filter((p) => p !== '').sort(compareText) };
  });
  return read.sort((a, b) => compareText(a.accountId, b.accountId));
}

/** Names of the policies of every enabled type besides SCPs: optional, this project manages none of them. */
async function readOtherPolicies(ctx: ReadContext, types: readonly string[]): Promise<NonNullable<DiscoveredOrganization['otherPolicies']> | undefined> {
  const others = types.filter((type) => type !== 'SERVICE_CONTROL_POLICY');
  if (others.length === 0) return undefined;
  const read = await Promise.all(
    others.map((type) => ctx.caller.optional('policies of other types', allPages((NextToken) => ctx.organizations(new ListPoliciesCommand({ Filter: type as PolicyType, NextToken })), (page) => page.Policies))),
  );
  if (read.some((policies) => policies === undefined)) return undefined;
  return read.flatMap((policies, index) => (policies ?? []).map((policy) => ({ type: others[index], id: policy.Id ?? '', name: policy.Name ?? '', awsManaged: policy.AwsManaged === true }))).sort((a, b) => compareText(a.type, b.type) || compareText(a.name, b.name));
}

export async function readOrganization(ctx: ReadContext): Promise<DiscoveredOrganization> {
  const { Organization: organization } = await ctx.organizations(new DescribeOrganizationCommand({}));
  if (!organization?.Id) throw new Error('DescribeOrganization returned no organization');
  const roots = await allPages((NextToken) => ctx.organizations(new ListRootsCommand({ NextToken })), (page) => page.Roots);
  const root = roots[0];
  if (!root?.Id) throw new Error('ListRoots returned no root');
  // Trusted access needs all features: with consolidated billing only, AWS refuses the call.
  const servicePrincipals =
    organization.FeatureSet === 'ALL'
      ? await allPages((NextToken) => ctx.organizations(new ListAWSServiceAccessForOrganizationCommand({ NextToken })), (page) => page.EnabledServicePrincipals)
      : [];

  ctx.progress.begin('organizational units', 0);
  const units = await readOrganizationalUnits(ctx, root.Id);
  ctx.progress.end('organizational units');
  const pathOf = new Map(units.map((unit) => [unit.Id ?? '', unit.path]));

  const parents = [root.Id, ...units.map((unit) => unit.Id ?? '')];
  const accountsByParent = await mapWithConcurrency(parents, ctx.concurrency, async (parentId) => {
    const accounts = await allPages((NextToken) => ctx.organizations(new ListAccountsForParentCommand({ ParentId: parentId, NextToken })), (page) => page.Accounts);
    return accounts.map((account): Account & { parentId: string } => ({ ...account, parentId }));
  });
  const accounts = accountsByParent.flat().sort((a, b) => compareText(a.Id ?? '', b.Id ?? ''));

  ctx.progress.begin('tags', units.length + accounts.length);
  const tagged = [...units.map((unit) => unit.Id ?? ''), ...accounts.map((account) => account.Id ?? '')];
  const tags = await mapWithConcurrency(tagged, ctx.concurrency, async (id) => {
    // Tags are optional: denied, they are noted (unread) and adoption leaves them out of the comparison.
    const found = await ctx.caller.settle(() => ctx.caller.optional('tags of OUs and accounts', readTags(ctx, id)));
    ctx.progress.advance('tags');
    return [id, found ?? {}] as const;
  });
  ctx.progress.end('tags');
  const tagsOfId = new Map<string, Tags>(tags);

  // Like trusted access, policies need all features: with consolidated billing only there are none.
  const serviceControlPolicies = organization.FeatureSet === 'ALL' ? await readServiceControlPolicies(ctx) : [];
  const delegatedAdministrators = organization.FeatureSet === 'ALL' ? await readDelegatedAdministrators(ctx) : [];
  const enabledTypes = (root.PolicyTypes ?? []).filter((type) => type.Status === 'ENABLED').map((type) => type.Type ?? '');
  const otherPolicies = organization.FeatureSet === 'ALL' ? await readOtherPolicies(ctx, enabledTypes) : undefined;

  return {
    id: organization.Id,
    arn: organization.Arn ?? '',
    featureSet: organization.FeatureSet === 'CONSOLIDATED_BILLING' ? 'CONSOLIDATED_BILLING' : 'ALL',
    managementAccountId: organization.MasterAccountId ?? '',
    managementAccountArn: organization.MasterAccountArn ?? '',
    managementAccountEmail: organization.MasterAccountEmail ?? '',
    rootId: root.Id,
    rootArn: root.Arn ?? '',
    rootName: root.Name ?? '',
    servicePrincipals: servicePrincipals.map((principal) => principal.ServicePrincipal ?? '').filter((p) => p !== '').sort(),
    policyTypes: (root.PolicyTypes ?? []).filter((type) => type.Status === 'ENABLED').map((type) => type.Type ?? '').sort(),
    organizationalUnits: units.map(
      (unit): DiscoveredOrganizationalUnit => ({ id: unit.Id ?? '', arn: unit.Arn ?? '', name: unit.Name ?? '', parentId: unit.parentId, path: unit.path, tags: tagsOfId.get(unit.Id ?? '') ?? {} }),
    ),
    accounts: accounts.map(
      (account): DiscoveredAccount =>
        defined({
          id: account.Id ?? '',
          arn: account.Arn ?? '',
          name: account.Name ?? '',
          email: account.Email ?? '',
          status: account.Status ?? '',
          state: account.State,
          joinedMethod: account.JoinedMethod,
          joinedTimestamp: account.JoinedTimestamp?.toISOString(),
          parentId: account.parentId,
          parentPath: pathOf.get(account.parentId) ?? '',
          tags: tagsOfId.get(account.Id ?? '') ?? {},
        }),
    ),
    serviceControlPolicies,
    ...(delegatedAdministrators ? { delegatedAdministrators } : {}),
    ...(otherPolicies ? { otherPolicies } : {}),
  };
}
