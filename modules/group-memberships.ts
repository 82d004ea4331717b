import { IdentitystoreGroupMembership } from '@cdktf/provider-aws/lib/identitystore-group-membership';
import { Construct } from 'constructs';
import type { MembershipModel } from '../model/environment';
import { pinAddress } from './private/address';

export interface GroupMembershipsProps {
  readonly memberships: readonly MembershipModel[];
  readonly identityStoreId: string;
  readonly groupIdOf: (groupAddress: string) => string;
  readonly userIdOf: (userAddress: string) => string;
}

/** Users in groups: `aws_identitystore_group_membership.<group>__<user>`, created or existing on either side. */
export class GroupMemberships extends Construct {
  constructor(scope: Construct, id: string, props: GroupMembershipsProps) {
    super(scope, id);
    for (const membership of props.memberships) {
      pinAddress(
        new IdentitystoreGroupMembership(this, membership.address, {
          identityStoreId: props.identityStoreId,
          groupId: props.groupIdOf(membership.groupAddress),
          memberId: props.userIdOf(membership.userAddress),
        }),
        membership.address,
      );
    }
  }
}
