import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { Construct } from 'constructs';
import type { ITerraformDependable, TerraformProvider } from '../lib/cdktf';
import type { AccountModel, CustomerManagedPolicyModel } from '../model/environment';
import { pinAddress } from './private/address';

export interface CustomerManagedPoliciesProps {
  /** The policies with their documents and the accounts each is created in. */
  readonly policies: readonly CustomerManagedPolicyModel[];
  /** The provider of an account; undefined for the stack's default provider (the management account). */
  readonly providerOf: (account: AccountModel) => TerraformProvider | undefined;
}

/**
 * Customer managed policies for permission sets: `aws_iam_policy.<account>__<policy>` in every account
 * a set that references the policy is assigned to, with the name and path the set's reference names.
 */
export class CustomerManagedPolicies extends Construct {
  private readonly byName = new Map<string, IamPolicy[]>();

  constructor(scope: Construct, id: string, props: CustomerManagedPoliciesProps) {
    super(scope, id);
    for (const policy of props.policies) {
      const created = policy.instances.map((instance) =>
        pinAddress(
          new IamPolicy(this, instance.address, {
            provider: props.providerOf(instance.account),
            name: policy.name,
            path: policy.path,
            description: policy.description,
            policy: policy.document,
            tags: Object.keys(policy.tags).length > 0 ? { ...policy.tags } : undefined,
          }),
          instance.address,
        ),
      );
      this.byName.set(policy.name, created);
    }
  }

  /** The policy of that name in every account it is created in (none for a policy the config does not define). */
  everywhere(name: string): ITerraformDependable[] {
    return this.byName.get(name) ?? [];
  }
}
