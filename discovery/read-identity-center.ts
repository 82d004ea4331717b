/** The IAM Identity Center instance and its attributes for access control (ABAC). */
import { DescribeInstanceAccessControlAttributeConfigurationCommand, ListInstancesCommand, type InstanceMetadata } from '@aws-sdk/client-sso-admin';
import { noneWhen } from './caller';
import { CallError } from './problems';
import type { ReadContext } from './context';
import type { DiscoveredAccessControlAttribute } from './estate';
import { allPages } from './pages';

/** Not a failed call but a finding a person must act on: no instance, or more than one to choose from. */
function instanceChoice(message: string): CallError {
  return new CallError({ kind: 'finding', service: 'sso', operation: 'ListInstances', permission: 'sso:ListInstances', message, input: '' }, undefined);
}

export async function readInstance(ctx: ReadContext, region: string, instanceArn?: string): Promise<InstanceMetadata & { InstanceArn: string; IdentityStoreId: string }> {
  const instances = await allPages((NextToken) => ctx.sso(new ListInstancesCommand({ NextToken })), (page) => page.Instances);
  const usable = instances.filter((i): i is InstanceMetadata & { InstanceArn: string; IdentityStoreId: string } => i.InstanceArn !== undefined && i.IdentityStoreId !== undefined);
  if (instanceArn !== undefined) {
    const chosen = usable.find((i) => i.InstanceArn === instanceArn);
    if (!chosen) throw instanceChoice(`IAM Identity Center instance ${instanceArn} is not in ${region} (ListInstances found: ${usable.map((i) => i.InstanceArn).join(', ') || 'none'}).`);
    return chosen;
  }
  if (usable.length === 0) throw instanceChoice(`No IAM Identity Center instance in ${region} (ListInstances returned none): pass --region with the region Identity Center is enabled in.`);
  if (usable.length > 1) throw instanceChoice(`${usable.length} IAM Identity Center instances in ${region}: pass --instance-arn with one of ${usable.map((i) => i.InstanceArn).join(', ')}.`);
  return usable[0];
}

/** Attributes for access control; AWS answers ResourceNotFound when they were never enabled. */
export async function readAccessControlAttributes(ctx: ReadContext, instanceArn: string): Promise<DiscoveredAccessControlAttribute[]> {
  const output = await noneWhen(ctx.sso(new DescribeInstanceAccessControlAttributeConfigurationCommand({ InstanceArn: instanceArn })), ['ResourceNotFoundException']);
  const attributes = output?.InstanceAccessControlAttributeConfiguration?.AccessControlAttributes ?? [];
  return attributes.map((attribute) => ({ key: attribute.Key ?? '', sources: [...(attribute.Value?.Source ?? [])] }));
}
