/** The scanner reads files through a small window: values that straddle its edges come out whole. */
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonValue } from '../../review/plan/json';
import { ByteWindow, Needles } from '../../review/plan/byte-window';
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

test.each([1, 2, 3, 5, 8, 13])('finds the end of a kept object by its brackets, past brackets, quotes and backslashes in strings, with a %i-byte window', (chunkSize) => {
  const file = join(mkdtempSync(join(tmpdir(), 'scan-json-')), 'brackets.json');
  const tricky = ['}', ']', '{"a":[1,2]}', 'x\\', '\\"}', '\\\\', '"]}', `${'\\'.repeat(7)}"`];
  const elements = tricky.map((text, index) => ({ [`k${index}${text}`]: [text, { nested: text, list: [[text]] }], after: index }));
  writeFileSync(file, JSON.stringify({ resource_changes: elements }));
  expect(scan(file, chunkSize).map(([, kept]) => kept)).toEqual(elements);
  // The bracket walk itself (a wrong end would only cost the validating re-read, so check it directly).
  const text = JSON.stringify(elements);
  writeFileSync(file, `${text} `);
  const fd = openSync(file, 'r');
  try {
    expect(new ByteWindow(fd, 0, chunkSize).containerEnd(0)).toBe(Buffer.byteLength(text));
    writeFileSync(file, text.slice(0, -1));
    expect(new ByteWindow(fd, 0, chunkSize).containerEnd(0)).toBe(-1);
  } finally {
    closeSync(fd);
  }
});

describe('the end of a kept element found by what Terraform writes after it', () => {
  const write = (text: string) => {
    const file = join(mkdtempSync(join(tmpdir(), 'scan-json-')), 'elements.json');
    writeFileSync(file, text);
    return file;
  };

  test.each([1, 3, 7, 16, 4096])('finds the earliest needle across window edges with a %i-byte window, within the limit', (chunkSize) => {
    const file = write('xx}],"a},{"addressyy},{"address');
    const fd = openSync(file, 'r');
    try {
      const needles = new Needles('},{"address', '}],"');
      expect(new ByteWindow(fd, 0, chunkSize).indexOfAny(needles, 0, 1 << 20)).toBe(2);
      expect(new ByteWindow(fd, 0, chunkSize).indexOfAny(needles, 3, 1 << 20)).toBe(7);
      expect(new ByteWindow(fd, 0, chunkSize).indexOfAny(needles, 8, 1 << 20)).toBe(20);
      expect(new ByteWindow(fd, 0, chunkSize).indexOfAny(needles, 21, 1 << 20)).toBe(-1);
      expect(new ByteWindow(fd, 0, chunkSize).indexOfAny(new Needles('}X'), 0, 1 << 20)).toBe(-1);
      // Not found within the limit: the window is not grown to the end of the file for it.
      if (chunkSize < 8) expect(new ByteWindow(fd, 0, chunkSize).indexOfAny(needles, 8, 4)).toBe(-1);
    } finally {
      closeSync(fd);
    }
  });

  /** Elements whose insides hold what also follows an element: nested lists of objects with an address, escaped look-alikes. */
  const decoys: JsonValue[] = [
    { address: 'a.one', values: { list: [{ address: 'x' }, { address: 'y' }], after: 1 } },
    { address: 'a.two', values: { roots: [{ id: 'r-1' }], policy: '{"Statement":[{"Effect":"Allow"}],"Version":"2012-10-17"}' } },
    { address: 'a.three', text: '},{"address":"fake"}],"' },
    { address: 'a.four', deep: [[{ address: 'n' }], [{ address: 'm' }, { address: 'o' }]], more: { a: [{ b: [{ address: 'p' }] }] } },
    { address: 'a.five', last: [{ x: 1 }] },
  ];

  test.each([1, 5, 64, 1 << 20])('keeps the same elements as JSON.parse, in compact and in indented layout, with a %i-byte window', (chunkSize) => {
    for (const text of [JSON.stringify({ resource_changes: decoys, prior_state: { values: { root_module: { resources: decoys } } } }), JSON.stringify({ resource_changes: decoys }, null, 2)]) {
      const kept = scan(write(text), chunkSize).map(([, value]) => value);
      expect(kept).toEqual(decoys);
    }
  });
});

describe('a plan is UTF-8 text', () => {
  const scratchDir = mkdtempSync(join(tmpdir(), 'scan-utf8-'));
  const write = (name: string, bytes: Buffer) => {
    const path = join(scratchDir, name);
    writeFileSync(path, bytes);
    return path;
  };
  const planBytes = (value: Buffer) =>
    Buffer.concat([Buffer.from('{"format_version":"1.2","variables":{"v":{"value":"'), value, Buffer.from('"}},"resource_changes":[{"address":"a.b","x":"'), value, Buffer.from('"}]}')]);
  // Characters of two, three and four bytes, many times, so that every window size cuts some of them.
  const wide = Buffer.from('é€😀'.repeat(40));

  test.each([1, 2, 3, 5, 7, 64])('characters cut by the edge of a %i-byte window are read whole, not refused', (chunkSize) => {
    const kept = scan(write(`wide-${chunkSize}.json`, planBytes(wide)), chunkSize);
    expect(kept).toContainEqual([['resource_changes', 0], { address: 'a.b', x: wide.toString('utf8') }]);
  });

  test.each([
    ['a byte no character starts with', Buffer.from([0xff])],
    ['a character cut short', Buffer.from([0x63, 0x61, 0x66, 0xc3])],
    ['an overlong form', Buffer.from([0xc0, 0xaf])],
    ['a surrogate', Buffer.from([0xed, 0xa0, 0x80])],
    ['past U+10FFFF', Buffer.from([0xf4, 0x90, 0x80, 0x80])],
  ])('%s is refused at its own byte, in a skipped section as in a kept one, whatever the window', (_, bad) => {
    const bytes = planBytes(Buffer.concat([wide, bad, wide]));
    const at = bytes.indexOf(Buffer.concat([wide, bad])) + wide.length;
    for (const chunkSize of [3, 64, 1 << 20]) {
      let error: unknown;
      try {
        scan(write('bad-utf8.json', bytes), chunkSize);
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(JsonSyntaxError);
      expect((error as JsonSyntaxError).problem).toBe(`a byte that is not UTF-8 (0x${bad[bad[0] === 0x63 ? 3 : 0].toString(16).toUpperCase()}): a plan is UTF-8 text`);
      expect((error as JsonSyntaxError).column).toBe(at + 1 + (bad[0] === 0x63 ? 3 : 0));
    }
  });
});
