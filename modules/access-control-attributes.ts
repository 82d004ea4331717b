import { SsoadminInstanceAccessControlAttributes } from '@cdktf/provider-aws/lib/ssoadmin-instance-access-control-attributes';
import { Construct } from 'constructs';
import type { AccessControlAttributeModel } from '../model/environment';
import { pinAddress } from './private/address';

export interface AccessControlAttributesProps {
  readonly attributes: readonly AccessControlAttributeModel[];
  readonly instanceArn: string;
}

/** Attribute-based access control: the instance's attributes, each keyed by its name. */
export class AccessControlAttributes extends Construct {
  constructor(scope: Construct, id: string, props: AccessControlAttributesProps) {
    super(scope, id);
    pinAddress(
      new SsoadminInstanceAccessControlAttributes(this, 'identity_center', {
        instanceArn: props.instanceArn,
        attribute: props.attributes.map((attribute) => ({ key: attribute.key, value: [{ source: [...attribute.sources] }] })),
      }),
      'identity_center',
    );
  }
}
