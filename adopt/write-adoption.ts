/** Writes an adoption beside the other environments, never over a file a person has edited. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Adoption } from './estate-to-environment';

export interface WrittenAdoption {
  readonly environmentFile: string;
  readonly importMapFile: string;
  /** environments/<env>.adoption.md */
  readonly reportFile: string;
  /** The policy documents the environment file names (service control policies). */
  readonly policyFiles: readonly string[];
}

export function writeAdoption(adoption: Adoption, environmentsDir: string, environment: string, overwrite: boolean): WrittenAdoption {
  const environmentFile = join(environmentsDir, `${environment}.yaml`);
  const importMapFile = join(environmentsDir, `${environment}.imports.json`);
  const reportFile = join(environmentsDir, `${environment}.adoption.md`);
  const policyFiles = [...adoption.policyFiles].map(([path, text]) => ({ file: join(environmentsDir, path), text }));
  // A policy file that already holds exactly this document (adopted before) is no conflict.
  const changedPolicies = policyFiles.filter((policy) => existsSync(policy.file) && readFileSync(policy.file, 'utf8') !== policy.text).map((policy) => policy.file);
  const existing = [...(existsSync(environmentFile) ? [environmentFile] : []), ...changedPolicies];
  if (!overwrite && existing.length > 0) {
    throw new Error(`${existing.join(', ')} exist${existing.length === 1 ? 's' : ''} already: discovery never overwrites a reviewed config. Pass --force to replace ${existing.length === 1 ? 'it' : 'them'}, or choose another --env name and compare.`);
  }
  mkdirSync(environmentsDir, { recursive: true });
  for (const policy of policyFiles) {
    mkdirSync(dirname(resolve(policy.file)), { recursive: true });
    writeFileSync(policy.file, policy.text);
  }
  writeFileSync(environmentFile, adoption.yaml);
  writeFileSync(importMapFile, `${JSON.stringify(adoption.importMap, null, 2)}\n`);
  writeFileSync(reportFile, adoption.report);
  return { environmentFile, importMapFile, reportFile, policyFiles: policyFiles.map((policy) => policy.file) };
}
