/** Where assignments live (model/shards.ts): the decision to shard, placement, renames, and the count it rests on. */
import { join, resolve } from 'node:path';
import { loadEnvironments } from '../../config/load';
import { identityCenterResourceCount } from '../../model/shards';
import { synth, baseConfig, model, withChange } from '../helpers/environment';
import { loadEnvironmentText } from '../../config/load';
import { stringify } from 'yaml';
import { generatedConfig } from '../../bench/generate';

const ROOT = resolve(__dirname, '..', '..');

test('identityCenterResourceCount is the resource count of the unsharded identity-center stack, for every bundled and test environment', () => {
  const models = [...loadEnvironments(join(ROOT, 'environments')), ...loadEnvironments(join(ROOT, 'test', 'fixtures', 'environments'))];
  expect(models.length).toBeGreaterThanOrEqual(3);
  for (const environment of models) {
    expect(environment.access.kind).toBe('single');
    const json = synth(environment).identityCenter;
    const synthesized = Object.values(json.resource ?? {}).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
    expect({ environment: environment.name, count: identityCenterResourceCount(environment.identityCenter) }).toEqual({ environment: environment.name, count: synthesized });
  }
});

test('one resource over the limit shards the environment; at the limit it stays whole', () => {
  const config = generatedConfig({ accounts: 10, groups: 5, permissionSets: 5 }) as any;
  const total = identityCenterResourceCount(model(config).identityCenter);
  expect(total).toBe(5 * 2 + 5 + 50);
  config.identityCenter.maxResourcesPerStack = total;
  expect(model(config).access.kind).toBe('single');
  config.identityCenter.maxResourcesPerStack = total - 1;
  expect(model(config).access.kind).toBe('sharded');
});

test('an account renamed in renames.accounts stays in its shard under its new key', () => {
  const config = withChange((c) => {
    c.organization.accounts['production'] = c.organization.accounts.prod;
    delete c.organization.accounts.prod;
    c.identityCenter.assignments[0].accounts = ['production'];
    c.renames = { accounts: { prod: 'production' } };
  });
  const result = loadEnvironmentText(stringify(config), 'environments/test.yaml', undefined, undefined, { version: 1, shards: { '7': ['prod'] }, moved: {} });
  if (!result.ok) throw new Error(result.issues[0].message);
  const { access } = result.model;
  expect(access.shards.map((shard) => [shard.name, shard.accounts.map((account) => account.key)])).toEqual([['7', ['production']]]);
  expect(access.recordChange).toMatchObject({ created: false, placed: [], forgotten: [], renamed: [{ from: 'prod', to: 'production' }] });
});

test('an account the config no longer has is forgotten; its shard stays (empty), so its next apply destroys what is left', () => {
  const result = loadEnvironmentText(stringify(baseConfig()), 'environments/test.yaml', undefined, undefined, { version: 1, shards: { '1': ['prod'], '2': ['gone'] }, moved: {} });
  if (!result.ok) throw new Error(result.issues[0].message);
  const { access } = result.model;
  expect(access.shards.map((shard) => [shard.stackName, shard.assignments.length])).toEqual([['test-access-1', 1], ['test-access-2', 0]]);
  expect(access.recordChange?.forgotten).toEqual(['gone']);
});
