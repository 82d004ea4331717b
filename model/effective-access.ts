/**
 * What a set of IAM policies lets a principal do, per service and access level, in plain words:
 * "full admin", "everything but IAM, Organizations and Account write", "list/read only (40 services)".
 * The access levels are AWS's own per action (List, Read, Tagging, Write, Permissions management: the
 * Service Authorization Reference, through lib/iam-data.ts). Evaluation follows IAM's order for
 * identity policies: allowed by a policy, within the permissions boundary, not denied
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
 *
 * What it does not weigh, and says so in `caveats`: Resource scoping and Conditions of an Allow
 * (an Allow counts as granting the action), and Deny statements with a Condition (listed, not applied).
 */
import type { PolicyDocument, PolicyStatement } from '../config/policy-document';
import { actionsOf, globMatch } from '../lib/iam-data';
import { lookupTable } from '../lib/lookup-table';

export const ACCESS_LEVELS = ['List', 'Read', 'Tagging', 'Write', 'Permissions management'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** Per level of one service: every action of that level granted, or only some. */
export type LevelCoverage = Partial<Record<AccessLevel, 'all' | 'some'>>;

export interface ServiceAccess {
  /** The service prefix, `iam`. */
  readonly service: string;
  readonly levels: LevelCoverage;
  /** The Write and Permissions management actions granted, when only a few of them are (at most 5; `iam:ListRoles`). */
  readonly writeActions?: readonly string[];
  /** The actions not granted, when only a few are (at most 5; `organizations:LeaveOrganization` under an SCP that denies it). */
  readonly withheldActions?: readonly string[];
}

export interface EffectiveAccess {
  /** The plain-words reading: `full admin`, `everything but IAM and Organizations write`, `list/read only (12 services)`, `no access`. */
  readonly summary: string;
  /** Every action on every resource, nothing taken away. */
  readonly fullAdmin: boolean;
  /** Any IAM action of level Write or Permissions management. */
  readonly iamWrite: boolean;
  /** Every action of every service the policies do not name is granted (an Allow of `*` or a NotAction). */
  readonly otherServices: boolean;
  /** The services the policies name, with what is granted in each (services with nothing granted left out). */
  readonly services: readonly ServiceAccess[];
  /** What the reading leaves out (unreadable policies, conditional denies, scoped resources). */
  readonly caveats: readonly string[];
}

export interface PolicyInput {
  /** For caveats: `AdministratorAccess`, `inline policy`. */
  readonly name: string;
  /** Undefined when the document is not known here (an existing permission set, a policy not vendored). */
  readonly document?: PolicyDocument;
}

export interface AccessInputs {
  readonly allow: readonly PolicyInput[];
  /** The permissions boundary: absent means none. */
  readonly boundary?: PolicyInput;
  /** Denies on top (an SCP's statements); the allow policies' own Deny statements apply too. */
  readonly deny?: readonly PolicyInput[];
}

const SERVICE_WORDS: Readonly<Record<string, string>> = lookupTable({ iam: 'IAM', organizations: 'Organizations', account: 'Account', sts: 'STS', sso: 'SSO', kms: 'KMS', s3: 'S3', ec2: 'EC2' });

/** `iam` → `IAM`, `organizations` → `Organizations`. */
export function serviceWord(service: string): string {
  return SERVICE_WORDS[service] ?? service.charAt(0).toUpperCase() + service.slice(1);
}

/** `list, read, write (some)`: the access levels granted in one service, in AWS's order. */
export function levelWords(levels: LevelCoverage): string {
  return ACCESS_LEVELS.filter((level) => levels[level] !== undefined)
    .map((level) => `${level.toLowerCase()}${levels[level] === 'some' ? ' (some)' : ''}`)
    .join(', ');
}

/**
 * What differs, service by service, between two readings: `IAM (iam): list, read → list, read, write`.
 * A service granted on one side only reads `nothing` on the other; `every other service` when a
 * reading grants every action of the services its policies do not name (an Allow of `*`).
 */
export function serviceDifferences(before: EffectiveAccess, after: EffectiveAccess): string[] {
  const words = (access: EffectiveAccess) => new Map(access.services.map((service) => [service.service, levelWords(service.levels)]));
  const old = words(before);
  const now = words(after);
  const differences: string[] = [];
  if (before.otherServices !== after.otherServices) differences.push(`every other service: ${before.otherServices ? 'every action' : 'nothing'} → ${after.otherServices ? 'every action' : 'nothing'}`);
  for (const service of [...new Set([...old.keys(), ...now.keys()])].sort(byServiceOrder)) {
    const was = old.get(service) ?? (before.otherServices ? 'every action' : 'nothing');
    const is = now.get(service) ?? (after.otherServices ? 'every action' : 'nothing');
    if (was !== is) differences.push(`${serviceWord(service)} (${service}): ${was} → ${is}`);
  }
  return differences;
}

/** IAM and Organizations first (the readings name them first), then alphabetical. */
const FIRST = ['iam', 'organizations'];
function byServiceOrder(a: string, b: string): number {
  const rank = (service: string): number => (FIRST.includes(service) ? FIRST.indexOf(service) : FIRST.length);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/**
 * A statement's Action or NotAction patterns, by the service they name (lower case), with the
 * patterns whose service part has a wildcard (`*`, `s3*:Get*`) kept apart: an action is matched only
 * against its own service's patterns, so ReadOnlyAccess's 1,500 patterns cost one lookup per action.
 */
interface ActionIndex {
  readonly not: boolean;
  readonly byService: ReadonlyMap<string, readonly string[]>;
  readonly wild: readonly string[];
}

const indexes = new WeakMap<PolicyStatement, ActionIndex | null>();

function indexOf(statement: PolicyStatement): ActionIndex | null {
  let index = indexes.get(statement);
  if (index === undefined) {
    const patterns = statement.Action !== undefined ? list(statement.Action) : statement.NotAction !== undefined ? list(statement.NotAction) : undefined;
    if (patterns === undefined) index = null;
    else {
      const byService = new Map<string, string[]>();
      const wild: string[] = [];
      for (const pattern of patterns) {
        const lower = pattern.toLowerCase();
        const colon = lower.indexOf(':');
        const service = colon > 0 ? lower.slice(0, colon) : '';
        if (service === '' || service.includes('*') || service.includes('?')) wild.push(lower);
        else byService.set(service, [...(byService.get(service) ?? []), lower]);
      }
      index = { not: statement.Action === undefined, byService, wild };
    }
    indexes.set(statement, index);
  }
  return index;
}

/** Whether a statement's Action/NotAction covers an action, `service:Name` in lower case (Resource and Condition aside). */
function coversAction(statement: PolicyStatement, action: string, service: string): boolean {
  const index = indexOf(statement);
  if (index === null) return false;
  const matched = (index.byService.get(service) ?? []).some((pattern) => globMatch(pattern, action)) || index.wild.some((pattern) => globMatch(pattern, action));
  return index.not ? !matched : matched;
}

/** Whether a statement covers every action of a service it does not name (`*`, or a NotAction not naming it). */
function coversUnnamedServices(statement: PolicyStatement): boolean {
  if (statement.Action !== undefined) return list(statement.Action).includes('*');
  return statement.NotAction !== undefined && !list(statement.NotAction).some((pattern) => pattern === '*' || pattern.startsWith('*'));
}

/** The service prefixes a statement names (`iam` from `iam:Get*`); `*` names none. */
function servicesNamed(statement: PolicyStatement): string[] {
  return [...list(statement.Action), ...list(statement.NotAction)].flatMap((pattern) => {
    const colon = pattern.indexOf(':');
    return colon > 0 && !pattern.slice(0, colon).includes('*') ? [pattern.slice(0, colon).toLowerCase()] : [];
  });
}

const unconditional = (statement: PolicyStatement): boolean => statement.Condition === undefined || Object.keys(statement.Condition).length === 0;
const allResources = (statement: PolicyStatement): boolean => statement.NotResource === undefined && list(statement.Resource).every((resource) => resource === '*');

/** The effective access of one principal's policies. */
export function effectiveAccess(inputs: AccessInputs): EffectiveAccess {
  const caveats: string[] = [];
  const statementsOf = (policies: readonly PolicyInput[]): PolicyStatement[] =>
    policies.flatMap((policy) => {
      if (!policy.document) {
        caveats.push(`${policy.name}: document not known here, not counted`);
        return [];
      }
      return policy.document.Statement;
    });
  const allowDocs = statementsOf(inputs.allow);
  const allows = allowDocs.filter((statement) => statement.Effect === 'Allow');
  const boundaryStatements = inputs.boundary ? statementsOf([inputs.boundary]) : undefined;
  const boundary = boundaryStatements?.filter((statement) => statement.Effect === 'Allow');
  const allDenies = [...allowDocs, ...statementsOf(inputs.deny ?? []), ...(boundaryStatements ?? [])].filter((statement) => statement.Effect === 'Deny');
  const denies = allDenies.filter(unconditional);
  if (allDenies.length > denies.length) caveats.push(`${allDenies.length - denies.length} Deny statement(s) with a Condition not applied`);
  if (allows.some((statement) => !allResources(statement) || !unconditional(statement))) caveats.push('some Allow statements are scoped by Resource or Condition: counted as granted');

  const allowed = (action: string, service: string): boolean =>
    allows.some((statement) => coversAction(statement, action, service)) &&
    (boundary === undefined || boundary.some((statement) => coversAction(statement, action, service))) &&
    !denies.some((statement) => coversAction(statement, action, service));

  const named = new Set([...allows, ...(boundary ?? []), ...denies].flatMap(servicesNamed));
  const otherServices =
    allows.some(coversUnnamedServices) &&
    (boundary === undefined || boundary.some(coversUnnamedServices)) &&
    !denies.some(coversUnnamedServices);

  const services: ServiceAccess[] = [];
  /** Named services with nothing granted (denied, or outside the boundary). */
  const withheld: string[] = [];
  for (const service of [...named].sort(byServiceOrder)) {
    const actions = actionsOf(service);
    if (actions.length === 0) continue;
    const granted = new Map<AccessLevel, { all: boolean; some: boolean }>();
    const writeActions: string[] = [];
    const withheldActions: string[] = [];
    for (const action of actions) {
      const level = action.accessLevel as AccessLevel;
      const entry = granted.get(level) ?? { all: true, some: false };
      if (allowed(action.name.toLowerCase(), service)) {
        entry.some = true;
        if (level === 'Write' || level === 'Permissions management') writeActions.push(action.name);
      } else {
        entry.all = false;
        withheldActions.push(action.name);
      }
      granted.set(level, entry);
    }
    const levels: LevelCoverage = {};
    for (const level of ACCESS_LEVELS) {
      const entry = granted.get(level);
      if (entry?.some) levels[level] = entry.all ? 'all' : 'some';
    }
    if (Object.keys(levels).length === 0) withheld.push(service);
    else services.push({ service, levels, ...(writeActions.length > 0 && writeActions.length <= 5 ? { writeActions } : {}), ...(withheldActions.length > 0 && withheldActions.length <= 5 ? { withheldActions } : {}) });
  }

  const fullAdmin =
    allows.some((statement) => list(statement.Action).includes('*') && allResources(statement) && unconditional(statement)) &&
    (boundary === undefined || boundary.some((statement) => list(statement.Action).includes('*') && allResources(statement) && unconditional(statement))) &&
    denies.length === 0;
  const iamWrite = fullAdmin || services.some((entry) => entry.service === 'iam' && (entry.levels.Write !== undefined || entry.levels['Permissions management'] !== undefined));
  return { summary: summaryOf(fullAdmin, otherServices, services, withheld), fullAdmin, iamWrite, otherServices, services, caveats };
}

const writes = (levels: LevelCoverage): boolean => levels.Write !== undefined || levels['Permissions management'] !== undefined;
const fullService = (levels: LevelCoverage): boolean => ACCESS_LEVELS.every((level) => levels[level] === 'all');

function words(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function summaryOf(fullAdmin: boolean, otherServices: boolean, services: readonly ServiceAccess[], withheld: readonly string[]): string {
  if (fullAdmin) return 'full admin';
  if (otherServices) {
    // Every service not named is wholly granted: say which named ones are not (wholly, or their writes).
    const partial = services.filter((entry) => !fullService(entry.levels));
    if (partial.length === 0 && withheld.length === 0) return 'every action of every service (resource- or condition-scoped)';
    // Per named service: withheld wholly (`IAM`), its writes bar a few (`IAM write`), a few actions by name, or parts of it.
    const none = withheld.map(serviceWord);
    const few = partial.filter((entry) => entry.withheldActions !== undefined);
    const writesWithheld = partial.filter((entry) => entry.withheldActions === undefined && (entry.writeActions !== undefined || !writes(entry.levels)));
    const rest = partial.filter((entry) => !few.includes(entry) && !writesWithheld.includes(entry));
    const items = [
      ...none,
      ...(writesWithheld.length > 0 ? [`${words(writesWithheld.map((entry) => serviceWord(entry.service)))} write`] : []),
      ...few.flatMap((entry) => entry.withheldActions!),
      ...(rest.length > 0 ? [`parts of ${words(rest.map((entry) => serviceWord(entry.service)))}`] : []),
    ];
    return `everything but ${words(items)}`;
  }
  if (services.length === 0) return 'no access';
  const withWrite = services.filter((entry) => writes(entry.levels));
  const iam = services.find((entry) => entry.service === 'iam');
  const tagging = services.some((entry) => entry.levels.Tagging !== undefined);
  const readOnly = `${tagging ? 'list/read/tagging' : 'list/read'} only (${services.length} ${services.length === 1 ? 'service' : 'services'})`;
  if (withWrite.length === 0) return readOnly;
  // A read-only policy whose pattern (`iot:List*`) takes in an action AWS classes Write (iot:ListSubscriptions) reads as read-only with that exception named.
  const fewWrites = withWrite.flatMap((entry) => entry.writeActions ?? ['many']);
  if (!(iam && writes(iam.levels)) && fewWrites.length <= 5 && !fewWrites.includes('many')) return `${readOnly}, except ${words(fewWrites)} (AWS classes ${fewWrites.length === 1 ? 'it' : 'them'} Write)`;
  const parts = [`write in ${words(withWrite.slice(0, 5).map((entry) => serviceWord(entry.service)))}${withWrite.length > 5 ? ` and ${withWrite.length - 5} more` : ''}`];
  if (iam && writes(iam.levels)) {
    parts.unshift('IAM write');
    if (withWrite.length === 1) parts.splice(1, 1);
  }
  const others = services.length - withWrite.length;
  if (others > 0) parts.push(`list/read in ${others} more`);
  return parts.join('; ');
}
