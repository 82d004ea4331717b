import { DataAwsIdentitystoreGroup } from '@cdktf/provider-aws/lib/data-aws-identitystore-group';
import { IdentitystoreGroup } from '@cdktf/provider-aws/lib/identitystore-group';
import { Construct } from 'constructs';
import type { GroupModel } from '../model/environment';
import { pinAddress } from './private/address';

export interface IdentityStoreGroupsProps {
  readonly groups: readonly GroupModel[];
  readonly identityStoreId: string;
}

/** Groups of the Identity Center directory: created (`aws_identitystore_group.<name>`) or looked up by display name. */
export class IdentityStoreGroups extends Construct {
  private readonly idsByAddress = new Map<string, string>();

  constructor(scope: Construct, id: string, props: IdentityStoreGroupsProps) {
    super(scope, id);
    const { identityStoreId } = props;
    for (const group of props.groups) {
      const groupId =
        group.kind === 'existing'
          ? pinAddress(
              new DataAwsIdentitystoreGroup(this, group.address, {
                identityStoreId,
                alternateIdentifier: { uniqueAttribute: { attributePath: 'DisplayName', attributeValue: group.displayName } },
              }),
              group.address,
            ).groupId
          : pinAddress(new IdentitystoreGroup(this, group.address, { identityStoreId, displayName: group.displayName, description: group.description }), group.address).groupId;
      this.idsByAddress.set(group.address, groupId);
    }
  }

  /** The group's ID by address name. */
  idOf(address: string): string {
    const groupId = this.idsByAddress.get(address);
    if (groupId === undefined) throw new Error(`IdentityStoreGroups: no group "${address}"`);
    return groupId;
  }
}
