/** The shard record (config/shard-map.ts) and identityCenter.maxResourcesPerStack, checked at the edge with file, line and fix. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ConfigError } from '../../config/issues';
import { loadEnvironments } from '../../config/load';
import { parseShardRecordText } from '../../config/shard-map';
import { baseConfig, issues, lineContaining, withChange } from '../helpers/environment';

test('maxResourcesPerStack below the minimum is an error at its line, with a fix', () => {
  const config = withChange((c) => (c.identityCenter.maxResourcesPerStack = 5));
  const [found] = issues(config);
  expect(found).toMatchObject({ path: ['identityCenter', 'maxResourcesPerStack'], line: lineContaining(config, 'maxResourcesPerStack'), message: 'must be at least 10; got the number 5', fix: 'raise the value' });
});

test('maxResourcesPerStack that is not a whole number is an error', () => {
  const [found] = issues(withChange((c) => (c.identityCenter.maxResourcesPerStack = 1000.5)));
  expect(found.path).toEqual(['identityCenter', 'maxResourcesPerStack']);
});

test('an account in two shards is an error at its line, saying how to move it instead', () => {
  const text = '{\n  "version": 1,\n  "shards": {\n    "1": ["prod", "dev"],\n    "2": ["dev"]\n  }\n}\n';
  const result = parseShardRecordText(text, 'environments/test.shards.json');
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.issues).toHaveLength(1);
  expect(result.issues[0]).toMatchObject({ file: 'environments/test.shards.json', line: 5, message: 'account "dev" is in shard "1" already; an account\'s assignments live in one shard' });
  expect(result.issues[0].fix).toContain('"moved": { "dev": "1" }');
});

test('a move from a shard the record no longer has is refused: that stack must release the assignments', () => {
  const text = JSON.stringify({ version: 1, shards: { '2': ['dev'] }, moved: { dev: '1' } }, null, 2);
  const result = parseShardRecordText(text, 'x.shards.json');
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.issues[0]).toMatchObject({ path: ['moved', 'dev'], fix: expect.stringContaining('keep "1": [] in "shards"') });
});

test('a move from identity-center and a shard name that is not a stack name part are told apart', () => {
  expect(parseShardRecordText(JSON.stringify({ version: 1, shards: { '1': ['dev'] }, moved: { dev: 'identity-center' } }), 'x.shards.json').ok).toBe(true);
  const bad = parseShardRecordText(JSON.stringify({ version: 1, shards: { 'Shard One': ['dev'] } }), 'x.shards.json');
  expect(bad.ok).toBe(false);
});

test('the loader reads <env>.shards.json beside the environment file and reports its problems with the others', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shard-record-'));
  try {
    writeFileSync(join(dir, 'test.yaml'), stringify(baseConfig()));
    writeFileSync(join(dir, 'test.shards.json'), '{\n  "version": 2,\n  "shards": {}\n}\n');
    let error: unknown;
    try {
      loadEnvironments(dir);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues[0]).toMatchObject({ file: expect.stringMatching(/test\.shards\.json$/), line: 2, path: ['version'] });
    writeFileSync(join(dir, 'test.shards.json'), JSON.stringify({ version: 1, shards: { '1': ['prod'] } }));
    const [model] = loadEnvironments(dir);
    expect(model.access.kind).toBe('sharded');
    expect(model.access.shards.map((shard) => [shard.stackName, shard.accounts.map((account) => account.key)])).toEqual([['test-access-1', ['prod']]]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
