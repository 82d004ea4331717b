import { ConfigConfigurationRecorder } from '@cdktf/provider-aws/lib/config-configuration-recorder';
import { ConfigConfigurationRecorderStatus } from '@cdktf/provider-aws/lib/config-configuration-recorder-status';
import { ConfigDeliveryChannel } from '@cdktf/provider-aws/lib/config-delivery-channel';
import { IamServiceLinkedRole } from '@cdktf/provider-aws/lib/iam-service-linked-role';
import { Construct } from 'constructs';
import type { ITerraformDependable, TerraformProvider } from '../lib/cdktf';
import { pinAddress } from './private/address';

export interface ConfigRecorderProps {
  /** S3 bucket the delivery channel writes configuration snapshots and history to; its policy must allow AWS Config. */
  readonly deliveryBucket: string;
  /** Terraform name of a resource in this account. */
  readonly address: (name: string) => string;
  /**
   * The provider of the account.
   * @default - the stack's default provider (the management account)
   */
  readonly provider?: TerraformProvider;
}

/**
 * An AWS Config configuration recorder that records every supported resource type, including IAM's
 * global types, with its service-linked role, delivery channel and status (started). Config rules
 * wait for `ready`.
 */
export class ConfigRecorder extends Construct {
  /** The started recorder. */
  readonly ready: ITerraformDependable;

  constructor(scope: Construct, id: string, props: ConfigRecorderProps) {
    super(scope, id);
    const { provider } = props;
    const role = pinAddress(new IamServiceLinkedRole(this, 'role', { provider, awsServiceName: 'config.amazonaws.com' }), props.address('config'));
    const recorder = pinAddress(
      new ConfigConfigurationRecorder(this, 'recorder', {
        provider,
        name: 'default',
        roleArn: role.arn,
        recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
      }),
      props.address('recorder'),
    );
    const channel = pinAddress(
      new ConfigDeliveryChannel(this, 'channel', { provider, name: 'default', s3BucketName: props.deliveryBucket, dependsOn: [recorder] }),
      props.address('delivery_channel'),
    );
    this.ready = pinAddress(
      new ConfigConfigurationRecorderStatus(this, 'status', { provider, name: recorder.name, isEnabled: true, dependsOn: [channel] }),
      props.address('recorder'),
    );
  }
}
