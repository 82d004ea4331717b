/**
 * The one road every AWS request takes: at most `concurrency` in flight, spaced to the quota's
 * rate, retried with backoff when throttled, counted, and, when it fails for good, turned into a
 * problem that names the API call and the IAM permission it needs.
 */
import type { Clock } from './clock';
import { hasName } from './aws-errors';
import { createGate } from './pool';
import { CallError, problemFrom, type DiscoveryProblem } from './problems';
import type { Progress } from './progress';
import { createRateLimiter, unlimited, type RateLimiter } from './rate-limit';
import { withRetry, type RetryPolicy } from './retry';
import { QUOTA_OF, type Quota, type Service } from './services';

/** Any SDK v3 client: only `send` is used. */
export interface Sendable {
  send(...args: never[]): Promise<unknown>;
}

export interface CallerOptions {
  readonly clock: Clock;
  /** Requests in flight at once, across all services. */
  readonly concurrency: number;
  /** Requests per second per quota; a quota left out is not limited. */
  readonly rateLimits: Readonly<Partial<Record<Quota, number>>>;
  readonly retry: RetryPolicy;
  readonly random?: () => number;
  readonly progress: Progress;
}

/** What discovery could not read because a permission was missing, for the adoption report. */
export interface UnreadPart {
  /** The IAM action that was denied, e.g. account:GetAlternateContact. */
  readonly permission: string;
  /** What was not read, e.g. "alternate contacts". */
  readonly what: string;
  /** The inputs of the denied calls (`AlternateContactType=BILLING`), sorted. */
  readonly inputs: readonly string[];
}

export interface CallStats {
  calls: number;
  retries: number;
  /** Requests per IAM action (`sso:ListAccountAssignments` → 4000). */
  readonly byPermission: Map<string, number>;
}

export interface Caller {
  /** `client.send`, routed through the caller: same signature, so outputs stay typed. */
  bind<C extends Sendable>(service: Service, client: C): C['send'];
  /** Runs a read; a call failure it lets through is recorded as a problem and the result is undefined. */
  settle<T>(read: () => Promise<T>): Promise<T | undefined>;
  /**
   * Promise.all that waits for every call, so when several fail each is recorded (not only the
   * first): the first failure is rethrown for `settle` to record, the others are recorded here.
   */
  all<T extends readonly unknown[] | []>(calls: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }>;
  /**
   * A read nothing else depends on (alternate contacts, tags, access keys): denied, it is recorded
   * in `unread` with what was not read, and the result is undefined; any other failure passes through.
   */
  optional<T>(what: string, read: Promise<T>): Promise<T | undefined>;
  readonly problems: readonly DiscoveryProblem[];
  /** Optional reads that were denied, one per permission and what. */
  readonly unread: readonly UnreadPart[];
  readonly stats: CallStats;
}

/** `FooCommand` → `Foo`: SDK v3 command classes are named after the API operation. */
function operationOf(command: object): string {
  const name: unknown = Object.getPrototypeOf(command)?.constructor?.name;
  return typeof name === 'string' ? name.replace(/Command$/, '') : 'UnknownOperation';
}

function inputOf(command: object): unknown {
  return 'input' in command ? command.input : undefined;
}

export function createCaller(options: CallerOptions): Caller {
  const gate = createGate(options.concurrency);
  const limiters = new Map<Quota, RateLimiter>();
  const limiterFor = (quota: Quota): RateLimiter => {
    let limiter = limiters.get(quota);
    if (!limiter) {
      const rate = options.rateLimits[quota];
      limiter = rate === undefined ? unlimited : createRateLimiter(rate, options.clock);
      limiters.set(quota, limiter);
    }
    return limiter;
  };
  const problems: DiscoveryProblem[] = [];
  const unread: Array<{ permission: string; what: string; inputs: string[] }> = [];
  const stats: CallStats = { calls: 0, retries: 0, byPermission: new Map() };

  const run = (service: Service, command: object, send: () => Promise<unknown>): Promise<unknown> => {
    const operation = operationOf(command);
    const permission = `${service}:${operation}`;
    const limiter = limiterFor(QUOTA_OF[service]);
    return gate(async () => {
      try {
        return await withRetry(
          async () => {
            await limiter.take();
            stats.calls++;
            stats.byPermission.set(permission, (stats.byPermission.get(permission) ?? 0) + 1);
            options.progress.call();
            return await send();
          },
          options.retry,
          {
            clock: options.clock,
            random: options.random,
            onRetry: () => {
              stats.retries++;
              options.progress.retry();
            },
          },
        );
      } catch (error) {
        throw new CallError(problemFrom(error, service, operation, inputOf(command)), error);
      }
    });
  };

  return {
    bind(service, client) {
      // The wrapper takes whatever command the client takes and returns what the client returns;
      // TypeScript cannot express "same overloads" for a wrapper, hence the cast at this one place.
      const send = (command: object) => run(service, command, () => client.send(command as never));
      return send as unknown as typeof client.send;
    },
    async settle(read) {
      try {
        return await read();
      } catch (error) {
        if (!(error instanceof CallError)) throw error;
        problems.push(error.problem);
        return undefined;
      }
    },
    async all(calls) {
      const results = await Promise.allSettled(calls);
      const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
      if (failures.length === 0) {
        // Same order and types as the input, as Promise.all gives.
        return results.map((result) => (result.status === 'fulfilled' ? result.value : undefined)) as { -readonly [K in keyof typeof calls]: Awaited<(typeof calls)[K]> };
      }
      const unexpected = failures.find((failure) => !(failure instanceof CallError));
      if (unexpected !== undefined) throw unexpected;
      for (const failure of failures.slice(1)) if (failure instanceof CallError) problems.push(failure.problem);
      throw failures[0];
    },
    async optional(what, read) {
      try {
        return await read;
      } catch (error) {
        if (!(error instanceof CallError) || error.problem.kind !== 'access-denied') throw error;
        const { permission, input } = error.problem;
        let part = unread.find((candidate) => candidate.permission === permission && candidate.what === what);
        if (!part) unread.push((part = { permission, what, inputs: [] }));
        if (input && !part.inputs.includes(input)) part.inputs.push(input);
        part.inputs.sort();
        return undefined;
      }
    },
    problems,
    unread,
    stats,
  };
}

/**
 * For calls where a named error means "there is none" (GetAccountPasswordPolicy: NoSuchEntity):
 * that error becomes undefined, anything else passes through.
 */
export async function noneWhen<T>(call: Promise<T>, errorNames: readonly string[]): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof CallError && hasName(error.error, errorNames)) return undefined;
    throw error;
  }
}
