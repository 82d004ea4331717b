/**
 * The import map: `environments/<env>.imports.json`, written by discovery beside the environment
 * file. For every resource that already exists in AWS it gives the ID the Terraform AWS provider
 * documents for importing that type, and what discovery saw of it, so synth can emit `import`
 * blocks and say, before any plan, what the first apply would change.
 */
import { z } from 'zod';
import { didYouMean } from './did-you-mean';
import { capIssues, cutValue, type LocatedIssue } from './issues';
import { locate } from './locate';
import { MAX_IMPORT_MAP_BYTES, readTextFile } from './read-file';
import { shapeIssues } from './shape-issues';
import { hasDuplicateKeys } from './json-duplicate-keys';
import { parseYamlText } from './yaml-text';
import { SHARD_NAME } from './shard-map';

const entrySchema = z.strictObject({
  /** The import ID, in the format the provider documents for this resource type. */
  id: z.string().min(1),
  /** Arguments as AWS has them, keyed by Terraform argument name: compared with what synth sets. */
  observed: z.record(z.string(), z.unknown()).default({}),
  /** Computed attributes (e.g. group_id) other resources' references resolve to. */
  known: z.record(z.string(), z.string()).default({}),
});

export const importMapSchema = z.strictObject({
  version: z.literal(1),
  /** Stack name → Terraform address (`aws_ssoadmin_permission_set.admin`) → entry. */
  stacks: z.record(z.string(), z.record(z.string().regex(/^[a-z0-9_]+\.[A-Za-z0-9_-]+$/, 'must be a resource address such as aws_ssoadmin_permission_set.admin'), entrySchema)),
  /**
   * Stack name → data source address (`data.aws_identitystore_group.okta`) → attribute → what AWS
   * has for it: the IDs lookups of existing objects resolve to, so the zero-diff check can compare
   * the arguments that reference them.
   */
  lookups: z.record(z.string(), z.record(z.string().regex(/^data\.[a-z0-9_]+\.[A-Za-z0-9_-]+$/, 'must be a data source address such as data.aws_identitystore_group.okta'), z.record(z.string(), z.string()))).optional(),
});

export type ImportMap = z.output<typeof importMapSchema>;
export type ImportEntry = z.output<typeof entrySchema>;

export function importMapPath(environmentFile: string): string {
  return environmentFile.replace(/\.ya?ml$/, '.imports.json');
}

export type ImportMapResult = { readonly ok: true; readonly map?: ImportMap } | { readonly ok: false; readonly issues: LocatedIssue[] };

/** Reads the import map beside an environment file, if there is one. */
export function loadImportMap(path: string, displayPath = path, environment?: string): ImportMapResult {
  const read = readTextFile(path, 'import map', MAX_IMPORT_MAP_BYTES);
  if (!read.ok && read.missing) return { ok: true };
  if (!read.ok) return { ok: false, issues: [{ file: displayPath, line: read.line ?? 1, column: 1, path: [], message: `the import map ${displayPath} ${read.problem}`, fix: read.fix }] };
  return parseImportMapText(read.text, displayPath, environment);
}

function validJson(text: string): ImportMap | undefined {
  try {
    const parsed = importMapSchema.safeParse(JSON.parse(text));
    return parsed.success && !hasDuplicateKeys(text) ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The import map in `text` (JSON), checked against the schema with file:line positions. */
/** The stacks an environment can have; an entry for any other stack would be silently ignored. */
export const stackNamesOf = (environment: string) => [`${environment}-organization`, `${environment}-identity-center`, `${environment}-baseline`];
/** A stack of the environment: one of stackNamesOf, or an access stack `<env>-access-<shard>` (config/shard-map.ts). */
const isStackOf = (environment: string, stack: string) => stackNamesOf(environment).includes(stack) || (stack.startsWith(`${environment}-access-`) && SHARD_NAME.test(stack.slice(`${environment}-access-`.length)));

export function parseImportMapText(text: string, displayPath: string, environment?: string): ImportMapResult {
  // A map of thousands of entries: JSON.parse takes milliseconds where the YAML reader (kept for
  // positions) takes seconds, so the reader runs only when something is wrong.
  const fast = validJson(text);
  if (fast && (environment === undefined || Object.keys(fast.stacks).every((stack) => isStackOf(environment, stack)))) return { ok: true, map: fast };
  const parsedText = parseYamlText(text, displayPath, 'JSON');
  if (!parsedText.ok) return { ok: false, issues: parsedText.issues.map((found) => ({ ...found, fix: `${found.fix}; or regenerate the map with npm run discover` })) };
  const { doc, lineCounter } = parsedText;
  const parsed = importMapSchema.safeParse(parsedText.value, { reportInput: true });
  if (!parsed.success) {
    return { ok: false, issues: capIssues(shapeIssues(importMapSchema, parsed.error)).map((found) => ({ ...found, file: displayPath, ...locate(doc, lineCounter, found.path, found.atKey) })) };
  }
  if (environment !== undefined) {
    const known = stackNamesOf(environment);
    const unknown = Object.keys(parsed.data.stacks).filter((stack) => !isStackOf(environment, stack));
    if (unknown.length > 0) {
      return {
        ok: false,
        issues: capIssues(unknown.map((stack) => ({ path: ['stacks', stack], atKey: true, message: `stack "${cutValue(stack)}" is not a stack of environment "${environment}"${didYouMean(stack, known)}`, fix: `use one of: ${known.join(', ')}; or regenerate the map with npm run discover` }))).map((found) => ({ ...found, file: displayPath, ...locate(doc, lineCounter, found.path, found.atKey) })),
      };
    }
  }
  return { ok: true, map: parsed.data };
}
