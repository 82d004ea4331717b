/**
 * The edge: environment YAML files in, validated models out. Every problem in every file
 * is collected and reported at once, each with file, line, column and config path.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { buildEnvironment } from '../model/build';
import type { EnvironmentModel } from '../model/environment';
import { importMapPath, loadImportMap, type ImportMap } from './import-map';
import { ConfigError, ConfigIssue, LocatedIssue } from './issues';
import { locate } from './locate';
import { readPolicyFiles, type PolicyFiles } from './policy-files';
import { environmentSchema } from './schema';
import { shapeIssues } from './shape-issues';
import { validateEnvironment } from './validate';
import { checkOrganizationAgainstImports } from './validate/imports';

const ENVIRONMENT_NAME = /^[a-z][a-z0-9-]{0,30}$/;

export type LoadResult = { readonly ok: true; readonly model: EnvironmentModel } | { readonly ok: false; readonly issues: LocatedIssue[] };

/**
 * Parses, checks and models one environment file. `displayPath` is how messages name the file;
 * `importMap` is what discovery found for it, if anything. `policyFiles`, when given, are the policy
 * documents the config names (adoption checks its config before it writes them); by default they are
 * read from disk relative to the environment file.
 */
export function loadEnvironmentText(text: string, displayPath: string, importMap?: ImportMap, policyFiles?: PolicyFiles): LoadResult {
  const name = basename(displayPath, extname(displayPath));
  const lineCounter = new LineCounter();
  // yaml's own uniqueKeys check compares every key with every other (seconds for an adopted file
  // with thousands of users); duplicateKeys does the same check in one pass.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const at = (issues: readonly ConfigIssue[]): LocatedIssue[] =>
    issues.map((found) => ({ ...found, file: displayPath, ...locate(doc, lineCounter, found.path, found.atKey) }));

  const errors = [...doc.errors.map((error) => ({ pos: error.pos[0], message: error.message })), ...duplicateKeys(doc)].sort((a, b) => a.pos - b.pos);
  if (errors.length > 0) {
    return {
      ok: false,
      issues: errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos);
        return { file: displayPath, line, column: col, path: [], message: `unreadable YAML: ${error.message.split('\n')[0]}`, fix: 'fix the YAML syntax at this position (indentation, a missing ":" or quote, a duplicated key)' };
      }),
    };
  }
  if (!ENVIRONMENT_NAME.test(name)) {
    return { ok: false, issues: at([{ path: [], message: `environment name "${name}" (from the file name) must be lowercase letters, digits and "-", starting with a letter`, fix: 'rename the file, e.g. environments/prod.yaml' }]) };
  }
  const parsed = environmentSchema.safeParse(doc.toJS() ?? {}, { reportInput: true });
  if (!parsed.success) return { ok: false, issues: at(shapeIssues(environmentSchema, parsed.error).map((found) => ({ ...found, shape: true }))) };
  const files = policyFiles ?? readPolicyFiles(parsed.data, displayPath);
  const meaningIssues = [
    ...validateEnvironment(parsed.data, files),
    ...(importMap ? checkOrganizationAgainstImports(parsed.data, importMap, `${name}-organization`) : []),
  ];
  if (meaningIssues.length > 0) return { ok: false, issues: at(meaningIssues) };
  return { ok: true, model: { ...buildEnvironment(name, displayPath, parsed.data, files), imports: importMap } };
}

/** Keys given twice in one mapping, with yaml's own message, found with one set per mapping. */
function duplicateKeys(doc: Document): Array<{ pos: number; message: string }> {
  const found: Array<{ pos: number; message: string }> = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (seen.has(key)) found.push({ pos: isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0, message: 'Map keys must be unique' });
        seen.add(key);
      }
    },
  });
  return found;
}

/** Every `*.yaml` in `directory` (or only `names`), sorted by name; throws ConfigError with all issues. */
export function loadEnvironments(directory: string, names?: readonly string[]): EnvironmentModel[] {
  let files: string[];
  try {
    files = readdirSync(directory).filter((file) => /\.ya?ml$/.test(file)).sort();
  } catch (error) {
    throw new ConfigError([{ file: directory, line: 0, column: 0, path: [], message: `cannot read the environments directory: ${(error as Error).message}`, fix: 'run from the project root, or pass --environments <dir>' }]);
  }
  if (names && names.length > 0) {
    const missing = names.filter((name) => !files.some((file) => basename(file, extname(file)) === name));
    if (missing.length > 0) {
      throw new ConfigError(missing.map((name) => ({ file: join(directory, `${name}.yaml`), line: 0, column: 0, path: [], message: `no environment "${name}"`, fix: `use one of: ${files.map((file) => basename(file, extname(file))).join(', ')}` })));
    }
    files = files.filter((file) => names.includes(basename(file, extname(file))));
  }
  const models: EnvironmentModel[] = [];
  const issues: LocatedIssue[] = [];
  for (const file of files) {
    const path = join(directory, file);
    const displayPath = relative(process.cwd(), path) || path;
    const imports = loadImportMap(importMapPath(path), importMapPath(displayPath));
    if (!imports.ok) {
      issues.push(...imports.issues);
      continue;
    }
    const result = loadEnvironmentText(readFileSync(path, 'utf8'), displayPath, imports.map);
    if (result.ok) models.push(result.model);
    else issues.push(...result.issues);
  }
  if (issues.length > 0) throw new ConfigError(issues);
  if (models.length === 0) throw new ConfigError([{ file: directory, line: 0, column: 0, path: [], message: 'no environment files (*.yaml) found', fix: 'add one, e.g. by copying environments/dev.yaml' }]);
  return models;
}
