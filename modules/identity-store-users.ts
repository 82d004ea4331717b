import { DataAwsIdentitystoreUser } from '@cdktf/provider-aws/lib/data-aws-identitystore-user';
import { IdentitystoreUser } from '@cdktf/provider-aws/lib/identitystore-user';
import { Construct } from 'constructs';
import type { ManagedUserModel, UserModel } from '../model/environment';
import { pinAddress } from './private/address';

export interface IdentityStoreUsersProps {
  readonly users: readonly UserModel[];
  readonly identityStoreId: string;
}

/** Users of the Identity Center directory: created (`aws_identitystore_user.<name>`) or looked up by user name. */
export class IdentityStoreUsers extends Construct {
  private readonly idsByAddress = new Map<string, string>();

  constructor(scope: Construct, id: string, props: IdentityStoreUsersProps) {
    super(scope, id);
    const { identityStoreId } = props;
    for (const user of props.users) {
      const userId =
        user.kind === 'existing'
          ? pinAddress(
              new DataAwsIdentitystoreUser(this, user.address, {
                identityStoreId,
                alternateIdentifier: { uniqueAttribute: { attributePath: 'UserName', attributeValue: user.userName } },
              }),
              user.address,
            ).userId
          : pinAddress(new IdentitystoreUser(this, user.address, { identityStoreId, ...userArguments(user) }), user.address).userId;
      this.idsByAddress.set(user.address, userId);
    }
  }

  /** The user's ID by address name. */
  idOf(address: string): string {
    const userId = this.idsByAddress.get(address);
    if (userId === undefined) throw new Error(`IdentityStoreUsers: no user "${address}"`);
    return userId;
  }
}

function userArguments(user: ManagedUserModel) {
  return {
    userName: user.userName,
    displayName: user.displayName,
    name: { givenName: user.givenName, familyName: user.familyName, middleName: user.middleName, formatted: user.formattedName },
    emails: user.email === undefined ? undefined : { value: user.email, type: user.emailType, primary: true },
    nickname: user.nickname,
    title: user.title,
    userType: user.userType,
    preferredLanguage: user.preferredLanguage,
    profileUrl: user.profileUrl,
    locale: user.locale,
    timezone: user.timezone,
    phoneNumbers: user.phoneNumber === undefined ? undefined : { ...user.phoneNumber },
    addresses: user.postalAddress === undefined ? undefined : { ...user.postalAddress },
  };
}
