/**
 * The Account Management API in the double: alternate contacts, restJson1 (`POST /putAlternateContact`,
 * `/getAlternateContact`, `/deleteAlternateContact`, as the SDK v3 model's http traits route them).
 *
 * Shapes and errors from the API reference:
 * https://docs.aws.amazon.com/accounts/latest/reference/API_PutAlternateContact.html,
 * API_GetAlternateContact.html, API_DeleteAlternateContact.html, API_AlternateContact.html
 * (AlternateContactType BILLING | OPERATIONS | SECURITY; EmailAddress 1–254, Name 1–64, PhoneNumber 1–25
 * of `[\s0-9()+-]`, Title 1–50), and CommonErrors / the SDK model (@aws-sdk/client-account):
 * ResourceNotFoundException 404 (no contact of that type), AccessDeniedException 403,
 * ValidationException 400. With `AccountId` the caller must be the management account (or the
 * delegated administrator for account.amazonaws.com), the organization must have trusted access for
 * account.amazonaws.com, the account must be a member, and the management account may not name itself
 * (https://docs.aws.amazon.com/accounts/latest/reference/using-orgs-trusted-access.html).
 * The provider (internal/service/account/alternate_contact.go) puts, then reads until found twice,
 * reads by `[account_id,]type`, and deletes; a missing contact is ResourceNotFoundException.
 */
import { AwsServiceError, type CallerContext, type ServiceDouble } from '../service';
import type { ServiceFactory } from '../world';

interface AlternateContact {
  AlternateContactType: string;
  EmailAddress: string;
  Name: string;
  PhoneNumber: string;
  Title: string;
}

const TYPES = new Set(['BILLING', 'OPERATIONS', 'SECURITY']);
const ACCOUNT_PRINCIPAL = 'account.amazonaws.com';

function validation(field: string, message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', `1 validation error detected: Value at '${field}' failed to satisfy constraint: ${message}`);
}

function field(input: Record<string, unknown>, name: string, min: number, max: number, pattern?: RegExp): string {
  const value = input[name];
  if (typeof value !== 'string' || value.length < min || value.length > max || (pattern && !pattern.test(value))) {
    throw validation(name.charAt(0).toLowerCase() + name.slice(1), `Member must have length between ${min} and ${max}${pattern ? ` and match ${pattern.source}` : ''}`);
  }
  return value;
}

export const accountDouble: ServiceFactory = (world): ServiceDouble => {
  /** account id → contact type → contact */
  const contacts = new Map<string, Map<string, AlternateContact>>();

  /** The account an operation acts on: the caller's own, or `AccountId` within the organization. */
  function target(input: Record<string, unknown>, caller: CallerContext): string {
    const accountId = input.AccountId;
    if (accountId === undefined || accountId === null || accountId === '') return caller.accountId;
    if (typeof accountId !== 'string' || !/^\d{12}$/.test(accountId)) throw validation('accountId', 'Member must satisfy regular expression pattern: ^\\d{12}$');
    const organization = world.organization;
    const delegated = organization?.delegatedAdministrators.get(ACCOUNT_PRINCIPAL)?.has(caller.accountId) === true;
    if (!organization || (caller.accountId !== world.managementAccountId && !delegated)) {
      throw new AwsServiceError('AccessDeniedException', `User: ${caller.arn} is not authorized to perform this operation on account ${accountId}.`, 403);
    }
    if (!organization.servicePrincipals.has(ACCOUNT_PRINCIPAL)) {
      throw new AwsServiceError('AccessDeniedException', 'Trusted access for the Account Management service (account.amazonaws.com) is not enabled in the organization.', 403);
    }
    // The reference says the management account "can't specify its own AccountId" but names no error
    // code for it; the double answers AccessDeniedException, the code of every other AccountId refusal.
    if (accountId === world.managementAccountId) {
      throw new AwsServiceError('AccessDeniedException', 'The management account can only be managed with the standalone context: call the operation without AccountId.', 403);
    }
    if (!world.accounts.has(accountId)) throw new AwsServiceError('AccessDeniedException', `The account ${accountId} is not a member of the organization.`, 403);
    return accountId;
  }

  function contactType(input: Record<string, unknown>): string {
    const type = input.AlternateContactType;
    if (typeof type !== 'string' || !TYPES.has(type)) throw validation('alternateContactType', 'Member must satisfy enum value set: [SECURITY, BILLING, OPERATIONS]');
    return type;
  }

  function notFound(type: string): AwsServiceError {
    return new AwsServiceError('ResourceNotFoundException', `No contact of the inputted alternate contact type ${type} found.`, 404);
  }

  return {
    signingName: 'account',
    protocol: 'rest-json',
    routes: {
      'POST /putAlternateContact': 'PutAlternateContact',
      'POST /getAlternateContact': 'GetAlternateContact',
      'POST /deleteAlternateContact': 'DeleteAlternateContact',
    },
    operations: {
      PutAlternateContact(input, caller) {
        const accountId = target(input, caller);
        const contact: AlternateContact = {
          AlternateContactType: contactType(input),
          EmailAddress: field(input, 'EmailAddress', 1, 254, /^[\s]*[\w+=.#|!&-]+@[\w.-]+\.[\w]+[\s]*$/),
          Name: field(input, 'Name', 1, 64),
          PhoneNumber: field(input, 'PhoneNumber', 1, 25, /^[\s0-9()+-]+$/),
          Title: field(input, 'Title', 1, 50),
        };
        const forAccount = contacts.get(accountId) ?? new Map<string, AlternateContact>();
        forAccount.set(contact.AlternateContactType, contact);
        contacts.set(accountId, forAccount);
        return undefined;
      },
      GetAlternateContact(input, caller) {
        const accountId = target(input, caller);
        const type = contactType(input);
        const contact = contacts.get(accountId)?.get(type);
        if (!contact) throw notFound(type);
        return { AlternateContact: { ...contact } };
      },
      DeleteAlternateContact(input, caller) {
        const accountId = target(input, caller);
        const type = contactType(input);
        if (!contacts.get(accountId)?.delete(type)) throw notFound(type);
        return undefined;
      },
    },
  };
};
