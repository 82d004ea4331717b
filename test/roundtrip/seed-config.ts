/**
 * What a bundled environment says exists before its first apply, put into the double the way it came
 * to exist in AWS (through the double's own operations, as the management or member account):
 * - accounts given by `id` (invited, or the management account): present in the world from the start
 *   (an invitation is not an API the project uses; the accounts only have to exist for AssumeRole and
 *   account assignments);
 * - `existing: true` permission sets, users and groups: created in the one Identity Center instance
 *   (SSO Admin CreatePermissionSet, Identity Store CreateUser / CreateGroup), as the console does;
 * - `configRules.recorder: existing`: a configuration recorder and delivery channel in every
 *   baselined account (Config PutConfigurationRecorder, PutDeliveryChannel, StartConfigurationRecorder),
 *   the way Control Tower leaves one; for accounts the organization stack creates this runs after that
 *   stack's apply, when they exist.
 */
import type { AwsDouble } from '../aws-double/server';
import type { EnvironmentModel } from '../../model/environment';

export interface InstanceIds {
  readonly instanceArn: string;
  readonly identityStoreId: string;
}

export function instanceOf(double: AwsDouble): InstanceIds {
  const listed = double.invoke('sso', 'ListInstances', {}) as { Instances: Array<{ InstanceArn: string; IdentityStoreId: string }> };
  const [instance] = listed.Instances;
  return { instanceArn: instance.InstanceArn, identityStoreId: instance.IdentityStoreId };
}

/** Before any apply: existing accounts, and the Identity Center objects the config looks up. */
export function seedBeforeApply(double: AwsDouble, model: EnvironmentModel): void {
  for (const account of model.organization.accounts) {
    if (account.kind !== 'existing' || double.world.accounts.has(account.id)) continue;
    double.world.accounts.set(account.id, { id: account.id, name: account.name, email: `${account.key}@seeded.example.com`, status: account.closed ? 'SUSPENDED' : 'ACTIVE' });
  }
  const { instanceArn, identityStoreId } = instanceOf(double);
  for (const set of model.identityCenter.permissionSets) {
    if (set.kind === 'existing') double.invoke('sso', 'CreatePermissionSet', { InstanceArn: instanceArn, Name: set.name, SessionDuration: 'PT1H' });
  }
  for (const user of model.identityCenter.users) {
    if (user.kind === 'existing') double.invoke('identitystore', 'CreateUser', { IdentityStoreId: identityStoreId, UserName: user.userName, DisplayName: user.userName, Name: { GivenName: 'Seeded', FamilyName: 'User' } });
  }
  for (const group of model.identityCenter.groups) {
    if (group.kind === 'existing') double.invoke('identitystore', 'CreateGroup', { IdentityStoreId: identityStoreId, DisplayName: group.displayName });
  }
  seedRecorders(double, model, (key) => {
    const account = model.organization.accounts.find((candidate) => candidate.key === key);
    return account?.kind === 'existing' ? account.id : undefined;
  });
}

/** After the organization stack's apply: recorders in the accounts it created. */
export function seedAfterOrganization(double: AwsDouble, model: EnvironmentModel, accountIds: Readonly<Record<string, string>>): void {
  seedRecorders(double, model, (key) => {
    const account = model.organization.accounts.find((candidate) => candidate.key === key);
    return account?.kind === 'managed' ? accountIds[key] : undefined;
  });
}

function seedRecorders(double: AwsDouble, model: EnvironmentModel, idOf: (key: string) => string | undefined): void {
  if (model.baseline?.configRules?.recorder !== 'existing') return;
  for (const { account } of model.baseline.accounts) {
    const id = idOf(account.key);
    if (!id) continue;
    const existing = double.invoke('config', 'DescribeConfigurationRecorders', {}, id) as { ConfigurationRecorders?: unknown[] };
    if ((existing.ConfigurationRecorders ?? []).length > 0) continue;
    double.invoke('config', 'PutConfigurationRecorder', { ConfigurationRecorder: { name: 'aws-controltower-BaselineConfigRecorder', roleARN: `arn:aws:iam::${id}:role/aws-controltower-ConfigRecorderRole`, recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } } }, id);
    double.invoke('config', 'PutDeliveryChannel', { DeliveryChannel: { name: 'aws-controltower-BaselineConfigDeliveryChannel', s3BucketName: `aws-controltower-logs-${id}-${model.region}` } }, id);
    double.invoke('config', 'StartConfigurationRecorder', { ConfigurationRecorderName: 'aws-controltower-BaselineConfigRecorder' }, id);
  }
}
