/** Account Management settings of the account discovery runs in: its alternate contacts. */
import { GetAlternateContactCommand } from '@aws-sdk/client-account';
import { noneWhen } from './caller';
import { defined, type ReadContext } from './context';
import type { DiscoveredAccountSettings, DiscoveredAlternateContact } from './estate';

const CONTACT_TYPES = ['BILLING', 'OPERATIONS', 'SECURITY'] as const;

export async function readAccountSettings(ctx: ReadContext): Promise<DiscoveredAccountSettings> {
  const contacts = await ctx.caller.all(
    // A type nobody set answers ResourceNotFound.
    // Nothing else depends on them: a denial is noted (unread), and the contacts stay as they are.
    CONTACT_TYPES.map((type) => ctx.caller.optional('alternate contacts', noneWhen(ctx.account(new GetAlternateContactCommand({ AlternateContactType: type })), ['ResourceNotFoundException']))),
  );
  return {
    alternateContacts: contacts.flatMap((output, index): DiscoveredAlternateContact[] => {
      const contact = output?.AlternateContact;
      return contact
        ? [defined({ type: CONTACT_TYPES[index], name: contact.Name, title: contact.Title, emailAddress: contact.EmailAddress, phoneNumber: contact.PhoneNumber })]
        : [];
    }),
  };
}
