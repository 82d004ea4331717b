/** Adoption as a user gets it: written where discovery writes it, then loaded and synthesized like `npm run synth`. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Adoption } from '../../adopt/estate-to-environment';
import { writeAdoption } from '../../adopt/write-adoption';
import { loadImportMap } from '../../config/import-map';
import { loadEnvironmentText } from '../../config/load';
import { synthesize } from '../../synth/synthesize';
import type { Difference } from '../../synth/zero-diff';

/**
 * Writes the adoption into a fresh project directory (environments/ and the policy files beside it),
 * optionally with an edited environment file, and synthesizes it with its import map.
 */
export function synthAdopted(adoption: Adoption, yaml = adoption.yaml, environment = 'guides') {
  const root = mkdtempSync(join(tmpdir(), 'adopt-'));
  writeAdoption({ ...adoption, yaml }, join(root, 'environments'), environment, false);
  // The map as a user's synth reads it: from the written JSON, where a left-out value is gone.
  const written = loadImportMap(join(root, 'environments', `${environment}.imports.json`));
  if (!written.ok || !written.map) throw new Error(`the written import map does not load: ${written.ok ? 'missing' : written.issues.map((i) => i.message).join('; ')}`);
  const loaded = loadEnvironmentText(yaml, join(root, 'environments', `${environment}.yaml`), written.map);
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => `${i.line}:${i.column} ${i.message}`).join('\n'));
  const outdir = join(root, 'cdktf.out');
  const [result] = synthesize([loaded.model], outdir);
  const json = (stack: string) => JSON.parse(readFileSync(join(outdir, 'stacks', `${environment}-${stack}`, 'cdk.tf.json'), 'utf8'));
  return { root, result, organization: json('organization'), identityCenter: json('identity-center'), baseline: loaded.model.baseline ? json('baseline') : undefined };
}

/** The zero-diff differences that change AWS, without the arguments the first apply only writes to state. */
export function changesOf(result: { readonly imports?: { readonly differences: readonly Difference[] } }): Difference[] {
  return (result.imports?.differences ?? []).filter((difference) => difference.consequence !== 'first-apply');
}
