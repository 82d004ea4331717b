/** The whole adoption chain on the recorded guides estate: SDK responses → estate → YAML + import map → synth. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adoptEstate } from '../../adopt/estate-to-environment';
import { loadEnvironmentText } from '../../config/load';
import { synthesize } from '../../synth/synthesize';
import { discoverGuides } from '../discovery/run-discovery';

test('an estate discovered from recorded SDK responses round-trips with an import for every resource and no difference', async () => {
  const { estate } = await discoverGuides();
  const adoption = adoptEstate(estate, 'guides');
  const loaded = loadEnvironmentText(adoption.yaml, 'environments/guides.yaml', adoption.importMap);
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
  const [result] = synthesize([loaded.model], mkdtempSync(join(tmpdir(), 'discovered-')));
  const stacks = result.imports!.stacks;
  expect(stacks.flatMap((stack) => stack.withoutEntry)).toEqual([]);
  expect(stacks.flatMap((stack) => stack.unusedEntries)).toEqual([]);
  expect(stacks.flatMap((stack) => stack.imported).length).toBeGreaterThan(10);
  expect(stacks.flatMap((stack) => stack.imported)).toEqual(expect.arrayContaining(['aws_organizations_organization.organization', 'aws_ssoadmin_permission_set.admin', 'aws_ssoadmin_permission_set.poweruser']));
  expect(result.imports!.differences).toEqual([]);
  expect(adoption.notes).toEqual([]);
});
