/** Console names made safe for keys and file names: `Log Archive` → `log-archive`; empty when nothing is left. */
export function kebabName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** An AWS object adoption writes a key for: its AWS ID (stable) and the key it would like (from its name). */
export interface KeyRequest {
  readonly id: string;
  readonly preferred: string;
  /**
   * A readable suffix that tells this object from others of the same Terraform name, derived from the
   * object alone (`dot` for `ops.bot`): tried first on a collision, before the end of the ID.
   */
  readonly distinguisher?: string;
}

/**
 * Keys that stay distinct after they become Terraform names, for one kind of object. Deterministic
 * (the same estate always gives the same keys) and it never fails:
 * - a preferred key whose Terraform name nothing else shares is kept as it is;
 * - every object of a colliding group (`platform.admins`, `Platform Admins` → `platform_admins`) gets
 *   its key with the end of its AWS ID (`Platform Admins-0003`), longer if that still collides;
 * - every key is checked again against all the keys given out so far, so a suffixed key can never
 *   land on another object's key (an account named `Sandbox-0005`), and none is dropped.
 * `reserved` are keys given out before (the `management` account key).
 */
export function uniqueKeys(requests: readonly KeyRequest[], terraformName: (key: string) => string, reserved: Iterable<string> = []): Map<string, string> {
  const keys = new Map<string, string>();
  const taken = new Set([...reserved].map(terraformName));
  const wanted = new Map<string, number>();
  for (const request of requests) wanted.set(terraformName(request.preferred), (wanted.get(terraformName(request.preferred)) ?? 0) + 1);
  const sorted = [...requests].sort((a, b) => compare(a.preferred, b.preferred) || compare(a.id, b.id));
  const colliding: KeyRequest[] = [];
  for (const request of sorted) {
    const name = terraformName(request.preferred);
    if (wanted.get(name) === 1 && !taken.has(name)) {
      keys.set(request.id, request.preferred);
      taken.add(name);
    } else {
      colliding.push(request);
    }
  }
  for (const request of colliding) {
    for (const key of candidatesOf(request)) {
      if (taken.has(terraformName(key))) continue;
      keys.set(request.id, key);
      taken.add(terraformName(key));
      break;
    }
  }
  return keys;
}

/** `Sandbox-0005`, `Sandbox-00000005`, `Sandbox-300000000005`, then numbered: an endless list, so a free key is always found. */
function* candidatesOf(request: KeyRequest): Generator<string> {
  if (request.distinguisher) yield `${request.preferred}-${request.distinguisher}`;
  const id = request.id.toLowerCase().replace(/[^a-z0-9]/g, '') || 'x';
  for (const length of [4, 8]) if (length < id.length) yield `${request.preferred}-${id.slice(-length)}`;
  yield `${request.preferred}-${id}`;
  for (let n = 2; ; n++) yield `${request.preferred}-${id}-${n}`;
}

/** Code-point order: the same on every machine (localeCompare depends on Node's ICU data). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What addressName folds into `_` in an IAM name (`[\w+=,.@-]`, case-insensitively unique), spelled out. */
const IAM_PUNCTUATION: Readonly<Record<string, string>> = { '.': 'dot', '_': 'underscore', '+': 'plus', '=': 'equals', ',': 'comma' };

/**
 * `ops.bot` → `dot`, `ops_bot` → `underscore`, `a+b.c` → `plus-dot`: the punctuation an IAM name has
 * where its Terraform name has `_`, in order. Two IAM names with one Terraform name differ exactly
 * there (IAM names do not differ by case alone), so this tells them apart from the name itself:
 * the same for an IAM user or group whatever else the account holds.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateUser.html (UserName: [\w+=,.@-]+).
 */
export function iamNameDistinguisher(name: string): string {
  return [...name].map((character) => IAM_PUNCTUATION[character]).filter((word) => word !== undefined).join('-') || 'plain';
}
