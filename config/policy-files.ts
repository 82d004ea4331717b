/**
 * Policy documents kept as reviewed JSON files (service control policies under policies/scp/, customer
 * managed policies under policies/customer-managed/), named
 * in the environment file by a path relative to that file. Read once, at the edge, so validation and
 * the model stay pure; each file keeps its line numbers for messages.
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { ConfigPath } from './issues';
import { locate } from './locate';
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
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    return { displayPath, error: `cannot read ${displayPath}: ${reason}`, at: () => displayPath };
  }
  return parsePolicyFileText(text, displayPath);
}

/** Parses JSON text with positions (JSON is YAML, so the yaml parser keeps line numbers). */
export function parsePolicyFileText(text: string, displayPath: string): PolicyFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (path: ConfigPath): string => {
    const { line, column } = locate(doc, lineCounter, path);
    return `${displayPath}:${line}:${column}`;
  };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const position = doc.errors[0] ? lineCounter.linePos(doc.errors[0].pos[0]) : undefined;
    const where = position ? `${displayPath}:${position.line}:${position.col}` : displayPath;
    return { displayPath, text, error: `${where} is not valid JSON: ${(error as Error).message}`, at };
  }
  return { displayPath, text, value, at };
}
