/**
 * The edge: environment YAML files in, validated models out. Every problem in every file
 * is collected and reported at once, each with file, line, column and config path.
 */
import { readdirSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { buildEnvironment } from '../model/build';
import { configDefinitions } from './definitions';
import type { EnvironmentModel } from '../model/environment';
import { checkAcrossEnvironments, type LoadedEnvironment } from './across-environments';
import { importMapPath, loadImportMap, type ImportMap } from './import-map';
import { capIssues, ConfigError, cutValue, ConfigIssue, LocatedIssue } from './issues';
import { locate } from './locate';
import { readPolicyFiles, type PolicyFiles } from './policy-files';
import { loadShardRecord, shardRecordPath, type ShardRecord } from './shard-map';
import { MAX_CONFIG_BYTES, readTextFile } from './read-file';
import { environmentSchema } from './schema';
import { shapeIssues } from './shape-issues';
import { validateEnvironment } from './validate';
import { configWarnings } from './warnings';
import { checkOrganizationAgainstImports } from './validate/imports';
import { parseYamlText } from './yaml-text';

export const ENVIRONMENT_NAME = /^[a-z][a-z0-9-]{0,30}$/;

export type LoadResult =
  | {
      readonly ok: true;
      readonly model: EnvironmentModel;
      readonly warnings?: readonly LocatedIssue[];
      /** The checked config and positions in its file, for the checks across environments. */
      readonly loaded: LoadedEnvironment;
    }
  | { readonly ok: false; readonly issues: LocatedIssue[] };

/**
 * Parses, checks and models one environment file. `displayPath` is how messages name the file;
 * `importMap` is what discovery found for it, if anything. `policyFiles`, when given, are the policy
 * documents the config names (adoption checks its config before it writes them); by default they are
 * read from disk relative to the environment file. `shardRecord` is its `<env>.shards.json`, if any.
 */
export function loadEnvironmentText(text: string, displayPath: string, importMap?: ImportMap, policyFiles?: PolicyFiles, shardRecord?: ShardRecord): LoadResult {
  const name = basename(displayPath, extname(displayPath));
  const read = parseYamlText(text, displayPath);
  if (!read.ok) return { ok: false, issues: read.issues };
  const { doc, lineCounter } = read;
  const at = (issues: readonly ConfigIssue[]): LocatedIssue[] =>
    capIssues(issues).map((found) => ({ ...found, file: displayPath, ...locate(doc, lineCounter, found.path, found.atKey) }));

  if (!ENVIRONMENT_NAME.test(name)) {
    return { ok: false, issues: at([{ path: [], message: `environment name "${cutValue(name)}" (from the file name) must be lowercase letters, digits and "-", starting with a letter`, fix: 'rename the file, e.g. environments/prod.yaml' }]) };
  }
  if (read.value !== null && (typeof read.value !== 'object' || Array.isArray(read.value))) {
    return { ok: false, issues: at([{ path: [], message: `the file must be a mapping of settings (region, organization, identityCenter, …); got ${Array.isArray(read.value) ? 'a list' : 'a single value'}`, fix: 'start from a copy of environments/dev.yaml' }]) };
  }
  const value = withoutExtensionKeys((read.value ?? {}) as Record<string, unknown>);
  const parsed = environmentSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) return { ok: false, issues: at(shapeIssues(environmentSchema, parsed.error).map((found) => ({ ...found, shape: true }))) };
  const files = policyFiles ?? readPolicyFiles(parsed.data, displayPath);
  const meaningIssues = [
    ...validateEnvironment(parsed.data, files),
    ...(importMap ? checkOrganizationAgainstImports(parsed.data, importMap, `${name}-organization`) : []),
  ];
  if (meaningIssues.length > 0) return { ok: false, issues: at(meaningIssues) };
  const warnings = at(configWarnings(parsed.data));
  const loaded: LoadedEnvironment = { name, file: displayPath, config: parsed.data, locate: (path) => locate(doc, lineCounter, path) };
  const definitions = configDefinitions(parsed.data, (path) => (doc.hasIn(path) ? locate(doc, lineCounter, path, true).line : undefined));
  return { ok: true, model: { ...buildEnvironment(name, displayPath, parsed.data, files, shardRecord), imports: importMap, definitions }, loaded, ...(warnings.length > 0 ? { warnings } : {}) };
}

/**
 * Top-level keys starting with `x-` are a place for anchors (`x-common-tags: &tags {…}`), as in
 * Compose files: ignored, like comments.
 */
function withoutExtensionKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith('x-')));
}

/** An issue with a whole file: it points at 1:1 (or no position for a directory or missing file). */
function fileIssue(file: string, message: string, fix: string, line = 1): LocatedIssue {
  return { file, line, column: line > 0 ? 1 : 0, path: [], message, fix };
}

/**
 * Every `*.yaml` in `directory` (or only `names`), sorted by name; throws ConfigError with all issues.
 * Warnings (valid, probably not meant) are pushed to `warnings` when given.
 */
export function loadEnvironments(directory: string, names?: readonly string[], warnings?: LocatedIssue[]): EnvironmentModel[] {
  let files: string[];
  try {
    files = readdirSync(directory).filter((file) => /\.ya?ml$/.test(file)).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : code === 'ENOTDIR' ? 'is a file, not a directory' : `cannot be read (${code ?? (error as Error).message})`;
    throw new ConfigError([fileIssue(directory, `the environments directory ${reason}`, 'run from the project root, or pass --environments <dir>', 0)]);
  }
  const envName = (file: string) => basename(file, extname(file));
  const issues: LocatedIssue[] = [];
  // dev.yaml beside dev.yml: two files for one environment (and one set of stack names).
  const byName = new Map<string, string[]>();
  for (const file of files) byName.set(envName(file), [...(byName.get(envName(file)) ?? []), file]);
  for (const [name, both] of byName) {
    if (both.length > 1) {
      issues.push(fileIssue(displayOf(join(directory, both[1])), `environment "${name}" has two files: ${both.join(' and ')}`, `keep one of them: delete or rename ${both[1]}`));
    }
  }
  files = [...byName.values()].map((both) => both[0]);
  if (names && names.length > 0) {
    const invalid = names.filter((name) => !ENVIRONMENT_NAME.test(name));
    if (invalid.length > 0) {
      throw new ConfigError(invalid.map((name) => fileIssue(directory, `--env ${JSON.stringify(cutValue(name))} is not an environment name: lowercase letters, digits and "-", starting with a letter`, files.length > 0 ? `use one of: ${[...byName.keys()].join(', ')}` : 'name an environment file of this directory, without .yaml', 0)));
    }
    const missing = names.filter((name) => !files.some((file) => envName(file) === name));
    if (missing.length > 0) {
      throw new ConfigError(missing.map((name) => fileIssue(displayOf(join(directory, `${name}.yaml`)), `no environment "${name}"`, files.length > 0 ? `use one of: ${[...byName.keys()].join(', ')}` : 'add one, e.g. by copying environments/dev.yaml', 0)));
    }
    files = files.filter((file) => names.includes(envName(file)));
  }
  const models: EnvironmentModel[] = [];
  const loaded: LoadedEnvironment[] = [];
  for (const file of files) {
    const path = join(directory, file);
    const displayPath = displayOf(path);
    const read = readTextFile(path, 'environment file', MAX_CONFIG_BYTES);
    if (!read.ok) {
      issues.push(fileIssue(displayPath, `${displayPath} ${read.problem}`, read.fix, read.line ?? 1));
      continue;
    }
    const imports = loadImportMap(importMapPath(path), importMapPath(displayPath), envName(file));
    if (!imports.ok) {
      issues.push(...imports.issues);
      continue;
    }
    const shards = loadShardRecord(shardRecordPath(path), shardRecordPath(displayPath));
    if (!shards.ok) {
      issues.push(...shards.issues);
      continue;
    }
    const result = loadEnvironmentText(read.text, displayPath, imports.map, undefined, shards.record);
    if (result.ok) {
      models.push(result.model);
      loaded.push(result.loaded);
      warnings?.push(...(result.warnings ?? []));
    } else {
      issues.push(...result.issues);
    }
  }
  issues.push(...checkAcrossEnvironments(loaded));
  if (issues.length > 0) throw new ConfigError(issues);
  if (models.length === 0) throw new ConfigError([fileIssue(directory, 'no environment files (*.yaml) found', 'add one, e.g. by copying environments/dev.yaml', 0)]);
  return models;
}

function displayOf(path: string): string {
  return relative(process.cwd(), path) || path;
}
