/**
 * YAML (and JSON, which is YAML) text → a plain value, for files a person wrote. The yaml package
 * parses; this file turns its document into a value itself, because that is where hostile input
 * bites: a key written twice (also `"1"` beside `1`, `"true"` beside `true`, which become one
 * object key), an alias that is undefined, used before its anchor or inside what it names (a cycle),
 * aliases that expand a small file into gigabytes (judged by the size they expand to), nesting
 * thousands of levels deep, tags such as `!Ref` that would be read as plain strings, and strings
 * of megabytes. Merge keys (`<<: *base`) are supported. Work is linear in the expanded size, which
 * is bounded, and recursion is bounded by MAX_DEPTH.
 */
import { Alias, Document, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { ConfigPath, LocatedIssue } from './issues';
import { cutValue } from './issues';

/** Deepest nesting of mappings and lists; the deepest real config (five OU levels) needs about 15. */
export const MAX_DEPTH = 64;
/** Most nodes and characters aliases may expand a file to: twice what the largest file holds. */
export const MAX_EXPANDED_SIZE = 2 * 1024 * 1024;
/** Longest key; the longest names AWS takes (group display names) are 1,024 characters. */
export const MAX_KEY_LENGTH = 1024;
/** Longest value; an inline policy, the longest, is at most 32,768 characters. */
export const MAX_STRING_LENGTH = 65536;
/** Issues reported for one file before the rest are only counted. */
const MAX_READ_ISSUES = 20;

export type ParsedText =
  | { readonly ok: true; readonly doc: Document; readonly lineCounter: LineCounter; readonly value: unknown }
  | { readonly ok: false; readonly issues: LocatedIssue[] };

class TooMuch extends Error {}

/**
 * `kind` says what the text is meant to be, for messages and the fix of a syntax error. `maxExpandedSize`:
 * what aliases may expand the file to (a machine-written import map is larger than any config).
 */
export function parseYamlText(text: string, displayPath: string, kind: 'YAML' | 'JSON' = 'YAML', maxExpandedSize = MAX_EXPANDED_SIZE): ParsedText {
  const lineCounter = new LineCounter();
  // uniqueKeys is checked below in linear time (the package's own check is quadratic in a mapping's size).
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, merge: kind === 'YAML' });
  const issues: LocatedIssue[] = [];
  const at = (offset: number | undefined) => {
    const { line, col } = lineCounter.linePos(offset ?? 0);
    return { file: displayPath, line, column: col };
  };
  const add = (offset: number | undefined, path: ConfigPath, message: string, fix: string) => {
    if (issues.length >= MAX_READ_ISSUES) throw new TooMuch();
    issues.push({ ...at(offset), path, message, fix });
  };
  try {
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        if (error.code === 'RESOURCE_EXHAUSTION') {
          add(error.pos[0], [], `unreadable ${kind}: it nests too deeply to read (the limit is ${MAX_DEPTH} levels)`, 'flatten the structure; no config needs this depth');
          break;
        }
        add(error.pos[0], [], `unreadable ${kind}: ${cutValue(error.message.split('\n')[0])}`, kind === 'JSON' ? 'fix the JSON syntax at this position (a missing comma, quote or bracket)' : 'fix the YAML syntax at this position (indentation, a missing ":" or quote)');
      }
      return { ok: false, issues };
    }
    for (const warning of doc.warnings) {
      if (warning.code === 'TAG_RESOLVE_FAILED') {
        add(warning.pos[0], [], `unknown YAML tag: ${cutValue(warning.message.replace(/^Unresolved tag: /, ''))} (tags such as CloudFormation's !Ref have no meaning here)`, 'remove the tag and write the value itself');
      }
    }
    const value = new Converter(doc, lineCounter, add, Math.max(maxExpandedSize, MAX_EXPANDED_SIZE)).value();
    return issues.length > 0 ? { ok: false, issues } : { ok: true, doc, lineCounter, value };
  } catch (error) {
    if (!(error instanceof TooMuch)) throw error;
    issues.push({ ...at(0), path: [], message: `more problems follow; only the first ${MAX_READ_ISSUES} are shown`, fix: 'fix these and run again' });
    return { ok: false, issues };
  }
}

type Add = (offset: number | undefined, path: ConfigPath, message: string, fix: string) => void;

/** Stops the conversion at the first structural problem that makes the rest meaningless (a bomb, a cycle, depth). */
class Stop extends Error {}

class Converter {
  private readonly anchors = new Map<string, Node>();
  private readonly converted = new Map<Node, { value: unknown; size: number }>();
  private readonly inProgress = new Set<Node>();

  constructor(
    private readonly doc: Document,
    private readonly lineCounter: LineCounter,
    private readonly add: Add,
    private readonly maxExpandedSize: number,
  ) {}

  value(): unknown {
    if (this.doc.contents === null) return null;
    try {
      return this.convert(this.doc.contents as Node, [], 0).value;
    } catch (error) {
      if (error instanceof Stop) return undefined;
      throw error;
    }
  }

  private stop(node: Node | undefined, path: ConfigPath, message: string, fix: string): never {
    this.add(node?.range?.[0], path, message, fix);
    throw new Stop();
  }

  private convert(node: Node, path: ConfigPath, depth: number): { value: unknown; size: number } {
    if (depth > MAX_DEPTH) this.stop(node, path, `nested more than ${MAX_DEPTH} levels deep`, 'flatten the structure; no config needs this depth');
    if (isAlias(node)) return this.alias(node, path);
    if (node.anchor) this.anchors.set(node.anchor, node);
    this.inProgress.add(node);
    let result: { value: unknown; size: number };
    if (isMap(node)) result = this.map(node, path, depth);
    else if (isSeq(node)) result = this.seq(node, path, depth);
    else if (isScalar(node)) result = this.scalar(node, path);
    else this.stop(node, path, 'unsupported YAML node', 'write plain mappings, lists and values');
    this.inProgress.delete(node);
    if (node.anchor) this.converted.set(node, result);
    this.grow(node, path, result.size);
    return result;
  }

  /** Counts a node's own size once toward the file's expanded total. */
  private grow(node: Node, path: ConfigPath, size: number): void {
    if (size > this.maxExpandedSize) {
      this.stop(node, path, `YAML aliases expand this to more than ${this.maxExpandedSize.toLocaleString('en-US')} values and characters (an alias bomb?)`, 'write the repeated parts out, or reuse smaller anchors fewer times');
    }
  }

  private alias(node: Alias, path: ConfigPath): { value: unknown; size: number } {
    const target = this.anchors.get(node.source);
    if (!target) {
      this.stop(node, path, `alias *${cutValue(node.source)} has no anchor &${cutValue(node.source)} before it`, `define &${cutValue(node.source)} on an earlier value (an anchor must come before its aliases), or fix the spelling`);
    }
    if (this.inProgress.has(target)) {
      this.stop(node, path, `alias *${cutValue(node.source)} is inside the value it names (a cycle)`, 'an alias cannot refer to a mapping or list that contains it; write the value out');
    }
    const done = this.converted.get(target)!;
    return done;
  }

  private scalar(node: Node & { value: unknown }, path: ConfigPath): { value: unknown; size: number } {
    const value = node.value;
    if (typeof value === 'string') {
      if (value.length > MAX_STRING_LENGTH) {
        this.add(node.range?.[0], path, `a value of ${value.length.toLocaleString('en-US')} characters; no field takes more than ${MAX_STRING_LENGTH.toLocaleString('en-US')}`, 'check that this is the value you meant; an inline policy, the longest field, is at most 32,768 characters');
        return { value: '', size: 1 };
      }
      return { value, size: 1 + value.length };
    }
    return { value, size: 1 };
  }

  private seq(node: Node & { items: unknown[] }, path: ConfigPath, depth: number): { value: unknown; size: number } {
    const out: unknown[] = [];
    let size = 1;
    node.items.forEach((item, index) => {
      const child = this.convert(item as Node, [...path, index], depth + 1);
      out.push(child.value);
      size += child.size;
      this.grow(node, path, size);
    });
    return { value: out, size };
  }

  private map(node: Node & { items: unknown[] }, path: ConfigPath, depth: number): { value: unknown; size: number } {
    const out: Record<string, unknown> = {};
    const keyNodes = new Map<string, Node>();
    const merges: Array<{ value: unknown; node: Node }> = [];
    let size = 1;
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      if (isScalar(keyNode) && typeof keyNode.value === 'symbol') {
        // A merge key: `<<: *base` or `<<: [*a, *b]`; applied after the explicit keys, which win.
        const merged = this.convert(pair.value as Node, path, depth + 1);
        merges.push({ value: merged.value, node: pair.value as Node });
        size += merged.size;
        this.grow(node, path, size);
        continue;
      }
      const key = this.key(keyNode, path);
      if (key === undefined) continue;
      const earlier = keyNodes.get(key);
      if (earlier) {
        const first = this.line(earlier);
        const same = isScalar(earlier) && isScalar(keyNode) && earlier.value === keyNode.value;
        this.add(keyNode?.range?.[0], [...path, key], `key "${cutValue(key)}" appears twice in this mapping (first on line ${first})${same ? '' : `; YAML reads ${sourceOf(earlier)} and ${sourceOf(keyNode)} as one key here`}`, 'remove one of them, or merge their contents');
        continue;
      }
      keyNodes.set(key, keyNode as Node);
      const child = pair.value === null || pair.value === undefined ? { value: null, size: 1 } : this.convert(pair.value as Node, [...path, key], depth + 1);
      define(out, key, child.value);
      size += child.size + key.length;
      this.grow(node, path, size);
    }
    for (const merge of merges) {
      const sources = Array.isArray(merge.value) ? merge.value : [merge.value];
      for (const source of sources) {
        if (typeof source !== 'object' || source === null || Array.isArray(source)) {
          this.add(merge.node.range?.[0], path, 'a merge key (<<) takes a mapping or a list of mappings', 'write <<: *anchor, where the anchor names a mapping');
          continue;
        }
        for (const [key, value] of Object.entries(source)) {
          if (!Object.prototype.hasOwnProperty.call(out, key)) define(out, key, value);
        }
      }
    }
    return { value: out, size };
  }

  private key(keyNode: Node | null, path: ConfigPath): string | undefined {
    const resolved = isAlias(keyNode) ? this.alias(keyNode, path).value : isScalar(keyNode) ? keyNode.value : keyNode === null ? null : undefined;
    if (resolved !== null && typeof resolved === 'object') {
      this.add(keyNode?.range?.[0], path, 'a key must be a plain name, not a mapping or list', 'write the key as text');
      return undefined;
    }
    if (keyNode && !isAlias(keyNode) && !isScalar(keyNode)) {
      this.add(keyNode.range?.[0], path, 'a key must be a plain name, not a mapping or list', 'write the key as text');
      return undefined;
    }
    const key = resolved === null || resolved === undefined ? '' : String(resolved);
    if (key.length > MAX_KEY_LENGTH) {
      this.add(keyNode?.range?.[0], path, `a key of ${key.length.toLocaleString('en-US')} characters; no name in this file takes more than ${MAX_KEY_LENGTH.toLocaleString('en-US')}`, 'check that this is the key you meant');
      return undefined;
    }
    return key;
  }

  private line(node: Node): number {
    return this.lineCounter.linePos(node.range?.[0] ?? 0).line;
  }
}

/** Keys such as `__proto__` become own properties, never the prototype. */
function define(out: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

function sourceOf(node: Node | null): string {
  if (isScalar(node)) return typeof node.value === 'string' ? (node.type === 'PLAIN' ? cutValue(String(node.source ?? node.value)) : JSON.stringify(cutValue(node.value))) : cutValue(String(node.source ?? node.value));
  return 'the two';
}

