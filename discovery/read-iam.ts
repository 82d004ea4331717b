/** IAM settings of the account discovery runs in: alias, password policy, centralized root access. */
import { GetAccountPasswordPolicyCommand, ListAccountAliasesCommand, ListOrganizationsFeaturesCommand } from '@aws-sdk/client-iam';
import { noneWhen } from './caller';
import { defined, type ReadContext } from './context';
import type { DiscoveredIam } from './estate';
import { allPages } from './pages';

/** ListOrganizationsFeatures fails this way when there is nothing to list rather than a denial. */
const NO_ORGANIZATIONS_FEATURES = ['ServiceAccessNotEnabledException', 'OrganizationNotFoundException', 'OrganizationNotInAllFeaturesModeException'];

export async function readIam(ctx: ReadContext): Promise<DiscoveredIam> {
  const [aliases, passwordPolicy, features] = await ctx.caller.all([
    allPages(
      (Marker) =>
        // IAM pages with Marker/IsTruncated, not NextToken: map them onto the same loop.
        ctx.iam(new ListAccountAliasesCommand({ Marker })).then((page) => ({ ...page, NextToken: page.IsTruncated ? page.Marker : undefined })),
      (page) => page.AccountAliases,
    ),
    // An account that never set a policy answers NoSuchEntity: that is "no policy", not a failure.
    noneWhen(ctx.iam(new GetAccountPasswordPolicyCommand({})), ['NoSuchEntityException', 'NoSuchEntity']),
    noneWhen(ctx.iam(new ListOrganizationsFeaturesCommand({})), NO_ORGANIZATIONS_FEATURES),
  ]);
  const policy = passwordPolicy?.PasswordPolicy;
  return defined({
    accountAlias: aliases[0],
    passwordPolicy: policy
      ? defined({
          minimumPasswordLength: policy.MinimumPasswordLength,
          requireSymbols: policy.RequireSymbols,
          requireNumbers: policy.RequireNumbers,
          requireUppercaseCharacters: policy.RequireUppercaseCharacters,
          requireLowercaseCharacters: policy.RequireLowercaseCharacters,
          allowUsersToChangePassword: policy.AllowUsersToChangePassword,
          expirePasswords: policy.ExpirePasswords,
          maxPasswordAge: policy.MaxPasswordAge,
          passwordReusePrevention: policy.PasswordReusePrevention,
          hardExpiry: policy.HardExpiry,
        })
      : undefined,
    organizationsFeatures: [...(features?.EnabledFeatures ?? [])].sort(),
  });
}
