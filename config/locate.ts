/** Maps a config path back to a line and column in the YAML text it came from. */
import { Document, isMap, isPair, isScalar, isSeq, LineCounter, Node } from 'yaml';
import { ConfigPath } from './issues';

export interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * The position of the deepest node on `path` that exists in the document: the value itself,
 * or (with `atKey`) its key. A missing key points at the key of the mapping that should hold it,
 * and a block mapping or list at its key, so the line is the one that names it (not the first
 * line inside it).
 */
export function locate(doc: Document, lineCounter: LineCounter, path: ConfigPath, atKey = false): Position {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  let keyOffset: number | undefined;
  let found = true;
  for (let i = 0; i < path.length; i++) {
    const part = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = findPair(node.items, part);
      if (!pair) {
        found = false;
        break;
      }
      if (last && atKey) {
        offset = rangeStart(pair.key) ?? offset;
        keyOffset = undefined;
        break;
      }
      node = pair.value;
      keyOffset = rangeStart(pair.key);
      offset = rangeStart(node) ?? keyOffset ?? offset;
    } else if (isSeq(node) && typeof part === 'number' && part < node.items.length) {
      node = node.items[part];
      keyOffset = undefined;
      offset = rangeStart(node) ?? offset;
    } else {
      found = false;
      break;
    }
  }
  const blockCollection = (isMap(node) || isSeq(node)) && !(node as { flow?: boolean }).flow;
  if (keyOffset !== undefined && (!found || blockCollection)) offset = keyOffset;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/** The pair whose key reads as `part` (`1` and `"1"` alike). */
function findPair(items: readonly unknown[], part: string | number): { key: unknown; value: unknown } | undefined {
  const wanted = String(part);
  for (const item of items) {
    if (isPair(item) && isScalar(item.key) && String(item.key.value) === wanted) return item;
  }
  return undefined;
}

function rangeStart(node: unknown): number | undefined {
  return node && typeof node === 'object' && 'range' in node ? (node as Node).range?.[0] : undefined;
}
