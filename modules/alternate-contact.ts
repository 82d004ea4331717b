import { AccountAlternateContact } from '@cdktf/provider-aws/lib/account-alternate-contact';
import { Construct } from 'constructs';
import type { ContactConfig } from '../config/baseline-schema';
import type { TerraformProvider } from '../lib/cdktf';
import { pinAddress } from './private/address';

export interface SecurityContactProps {
  /** Name, title, email and phone of the security contact. */
  readonly contact: ContactConfig;
  /** Terraform name, e.g. `security_contact` or `log-archive__security_contact`. */
  readonly address: string;
  /**
   * The provider of the account.
   * @default - the stack's default provider (the management account)
   */
  readonly provider?: TerraformProvider;
}

/** The account's alternate SECURITY contact: `aws_account_alternate_contact.security_contact`. */
export class SecurityContact extends Construct {
  constructor(scope: Construct, id: string, props: SecurityContactProps) {
    super(scope, id);
    const { contact } = props;
    pinAddress(
      new AccountAlternateContact(this, 'contact', {
        provider: props.provider,
        alternateContactType: 'SECURITY',
        name: contact.name,
        title: contact.title,
        emailAddress: contact.email,
        phoneNumber: contact.phone,
      }),
      props.address,
    );
  }
}
