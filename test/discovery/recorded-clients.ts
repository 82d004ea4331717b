/**
 * Clients mocked with aws-sdk-client-mock that answer from a recording: a JSON file of SDK
 * responses keyed by service and operation, each with the full input of the call it answers.
 * A call nobody recorded fails loudly with its input, so a test cannot pass on a missing answer.
 */
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import * as account from '@aws-sdk/client-account';
import * as iam from '@aws-sdk/client-iam';
import * as identitystore from '@aws-sdk/client-identitystore';
import * as organizations from '@aws-sdk/client-organizations';
import * as sso from '@aws-sdk/client-sso-admin';
import { mockClient } from 'aws-sdk-client-mock';
import type { DiscoveryClients } from '../../discovery/clients';
import { DISCOVERY_PERMISSIONS } from '../../discovery/permissions';
import type { Service } from '../../discovery/services';

export interface RecordedError {
  readonly name: string;
  readonly message: string;
  /** HTTP status, for errors the SDK models without a class (IAM's AccessDenied is a 403). */
  readonly status?: number;
}

export interface RecordedCall {
  readonly input?: Readonly<Record<string, unknown>>;
  readonly output?: Readonly<Record<string, unknown>>;
  readonly error?: RecordedError;
}

export interface Recording {
  readonly region: string;
  readonly responses: Readonly<Record<Service, Readonly<Record<string, readonly RecordedCall[]>>>>;
}

export interface MadeCall {
  readonly service: Service;
  readonly operation: string;
  readonly input: Readonly<Record<string, unknown>>;
}

/** Decides a call instead of the recording: return undefined to let the recording answer. */
export type Intercept = (call: MadeCall, nthCall: number) => RecordedCall | undefined;

/** SDK responses carry Dates; JSON carries strings. These fields are Dates in the SDK's types. */
const DATE_FIELDS = new Set(['JoinedTimestamp', 'CreatedDate', 'DateEnabled', 'CreatedAt', 'UpdatedAt', 'CreateDate', 'PasswordLastUsed', 'EnableDate', 'DelegationEnabledDate']);

export function loadRecording(path: string): Recording {
  return JSON.parse(readFileSync(path, 'utf8'), (key, value) => (DATE_FIELDS.has(key) && typeof value === 'string' ? new Date(value) : value));
}

const NAMESPACES: Readonly<Record<Service, Readonly<Record<string, unknown>>>> = { organizations, sso, identitystore, iam, account };

function definedEntries(input: unknown): Record<string, unknown> {
  if (typeof input !== 'object' || input === null) return {};
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
}

/** The error a real client would throw: the service's exception class when it has one. */
export function awsError(service: Service, recorded: RecordedError): Error {
  const modeled = NAMESPACES[service][recorded.name];
  if (typeof modeled === 'function') {
    const ExceptionClass = modeled as new (options: { message: string; $metadata: object }) => Error;
    return new ExceptionClass({ message: recorded.message, $metadata: { httpStatusCode: recorded.status } });
  }
  return Object.assign(new Error(recorded.message), { name: recorded.name, $metadata: { httpStatusCode: recorded.status } });
}

/** The part of client-mock's stub used here, the same for every client. */
interface CommandStub {
  on(command: never): { callsFake(fake: (input: unknown) => unknown): unknown };
}

export function recordedClients(recording: Recording, intercept?: Intercept): { readonly clients: DiscoveryClients; readonly calls: MadeCall[] } {
  const clients: DiscoveryClients = {
    organizations: new organizations.OrganizationsClient({ region: recording.region }),
    ssoAdmin: new sso.SSOAdminClient({ region: recording.region }),
    identityStore: new identitystore.IdentitystoreClient({ region: recording.region }),
    iam: new iam.IAMClient({ region: recording.region }),
    account: new account.AccountClient({ region: recording.region }),
  };
  const mocks: Record<Service, CommandStub> = {
    organizations: mockClient(clients.organizations),
    sso: mockClient(clients.ssoAdmin),
    identitystore: mockClient(clients.identityStore),
    iam: mockClient(clients.iam),
    account: mockClient(clients.account),
  };
  const calls: MadeCall[] = [];
  const counts = new Map<string, number>();

  const answer = (service: Service, operation: string, rawInput: unknown) => {
    const call: MadeCall = { service, operation, input: definedEntries(rawInput) };
    calls.push(call);
    const key = `${service}:${operation}`;
    const nth = (counts.get(key) ?? 0) + 1;
    counts.set(key, nth);
    const recorded =
      intercept?.(call, nth) ?? (recording.responses[service]?.[operation] ?? []).find((entry) => isDeepStrictEqual(definedEntries(entry.input), call.input));
    if (!recorded) throw new Error(`no recorded response for ${key} ${JSON.stringify(call.input)}`);
    if (recorded.error) throw awsError(service, recorded.error);
    return structuredClone(recorded.output ?? {});
  };

  // Every operation discovery may call gets a fake, so none can slip through to the network.
  for (const permission of DISCOVERY_PERMISSIONS) {
    const [service, operation] = permission.split(':') as [Service, string];
    const command = NAMESPACES[service][`${operation}Command`];
    if (typeof command !== 'function') throw new Error(`@aws-sdk has no ${operation}Command for ${service}`);
    // client-mock types `on` per client; the command class is looked up by name, so its type is unknown here.
    mocks[service].on(command as never).callsFake((input: unknown) => answer(service, operation, input));
  }
  return { clients, calls };
}

export const GUIDES_RECORDING = `${__dirname}/../fixtures/estates/guides-sdk-responses.json`;
