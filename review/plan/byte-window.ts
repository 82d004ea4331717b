import { isUtf8 } from 'node:buffer';
import { readSync } from 'node:fs';

const BACKSLASH = 0x5c;
const QUOTE = 0x22;
const U = 0x75;
/** 1 at the bytes that may follow a backslash in JSON, other than u: " \\ / b f n r t. */
const SIMPLE_ESCAPES = new Uint8Array(256);
for (const byte of [0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]) SIMPLE_ESCAPES[byte] = 1;

function isHexDigit(byte: number | undefined): boolean {
  return byte !== undefined && ((byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66));
}

/** Byte sequences ByteWindow.indexOfAny looks for; they start with the same byte. */
export class Needles {
  readonly list: readonly Buffer[];
  readonly first: number;
  readonly longest: number;

  constructor(...texts: string[]) {
    this.list = texts.map((text) => Buffer.from(text));
    this.first = this.list[0][0];
    this.longest = Math.max(...this.list.map((needle) => needle.length));
    if (this.list.some((needle) => needle[0] !== this.first)) throw new Error('needles must start with the same byte');
  }
}

/** How many bytes at the end of `tail` (the last three bytes read) begin a character the read cut short. */
function cutCharacter(tail: Uint8Array): number {
  for (let back = 1; back <= tail.length; back++) {
    const byte = tail[tail.length - back];
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? back : 0;
  }
  return 0;
}

/**
 * Index of the first byte of `bytes` that does not start a well-formed UTF-8 character, or -1: only
 * after isUtf8 said there is one. The second byte's range rules out overlong forms, surrogates and
 * code points past U+10FFFF (RFC 3629 section 4).
 */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let index = 0; index < bytes.length; ) {
    const lead = bytes[index];
    if (lead < 0x80) {
      index++;
      continue;
    }
    const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0 || index + length > bytes.length) return index;
    const second = bytes[index + 1];
    if (second < (lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80) || second > (lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf)) return index;
    for (let next = 2; next < length; next++) if ((bytes[index + next] & 0xc0) !== 0x80) return index;
    index += length;
  }
  return -1;
}

/** Hits of a needle's first byte looked at one by one before indexOfAny searches for whole needles. */
const FIRST_BYTE_STEPS = 16;

/** Bytes read at a time. */
export const CHUNK_SIZE = 1 << 20;

/**
 * A sliding window over a file, addressed by file offset, so a scanner can walk a large file while
 * holding about a chunk of it. Bytes before `keepFrom` may be dropped when more is read; the scanner
 * moves `keepFrom` forward as it finishes with them (it holds a value it will parse, or the token
 * it is reading).
 */
export class ByteWindow {
  /** File offset of the first byte that must stay readable. */
  keepFrom: number;
  private buffer: Buffer;
  /** File offset of buffer[0]. */
  private start: number;
  /** File offset just past the last byte read. */
  private end: number;
  private eof = false;
  /**
   * File offset of the first byte that is not UTF-8, or -1: JSON text is UTF-8 (RFC 8259 section 8.1),
   * and Buffer's decoding would turn a bad byte into U+FFFD without a word. Bytes are checked as they
   * are read (one native pass); the scanner reports it once its position passes it.
   */
  invalidUtf8 = -1;
  /** That byte, kept: the window may have moved past it by the time it is reported. */
  invalidUtf8Byte = 0;
  /** File offset up to which the bytes read are checked: a character cut by a read's end waits for the next. */
  private utf8Checked: number;

  constructor(private readonly fd: number, offset: number, private readonly chunkSize = CHUNK_SIZE) {
    this.buffer = Buffer.alloc(chunkSize);
    this.start = offset;
    this.end = offset;
    this.keepFrom = offset;
    this.utf8Checked = offset;
  }

  /** The byte at a file offset, or undefined past the end of the file. */
  at(offset: number): number | undefined {
    if (offset < this.end) return this.buffer[offset - this.start];
    return this.fill(offset) ? this.buffer[offset - this.start] : undefined;
  }

  /** File offset of the next `byte` at or after `from`, or -1. */
  indexOf(byte: number, from: number): number {
    let position = from;
    for (;;) {
      if (position >= this.end && !this.fill(position)) return -1;
      // Bytes past `end` are stale: a hit there is no hit, and the search goes on after a fill.
      const found = this.buffer.indexOf(byte, position - this.start);
      if (found >= 0 && found < this.end - this.start) return found + this.start;
      position = this.end;
    }
  }

  /**
   * File offset of the first backslash in [from, to) that does not start a JSON escape (\\" \\\\ \\/
   * \\b \\f \\n \\r \\t \\uXXXX), or -1. The range must be in the window already; one view of it is
   * made per call, so a string full of escapes (a policy inside a plan) costs one pass.
   */
  invalidEscape(from: number, to: number): number {
    if (from >= to) return -1;
    if (from < this.start) throw new Error(`byte ${from} is no longer in the window`);
    this.at(to - 1);
    const view = this.buffer.subarray(from - this.start, to - this.start);
    for (let at = view.indexOf(BACKSLASH); at >= 0; at = view.indexOf(BACKSLASH, at)) {
      const next = view[at + 1];
      if (next === U) {
        for (let digit = 2; digit < 6; digit++) if (!isHexDigit(view[at + digit])) return at + from;
        at += 6;
      } else if (next !== undefined && SIMPLE_ESCAPES[next] === 1) {
        at += 2;
      } else {
        return at + from;
      }
    }
    return -1;
  }

  /** File offset of the first byte below 0x20 in [from, to) (JSON has no raw control character in a string), or -1. The range must be in the window. */
  controlCharacter(from: number, to: number): number {
    if (from >= to) return -1;
    if (from < this.start) throw new Error(`byte ${from} is no longer in the window`);
    this.at(to - 1);
    const buffer = this.buffer;
    for (let index = from - this.start, end = to - this.start; index < end; index++) if (buffer[index] < 0x20) return index + this.start;
    return -1;
  }

  /**
   * File offset just past the object or array that opens at `from`, found by following only its
   * brackets and strings (escapes skipped), or -1 when the file ends first. This checks nothing
   * else: it is for a value the caller then parses on its own, and JSON.parse checks the rest. One
   * tight pass over the bytes, where the validating scanner makes several calls per byte. `from`
   * must be at or after `keepFrom`, so the value stays in the window.
   */
  containerEnd(from: number): number {
    let depth = 0;
    let inString = false;
    /** A backslash ended the bytes read so far: the next byte is escaped. */
    let escaped = false;
    let offset = from;
    for (;;) {
      if (offset >= this.end && !this.fill(offset)) return -1;
      const buffer = this.buffer;
      const base = this.start;
      const limit = this.end - base;
      let index = offset - base;
      if (escaped) {
        index++;
        escaped = false;
      }
      while (index < limit) {
        if (inString) {
          // The tight loop: inside a string only a quote or a backslash matters (a policy in a plan is mostly string).
          let byte = buffer[index];
          while (byte !== QUOTE && byte !== BACKSLASH && ++index < limit) byte = buffer[index];
          if (index >= limit) break;
          if (byte === QUOTE) {
            inString = false;
            index++;
          } else if (index + 1 < limit) {
            index += 2;
          } else {
            escaped = true;
            index++;
          }
          continue;
        }
        const byte = buffer[index++];
        if (byte === QUOTE) inString = true;
        else if (byte === 0x7b || byte === 0x5b) depth++;
        else if ((byte === 0x7d || byte === 0x5d) && --depth === 0) return base + index;
      }
      offset = base + limit;
    }
  }

  /**
   * File offset of the first of `needles` at or after `from` that ends within `limit` bytes of `from`,
   * or -1. A native search per needle and chunk read (Boyer-Moore-Horspool for a needle of 7 bytes or
   * more), where a walk in JavaScript looks at every byte; a needle ending in a letter, not a quote,
   * skips fastest through policy text, which has a quote every few bytes. The window grows to hold
   * everything from `keepFrom` to the hit, so `limit` bounds the memory a search may take.
   */
  indexOfAny(needles: Needles, from: number, limit: number): number {
    let position = from;
    if (position >= this.end && !this.fill(position)) return -1;
    // A small element holds a few bytes that start a needle: stepping from one to the next costs less
    // than setting up a search.
    for (let at = this.buffer.indexOf(needles.first, position - this.start), steps = 0; at >= 0 && steps < FIRST_BYTE_STEPS; steps++) {
      if (at + needles.longest > this.end - this.start) break;
      if (this.matchesAny(needles.list, at)) return at + this.start;
      position = at + this.start + 1;
      at = this.buffer.indexOf(needles.first, at + 1);
    }
    for (;;) {
      // Bytes past `end` are stale: each search sees only the bytes read, and a later needle only
      // what could start before the earliest hit so far.
      let best = -1;
      for (const needle of needles.list) {
        const to = best < 0 ? this.end - this.start : Math.min(this.end - this.start, best - this.start + needle.length - 1);
        const found = this.buffer.subarray(0, to).indexOf(needle, position - this.start);
        if (found >= 0) best = found + this.start;
      }
      if (best >= 0) return best;
      if (this.end - from >= limit) return -1;
      // A needle cut by the end of what was read starts within its length of the end.
      position = Math.max(from, this.end - needles.longest + 1);
      if (!this.fill(this.end)) return -1;
    }
  }

  private matchesAny(needles: readonly Buffer[], at: number): boolean {
    for (let index = 0; index < needles.length; index++) if (this.matches(needles[index], at)) return true;
    return false;
  }

  private matches(needle: Buffer, at: number): boolean {
    for (let index = 0; index < needle.length; index++) if (this.buffer[at + index] !== needle[index]) return false;
    return true;
  }

  /** The bytes [from, to) as UTF-8 text; they must not have been dropped. */
  text(from: number, to: number): string {
    if (from < this.start) throw new Error(`byte ${from} is no longer in the window`);
    this.at(to - 1);
    return this.buffer.toString('utf8', from - this.start, to - this.start);
  }

  /** Reads until `offset` is in the window; false at the end of the file. */
  private fill(offset: number): boolean {
    while (offset >= this.end && !this.eof) {
      // Drop what is no longer needed, then grow only if what must stay fills the buffer.
      const keep = Math.min(this.keepFrom, this.end, this.utf8Checked);
      if (keep > this.start) {
        this.buffer.copy(this.buffer, 0, keep - this.start, this.end - this.start);
        this.start = keep;
      }
      if (this.end - this.start + this.chunkSize > this.buffer.length) {
        const grown = Buffer.alloc(Math.max(this.buffer.length * 2, this.end - this.start + this.chunkSize));
        this.buffer.copy(grown, 0, 0, this.end - this.start);
        this.buffer = grown;
      }
      const read = readSync(this.fd, this.buffer, this.end - this.start, this.chunkSize, this.end);
      if (read === 0) this.eof = true;
      this.end += read;
      this.checkUtf8();
    }
    return offset < this.end;
  }

  private checkUtf8(): void {
    if (this.invalidUtf8 >= 0) return;
    const to = this.eof ? this.end : this.end - cutCharacter(this.buffer.subarray(Math.max(this.utf8Checked, this.end - 3) - this.start, this.end - this.start));
    const view = this.buffer.subarray(this.utf8Checked - this.start, to - this.start);
    if (!isUtf8(view)) {
      const index = firstInvalidUtf8(view);
      this.invalidUtf8 = this.utf8Checked + index;
      this.invalidUtf8Byte = view[index];
    }
    this.utf8Checked = to;
  }
}
