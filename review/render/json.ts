import { closeSync, openSync, writeSync } from 'node:fs';
import type { Review } from '../review';

/** Version of the JSON report's shape; raised when a field changes meaning or goes away. */
export const JSON_REPORT_VERSION = 1;

/** The report's top-level object: everything the Markdown shows, never shortened. */
function reportOf(review: Review): Record<string, unknown> {
  return {
    version: JSON_REPORT_VERSION,
    approvalNeeded: review.findings.length > 0,
    findings: review.findings,
    suppressed: review.suppressed,
    notChecked: review.notChecked,
    rules: review.rules,
    accessReport: review.accessReport,
    stacks: review.stacks,
  };
}

/** The review for tools, compact, one line. */
export function renderJson(review: Review): string {
  return `${[...jsonChunks(reportOf(review), 0)].join('')}\n`;
}

/**
 * Writes the same text as renderJson to `file`, in pieces of about WRITE_SIZE: a plan with tens of
 * thousands of changes makes a report of tens of megabytes, which is never held as one string.
 */
export function writeJson(file: string, review: Review): void {
  const fd = openSync(file, 'w');
  try {
    // Each piece is encoded straight into one buffer, written when full: no string of pieces joined, and
    // no buffer made per write (strings of hundreds of KB go to V8's old generation and outlive the write).
    const buffer = Buffer.allocUnsafeSlow(WRITE_SIZE);
    let used = 0;
    const flush = () => {
      for (let written = 0; written < used; ) written += writeSync(fd, buffer, written, used - written);
      used = 0;
    };
    const put = (chunk: string) => {
      // A UTF-8 character is at most 3 bytes per UTF-16 unit (a surrogate pair is 4 bytes for 2 units).
      if (used + chunk.length * 3 > WRITE_SIZE) flush();
      if (chunk.length * 3 > WRITE_SIZE) writeSync(fd, chunk);
      else used += buffer.write(chunk, used);
    };
    for (const chunk of jsonChunks(reportOf(review), 0)) put(chunk);
    put('\n');
    flush();
  } finally {
    closeSync(fd);
  }
}

/**
 * The report's objects, and the stacks' objects, key by key; lists element by element, or BATCH
 * elements at a time; everything else (a finding, an access row, a statement) by JSON.stringify.
 */
function* jsonChunks(value: unknown, depth: number): Generator<string> {
  if (Array.isArray(value)) {
    yield '[';
    // Elements written whole go in runs of up to BATCH, one JSON.stringify a run: one call per element
    // cost more than the stringifying itself for a list of 60,000 findings.
    let run: unknown[] = [];
    let written = 0;
    const flush = () => {
      const text = `${written > 0 ? ',' : ''}${JSON.stringify(run).slice(1, -1)}`;
      written += run.length;
      run = [];
      return text;
    };
    for (const item of value as unknown[]) {
      const streamed = (depth === 1 && isPlainObject(item)) || (depth === 3 && isPlainObject(item) && hasLongList(item));
      if (!streamed) {
        run.push(item);
        if (run.length === BATCH) yield flush();
        continue;
      }
      if (run.length > 0) yield flush();
      if (written++ > 0) yield ',';
      // An entry with a long list of its own (a policy change of thousands of statements) streams that list too.
      yield* jsonChunks(item, depth === 1 ? depth + 1 : 4);
    }
    if (run.length > 0) yield flush();
    yield ']';
    return;
  }
  if (!isPlainObject(value)) {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  yield '{';
  let first = true;
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined || typeof item === 'function') continue;
    yield `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    // The report (depth 0) streams its lists and the stacks in them; a stack (depth 2) streams its lists;
    // an entry of a list (depth 4) streams its lists element by element (depth 5).
    if (Array.isArray(item)) yield* jsonChunks(item, key === 'stacks' ? 1 : depth === 4 ? 5 : 3);
    else yield JSON.stringify(item) ?? 'null';
  }
  yield '}';
}

/**
 * Elements of a list stringified together (about 15 KB of findings), and the size of a write. Pieces
 * that live while a megabyte gathers outlive young-generation collections and make a 100 MB
 * deletions plan's peak about 10 MB higher (bench/review-bench.ts); these sizes kept it as it was.
 */
const BATCH = 64;
const WRITE_SIZE = 256 * 1024;

/** Lists this long inside an entry are written element by element: as one JSON.stringify they make one string of megabytes. */
const LONG_LIST = 256;

function hasLongList(value: Record<string, unknown>): boolean {
  for (const key in value) {
    const item = value[key];
    if (Array.isArray(item) && item.length >= LONG_LIST) return true;
  }
  return false;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}
