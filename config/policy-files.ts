/**
 * Policy documents kept as reviewed JSON files (service control policies under policies/scp/, customer
 * managed policies under policies/customer-managed/), named
 * in the environment file by a path relative to that file. Read once, at the edge, so validation and
 * the model stay pure; each file keeps its line numbers for messages.
 */
import { dirname, relative, resolve } from 'node:path';
import type { ConfigPath } from './issues';
import { locate } from './locate';
import { MAX_POLICY_FILE_BYTES, readTextFile } from './read-file';
import { parseYamlText } from './yaml-text';
import type { EnvironmentConfig } from './schema';

export interface PolicyFile {
  /** How messages name the file: relative to the working directory. */
  readonly displayPath: string;
  /** The JSON text; undefined when the file could not be read. */
  readonly text?: string;
  /** Why it could not be read or parsed. */
  readonly error?: string;
  /** The parsed JSON value (undefined when `error`). */
  readonly value?: unknown;
  /** `file:line:column` of a path inside the document, e.g. ['Statement', 1, 'Action']. */
  readonly at: (path: ConfigPath) => string;
}

/** Files by the path written in the config. */
export type PolicyFiles = ReadonlyMap<string, PolicyFile>;

export const NO_POLICY_FILES: PolicyFiles = new Map();

/** Every policy file the config names, read relative to the environment file (`environmentFile` as the user named it). */
export function readPolicyFiles(config: EnvironmentConfig, environmentFile: string): PolicyFiles {
  const files = new Map<string, PolicyFile>();
  const named = [...Object.values(config.baseline?.serviceControlPolicies ?? {}), ...Object.values(config.identityCenter.customerManagedPolicies)];
  for (const { file } of named) {
    if (!files.has(file)) files.set(file, readPolicyFile(resolve(dirname(environmentFile), file)));
  }
  return files;
}

export function readPolicyFile(path: string): PolicyFile {
  const displayPath = relative(process.cwd(), path) || path;
  const read = readTextFile(path, 'policy file', MAX_POLICY_FILE_BYTES);
  if (!read.ok) {
    const where = read.line !== undefined ? `${displayPath}:${read.line}:1` : displayPath;
    return { displayPath, error: read.missing ? `cannot read ${displayPath}: no such file` : `${where} ${read.problem}`, at: () => displayPath };
  }
  return parsePolicyFileText(read.text, displayPath);
}

/**
 * Parses JSON text with positions (JSON is YAML, so the yaml parser keeps line numbers). A key
 * written twice (`"Effect"` in one statement twice) is an error: JSON.parse would keep the last.
 */
export function parsePolicyFileText(text: string, displayPath: string): PolicyFile {
  const parsed = parseYamlText(text, displayPath, 'JSON');
  const at = (path: ConfigPath): string => {
    if (!parsed.ok) return displayPath;
    const { line, column } = locate(parsed.doc, parsed.lineCounter, path);
    return `${displayPath}:${line}:${column}`;
  };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const first = !parsed.ok ? parsed.issues[0] : undefined;
    const where = first ? `${displayPath}:${first.line}:${first.column}` : displayPath;
    return { displayPath, text, error: `${where} is not valid JSON: ${(error as Error).message}`, at };
  }
  if (!parsed.ok) {
    const first = parsed.issues[0];
    return { displayPath, text, error: `${displayPath}:${first.line}:${first.column} ${first.message}`, at };
  }
  return { displayPath, text, value, at };
}
