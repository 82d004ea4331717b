/**
 * What kind of failure an AWS SDK v3 error is. The services disagree on names (IAM says
 * `AccessDenied` and `Throttling`, the JSON services `AccessDeniedException` and
 * `ThrottlingException`, Organizations and Account `TooManyRequestsException`), so every check
 * looks at the name, then at the HTTP status.
 */

const ACCESS_DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'AccessDeniedForDependencyException', 'UnauthorizedOperation', 'UnauthorizedException']);
const THROTTLING = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded', 'ThrottledException', 'SlowDown', 'RequestThrottled', 'RequestThrottledException']);
const TRANSIENT = new Set(['InternalServerException', 'InternalFailure', 'ServiceFailureException', 'ServiceUnavailable', 'ServiceUnavailableException', 'ServiceException', 'RequestTimeout', 'RequestTimeoutException', 'TimeoutError']);
const CREDENTIALS = new Set(['CredentialsProviderError', 'ExpiredTokenException', 'ExpiredToken', 'UnrecognizedClientException', 'InvalidClientTokenId', 'InvalidSignatureException', 'SignatureDoesNotMatch', 'TokenRefreshRequired']);

export function errorName(error: unknown): string | undefined {
  if (error instanceof Error) return error.name;
  if (typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string') return error.name;
  return undefined;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

function httpStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('$metadata' in error)) return undefined;
  const metadata = error.$metadata;
  if (typeof metadata !== 'object' || metadata === null || !('httpStatusCode' in metadata)) return undefined;
  return typeof metadata.httpStatusCode === 'number' ? metadata.httpStatusCode : undefined;
}

/** The SDK marks errors it considers throttling with `$retryable: { throttling: true }`. */
function markedThrottling(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('$retryable' in error)) return false;
  const retryable = error.$retryable;
  return typeof retryable === 'object' && retryable !== null && 'throttling' in retryable && retryable.throttling === true;
}

export function isAccessDenied(error: unknown): boolean {
  const name = errorName(error);
  return (name !== undefined && ACCESS_DENIED.has(name)) || (httpStatus(error) === 403 && !isCredentialsProblem(error));
}

export function isThrottling(error: unknown): boolean {
  const name = errorName(error);
  return (name !== undefined && THROTTLING.has(name)) || markedThrottling(error) || httpStatus(error) === 429;
}

/** Server-side faults and timeouts: worth another attempt, like throttling. */
export function isTransient(error: unknown): boolean {
  const name = errorName(error);
  const status = httpStatus(error);
  return (name !== undefined && TRANSIENT.has(name)) || (status !== undefined && status >= 500);
}

export function isCredentialsProblem(error: unknown): boolean {
  const name = errorName(error);
  return name !== undefined && CREDENTIALS.has(name);
}

export function hasName(error: unknown, names: readonly string[]): boolean {
  const name = errorName(error);
  return name !== undefined && names.includes(name);
}
