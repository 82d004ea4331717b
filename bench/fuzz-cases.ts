/**
 * A seeded generator of hostile environment files, and the checks every outcome must pass. Used by
 * the jest fuzz test (a few hundred cases) and `npm run fuzz` (thousands). Cases start from the
 * bundled environments and break them the ways people and attackers do: wrong types, typos, long
 * and strange values, YAML tricks (aliases, anchors, tags, merge keys, duplicates), broken bytes
 * and line endings, deep nesting, huge files, and files that are not files.
 */
import { parse, stringify } from 'yaml';

export type FileContent = string | Buffer | { readonly special: 'directory' | 'fifo' | 'dangling-symlink' };

export interface FuzzCase {
  readonly id: number;
  /** What was done, for a failure report: e.g. "object: set organization.accounts.x.email = …". */
  readonly label: string;
  /** The class of the case, for counts. */
  readonly kind: string;
  /** Files of the environments directory, by name. */
  readonly files: Readonly<Record<string, FileContent>>;
  /** Extra command-line arguments (only used when the case is run as a process). */
  readonly argv: readonly string[];
}

/** mulberry32: small, fast, seeded. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));

function hostileString(rng: Rng): string {
  return pick(rng, [
    () => '',
    () => ' ',
    () => 'a'.repeat(int(rng, 100, 70000)),
    () => `a@${'.'.repeat(int(rng, 100, 60000))} `,
    () => '${aws:username}',
    () => '%{ for x in y }',
    () => 'true',
    () => '12',
    () => 'PT3600S',
    () => 'PT1H0M0S',
    () => 'P1D',
    () => '../../etc/passwd',
    () => 'line\nbreak',
    () => 'tab\there',
    () => '\u202eevil',
    () => '😀'.repeat(int(rng, 1, 300)),
    () => 'ÿé',
    () => `arn:aws:iam::aws:policy/${'*a'.repeat(int(rng, 10, 60))}`,
    () => `iam:${'*'.repeat(int(rng, 10, 60))}x`,
    () => 'Admin',
    () => 'Workloads/Dev',
    () => '__proto__',
    () => 'constructor',
  ])();
}

function hostileValue(rng: Rng, depth = 0): unknown {
  return pick(rng, [
    () => hostileString(rng),
    () => int(rng, -5, 100000),
    () => 1e308 * 10,
    () => 0.5,
    () => true,
    () => null,
    () => [],
    () => ({}),
    () => (depth < 2 ? [hostileValue(rng, depth + 1), hostileValue(rng, depth + 1)] : 'x'),
    () => (depth < 2 ? { [hostileString(rng).slice(0, 50) || 'k']: hostileValue(rng, depth + 1) } : 'y'),
  ])();
}

/** Every path (of keys and indexes) into a value, up to a depth. */
function paths(value: unknown, prefix: Array<string | number> = [], out: Array<Array<string | number>> = [], depth = 0): Array<Array<string | number>> {
  if (depth > 8 || value === null || typeof value !== 'object') return out;
  const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value as Record<string, unknown>);
  for (const [key, child] of entries) {
    const path = [...prefix, key];
    out.push(path);
    paths(child, path, out, depth + 1);
  }
  return out;
}

function parentOf(root: unknown, path: ReadonlyArray<string | number>): Record<string | number, unknown> | undefined {
  let node = root as Record<string | number, unknown>;
  for (const part of path.slice(0, -1)) {
    node = node?.[part] as Record<string | number, unknown>;
    if (node === null || typeof node !== 'object') return undefined;
  }
  return node;
}

function typo(rng: Rng, word: string): string {
  if (word.length === 0) return 'x';
  const i = int(rng, 0, word.length - 1);
  return pick(rng, [
    () => word.slice(0, i) + word.slice(i + 1),
    () => word.slice(0, i) + word[i] + word.slice(i),
    () => word.slice(0, i) + 'x' + word.slice(i + 1),
    () => word.toUpperCase(),
    () => `${word} `,
  ])();
}

/** A structural change to the parsed config, written back as YAML. */
function mutateObject(rng: Rng, config: Record<string, unknown>): string {
  const all = paths(config);
  const path = pick(rng, all);
  const parent = parentOf(config, path);
  const key = path[path.length - 1];
  const where = path.join('.');
  if (!parent) return `noop ${where}`;
  switch (int(rng, 0, 7)) {
    case 0:
      parent[key] = hostileValue(rng);
      return `set ${where}`;
    case 1:
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      return `delete ${where}`;
    case 2: {
      if (Array.isArray(parent) || typeof key !== 'string') return `noop ${where}`;
      const renamed = typo(rng, key);
      parent[renamed] = parent[key];
      if (renamed !== key) delete parent[key];
      return `rename ${where} → ${renamed}`;
    }
    case 3: {
      const count = int(rng, 1, 3000);
      const target = (typeof parent[key] === 'object' && parent[key] !== null && !Array.isArray(parent[key]) ? parent[key] : parent) as Record<string, unknown>;
      for (let i = 0; i < count; i++) target[`unknownKey${i}`] = i;
      return `${count} unknown keys at ${where}`;
    }
    case 4: {
      // An OU tree of some depth (AWS allows five levels).
      const depth = int(rng, 2, 120);
      let tree: Record<string, unknown> = {};
      for (let i = depth; i > 0; i--) tree = { children: { [`Level${i}`]: tree } };
      ((config.organization as Record<string, unknown>).organizationalUnits as Record<string, unknown>).Deep = tree;
      return `OU tree ${depth} deep`;
    }
    case 5: {
      // A second principal one edit from an existing one, or a copied account.
      const ic = config.identityCenter as { groups?: Record<string, unknown> };
      const name = Object.keys(ic.groups ?? {})[0] ?? 'Group';
      ic.groups = { ...(ic.groups ?? {}), [typo(rng, name)]: {} };
      return `group typo of ${name}`;
    }
    case 6: {
      const ic = config.identityCenter as { permissionSets?: Record<string, Record<string, unknown>> };
      const first = Object.values(ic.permissionSets ?? {})[0];
      if (first) first.sessionDuration = pick(rng, ['PT3600S', 'PT1H0M0S', 'PT90M', 'PT0S', 'PT99999H', 'PT1H30M0S', '1 hour']);
      return 'session duration spelling';
    }
    default: {
      const policies = pick(rng, [
        ['arn:aws:iam::aws:policy/job-function/ViewOnlyAccess', 'arn:aws:iam::aws:policy/ViewOnlyAccess'],
        ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::aws:policy/ReadOnlyAccess'],
      ]);
      const ic = config.identityCenter as { permissionSets?: Record<string, Record<string, unknown>> };
      ic.permissionSets = { ...(ic.permissionSets ?? {}), Clash: { managedPolicies: policies } };
      return 'two policies that share an attachment name';
    }
  }
}

/** A change to the text itself: YAML tricks, broken syntax. */
function mutateText(rng: Rng, text: string): { text: string; label: string } {
  const lines = text.split('\n');
  const at = int(rng, 0, lines.length - 1);
  const indent = /^\s*/.exec(lines[at])![0];
  const insert = (line: string, label: string) => {
    lines.splice(at, 0, `${indent}${line}`);
    return { text: lines.join('\n'), label };
  };
  switch (int(rng, 0, 13)) {
    case 0:
      return insert(`x${int(rng, 0, 99)}: *${pick(rng, ['ownr', 'nope', 'a'])}`, 'undefined alias');
    case 1:
      return insert(`k${int(rng, 0, 99)}: !${pick(rng, ['Ref', 'GetAtt', 'Sub', 'binary'])} Value`, 'unknown tag');
    case 2:
      return insert(pick(rng, ['{', '[', '"unterminated', '- stray', ': nokey', '? complex', '\tTab: x', '---', '%YAML 1.1', '...']), 'broken syntax');
    case 3:
      lines.splice(at, 0, lines[at]);
      return { text: lines.join('\n'), label: 'duplicated line' };
    case 4:
      return { text: text.slice(0, int(rng, 0, text.length)), label: 'truncated' };
    case 5:
      return { text: text.replace(/\n/g, '\r'), label: 'CR line endings' };
    case 6:
      return { text: text.replace(/\n/g, '\r\n'), label: 'CRLF line endings' };
    case 7: {
      const levels = int(rng, 3, 10);
      const bomb = ['x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      for (let i = 1; i < levels; i++) bomb.push(`x-${i}: &l${i} [${Array(9).fill(i === 1 ? '*a' : `*l${i - 1}`).join(',')}]`);
      return { text: `${bomb.join('\n')}\n${text}`, label: `alias bomb ${levels} levels` };
    }
    case 8:
      return { text: text.replace(/^organization:\n {2}organizationalUnits:/m, 'organization:\n  organizationalUnits: &ous\n    Loop: { children: *ous }\n    '), label: 'alias cycle' };
    case 9: {
      const depth = int(rng, 50, 20000);
      return { text: `${text}\nx-deep: ${'['.repeat(depth)}${']'.repeat(depth)}\n`, label: `flow nesting ${depth}` };
    }
    case 10:
      return { text: `x-tags: &tags { Owner: team, CostCenter: "1" }\n${text.replace(/^tags:\n/m, 'tags:\n  <<: *tags\n')}`, label: 'merge key reuse' };
    case 11:
      return insert(`"1": a\n${indent}1: b`, 'keys "1" and 1');
    case 12:
      return insert(`"true": a\n${indent}true: b`, 'keys "true" and true');
    default:
      return insert(`${'k'.repeat(int(rng, 1000, 1_100_000))}: v`, 'long key');
  }
}

function mutateBytes(rng: Rng, text: string): { content: Buffer; label: string } {
  const bytes = Buffer.from(text, 'utf8');
  switch (int(rng, 0, 4)) {
    case 0: {
      const copy = Buffer.from(bytes);
      copy[int(rng, 0, copy.length - 1)] = pick(rng, [0xe9, 0xff, 0xc3, 0x80]);
      return { content: copy, label: 'Latin-1 or stray byte' };
    }
    case 1:
      return { content: Buffer.from(`\ufeff${text}`, 'utf16le'), label: 'UTF-16' };
    case 2: {
      const noise = Buffer.alloc(int(rng, 1, 4096));
      for (let i = 0; i < noise.length; i++) noise[i] = int(rng, 0, 255);
      return { content: noise, label: 'random bytes' };
    }
    case 3:
      return { content: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]), label: 'UTF-8 BOM' };
    default:
      return { content: Buffer.concat([bytes, Buffer.alloc(int(rng, 1, 8))]), label: 'NUL bytes' };
  }
}

const ARGV = [['--bogus'], ['--env', 'nope'], ['--env', '../escape'], ['--env', 'UPPER'], ['--environments', '/proc/self'], ['--out'], ['-x'], ['--help'], ['--version'], ['--quiet', 'stray']];

/** Case `id` of the run seeded with `seed`, built from `bases` (environment file texts). */
export function fuzzCase(seed: number, id: number, bases: readonly string[]): FuzzCase {
  const rng = random(seed * 1_000_003 + id);
  const base = pick(rng, bases);
  const name = pick(rng, ['fuzz.yaml', 'fuzz.yaml', 'fuzz.yaml', 'fuzz.yml', 'Fuzz.yaml', 'fu zz.yaml']);
  const roll = rng();
  if (roll < 0.4) {
    const config = parse(base) as Record<string, unknown>;
    const labels = Array.from({ length: int(rng, 1, 3) }, () => {
      try {
        return mutateObject(rng, config);
      } catch {
        return 'noop (an earlier change removed what this one changes)';
      }
    });
    return { id, kind: 'object', label: labels.join('; '), files: { [name]: stringify(config) }, argv: [] };
  }
  if (roll < 0.75) {
    const { text, label } = mutateText(rng, base);
    return { id, kind: 'text', label, files: { [name]: text }, argv: [] };
  }
  if (roll < 0.9) {
    const { content, label } = mutateBytes(rng, base);
    return { id, kind: 'bytes', label, files: { [name]: content }, argv: [] };
  }
  if (roll < 0.95) {
    const special = pick(rng, ['directory', 'fifo', 'dangling-symlink', 'yml-beside-yaml', 'oversized', 'copy'] as const);
    if (special === 'yml-beside-yaml') return { id, kind: 'files', label: special, files: { 'fuzz.yaml': base, 'fuzz.yml': base }, argv: [] };
    if (special === 'copy') return { id, kind: 'files', label: 'copied environment', files: { 'fuzz.yaml': base, 'fuzz2.yaml': base }, argv: [] };
    if (special === 'oversized') return { id, kind: 'files', label: special, files: { 'fuzz.yaml': `${base}\n# ${'x'.repeat(1024 * 1024)}\n` }, argv: [] };
    return { id, kind: 'files', label: special, files: { 'fuzz.yaml': { special } }, argv: [] };
  }
  return { id, kind: 'argv', label: 'command line', files: { 'fuzz.yaml': base }, argv: pick(rng, ARGV) };
}

/** Text that must never reach a user: a stack trace or an internal error. */
const INTERNAL = /\n\s+at .+[:(]\d+|internal error|TypeError|ReferenceError|RangeError|SyntaxError|Cannot read propert|is not a function|is not iterable|Maximum call stack|\[object Object\]|undefined is not/;

/** Problems with a printed outcome (stdout + stderr of a run, or a formatted ConfigError). */
export function outputProblems(text: string): string[] {
  const problems: string[] = [];
  const internal = INTERNAL.exec(text);
  if (internal) problems.push(`internal error text: ${JSON.stringify(internal[0].slice(0, 80))}`);
  if (/:0:0\b/.test(text)) problems.push('a position :0:0');
  // Every issue block: "  file:line:col  path" (or a directory/missing file without a position), the message, then "fix:".
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^ {2}\S/.test(lines[i]) || lines[i].startsWith('  (') || !/ has \d+ (issue|warning)s?:$/.test(findHeading(lines, i))) continue;
    if (!/^ {2}\S.*?(:\d+:\d+)? {2}\S/.test(lines[i])) problems.push(`an issue line without file and config path: ${JSON.stringify(lines[i].slice(0, 120))}`);
    if (!/^ {4}\S/.test(lines[i + 1] ?? '')) problems.push(`an issue without a message: ${JSON.stringify(lines[i].slice(0, 120))}`);
    let j = i + 1;
    while (j < lines.length && /^ {4}/.test(lines[j]) && !lines[j].startsWith('    fix: ')) j++;
    if (!(lines[j] ?? '').startsWith('    fix: ')) problems.push(`an issue without a fix: ${JSON.stringify(lines[i].slice(0, 120))}`);
  }
  return problems;
}

function findHeading(lines: readonly string[], index: number): string {
  for (let i = index; i >= 0; i--) if (!lines[i].startsWith(' ')) return lines[i];
  return '';
}
