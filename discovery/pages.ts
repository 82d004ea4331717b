/**
 * NextToken pagination. Written out rather than the SDK's paginateX helpers so every page goes
 * through the caller (rate limit, retry, problem) like any other call.
 */
export interface Page {
  readonly NextToken?: string;
}

export async function allPages<P extends Page, T>(fetch: (nextToken: string | undefined) => Promise<P>, itemsOf: (page: P) => readonly T[] | undefined): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const page = await fetch(token);
    items.push(...(itemsOf(page) ?? []));
    token = page.NextToken || undefined;
    // A service handing back a token it already gave would loop forever; stop and say so.
    if (token !== undefined && seen.has(token)) throw new Error(`pagination repeated NextToken ${token}`);
    if (token !== undefined) seen.add(token);
  } while (token !== undefined);
  return items;
}
