import { DataAwsSsoadminInstances } from '@cdktf/provider-aws/lib/data-aws-ssoadmin-instances';
import { Construct } from 'constructs';
import { Fn } from '../lib/cdktf';
import { terraformExpression } from '../lib/terraform-template';
import { pinAddress } from './private/address';

/**
 * The organization's IAM Identity Center instance, looked up — never created: enabling
 * Identity Center for an organization is a console step, and there is one instance per organization.
 */
export class IdentityCenterInstance extends Construct {
  readonly instanceArn: string;
  readonly identityStoreId: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const instances = pinAddress(
      new DataAwsSsoadminInstances(this, 'identity_center', {
        lifecycle: {
          postcondition: [
            {
              condition: terraformExpression('length(self.arns) == 1'),
              errorMessage: 'No IAM Identity Center instance was found in this region. Enable IAM Identity Center for the organization in the management account (IAM Identity Center console → Enable), or set identityCenter.region to the region it lives in.',
            },
          ],
        },
      }),
      'identity_center',
    );
    this.instanceArn = Fn.element(Fn.tolist(instances.arns), 0);
    this.identityStoreId = Fn.element(Fn.tolist(instances.identityStoreIds), 0);
  }
}
