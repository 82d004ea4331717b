/** Adoption as a user gets it: written where discovery writes it, then loaded and synthesized like `npm run synth`. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Adoption } from '../../adopt/estate-to-environment';
import { writeAdoption } from '../../adopt/write-adoption';
import { loadEnvironmentText } from '../../config/load';
import { synthesize } from '../../synth/synthesize';

/**
 * Writes the adoption into a fresh project directory (environments/ and the policy files beside it),
 * optionally with an edited environment file, and synthesizes it with its import map.
 */
export function synthAdopted(adoption: Adoption, yaml = adoption.yaml, environment = 'guides') {
  const root = mkdtempSync(join(tmpdir(), 'adopt-'));
  writeAdoption({ ...adoption, yaml }, join(root, 'environments'), environment, false);
  const loaded = loadEnvironmentText(yaml, join(root, 'environments', `${environment}.yaml`), adoption.importMap);
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => `${i.line}:${i.column} ${i.message}`).join('\n'));
  const outdir = join(root, 'cdktf.out');
  const [result] = synthesize([loaded.model], outdir);
  const json = (stack: string) => JSON.parse(readFileSync(join(outdir, 'stacks', `${environment}-${stack}`, 'cdk.tf.json'), 'utf8'));
  return { root, result, organization: json('organization'), identityCenter: json('identity-center'), baseline: loaded.model.baseline ? json('baseline') : undefined };
}
