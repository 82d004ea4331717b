/**
 * The import map: `environments/<env>.imports.json`, written by discovery beside the environment
 * file. For every resource that already exists in AWS it gives the ID the Terraform AWS provider
 * documents for importing that type, and what discovery saw of it, so synth can emit `import`
 * blocks and say, before any plan, what the first apply would change.
 */
import { existsSync, readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import type { LocatedIssue } from './issues';
import { locate } from './locate';
import { shapeIssues } from './shape-issues';

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
export function loadImportMap(path: string, displayPath = path): ImportMapResult {
  if (!existsSync(path)) return { ok: true };
  const text = readFileSync(path, 'utf8');
  // The map is JSON with thousands of entries: JSON.parse takes milliseconds where the YAML parser
  // (kept for line numbers) takes seconds, so it is used only to locate what is wrong.
  try {
    const parsed = importMapSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { ok: true, map: parsed.data };
  } catch {
    // Not JSON: the YAML parser below says where.
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const { line, col } = lineCounter.linePos(doc.errors[0].pos[0]);
    return { ok: false, issues: [{ file: displayPath, line, column: col, path: [], message: `unreadable import map: ${doc.errors[0].message.split('\n')[0]}`, fix: 'regenerate it with npm run discover, or fix the JSON' }] };
  }
  const parsed = importMapSchema.safeParse(doc.toJS(), { reportInput: true });
  if (!parsed.success) {
    return { ok: false, issues: shapeIssues(importMapSchema, parsed.error).map((found) => ({ ...found, file: displayPath, ...locate(doc, lineCounter, found.path, found.atKey) })) };
  }
  return { ok: true, map: parsed.data };
}
