import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Construct } from 'constructs';
import type { TerraformProvider } from '../lib/cdktf';
import type { AccountModel, EnvironmentModel } from '../model/environment';
import { roleArn } from '../model/partition';

/**
 * `provider "aws" { alias = "<account>" assume_role { role_arn = "arn:<partition>:iam::<id>:role/<deploymentRole>" } }`:
 * how a stack reaches a member account. The role is the account's own `roleName`, else
 * baseline.deploymentRole, else OrganizationAccountAccessRole (model: AccountModel.deploymentRole).
 * IAM is global, so the environment's region serves every account.
 */
export function memberAccountProvider(scope: Construct, environment: EnvironmentModel, account: AccountModel, accountId: string, sessionName: string): TerraformProvider {
  return new AwsProvider(scope, `aws_${account.address}`, {
    alias: account.address,
    region: environment.region,
    assumeRole: [{ roleArn: roleArn(environment.partition, accountId, account.deploymentRole), sessionName }],
    defaultTags: Object.keys(environment.tags).length > 0 ? [{ tags: { ...environment.tags } }] : undefined,
  });
}
