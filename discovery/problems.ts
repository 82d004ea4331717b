/**
 * Problems a person can act on. A denied call names the API call and the IAM permission it
 * needs; problems are collected across the whole run and reported together, never as a stack trace.
 */
import { errorMessage, errorName, isAccessDenied, isCredentialsProblem } from './aws-errors';
import type { CallStats } from './caller';
import { SERVICE_NAMES, type Service } from './services';

export interface DiscoveryProblem {
  /**
   * access-denied: add `permission`; credentials: fix the profile or session; finding: the call
   * worked but what it found needs a decision (e.g. no Identity Center instance); failed: anything else.
   */
  readonly kind: 'access-denied' | 'credentials' | 'finding' | 'failed';
  readonly service: Service;
  /** The API operation, e.g. ListAccountAssignments. */
  readonly operation: string;
  /** The IAM action the call needs, e.g. sso:ListAccountAssignments. */
  readonly permission: string;
  /** What AWS said. */
  readonly message: string;
  /** The call's identifying input, e.g. `AccountId=111122223333, PermissionSetArn=…`. */
  readonly input: string;
}

/** A call that failed for good (after retries): carries the problem it becomes if nobody expects it. */
export class CallError extends Error {
  constructor(readonly problem: DiscoveryProblem, readonly error: unknown) {
    super(`${problem.permission}: ${problem.message}`);
    this.name = 'CallError';
  }
}

/** Input fields that say which object a call was about; paging and instance fields say nothing. */
const IGNORED_INPUT = new Set(['NextToken', 'Marker', 'MaxResults', 'MaxItems', 'InstanceArn', 'IdentityStoreId']);

export function describeInput(input: unknown): string {
  if (typeof input !== 'object' || input === null) return '';
  return Object.entries(input)
    .filter(([key, value]) => !IGNORED_INPUT.has(key) && (typeof value === 'string' || typeof value === 'number'))
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(', ');
}

export function problemFrom(error: unknown, service: Service, operation: string, input: unknown): DiscoveryProblem {
  const kind = isCredentialsProblem(error) ? 'credentials' : isAccessDenied(error) ? 'access-denied' : 'failed';
  const name = errorName(error);
  return {
    kind,
    service,
    operation,
    permission: `${service}:${operation}`,
    message: name !== undefined && name !== 'Error' ? `${name}: ${errorMessage(error)}` : errorMessage(error),
    input: describeInput(input),
  };
}

/** One line per distinct problem: 4,000 denied assignment calls are one missing permission. */
export function formatProblems(problems: readonly DiscoveryProblem[]): string[] {
  const groups = new Map<string, { readonly first: DiscoveryProblem; count: number }>();
  for (const problem of problems) {
    const key = `${problem.kind}|${problem.permission}|${problem.kind === 'failed' || problem.kind === 'finding' ? problem.message : ''}`;
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { first: problem, count: 1 });
  }
  return [...groups.values()].map(({ first, count }) => {
    const where = `${SERVICE_NAMES[first.service]} ${first.operation}`;
    const calls = count > 1 ? `${count} calls, e.g. ${first.input || 'no input'}` : first.input || 'no input';
    switch (first.kind) {
      case 'access-denied':
        return `Access denied: ${first.permission} is missing (${where}; ${calls}). Grant ${first.permission} to the identity discovery runs as.`;
      case 'credentials':
        return `No usable AWS credentials for ${where}: ${first.message}. Pass --profile, set AWS_PROFILE, or refresh the session (aws sso login).`;
      case 'finding':
        return first.message;
      case 'failed':
        return `${where} failed (${calls}): ${first.message}`;
    }
  });
}

/** Thrown by discoverEstate when anything could not be read: an incomplete estate must not be adopted. */
export class DiscoveryFailed extends Error {
  /** @param stats the calls made before giving up, for reports and the benchmark */
  constructor(readonly problems: readonly DiscoveryProblem[], readonly stats?: CallStats) {
    const lines = formatProblems(problems);
    super(`Discovery could not read the whole estate (${lines.length} ${lines.length === 1 ? 'problem' : 'problems'}):\n${lines.map((line) => `  - ${line}`).join('\n')}`);
    this.name = 'DiscoveryFailed';
  }
}
