import { ConfigConfigRule } from '@cdktf/provider-aws/lib/config-config-rule';
import { Construct } from 'constructs';
import type { ITerraformDependable, TerraformProvider } from '../lib/cdktf';
import type { ConfigRuleModel } from '../model/baseline';
import { pinAddress } from './private/address';

export interface ConfigRulesProps {
  /** AWS managed rules, by identifier. */
  readonly rules: readonly ConfigRuleModel[];
  /**
   * The configuration recorder the rules need, when this stack creates it.
   * @default - a recorder already runs in the account and region
   */
  readonly recorder?: ITerraformDependable;
  /** Terraform name of a resource in this account. */
  readonly address: (name: string) => string;
  /**
   * The provider of the account.
   * @default - the stack's default provider (the management account)
   */
  readonly provider?: TerraformProvider;
}

/** AWS Config managed rules that check the baseline continuously: `aws_config_config_rule.<rule_name>`. */
export class ConfigRules extends Construct {
  constructor(scope: Construct, id: string, props: ConfigRulesProps) {
    super(scope, id);
    for (const rule of props.rules) {
      const name = rule.name.replace(/-/g, '_');
      pinAddress(
        new ConfigConfigRule(this, name, {
          provider: props.provider,
          name: rule.name,
          source: { owner: 'AWS', sourceIdentifier: rule.identifier },
          inputParameters: rule.inputParameters ? JSON.stringify(rule.inputParameters) : undefined,
          dependsOn: props.recorder ? [props.recorder] : undefined,
        }),
        props.address(name),
      );
    }
  }
}
