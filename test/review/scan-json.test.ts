/** The scanner reads files through a small window: values that straddle its edges come out whole. */
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonValue } from '../../review/plan/json';
import { JsonSyntaxError, scanJsonFile, type JsonPath } from '../../review/plan/scan-json';
import { FIXTURES } from './helpers';

/** Keeps every element of resource_changes and every top-level scalar, with a window of `chunkSize` bytes. */
function scan(file: string, chunkSize: number): Array<[JsonPath, JsonValue]> {
  const kept: Array<[JsonPath, JsonValue]> = [];
  const fd = openSync(file, 'r');
  try {
    scanJsonFile(
      fd,
      0,
      {
        decide: (path, kind) =>
          path.length === 0 || (path.length === 1 && path[0] === 'resource_changes') ? 'enter' : path.length === 1 && kind !== 'scalar' ? 'skip' : 'keep',
        keep: (path, value) => void kept.push([path, value]),
      },
      chunkSize,
    );
  } finally {
    closeSync(fd);
  }
  return kept;
}

test.each([1, 7, 64, 4096])('keeps the same values as JSON.parse with a %i-byte window', (chunkSize) => {
  const file = join(FIXTURES, 'new-user-and-group', 'dev-identity-center.json');
  const document = JSON.parse(readFileSync(file, 'utf8'));
  expect(scan(file, chunkSize)).toEqual([
    [['format_version'], document.format_version],
    [['terraform_version'], document.terraform_version],
    ...document.resource_changes.map((element: JsonValue, index: number) => [['resource_changes', index], element]),
    [['timestamp'], document.timestamp],
    [['applyable'], true],
    [['complete'], true],
    [['errored'], false],
  ]);
});

test('reads strings with escaped quotes and backslashes across window edges', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'scan-json-')), 'escapes.json');
  const value = 'a\\"b\\\\"c\\\\\\"d "quoted" \\\\';
  writeFileSync(file, JSON.stringify({ resource_changes: [value, { inline_policy: `{"Statement":[{"Action":"${'s3:Get'.repeat(20)}"}]}` }] }));
  const kept = scan(file, 3).map(([, kept]) => kept);
  expect(kept).toEqual(JSON.parse(readFileSync(file, 'utf8')).resource_changes);
});

test('every fixture scans the same with a tiny window', () => {
  for (const scenario of readdirSync(FIXTURES).filter((name) => name !== 'synth')) {
    for (const name of readdirSync(join(FIXTURES, scenario), { recursive: true }) as string[]) {
      if (!name.endsWith('.json')) continue;
      const file = join(FIXTURES, scenario, name);
      expect(scan(file, 5)).toEqual(scan(file, 1 << 20));
    }
  }
});

test('reports the line and column of a syntax error', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'scan-json-')), 'broken.json');
  writeFileSync(file, '{\n  "resource_changes": [\n    {"a": tru}\n  ]\n}');
  expect(() => scan(file, 4)).toThrow(new JsonSyntaxError('expected a value', 3, 11));
});
