/**
 * AWS Config in the double: AWS JSON 1.1, `X-Amz-Target: StarlingDoveService.<Operation>`; state per
 * account and region. Only what the project synthesizes: managed rules (aws_config_config_rule), the
 * configuration recorder, its status, and the delivery channel (modules/config-recorder.ts,
 * modules/config-rules.ts).
 *
 * Shapes and errors from the API reference (https://docs.aws.amazon.com/config/latest/APIReference/):
 * API_PutConfigRule.html, API_DescribeConfigRules.html (NoSuchConfigRuleException), API_DeleteConfigRule.html,
 * API_ConfigRule.html (ARN `arn:aws:config:<region>:<account>:config-rule/config-rule-<id>`, state
 * ACTIVE, EvaluationModes default DETECTIVE), API_PutConfigurationRecorder.html (one recorder per region:
 * MaxNumberOfConfigurationRecordersExceededException), API_DescribeConfigurationRecorders.html
 * (NoSuchConfigurationRecorderException), API_ConfigurationRecorder.html / API_RecordingGroup.html /
 * API_RecordingMode.html (defaults: recordingStrategy ALL_SUPPORTED_RESOURCE_TYPES when allSupported,
 * recordingFrequency CONTINUOUS), API_PutDeliveryChannel.html (NoAvailableConfigurationRecorderException
 * before a recorder; one channel: MaxNumberOfDeliveryChannelsExceededException),
 * API_StartConfigurationRecorder.html (NoAvailableDeliveryChannelException), API_DeleteDeliveryChannel.html
 * (LastDeliveryChannelDeleteFailedException while recording), API_DescribeConfigurationRecorderStatus.html,
 * API_ListTagsForResource.html / TagResource / UntagResource (ResourceNotFoundException). Member names
 * are the API's own: PascalCase for rules, camelCase (`name`, `roleARN`) for recorders and channels.
 * The provider (internal/service/configservice) reads a rule by DescribeConfigRules with its one name,
 * deletes and waits for NoSuchConfigRuleException; the recorder status resource calls
 * Start/StopConfigurationRecorder and DescribeConfigurationRecorderStatus.
 * Simpler than AWS: no check that the S3 bucket or the role exists, rules need no recorder, no evaluations.
 */
import { AwsServiceError, page, type CallerContext, type ServiceDouble } from '../service';
import type { ServiceFactory } from '../world';

type Json = Record<string, unknown>;

interface Rule {
  readonly arn: string;
  readonly id: string;
  body: Json;
}

interface Recorder {
  body: Json;
  recording: boolean;
  lastStartTime?: Date;
  lastStopTime?: Date;
  lastStatusChangeTime?: Date;
}

interface RegionState {
  readonly rules: Map<string, Rule>;
  recorder?: Recorder;
  channel?: Json;
  /** resource ARN → tags */
  readonly tags: Map<string, Map<string, string>>;
}

function requireName(value: unknown, code: string, what: string): string {
  if (typeof value !== 'string' || value === '' || value.length > 256) throw new AwsServiceError(code, `The ${what} name is not valid.`);
  return value;
}

function tagsIn(value: unknown): Array<[string, string]> {
  return (Array.isArray(value) ? (value as Array<{ Key?: unknown; Value?: unknown }>) : []).map((tag) => {
    if (typeof tag.Key !== 'string' || tag.Key === '' || tag.Key.length > 128) throw new AwsServiceError('ValidationException', 'Tag keys must be 1 to 128 characters.');
    return [tag.Key, typeof tag.Value === 'string' ? tag.Value : ''];
  });
}

/** The recording group as AWS answers it: defaults filled in (API_RecordingGroup.html). */
function recordingGroup(group: Json | undefined): Json {
  const allSupported = group?.allSupported === undefined ? true : group.allSupported === true;
  const exclusions = (group?.exclusionByResourceTypes as Json | undefined)?.resourceTypes;
  const strategy = (group?.recordingStrategy as Json | undefined)?.useOnly;
  return {
    allSupported,
    includeGlobalResourceTypes: group?.includeGlobalResourceTypes === true,
    resourceTypes: Array.isArray(group?.resourceTypes) ? group.resourceTypes : [],
    exclusionByResourceTypes: { resourceTypes: Array.isArray(exclusions) ? exclusions : [] },
    recordingStrategy: { useOnly: typeof strategy === 'string' ? strategy : allSupported ? 'ALL_SUPPORTED_RESOURCE_TYPES' : 'INCLUSION_BY_RESOURCE_TYPES' },
  };
}

function recordingMode(mode: Json | undefined): Json {
  return {
    recordingFrequency: typeof mode?.recordingFrequency === 'string' ? mode.recordingFrequency : 'CONTINUOUS',
    recordingModeOverrides: Array.isArray(mode?.recordingModeOverrides) ? mode.recordingModeOverrides : [],
  };
}

export const configDouble: ServiceFactory = (world): ServiceDouble => {
  const regions = new Map<string, RegionState>();

  function regionOf(caller: CallerContext): RegionState {
    const key = `${caller.accountId}:${caller.region}`;
    let state = regions.get(key);
    if (!state) {
      state = { rules: new Map(), tags: new Map() };
      regions.set(key, state);
    }
    return state;
  }

  function ruleShape(rule: Rule): Json {
    return { ...rule.body, ConfigRuleArn: rule.arn, ConfigRuleId: rule.id, ConfigRuleState: 'ACTIVE' };
  }

  function recorderArn(caller: CallerContext, name: string): string {
    return `arn:aws:config:${caller.region}:${caller.accountId}:configuration-recorder/${name}/${name.toLowerCase().replace(/[^a-z0-9]/g, '')}`;
  }

  function requireRecorder(state: RegionState, name: unknown): Recorder {
    if (!state.recorder || (name !== undefined && state.recorder.body.name !== name)) {
      throw new AwsServiceError('NoSuchConfigurationRecorderException', `Cannot find configuration recorder with the specified name '${String(name)}'.`);
    }
    return state.recorder;
  }

  function taggable(state: RegionState, arn: unknown): Map<string, string> {
    if (typeof arn === 'string') {
      const rule = [...state.rules.values()].find((candidate) => candidate.arn === arn);
      if (rule) {
        const tags = state.tags.get(arn) ?? new Map<string, string>();
        state.tags.set(arn, tags);
        return tags;
      }
    }
    throw new AwsServiceError('ResourceNotFoundException', `ResourceArn '${String(arn)}' does not exist.`);
  }

  return {
    signingName: 'config',
    protocol: 'json',
    targetPrefix: 'StarlingDoveService',
    operations: {
      PutConfigRule(input, caller) {
        const state = regionOf(caller);
        const body = (input.ConfigRule ?? {}) as Json;
        const name = body.ConfigRuleName;
        if (typeof name !== 'string' || name === '' || name.length > 128) throw new AwsServiceError('InvalidParameterValueException', 'ConfigRuleName must be 1 to 128 characters.');
        const source = body.Source as Json | undefined;
        if (!source || (source.Owner !== 'AWS' && source.Owner !== 'CUSTOM_LAMBDA' && source.Owner !== 'CUSTOM_POLICY')) {
          throw new AwsServiceError('InvalidParameterValueException', 'The Source Owner must be AWS, CUSTOM_LAMBDA or CUSTOM_POLICY.');
        }
        if (source.Owner === 'AWS' && typeof source.SourceIdentifier !== 'string') throw new AwsServiceError('InvalidParameterValueException', 'An AWS managed rule needs a SourceIdentifier.');
        if (body.InputParameters !== undefined) {
          try {
            JSON.parse(String(body.InputParameters));
          } catch {
            throw new AwsServiceError('InvalidParameterValueException', 'InputParameters must be a JSON object.');
          }
        }
        const existing = state.rules.get(name);
        if (existing && body.ConfigRuleArn !== undefined && body.ConfigRuleArn !== existing.arn) {
          throw new AwsServiceError('InvalidParameterValueException', 'The ConfigRuleArn does not match the rule of that name.');
        }
        const stored: Json = {
          ConfigRuleName: name,
          Description: body.Description,
          Scope: body.Scope,
          Source: source,
          InputParameters: body.InputParameters,
          MaximumExecutionFrequency: body.MaximumExecutionFrequency,
          EvaluationModes: Array.isArray(body.EvaluationModes) && body.EvaluationModes.length > 0 ? body.EvaluationModes : [{ Mode: 'DETECTIVE' }],
        };
        if (existing) {
          existing.body = stored;
        } else {
          const id = world.nextId('config-rule-', 6);
          const rule: Rule = { arn: `arn:aws:config:${caller.region}:${caller.accountId}:config-rule/${id}`, id, body: stored };
          state.rules.set(name, rule);
          const tags = tagsIn(input.Tags);
          if (tags.length > 0) state.tags.set(rule.arn, new Map(tags));
        }
        return {};
      },
      DescribeConfigRules(input, caller) {
        const state = regionOf(caller);
        const names = Array.isArray(input.ConfigRuleNames) ? (input.ConfigRuleNames as string[]) : [];
        for (const name of names) {
          if (!state.rules.has(name)) throw new AwsServiceError('NoSuchConfigRuleException', `The ConfigRule '${name}' provided in the request is invalid. Please check the configRule name.`);
        }
        const rules = names.length > 0 ? names.map((name) => state.rules.get(name)!) : [...state.rules.values()];
        // DescribeConfigRules returns up to 25 rules a page (API_DescribeConfigRules.html).
        const { items, next } = page(rules.map(ruleShape), input.NextToken, undefined, 25);
        return { ConfigRules: items, NextToken: next };
      },
      DeleteConfigRule(input, caller) {
        const state = regionOf(caller);
        const name = input.ConfigRuleName;
        const rule = typeof name === 'string' ? state.rules.get(name) : undefined;
        if (!rule) throw new AwsServiceError('NoSuchConfigRuleException', `The ConfigRule '${String(name)}' provided in the request is invalid. Please check the configRule name.`);
        state.rules.delete(rule.body.ConfigRuleName as string);
        state.tags.delete(rule.arn);
        return {};
      },

      PutConfigurationRecorder(input, caller) {
        const state = regionOf(caller);
        const body = (input.ConfigurationRecorder ?? {}) as Json;
        const name = requireName(body.name ?? 'default', 'InvalidConfigurationRecorderNameException', 'configuration recorder');
        if (state.recorder && state.recorder.body.name !== name) {
          throw new AwsServiceError('MaxNumberOfConfigurationRecordersExceededException', 'Failed to put configuration recorder because you have reached the limit for the maximum number of customer managed configuration records: (1)');
        }
        if (typeof body.roleARN !== 'string' || !/^arn:aws[a-z-]*:iam::\d{12}:role\//.test(body.roleARN)) throw new AwsServiceError('InvalidRoleException', 'The role ARN is not valid.');
        const group = body.recordingGroup as Json | undefined;
        if (group?.allSupported === true && Array.isArray(group.resourceTypes) && group.resourceTypes.length > 0) {
          throw new AwsServiceError('InvalidRecordingGroupException', 'The recording group cannot list resource types when allSupported is true.');
        }
        if (group?.includeGlobalResourceTypes === true && group.allSupported === false) {
          throw new AwsServiceError('InvalidRecordingGroupException', 'includeGlobalResourceTypes needs allSupported true.');
        }
        const stored: Json = { arn: recorderArn(caller, name), name, roleARN: body.roleARN, recordingGroup: recordingGroup(group), recordingMode: recordingMode(body.recordingMode as Json | undefined), recordingScope: 'PAID' };
        if (state.recorder) state.recorder.body = stored;
        else state.recorder = { body: stored, recording: false };
        return {};
      },
      DescribeConfigurationRecorders(input, caller) {
        const state = regionOf(caller);
        const names = Array.isArray(input.ConfigurationRecorderNames) ? (input.ConfigurationRecorderNames as string[]) : [];
        for (const name of names) requireRecorder(state, name);
        return { ConfigurationRecorders: state.recorder ? [state.recorder.body] : [] };
      },
      DeleteConfigurationRecorder(input, caller) {
        const state = regionOf(caller);
        requireRecorder(state, input.ConfigurationRecorderName);
        state.recorder = undefined;
        return {};
      },
      StartConfigurationRecorder(input, caller) {
        const state = regionOf(caller);
        const recorder = requireRecorder(state, input.ConfigurationRecorderName);
        if (!state.channel) throw new AwsServiceError('NoAvailableDeliveryChannelException', 'Delivery channel is not available to start configuration recorder.');
        if (!recorder.recording) {
          recorder.recording = true;
          recorder.lastStartTime = world.now();
          recorder.lastStatusChangeTime = recorder.lastStartTime;
        }
        return {};
      },
      StopConfigurationRecorder(input, caller) {
        const state = regionOf(caller);
        const recorder = requireRecorder(state, input.ConfigurationRecorderName);
        if (recorder.recording) {
          recorder.recording = false;
          recorder.lastStopTime = world.now();
          recorder.lastStatusChangeTime = recorder.lastStopTime;
        }
        return {};
      },
      DescribeConfigurationRecorderStatus(input, caller) {
        const state = regionOf(caller);
        const names = Array.isArray(input.ConfigurationRecorderNames) ? (input.ConfigurationRecorderNames as string[]) : [];
        for (const name of names) requireRecorder(state, name);
        const recorder = state.recorder;
        if (!recorder) return { ConfigurationRecordersStatus: [] };
        return {
          ConfigurationRecordersStatus: [
            {
              arn: recorder.body.arn,
              name: recorder.body.name,
              recording: recorder.recording,
              lastStartTime: recorder.lastStartTime,
              lastStopTime: recorder.lastStopTime,
              lastStatus: recorder.lastStartTime ? 'SUCCESS' : undefined,
              lastStatusChangeTime: recorder.lastStatusChangeTime,
            },
          ],
        };
      },

      PutDeliveryChannel(input, caller) {
        const state = regionOf(caller);
        const body = (input.DeliveryChannel ?? {}) as Json;
        const name = requireName(body.name ?? 'default', 'InvalidDeliveryChannelNameException', 'delivery channel');
        if (!state.recorder) throw new AwsServiceError('NoAvailableConfigurationRecorderException', 'Configuration recorder is not available to put delivery channel.');
        if (state.channel && state.channel.name !== name) {
          throw new AwsServiceError('MaxNumberOfDeliveryChannelsExceededException', 'Failed to put delivery channel because the maximum number of delivery channels: 1 is reached.');
        }
        if (typeof body.s3BucketName !== 'string' || body.s3BucketName === '') throw new AwsServiceError('NoSuchBucketException', 'Cannot find a S3 bucket with an empty bucket name.');
        state.channel = {
          name,
          s3BucketName: body.s3BucketName,
          s3KeyPrefix: body.s3KeyPrefix,
          s3KmsKeyArn: body.s3KmsKeyArn,
          snsTopicARN: body.snsTopicARN,
          configSnapshotDeliveryProperties: body.configSnapshotDeliveryProperties,
        };
        return {};
      },
      DescribeDeliveryChannels(input, caller) {
        const state = regionOf(caller);
        const names = Array.isArray(input.DeliveryChannelNames) ? (input.DeliveryChannelNames as string[]) : [];
        for (const name of names) {
          if (state.channel?.name !== name) throw new AwsServiceError('NoSuchDeliveryChannelException', `Cannot find delivery channel with specified name '${name}'.`);
        }
        return { DeliveryChannels: state.channel ? [state.channel] : [] };
      },
      DeleteDeliveryChannel(input, caller) {
        const state = regionOf(caller);
        if (!state.channel || state.channel.name !== input.DeliveryChannelName) {
          throw new AwsServiceError('NoSuchDeliveryChannelException', `Cannot find delivery channel with specified name '${String(input.DeliveryChannelName)}'.`);
        }
        if (state.recorder?.recording) {
          throw new AwsServiceError('LastDeliveryChannelDeleteFailedException', `Failed to delete last specified delivery channel with name '${String(input.DeliveryChannelName)}', because there is a running configuration recorder.`);
        }
        state.channel = undefined;
        return {};
      },

      ListTagsForResource(input, caller) {
        const tags = taggable(regionOf(caller), input.ResourceArn);
        const { items, next } = page([...tags].map(([Key, Value]) => ({ Key, Value })), input.NextToken, input.Limit, 50);
        return { Tags: items, NextToken: next };
      },
      TagResource(input, caller) {
        const tags = taggable(regionOf(caller), input.ResourceArn);
        for (const [key, value] of tagsIn(input.Tags)) tags.set(key, value);
        return {};
      },
      UntagResource(input, caller) {
        const tags = taggable(regionOf(caller), input.ResourceArn);
        for (const key of Array.isArray(input.TagKeys) ? (input.TagKeys as string[]) : []) tags.delete(key);
        return {};
      },
    },
  };
};
