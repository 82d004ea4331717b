/**
 * The AWS partition of a region: every ARN the project builds starts with `arn:<partition>:`.
 * Partitions and their region prefixes: "Identify AWS resources with Amazon Resource Names (ARNs)",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html ("partition: aws — AWS
 * Regions; aws-cn — China Regions; aws-us-gov — AWS GovCloud (US) Regions").
 */
export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

/** `eu-west-1` → `aws`, `cn-north-1` → `aws-cn`, `us-gov-west-1` → `aws-us-gov`. */
export function partitionOf(region: string): Partition {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** `arn:<partition>:iam::aws:policy/<name>`: an AWS managed policy, e.g. AdministratorAccess. */
export function awsManagedPolicyArn(partition: Partition, name: string): string {
  return `arn:${partition}:iam::aws:policy/${name}`;
}

/** `arn:<partition>:iam::<account>:role/<name>`; `account` may be `*` in a policy pattern. */
export function roleArn(partition: Partition, account: string, name: string): string {
  return `arn:${partition}:iam::${account}:role/${name}`;
}
