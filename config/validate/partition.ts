/**
 * ARNs written in the config must be in the partition of the environment's region: an
 * `arn:aws:` policy in a GovCloud environment (or the reverse) plans cleanly and fails at apply
 * with "policy does not exist". The partition comes from model/partition.ts, like every ARN the
 * stacks build themselves.
 */
import { partitionOf } from '../../model/partition';
import { ConfigIssue, issue, type ConfigPath } from '../issues';
import type { EnvironmentConfig } from '../schema';

export function checkPartition(config: EnvironmentConfig): ConfigIssue[] {
  const partition = partitionOf(config.region);
  const arns: Array<[ConfigPath, string]> = [];
  for (const [name, set] of Object.entries(config.identityCenter.permissionSets)) {
    const at = ['identityCenter', 'permissionSets', name];
    set.managedPolicies.forEach((arn, index) => arns.push([[...at, 'managedPolicies', index], arn]));
    const boundary = set.permissionsBoundary;
    if (boundary && 'managedPolicy' in boundary) arns.push([[...at, 'permissionsBoundary', 'managedPolicy'], boundary.managedPolicy]);
  }
  for (const [name, group] of Object.entries(config.baseline?.iamGroups ?? {})) {
    group.managedPolicies.forEach((arn, index) => arns.push([['baseline', 'iamGroups', name, 'managedPolicies', index], arn]));
  }
  if (config.baseline?.identityCenterKmsKey !== undefined) arns.push([['baseline', 'identityCenterKmsKey'], config.baseline.identityCenterKmsKey]);
  return arns.flatMap(([path, arn]) => {
    const written = arn.split(':')[1];
    if (written === partition) return [];
    return [issue(path, `${arn} is in partition ${written}, but region ${config.region} is in partition ${partition}`, `write it as arn:${partition}:${arn.split(':').slice(2).join(':')}`)];
  });
}
