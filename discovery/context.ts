/** What every reader gets: the clients' `send`, routed through one caller, and the run's settings. */
import type { AccountClient } from '@aws-sdk/client-account';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { IdentitystoreClient } from '@aws-sdk/client-identitystore';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { SSOAdminClient } from '@aws-sdk/client-sso-admin';
import type { Caller } from './caller';
import type { DiscoveryClients } from './clients';
import type { Progress } from './progress';
import type { Tags } from './estate';
import { mapWithConcurrency } from './pool';

export interface ReadContext {
  readonly organizations: OrganizationsClient['send'];
  readonly sso: SSOAdminClient['send'];
  readonly identityStore: IdentitystoreClient['send'];
  readonly iam: IAMClient['send'];
  readonly account: AccountClient['send'];
  readonly caller: Caller;
  /** Items a fan-out works on at once (the caller bounds requests in flight separately). */
  readonly concurrency: number;
  readonly progress: Progress;
}

export function readContext(clients: DiscoveryClients, caller: Caller, concurrency: number, progress: Progress): ReadContext {
  return {
    organizations: caller.bind('organizations', clients.organizations),
    sso: caller.bind('sso', clients.ssoAdmin),
    identityStore: caller.bind('identitystore', clients.identityStore),
    iam: caller.bind('iam', clients.iam),
    account: caller.bind('account', clients.account),
    caller,
    concurrency,
    progress,
  };
}

/** AWS's `[{ Key, Value }]` → `{ key: value }`. */
export function tagsOf(tags: ReadonlyArray<{ readonly Key?: string; readonly Value?: string }> | undefined): Tags {
  return Object.fromEntries((tags ?? []).filter((tag) => tag.Key !== undefined).map((tag) => [tag.Key, tag.Value ?? '']));
}

/** Drops keys whose value is undefined, so the estate's JSON and a test's toEqual agree. */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Code-point order: the same on every machine, unlike localeCompare, whose order depends on the
 * ICU data Node was built with. Sorting only has to make the estate reproducible.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Reads each item of a fan-out under `settle`, so one failure is recorded and the others still run. */
export async function readEach<T, R>(ctx: ReadContext, phase: string, items: readonly T[], read: (item: T) => Promise<R>): Promise<R[]> {
  ctx.progress.begin(phase, items.length);
  const results = await mapWithConcurrency(items, ctx.concurrency, async (item) => {
    const result = await ctx.caller.settle(() => read(item));
    ctx.progress.advance(phase);
    return result;
  });
  ctx.progress.end(phase);
  return results.filter((result): result is Awaited<R> => result !== undefined);
}
