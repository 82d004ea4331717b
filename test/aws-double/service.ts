/**
 * The contract between the AWS double's HTTP server (server.ts) and its services (services/*.ts).
 *
 * The double is test infrastructure: a loopback HTTP server, one process for every service, state in
 * memory, answering the operations the hashicorp/aws provider and the project's discovery make, in
 * AWS's wire protocols. A service module knows nothing of HTTP: it gets the decoded input of one
 * operation and returns the output object (or throws an AwsServiceError); the server decodes and
 * encodes per protocol:
 * - `json`: AWS JSON 1.1, `X-Amz-Target: <targetPrefix>.<Operation>`, body and output as JSON,
 *   errors `{"__type": code, "message": …}` with the error's HTTP status;
 * - `rest-json`: restJson1, operation chosen by method + path (the Account API:
 *   `POST /putAlternateContact`), body and output as JSON, errors with `x-amzn-ErrorType`;
 * - `query`: `Action=<Operation>&Version=…` form bodies, input flattened (`Foo.member.1`), output as XML
 *   `<OperationResponse><OperationResult>…</OperationResult><ResponseMetadata>…` (IAM, STS).
 *   A query handler returns a plain object; `xmlLists` names the output fields that are lists so the
 *   encoder writes `<member>` items.
 */

/** Who calls: the account and principal behind the request's access key (see accounts.ts). */
export interface CallerContext {
  readonly accountId: string;
  /** The principal's ARN as GetCallerIdentity returns it. */
  readonly arn: string;
  readonly region: string;
  /** A fresh id per request, for `RequestId` fields and headers. */
  readonly requestId: string;
}

export type OperationHandler = (input: Record<string, unknown>, caller: CallerContext) => unknown;

export interface ServiceDouble {
  /** The SigV4 signing name (`organizations`, `sso`, `identitystore`, `iam`, `sts`, `account`, `config`). */
  readonly signingName: string;
  readonly protocol: 'json' | 'rest-json' | 'query';
  /** json: the X-Amz-Target prefix (`AWSOrganizationsV20161128`). */
  readonly targetPrefix?: string;
  /** query: the API version the form body carries (`2010-05-08` for IAM). */
  readonly apiVersion?: string;
  /** rest-json: `METHOD /path` → operation name. */
  readonly routes?: Readonly<Record<string, string>>;
  /** query: output fields (at any depth) that are lists, written as `<Field><member>…</member></Field>`. */
  readonly xmlLists?: ReadonlySet<string>;
  readonly operations: Readonly<Record<string, OperationHandler>>;
}

/**
 * An error in AWS's shape: `code` is the exception name AWS returns (`ResourceNotFoundException`,
 * `NoSuchEntity`, `ConflictException`), `status` its HTTP status. The provider branches on codes, so a
 * service raises exactly the code the API reference lists for the situation.
 */
export class AwsServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = code;
  }
}

/**
 * Pagination as AWS does it: `NextToken` (or IAM's `Marker`) is opaque; the double uses the index of
 * the next item. `max` defaults to the page size the API reference gives for the operation.
 */
export function page<T>(items: readonly T[], token: unknown, max: unknown, defaultMax: number): { items: T[]; next?: string } {
  const start = typeof token === 'string' && token !== '' ? Number.parseInt(token, 10) : 0;
  if (!Number.isInteger(start) || start < 0 || start > items.length) throw new AwsServiceError('InvalidNextTokenException', 'The specified token is invalid.');
  const size = typeof max === 'number' && max > 0 ? max : defaultMax;
  const slice = items.slice(start, start + size);
  const nextIndex = start + slice.length;
  return nextIndex < items.length ? { items: slice, next: String(nextIndex) } : { items: slice };
}
