/**
 * Reading a saved estate (the JSON `npm run discover -- --out` writes, or one written by hand) like
 * a config: a file that is not a regular UTF-8 file, not JSON, of the wrong shape, or inconsistent
 * (an OU parent cycle, two accounts with one ID, an account in an unknown OU) is refused with file,
 * line, path and a fix, every problem at once, before adoption writes anything.
 */
import { z } from 'zod';
import { capIssues, cutValue, type ConfigIssue, type LocatedIssue } from '../config/issues';
import { hasDuplicateKeys } from '../config/json-duplicate-keys';
import { locate } from '../config/locate';
import { readTextFile } from '../config/read-file';
import { shapeIssues } from '../config/shape-issues';
import { parseYamlText } from '../config/yaml-text';
import type { Estate } from './estate';

/** Largest estate read: discovery writes about 1 KiB per user, account or set, so ~50,000 of them. */
export const MAX_ESTATE_BYTES = 64 * 1024 * 1024;

const text = z.string();
const tags = z.record(z.string(), z.string());
const accountId = z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account ID');
const strings = z.array(z.string());
const externalIds = z.array(z.looseObject({ issuer: text, id: text })).optional();

/**
 * ID patterns as the Organizations API reference gives them (OU:
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_OrganizationalUnit.html; the
 * organization o-[a-z0-9]{10,32} and root r-[0-9a-z]{4,32} on API_Organization.html and API_Root.html).
 *
 * The parts adoption reads, typed; other fields (discovery's ARNs, later additions) are kept as
 * they are. Shapes: adopt/estate.ts.
 */
export const estateSchema = z.looseObject({
  discoveredAt: text.optional(),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, 'must be an AWS region such as eu-west-1'),
  organization: z.looseObject({
    id: z.string().regex(/^o-[a-z0-9]{10,32}$/, 'must be an organization ID such as o-a1b2c3d4e5'),
    featureSet: z.enum(['ALL', 'CONSOLIDATED_BILLING']),
    managementAccountId: accountId,
    rootId: z.string().regex(/^r-[0-9a-z]{4,32}$/, 'must be a root ID such as r-ab12'),
    servicePrincipals: strings,
    policyTypes: strings,
    organizationalUnits: z.array(z.looseObject({ id: z.string().regex(/^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/, 'must be an OU ID such as ou-ab12-cd34ef56'), name: text, parentId: text, tags })),
    accounts: z.array(z.looseObject({ id: accountId, name: text, email: text, parentId: text, status: text, state: text.optional(), tags })),
    serviceControlPolicies: z.array(z.looseObject({ id: text, name: text, description: text, awsManaged: z.boolean(), content: text, tags, targets: z.array(z.looseObject({ targetId: text, type: z.enum(['ROOT', 'ORGANIZATIONAL_UNIT', 'ACCOUNT']), name: text })) })).optional(),
    delegatedAdministrators: z.array(z.looseObject({ accountId, name: text, servicePrincipals: strings })).optional(),
    otherPolicies: z.array(z.looseObject({ type: text, id: text, name: text, awsManaged: z.boolean() })).optional(),
  }),
  identityCenter: z.looseObject({
    instanceArn: text,
    identityStoreId: text,
    permissionSets: z.array(z.looseObject({ arn: text, name: text, description: text.optional(), sessionDuration: text.optional(), relayState: text.optional(), tags, managedPolicyArns: strings, customerManagedPolicies: z.array(z.looseObject({ name: text, path: text })), inlinePolicy: text.optional() })),
    users: z.array(z.looseObject({ id: text, userName: text, displayName: text.optional(), email: text.optional(), externalIds })),
    groups: z.array(z.looseObject({ id: text, displayName: text, description: text.optional(), externalIds })),
    memberships: z.array(z.looseObject({ membershipId: text, groupId: text, userId: text })),
    assignments: z.array(z.looseObject({ permissionSetArn: text, accountId, principalType: z.enum(['USER', 'GROUP']), principalId: text })),
    accessControlAttributes: z.array(z.looseObject({ key: text, sources: strings })),
  }),
  iam: z
    .looseObject({
      accountAlias: text.optional(),
      organizationsFeatures: strings,
      groups: z.array(z.looseObject({ name: text, path: text, attachedPolicyArns: strings, inlinePolicyNames: strings })),
      users: z.array(z.looseObject({ name: text, path: text, tags, groups: strings, attachedPolicyArns: strings, inlinePolicyNames: strings, consoleAccess: z.boolean() })),
    })
    .optional(),
  account: z.looseObject({ alternateContacts: z.array(z.looseObject({ type: z.enum(['BILLING', 'OPERATIONS', 'SECURITY']) })) }).optional(),
  unread: z.array(z.looseObject({ permission: text, what: text, inputs: strings })).optional(),
});

type Parsed = z.output<typeof estateSchema>;

const quote = (value: string) => JSON.stringify(cutValue(value));

/** What the shape cannot say: unique IDs, parents that exist, no cycle among OUs. */
export function estateConsistencyIssues(estate: Parsed): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const { organization } = estate;
  const ous = new Map<string, number>();
  organization.organizationalUnits.forEach((ou, index) => {
    const first = ous.get(ou.id);
    if (first !== undefined) issues.push({ path: ['organization', 'organizationalUnits', index, 'id'], message: `OU ${quote(ou.id)} is listed twice (also organizationalUnits[${first}])`, fix: 'keep one entry per OU ID, or run npm run discover again' });
    else ous.set(ou.id, index);
  });
  const parentKnown = (id: string) => id === organization.rootId || ous.has(id);
  organization.organizationalUnits.forEach((ou, index) => {
    if (!parentKnown(ou.parentId)) issues.push({ path: ['organization', 'organizationalUnits', index, 'parentId'], message: `parent ${quote(ou.parentId)} of OU ${quote(ou.name)} is neither the root ${quote(organization.rootId)} nor an OU of this estate`, fix: 'use the root ID or the ID of an OU listed under organization.organizationalUnits' });
  });
  // A cycle: following parents from an OU comes back to it before reaching the root.
  const byId = new Map(organization.organizationalUnits.map((ou) => [ou.id, ou]));
  const reported = new Set<string>();
  organization.organizationalUnits.forEach((ou, index) => {
    const seen = new Set<string>([ou.id]);
    for (let parent = ou.parentId; byId.has(parent); parent = byId.get(parent)!.parentId) {
      if (parent === ou.id) {
        if (![...seen].some((id) => reported.has(id))) {
          issues.push({ path: ['organization', 'organizationalUnits', index, 'parentId'], message: `OU ${quote(ou.name)} is its own ancestor: its parents lead back to it (${[...seen].map(quote).join(' → ')} → ${quote(ou.id)})`, fix: 'every OU path must end at the root; set the parentId of one of these OUs to the root or another OU' });
          for (const id of seen) reported.add(id);
        }
        break;
      }
      if (seen.has(parent)) break;
      seen.add(parent);
    }
  });
  const accounts = new Map<string, number>();
  organization.accounts.forEach((account, index) => {
    const first = accounts.get(account.id);
    if (first !== undefined) issues.push({ path: ['organization', 'accounts', index, 'id'], message: `account ${account.id} is listed twice (also accounts[${first}])`, fix: 'keep one entry per account ID, or run npm run discover again' });
    else accounts.set(account.id, index);
    if (!parentKnown(account.parentId)) issues.push({ path: ['organization', 'accounts', index, 'parentId'], message: `parent ${quote(account.parentId)} of account ${quote(account.name)} is neither the root ${quote(organization.rootId)} nor an OU of this estate`, fix: 'use the root ID or the ID of an OU listed under organization.organizationalUnits' });
  });
  if (!accounts.has(organization.managementAccountId)) issues.push({ path: ['organization', 'managementAccountId'], message: `the management account ${organization.managementAccountId} is not among organization.accounts`, fix: 'add it to organization.accounts, or run npm run discover again' });
  return issues;
}

export type EstateResult = { readonly ok: true; readonly estate: Estate } | { readonly ok: false; readonly issues: LocatedIssue[] };

/** The estate in `path`, or every problem with it, located. */
export function readEstateFile(path: string): EstateResult {
  const read = readTextFile(path, 'estate file', MAX_ESTATE_BYTES);
  if (!read.ok) return { ok: false, issues: [{ file: path, line: read.missing ? 0 : (read.line ?? 1), column: read.missing ? 0 : 1, path: [], message: `the estate file ${path} ${read.problem}`, fix: read.fix }] };
  return parseEstateText(read.text, path);
}

export function parseEstateText(source: string, file: string): EstateResult {
  // Fast path: JSON.parse reads a large estate in milliseconds; the YAML reader (for positions) runs only when something is wrong.
  let fast: unknown;
  let isJson = true;
  try {
    fast = JSON.parse(source);
  } catch {
    isJson = false;
  }
  if (isJson) {
    const parsed = estateSchema.safeParse(fast);
    if (parsed.success && !hasDuplicateKeys(source) && estateConsistencyIssues(parsed.data).length === 0) return { ok: true, estate: parsed.data as unknown as Estate };
  }
  const fix = (found: LocatedIssue) => ({ ...found, fix: `${found.fix ?? 'correct it'}; or save the estate again with npm run discover -- --out ${file}` });
  const parsedText = parseYamlText(source, file, 'JSON');
  if (!parsedText.ok) {
    if (isJson) {
      // Valid JSON the located reader refuses (larger than it expands): report without positions.
      const parsed = estateSchema.safeParse(fast);
      const issues = parsed.success ? estateConsistencyIssues(parsed.data) : shapeIssues(estateSchema, parsed.error);
      if (issues.length > 0) return { ok: false, issues: capIssues(issues).map((found) => ({ ...found, file, line: 1, column: 1 })) };
    }
    return { ok: false, issues: parsedText.issues.map(fix) };
  }
  if (!isJson) return { ok: false, issues: [{ file, line: 1, column: 1, path: [], message: `the estate file ${file} is not JSON (it is YAML)`, fix: `save the estate as JSON with npm run discover -- --out ${file}` }] };
  const { doc, lineCounter } = parsedText;
  const located = (issues: ReadonlyArray<ConfigIssue>) => capIssues(issues).map((found) => ({ ...found, file, ...locate(doc, lineCounter, found.path, found.atKey) }));
  const parsed = estateSchema.safeParse(parsedText.value, { reportInput: true });
  if (!parsed.success) return { ok: false, issues: located(shapeIssues(estateSchema, parsed.error)) };
  const issues = estateConsistencyIssues(parsed.data);
  if (issues.length > 0) return { ok: false, issues: located(issues) };
  return { ok: true, estate: parsed.data as unknown as Estate };
}

