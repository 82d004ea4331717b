/** Writes an adoption beside the other environments, never over a file a person has edited. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Adoption } from './estate-to-environment';

export interface WrittenAdoption {
  readonly environmentFile: string;
  readonly importMapFile: string;
}

export function writeAdoption(adoption: Adoption, environmentsDir: string, environment: string, overwrite: boolean): WrittenAdoption {
  const environmentFile = join(environmentsDir, `${environment}.yaml`);
  const importMapFile = join(environmentsDir, `${environment}.imports.json`);
  if (!overwrite && existsSync(environmentFile)) {
    throw new Error(`${environmentFile} exists already: discovery never overwrites a reviewed config. Pass --force to replace it, or choose another --env name and compare.`);
  }
  mkdirSync(environmentsDir, { recursive: true });
  writeFileSync(environmentFile, adoption.yaml);
  writeFileSync(importMapFile, `${JSON.stringify(adoption.importMap, null, 2)}\n`);
  return { environmentFile, importMapFile };
}
