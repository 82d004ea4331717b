import { closeSync, openSync, readSync, writeSync } from 'node:fs';
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
  const sink = new StringSink();
  writeValue(sink, reportOf(review), 0, new Map());
  sink.write('\n');
  return sink.text;
}

/**
 * Writes the same text as renderJson to `file`, in pieces of about WRITE_SIZE: a plan with tens of
 * thousands of changes makes a report of tens of megabytes, which is never held as one string.
 */
export function writeJson(file: string, review: Review): void {
  // Read as well as written: a run of elements written a second time is copied from the file (WrittenRun).
  const fd = openSync(file, 'w+');
  try {
    const sink = new FileSink(fd);
    writeValue(sink, reportOf(review), 0, new Map());
    sink.write('\n');
    sink.flush();
  } finally {
    closeSync(fd);
  }
}

/** Where the report's text goes; `position` counts in the sink's own units, which `copy` takes. */
interface JsonSink {
  readonly position: number;
  write(text: string): void;
  /** Writes again what was written from `start` to `end`. */
  copy(start: number, end: number): void;
}

class StringSink implements JsonSink {
  text = '';
  get position(): number {
    return this.text.length;
  }
  write(text: string): void {
    this.text += text;
  }
  copy(start: number, end: number): void {
    this.text += this.text.slice(start, end);
  }
}

/**
 * Each piece is encoded straight into one buffer, written when full: no string of pieces joined, and
 * no buffer made per write (strings of hundreds of KB go to V8's old generation and outlive the write).
 */
class FileSink implements JsonSink {
  private readonly buffer = Buffer.allocUnsafeSlow(WRITE_SIZE);
  private used = 0;
  private flushed = 0;

  constructor(private readonly fd: number) {}

  get position(): number {
    return this.flushed + this.used;
  }

  write(text: string): void {
    // A UTF-8 character is at most 3 bytes per UTF-16 unit (a surrogate pair is 4 bytes for 2 units).
    if (this.used + text.length * 3 > WRITE_SIZE) this.flush();
    if (text.length * 3 > WRITE_SIZE) this.writeBytes(Buffer.from(text), Buffer.byteLength(text));
    else this.used += this.buffer.write(text, this.used);
  }

  copy(start: number, end: number): void {
    this.flush();
    for (let at = start; at < end; ) {
      const read = readSync(this.fd, this.buffer, 0, Math.min(WRITE_SIZE, end - at), at);
      if (read === 0) throw new Error(`the JSON report ends at byte ${at}, before ${end}`);
      this.writeBytes(this.buffer, read);
      at += read;
    }
  }

  flush(): void {
    this.writeBytes(this.buffer, this.used);
    this.used = 0;
  }

  /** Appends at the file's end: reads take a position and leave the file's offset where writes left it. */
  private writeBytes(bytes: Buffer, length: number): void {
    for (let written = 0; written < length; ) written += writeSync(this.fd, bytes, written, length - written);
    this.flushed += length;
  }
}

/**
 * A run of a list's elements written together, by its first element. The review's lists share their
 * elements: the report's findings are every stack's, a permission set's inline statements are those of
 * its inline policies. A later list with the same elements in a row copies their text (one read of the
 * file's page cache) instead of writing them again: a 100 MB plan of 60,000 deletions writes 17 MB of
 * findings twice, a rewritten multi-megabyte policy thousands of statements.
 */
interface WrittenRun {
  readonly elements: readonly unknown[];
  readonly start: number;
  readonly end: number;
}

/**
 * The report's objects, and the stacks' objects, key by key; lists element by element, or BATCH
 * elements at a time; everything else (a finding, an access row, a statement) by JSON.stringify.
 */
function writeValue(sink: JsonSink, value: unknown, depth: number, runs: Map<unknown, WrittenRun>): void {
  if (Array.isArray(value)) {
    writeList(sink, value, depth, runs);
    return;
  }
  if (!isPlainObject(value)) {
    sink.write(JSON.stringify(value) ?? 'null');
    return;
  }
  sink.write('{');
  let first = true;
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined || typeof item === 'function') continue;
    sink.write(`${first ? '' : ','}${JSON.stringify(key)}:`);
    first = false;
    // The report (depth 0) streams its lists and the stacks in them; a stack (depth 2) streams its lists;
    // an entry of a list (depth 4) streams its lists element by element (depth 5).
    if (Array.isArray(item)) writeList(sink, item, key === 'stacks' ? 1 : depth === 4 ? 5 : 3, runs);
    // A section of the report (accessReport: thousands of changed rows of a large organization) streams as a stack does.
    else if (depth === 0 && isPlainObject(item)) writeValue(sink, item, 2, runs);
    else sink.write(JSON.stringify(item) ?? 'null');
  }
  sink.write('}');
}

function writeList(sink: JsonSink, value: readonly unknown[], depth: number, runs: Map<unknown, WrittenRun>): void {
  sink.write('[');
  // Elements written whole go in runs of up to BATCH, one JSON.stringify a run: one call per element
  // cost more than the stringifying itself for a list of 60,000 findings.
  let run: unknown[] = [];
  let written = 0;
  const separate = () => {
    if (written > 0) sink.write(',');
  };
  const flush = () => {
    separate();
    const start = sink.position;
    sink.write(JSON.stringify(run).slice(1, -1));
    runs.set(run[0], { elements: run, start, end: sink.position });
    written += run.length;
    run = [];
  };
  for (let index = 0; index < value.length; index++) {
    const item = value[index];
    const streamed = (depth === 1 && isPlainObject(item)) || (depth === 3 && isPlainObject(item) && hasLongList(item));
    if (!streamed) {
      const earlier = runs.get(item);
      if (earlier !== undefined && startsRun(value, index, earlier.elements)) {
        if (run.length > 0) flush();
        separate();
        sink.copy(earlier.start, earlier.end);
        written += earlier.elements.length;
        index += earlier.elements.length - 1;
        continue;
      }
      run.push(item);
      if (run.length === BATCH) flush();
      continue;
    }
    if (run.length > 0) flush();
    separate();
    written++;
    // An entry with a long list of its own (a policy change of thousands of statements) streams that list too.
    writeValue(sink, item, depth === 1 ? depth + 1 : 4, runs);
  }
  if (run.length > 0) flush();
  sink.write(']');
}

/** Whether `list` has `elements` (the same objects) in a row from `index`. */
function startsRun(list: readonly unknown[], index: number, elements: readonly unknown[]): boolean {
  if (index + elements.length > list.length) return false;
  for (let offset = 0; offset < elements.length; offset++) if (list[index + offset] !== elements[offset]) return false;
  return true;
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
