import { fstatSync, readSync } from 'node:fs';
import { ByteWindow, CHUNK_SIZE, Needles } from './byte-window';
import { LargeValueGarbage } from './large-garbage';
import type { JsonValue } from '../../rules/json';

/**
 * A validating JSON scanner that materializes only the values its caller asks for.
 *
 * A Terraform plan carries every resource up to four times (`planned_values`, `resource_changes`,
 * `prior_state`, `configuration`). `JSON.parse` on the whole file holds all of that at once, several
 * times the file size for a large plan. Here the caller decides per path: `enter` a container,
 * `keep` a value (handed to `JSON.parse` on its own, so one resource change at a time), `check` it
 * (the same, and dropped), or `skip` it. Skipped values are still checked for structure (brackets,
 * commas, colons, string ends, escapes, literals and number characters), so a truncated or mangled
 * file is an error, not a short plan.
 * The file is read through a sliding window: memory holds what is kept, not the whole file.
 */

export type JsonPath = readonly (string | number)[];
/**
 * `check` reads a value only to be sure it is well formed, as `skip` does, but for a container it
 * lets JSON.parse do that (finding the end and one native parse cost less than the validating
 * scanner's calls per byte) and drops the result: for elements of a list nothing is kept of.
 */
export type Decision = 'enter' | 'keep' | 'check' | 'skip';
export type ValueKind = 'object' | 'array' | 'scalar';

export interface ScanHandler {
  /** What to do with the value at `path` (the root is `[]`). `enter` on a scalar keeps it. */
  decide(path: JsonPath, kind: ValueKind): Decision;
  /** Receives every value whose path was decided `keep`, and the file offsets of its text. */
  keep(path: JsonPath, value: JsonValue, start: number, end: number): void;
  /** Told of every container decided `check`, once checked: the file offsets of its text. */
  checked?(path: JsonPath, start: number, end: number): void;
  /**
   * Called at each member of the root object, with the file offset just after its colon: true when
   * the handler has the rest of the document from there, read and checked by someone else (tail.ts),
   * and the scan ends.
   */
  takeOver?(key: string, offset: number): boolean;
}

export class JsonSyntaxError extends Error {
  constructor(readonly problem: string, readonly line: number, readonly column: number) {
    super(`${problem} at line ${line}, column ${column}`);
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
/**
 * What Terraform writes after an element of resource_changes, of a module's resources in prior_state
 * and in configuration: the next element, or the end of the list and the next member. `show -json` is
 * Go's compact encoding of structs whose first field is "address" (internal/command/jsonplan/plan.go,
 * jsonstate/state.go, jsonconfig/config.go in hashicorp/terraform). A raw quote cannot occur inside a
 * JSON string, so a hit is always structure: its `}` ends the element that opens at the kept value's
 * start, or an object nested in it. JSON.parse of the bytes up to that `}` succeeds only when it is
 * the element's own end (a prefix that parses as one object ends at that object's closing brace), so
 * a guess is proved, never trusted; after BOUNDARY_ATTEMPTS wrong ones (nested lists of objects,
 * another producer's spacing) the bracket walk finds the end.
 */
const ELEMENT_ENDS = new Needles('},{"address', '}],"');
const BOUNDARY_ATTEMPTS = 3;
/**
 * How far a boundary is looked for, and so how much of the file the window may hold for it: for the
 * first element 32 MB (a plan of a few rewritten policies starts with an element of 13 MB), then
 * eight times the largest element read so far, at least 1 MB and at most 32 MB. Only an element that
 * starts as Terraform writes one (ELEMENT_START) is guessed at: in a file laid out otherwise the
 * needles are not there, and each search would run to the lookahead and hold that much.
 */
const ELEMENT_START = Buffer.from('{"address"');
const MIN_LOOKAHEAD = 1024 * 1024;
const MAX_LOOKAHEAD = 32 * 1024 * 1024;
/**
 * Elements in a row whose end no guess found. After this many the file is not laid out as Terraform
 * writes it (`jq .`'s indentation, another producer's key order), and the scan stops guessing: each
 * failed guess searched ahead and parsed text up to a wrong `}`, which made a 12 MB indented plan take
 * 54 s instead of one second (every element searched the same megabytes again).
 */
const GUESS_FAILURES_IN_A_ROW = 4;

/** Scans the open file `fd` from byte `start` (after a byte order mark, say). */
export function scanJsonFile(fd: number, start: number, handler: ScanHandler, chunkSize = CHUNK_SIZE): void {
  new Scanner(fd, start, handler, chunkSize).document();
}

/**
 * Scans the end of a document from the value of the root object's member `key` at `offset` (just
 * after its colon): that value, the members after it, and the end of the root object and the file,
 * as scanJsonFile would from there.
 */
export function scanJsonTail(fd: number, offset: number, key: string, handler: ScanHandler, chunkSize = CHUNK_SIZE): void {
  new Scanner(fd, offset, handler, chunkSize).tail(key);
}

class Scanner {
  private pos: number;
  private readonly bytes: ByteWindow;
  /** True while reading a value to keep: the window must hold it from its start. */
  private pinned = false;
  /** The handler took over the rest of the document (ScanHandler.takeOver). */
  private takenOver = false;
  /** True while a kept value that JSON.parse refused is read again to say where it is wrong. */
  private checkingKept = false;
  /** What large parsed values leave behind, collected early (large-garbage.ts). */
  private readonly garbage = new LargeValueGarbage();
  /** Whether element ends are still guessed (quickParse), and the guesses that failed in a row. */
  private guessing = true;
  private guessFailures = 0;
  /** The largest container quickParse has read: guesses look eight times as far. */
  private largestElement = 0;

  constructor(private readonly fd: number, start: number, private readonly handler: ScanHandler, chunkSize: number) {
    this.pos = start;
    this.bytes = new ByteWindow(fd, start, chunkSize);
  }

  document(): void {
    this.value([]);
    if (!this.takenOver) this.end();
  }

  tail(key: string): void {
    this.value([key]);
    if (this.nextMember()) this.members([]);
    this.end();
  }

  private end(): void {
    this.whitespace();
    if (this.bytes.at(this.pos) !== undefined) this.fail('unexpected content after the end of the document');
    this.checkUtf8Before(Number.MAX_SAFE_INTEGER);
  }

  private value(path: JsonPath): void {
    this.whitespace();
    const byte = this.bytes.at(this.pos);
    const decision = this.handler.decide(path, byte === OPEN_OBJECT ? 'object' : byte === OPEN_ARRAY ? 'array' : 'scalar');
    if (decision === 'enter' && byte === OPEN_OBJECT) return this.object(path);
    if (decision === 'enter' && byte === OPEN_ARRAY) return this.array(path);
    const start = this.pos;
    if (decision === 'skip' || (decision === 'check' && byte !== OPEN_OBJECT && byte !== OPEN_ARRAY)) return this.skipValue();
    this.pinned = true;
    this.bytes.keepFrom = start;
    const quick = this.quickParse(start);
    const value = quick ? quick.value : this.checkedParse(start);
    this.pinned = false;
    this.bytes.keepFrom = this.pos;
    this.checkUtf8Before(this.pos);
    if (decision !== 'check') this.handler.keep(path, value, start, this.pos);
    else this.handler.checked?.(path, start, this.pos);
    this.garbage.parsed(this.pos - start);
  }

  /**
   * A kept container found by its brackets alone and parsed: JSON.parse checks what the bracket walk
   * does not. Undefined when the file ends first or the text does not parse: checkedParse then reads
   * it again, so the error names what is wrong and where, as for a skipped value.
   */
  private quickParse(start: number): { value: JsonValue } | undefined {
    const byte = this.bytes.at(start);
    if (byte !== OPEN_OBJECT && byte !== OPEN_ARRAY) return undefined;
    if (byte === OPEN_OBJECT && this.guessing) {
      const guessed = this.startsLikeTerraform(start) ? this.guessedEnd(start) : undefined;
      if (guessed) {
        this.guessFailures = 0;
        return this.read(start, guessed);
      }
      if (++this.guessFailures >= GUESS_FAILURES_IN_A_ROW) this.guessing = false;
    }
    const end = this.bytes.containerEnd(start);
    const parsed = end < 0 ? undefined : this.parseTo(start, end);
    return parsed && this.read(start, parsed);
  }

  /** The object at `start` parsed up to what Terraform writes after an element, within BOUNDARY_ATTEMPTS guesses; undefined when none parses. */
  private guessedEnd(start: number): { value: JsonValue } | undefined {
    const lookahead = this.largestElement === 0 ? MAX_LOOKAHEAD : Math.min(MAX_LOOKAHEAD, Math.max(MIN_LOOKAHEAD, 8 * this.largestElement));
    let from = start;
    for (let attempt = 0; attempt < BOUNDARY_ATTEMPTS; attempt++) {
      const boundary = this.bytes.indexOfAny(ELEMENT_ENDS, from, lookahead - (from - start));
      if (boundary < 0) return undefined;
      const guessed = this.parseTo(start, boundary + 1);
      if (guessed) return guessed;
      from = boundary + 1;
    }
    return undefined;
  }

  private startsLikeTerraform(start: number): boolean {
    for (let index = 0; index < ELEMENT_START.length; index++) if (this.bytes.at(start + index) !== ELEMENT_START[index]) return false;
    return true;
  }

  /** Notes the size of a container quickParse read. */
  private read(start: number, parsed: { value: JsonValue }): { value: JsonValue } {
    this.largestElement = Math.max(this.largestElement, this.pos - start);
    return parsed;
  }

  /** The value in [start, end) when it is exactly one JSON value; the scan then goes on at `end`. */
  private parseTo(start: number, end: number): { value: JsonValue } | undefined {
    let value: JsonValue;
    try {
      value = JSON.parse(this.bytes.text(start, end)) as JsonValue;
    } catch {
      return undefined;
    }
    this.pos = end;
    return { value };
  }

  /**
   * A kept value read by the validating scanner, then parsed: only after JSON.parse refused it (or
   * the file ended), so its escapes are checked here too, and an error names the very byte.
   */
  private checkedParse(start: number): JsonValue {
    this.pos = start;
    this.checkingKept = true;
    try {
      this.skipValue();
    } finally {
      this.checkingKept = false;
    }
    return this.parse(start, this.pos);
  }

  private object(path: JsonPath): void {
    this.pos++;
    this.whitespace();
    if (this.bytes.at(this.pos) === CLOSE_OBJECT) {
      this.pos++;
      return;
    }
    this.members(path);
  }

  /** The members of an object from the first key on, and its closing brace. */
  private members(path: JsonPath): void {
    do {
      this.whitespace();
      const keyStart = this.pos;
      this.skipString();
      const key = this.parse(keyStart, this.pos) as string;
      this.whitespace();
      this.expect(COLON, '":"');
      if (path.length === 0 && this.handler.takeOver?.(key, this.pos)) {
        this.takenOver = true;
        return;
      }
      this.value([...path, key]);
    } while (this.nextMember());
  }

  /** After a member: true at "," (consumed; another member follows), false at "}" (consumed). */
  private nextMember(): boolean {
    this.whitespace();
    const byte = this.bytes.at(this.pos);
    if (byte === COMMA) {
      this.pos++;
      return true;
    }
    if (byte !== CLOSE_OBJECT) this.fail('expected "," or "}"');
    this.pos++;
    return false;
  }

  private array(path: JsonPath): void {
    this.pos++;
    this.whitespace();
    if (this.bytes.at(this.pos) === CLOSE_ARRAY) {
      this.pos++;
      return;
    }
    for (let index = 0; ; index++) {
      this.value([...path, index]);
      this.whitespace();
      if (this.bytes.at(this.pos) === COMMA) this.pos++;
      else if (this.bytes.at(this.pos) === CLOSE_ARRAY) return void this.pos++;
      else this.fail('expected "," or "]"');
    }
  }

  /** Skips one value of any depth without recursion, checking its structure. */
  private skipValue(): void {
    const closers: number[] = [];
    for (;;) {
      // A value is expected here.
      this.whitespace();
      const byte = this.bytes.at(this.pos);
      if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
        const closer = byte === OPEN_OBJECT ? CLOSE_OBJECT : CLOSE_ARRAY;
        this.pos++;
        this.whitespace();
        if (this.bytes.at(this.pos) === closer) {
          this.pos++;
        } else {
          closers.push(closer);
          if (closer === CLOSE_OBJECT) this.memberKey();
          continue;
        }
      } else if (byte === QUOTE) {
        this.skipString();
      } else if (byte !== undefined && (byte === 0x2d || (byte >= 0x30 && byte <= 0x39))) {
        this.skipNumber();
      } else if (byte === 0x74 || byte === 0x66 || byte === 0x6e) {
        this.skipLiteral();
      } else {
        this.fail('expected a value');
      }
      // After a value: close containers or move to the next member.
      for (;;) {
        if (closers.length === 0) return;
        this.whitespace();
        const next = this.bytes.at(this.pos);
        const closer = closers[closers.length - 1];
        if (next === closer) {
          this.pos++;
          closers.pop();
        } else if (next === COMMA) {
          this.pos++;
          if (closer === CLOSE_OBJECT) this.memberKey();
          break;
        } else {
          this.fail(closer === CLOSE_OBJECT ? 'expected "," or "}"' : 'expected "," or "]"');
        }
      }
    }
  }

  private memberKey(): void {
    this.whitespace();
    this.skipString();
    this.whitespace();
    this.expect(COLON, '":"');
  }

  private skipString(): void {
    if (this.bytes.at(this.pos) !== QUOTE) this.fail('expected a string');
    this.mark(this.pos);
    let from = this.pos + 1;
    for (;;) {
      const quote = this.bytes.indexOf(QUOTE, from);
      if (quote < 0) this.fail('unterminated string', Number.MAX_SAFE_INTEGER);
      let backslashes = 0;
      while (this.bytes.at(quote - 1 - backslashes) === BACKSLASH) backslashes++;
      // A value that is kept is parsed by JSON.parse, which checks its escapes and characters itself.
      if (!this.pinned || this.checkingKept) {
        this.checkEscapes(from, quote - backslashes);
        const control = this.bytes.controlCharacter(from, quote);
        if (control >= 0) {
          const code = this.bytes.at(control)!.toString(16).toUpperCase().padStart(4, '0');
          this.fail(`a raw control character (U+${code}) in a string: JSON writes it escaped (\\u${code})`, control);
        }
      }
      from = quote + 1;
      if (backslashes % 2 === 0) break;
    }
    this.pos = from;
  }

  /**
   * Checks every escape in [from, to) of a string, so a skipped value is held to the same rule as a
   * parsed one (`\x` or a short `\u` is not JSON). Costs one search per backslash, nothing otherwise.
   * The run of backslashes just before a quote is checked by the caller's next round (or ends the string).
   */
  private checkEscapes(from: number, to: number): void {
    const at = this.bytes.invalidEscape(from, to);
    if (at >= 0) this.fail(this.bytes.at(at + 1) === 0x75 ? 'invalid \\u escape in a string' : 'invalid escape in a string', at);
  }

  private skipNumber(): void {
    const start = this.pos;
    this.mark(start);
    for (;;) {
      const byte = this.bytes.at(this.pos);
      const numeric =
        byte !== undefined && ((byte >= 0x30 && byte <= 0x39) || byte === 0x2d || byte === 0x2b || byte === 0x2e || byte === 0x65 || byte === 0x45);
      if (!numeric) break;
      this.pos++;
    }
    if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(this.bytes.text(start, this.pos))) this.fail('invalid number', start);
  }

  private skipLiteral(): void {
    for (const literal of ['true', 'false', 'null']) {
      let matches = true;
      for (let index = 0; index < literal.length && matches; index++) matches = this.bytes.at(this.pos + index) === literal.charCodeAt(index);
      if (matches) {
        this.pos += literal.length;
        return;
      }
    }
    this.fail('expected a value');
  }

  /** The current token starts here: bytes before it may be dropped, unless a kept value holds them. */
  private mark(offset: number): void {
    if (!this.pinned) this.bytes.keepFrom = offset;
  }

  private whitespace(): void {
    const bytes = this.bytes;
    let pos = this.pos;
    for (;;) {
      const byte = bytes.at(pos);
      if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) pos++;
      else break;
    }
    this.pos = pos;
  }

  private expect(byte: number, what: string): void {
    if (this.bytes.at(this.pos) !== byte) this.fail(`expected ${what}`);
    this.pos++;
  }

  private parse(start: number, end: number): JsonValue {
    try {
      return JSON.parse(this.bytes.text(start, end)) as JsonValue;
    } catch (error) {
      // The structure was fine; the content (an escape, a control character) is not.
      return this.fail(`invalid value (${(error as Error).message})`, start);
    }
  }

  /** Fails at the byte that is not UTF-8 (ByteWindow.invalidUtf8), if there is one before `offset`. */
  private checkUtf8Before(offset: number): void {
    const invalid = this.bytes.invalidUtf8;
    if (invalid < 0 || invalid >= offset) return;
    const byte = this.bytes.invalidUtf8Byte.toString(16).toUpperCase().padStart(2, '0');
    throw new JsonSyntaxError(`a byte that is not UTF-8 (0x${byte}): a plan is UTF-8 text`, ...this.lineAndColumn(invalid));
  }

  /** The problem at `at`, unless a byte before it is not UTF-8: the first problem in the file is the one named. */
  private fail(message: string, at = this.pos): never {
    this.checkUtf8Before(at + 1);
    const size = fstatSync(this.fd).size;
    throw new JsonSyntaxError(at >= size ? 'unexpected end of file' : message, ...this.lineAndColumn(Math.min(at, size)));
  }

  /** Line and column of a byte, counted by reading the file again: only ever done for an error. */
  private lineAndColumn(offset: number): [number, number] {
    const chunk = Buffer.alloc(1 << 20);
    let line = 1;
    let lineStart = 0;
    for (let position = 0; ; position += chunk.length) {
      const read = readSync(this.fd, chunk, 0, chunk.length, position);
      const limit = Math.min(read, offset - position);
      for (let index = chunk.indexOf(0x0a); index >= 0 && index < limit; index = chunk.indexOf(0x0a, index + 1)) {
        line++;
        lineStart = position + index + 1;
      }
      if (read < chunk.length || position + read >= offset) break;
    }
    return [line, offset - lineStart + 1];
  }
}
