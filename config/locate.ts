/** Maps a config path back to a line and column in the YAML text it came from. */
import { Document, isMap, isPair, isScalar, isSeq, LineCounter, Node } from 'yaml';
import { ConfigPath } from './issues';

export interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * The position of the deepest node on `path` that exists in the document: the value itself,
 * or (with `atKey`) its key; a missing key points at the mapping that should hold it.
 */
export function locate(doc: Document, lineCounter: LineCounter, path: ConfigPath, atKey = false): Position {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const part = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(part));
      if (!pair) break;
      if (last && atKey) {
        offset = rangeStart(pair.key) ?? offset;
        break;
      }
      node = pair.value;
      offset = rangeStart(node) ?? rangeStart(pair.key) ?? offset;
    } else if (isSeq(node) && typeof part === 'number' && part < node.items.length) {
      node = node.items[part];
      offset = rangeStart(node) ?? offset;
    } else {
      break;
    }
  }
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function rangeStart(node: unknown): number | undefined {
  return node && typeof node === 'object' && 'range' in node ? (node as Node).range?.[0] : undefined;
}
