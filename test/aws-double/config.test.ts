import {
  ConfigServiceClient,
  DeleteConfigRuleCommand,
  DeleteDeliveryChannelCommand,
  DescribeConfigRulesCommand,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeDeliveryChannelsCommand,
  ListTagsForResourceCommand,
  PutConfigRuleCommand,
  PutConfigurationRecorderCommand,
  PutDeliveryChannelCommand,
  StartConfigurationRecorderCommand,
  StopConfigurationRecorderCommand,
} from '@aws-sdk/client-config-service';

import { doubleClientConfig } from './sdk-clients';
import { startAwsDouble, type AwsDouble } from './server';
import { configDouble } from './services/config';

const ROLE = 'arn:aws:iam::111111111111:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig';

describe('AWS Config in the AWS double (JSON 1.1)', () => {
  let double: AwsDouble;
  let config: ConfigServiceClient;
  beforeEach(async () => {
    double = await startAwsDouble({ services: [configDouble] });
    config = new ConfigServiceClient(doubleClientConfig(double.url));
  });
  afterEach(() => double.close());

  it('PutConfigRule then DescribeConfigRules by name answers the rule with its ARN, id, state and default evaluation mode', async () => {
    await config.send(new PutConfigRuleCommand({ ConfigRule: { ConfigRuleName: 'iam-password-policy', Source: { Owner: 'AWS', SourceIdentifier: 'IAM_PASSWORD_POLICY' }, InputParameters: '{"MinimumPasswordLength":"14"}' }, Tags: [{ Key: 'owner', Value: 'security' }] }));
    const { ConfigRules } = await config.send(new DescribeConfigRulesCommand({ ConfigRuleNames: ['iam-password-policy'] }));
    expect(ConfigRules).toEqual([
      {
        ConfigRuleName: 'iam-password-policy',
        ConfigRuleArn: expect.stringMatching(/^arn:aws:config:us-east-1:111111111111:config-rule\/config-rule-[a-z0-9]{6}$/),
        ConfigRuleId: expect.stringMatching(/^config-rule-[a-z0-9]{6}$/),
        ConfigRuleState: 'ACTIVE',
        Source: { Owner: 'AWS', SourceIdentifier: 'IAM_PASSWORD_POLICY' },
        InputParameters: '{"MinimumPasswordLength":"14"}',
        EvaluationModes: [{ Mode: 'DETECTIVE' }],
      },
    ]);
    expect((await config.send(new ListTagsForResourceCommand({ ResourceArn: ConfigRules![0].ConfigRuleArn }))).Tags).toEqual([{ Key: 'owner', Value: 'security' }]);
  });

  it('an unknown rule is NoSuchConfigRuleException, on describe and on delete', async () => {
    await expect(config.send(new DescribeConfigRulesCommand({ ConfigRuleNames: ['missing'] }))).rejects.toMatchObject({ name: 'NoSuchConfigRuleException', $metadata: { httpStatusCode: 400 } });
    await config.send(new PutConfigRuleCommand({ ConfigRule: { ConfigRuleName: 'root-mfa', Source: { Owner: 'AWS', SourceIdentifier: 'ROOT_ACCOUNT_MFA_ENABLED' } } }));
    await config.send(new DeleteConfigRuleCommand({ ConfigRuleName: 'root-mfa' }));
    await expect(config.send(new DescribeConfigRulesCommand({ ConfigRuleNames: ['root-mfa'] }))).rejects.toMatchObject({ name: 'NoSuchConfigRuleException' });
    await expect(config.send(new DeleteConfigRuleCommand({ ConfigRuleName: 'root-mfa' }))).rejects.toMatchObject({ name: 'NoSuchConfigRuleException' });
  });

  it('the recorder: defaults filled in as AWS answers them, one per region, status through start and stop', async () => {
    await expect(config.send(new DescribeConfigurationRecordersCommand({ ConfigurationRecorderNames: ['default'] }))).rejects.toMatchObject({ name: 'NoSuchConfigurationRecorderException' });
    await config.send(new PutConfigurationRecorderCommand({ ConfigurationRecorder: { name: 'default', roleARN: ROLE, recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } } }));
    const { ConfigurationRecorders } = await config.send(new DescribeConfigurationRecordersCommand({ ConfigurationRecorderNames: ['default'] }));
    expect(ConfigurationRecorders).toEqual([
      expect.objectContaining({
        name: 'default',
        roleARN: ROLE,
        recordingGroup: { allSupported: true, includeGlobalResourceTypes: true, resourceTypes: [], exclusionByResourceTypes: { resourceTypes: [] }, recordingStrategy: { useOnly: 'ALL_SUPPORTED_RESOURCE_TYPES' } },
        recordingMode: { recordingFrequency: 'CONTINUOUS', recordingModeOverrides: [] },
      }),
    ]);
    await expect(config.send(new PutConfigurationRecorderCommand({ ConfigurationRecorder: { name: 'second', roleARN: ROLE } }))).rejects.toMatchObject({ name: 'MaxNumberOfConfigurationRecordersExceededException' });
    await expect(config.send(new StartConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }))).rejects.toMatchObject({ name: 'NoAvailableDeliveryChannelException' });

    await config.send(new PutDeliveryChannelCommand({ DeliveryChannel: { name: 'default', s3BucketName: 'config-bucket' } }));
    expect((await config.send(new DescribeDeliveryChannelsCommand({ DeliveryChannelNames: ['default'] }))).DeliveryChannels).toEqual([{ name: 'default', s3BucketName: 'config-bucket' }]);
    await config.send(new StartConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }));
    const status = (await config.send(new DescribeConfigurationRecorderStatusCommand({ ConfigurationRecorderNames: ['default'] }))).ConfigurationRecordersStatus!;
    expect(status).toEqual([expect.objectContaining({ name: 'default', recording: true, lastStatus: 'SUCCESS', lastStartTime: expect.any(Date) })]);
    await expect(config.send(new DeleteDeliveryChannelCommand({ DeliveryChannelName: 'default' }))).rejects.toMatchObject({ name: 'LastDeliveryChannelDeleteFailedException' });
    await config.send(new StopConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }));
    expect((await config.send(new DescribeConfigurationRecorderStatusCommand({}))).ConfigurationRecordersStatus![0].recording).toBe(false);
    await config.send(new DeleteDeliveryChannelCommand({ DeliveryChannelName: 'default' }));
    await expect(config.send(new DescribeDeliveryChannelsCommand({ DeliveryChannelNames: ['default'] }))).rejects.toMatchObject({ name: 'NoSuchDeliveryChannelException' });
  });

  it('a delivery channel needs a recorder first (NoAvailableConfigurationRecorderException)', async () => {
    await expect(config.send(new PutDeliveryChannelCommand({ DeliveryChannel: { name: 'default', s3BucketName: 'b' } }))).rejects.toMatchObject({ name: 'NoAvailableConfigurationRecorderException' });
  });

  it('state is per account and per region', async () => {
    await config.send(new PutConfigRuleCommand({ ConfigRule: { ConfigRuleName: 'r', Source: { Owner: 'AWS', SourceIdentifier: 'ROOT_ACCOUNT_MFA_ENABLED' } } }));
    const otherRegion = new ConfigServiceClient(doubleClientConfig(double.url, undefined, 'eu-west-1'));
    const otherAccount = new ConfigServiceClient(doubleClientConfig(double.url, { accessKeyId: 'ASIA2222222222220001' }));
    await expect(otherRegion.send(new DescribeConfigRulesCommand({ ConfigRuleNames: ['r'] }))).rejects.toMatchObject({ name: 'NoSuchConfigRuleException' });
    await expect(otherAccount.send(new DescribeConfigRulesCommand({ ConfigRuleNames: ['r'] }))).rejects.toMatchObject({ name: 'NoSuchConfigRuleException' });
  });
});
