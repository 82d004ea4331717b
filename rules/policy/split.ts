/**
 * The statements of a large policy document as slices of its text, with each one's Sid and Effect,
 * found in one pass over the characters without building the document's object tree. A plan can hold
 * policies of several megabytes whose statements are nearly all unchanged: comparing statement texts
 * is then enough for most of them, and only the changed ones are parsed (see document.ts).
 *
 * This is no general JSON parser: it understands the shape of a policy (an object whose "Statement"
 * is a list of objects) and returns undefined for anything else, and for text that is not
 * well-formed where it looks; callers then parse with JSON.parse, which reports the problem.
 */

export interface StatementText {
  /** The element of the Statement list exactly as written. */
  readonly text: string;
  /** Its top-level "Sid" and "Effect", when they are strings. */
  readonly sid?: string;
  readonly effect?: string;
  /** Where it is in the document: `text` is document.slice(start, end). Set by eachStatementPair. */
  readonly start?: number;
  readonly end?: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

export function splitStatements(text: string): StatementText[] | undefined;
export function splitStatements<T>(text: string, make: (text: string, sid: string | undefined, effect: string | undefined) => T): T[] | undefined;
/** `make` builds each statement from its text, Sid and Effect (one object per statement, not two). */
export function splitStatements<T>(text: string, make?: (text: string, sid: string | undefined, effect: string | undefined) => T): Array<T | StatementText> | undefined {
  const build: (text: string, sid: string | undefined, effect: string | undefined) => T | StatementText = make ?? ((statementText, sid, effect) => ({ text: statementText, sid, effect }));
  const scanner = new Splitter<T | StatementText>(text, build);
  try {
    return scanner.document();
  } catch (error) {
    if (error instanceof NotAPolicy) return undefined;
    throw error;
  }
}

/**
 * The statements of `text` one at a time (see splitStatements), or undefined when it is not a policy
 * this splitter understands; a problem found part way through also gives undefined, after `visit`
 * has seen the statements before it.
 */
export function eachStatement(text: string, visit: (statement: StatementText) => void): boolean {
  try {
    for (const statement of new Splitter<StatementText>(text, (statementText, sid, effect) => ({ text: statementText, sid, effect })).each()) visit(statement);
    return true;
  } catch (error) {
    if (error instanceof NotAPolicy) return false;
    throw error;
  }
}

/** Two documents' statements in step, position by position (undefined past the end of the shorter); false when either is not a policy this splitter understands. */
export function eachStatementPair(before: string, after: string, visit: (before: StatementText | undefined, after: StatementText | undefined) => void): boolean {
  const make = (statementText: string, sid: string | undefined, effect: string | undefined, start: number, end: number): StatementText => ({ text: statementText, sid, effect, start, end });
  const left = new Splitter<StatementText>(before, make).each();
  const right = new Splitter<StatementText>(after, make).each();
  try {
    for (;;) {
      const one = left.next();
      const other = right.next();
      if (one.done && other.done) return true;
      visit(one.done ? undefined : one.value, other.done ? undefined : other.value);
    }
  } catch (error) {
    if (error instanceof NotAPolicy) return false;
    throw error;
  }
}

class NotAPolicy extends Error {}

class Splitter<T> {
  private pos = 0;

  constructor(private readonly text: string, private readonly make: (text: string, sid: string | undefined, effect: string | undefined, start: number, end: number) => T) {}

  document(): T[] {
    return [...this.each()];
  }

  /**
   * The statements one by one, so a caller can compare two documents in step without holding either.
   * Throws NotAPolicy, possibly after some statements, when the text is not a policy it understands.
   */
  *each(): Generator<T> {
    this.whitespace();
    this.expect(0x7b);
    let sawStatement = false;
    this.whitespace();
    if (this.peek() === 0x7d) throw new NotAPolicy();
    for (;;) {
      this.whitespace();
      const key = this.string();
      this.whitespace();
      this.expect(0x3a);
      this.whitespace();
      if (key === 'Statement') {
        // A single statement object (not a list) is rare and small: the ordinary parse handles it;
        // so is a second Statement key (JSON.parse keeps the last one).
        if (sawStatement || this.peek() !== 0x5b) throw new NotAPolicy();
        sawStatement = true;
        yield* this.statementList();
      } else {
        this.skipValue();
      }
      if (!this.more(0x7d)) break;
    }
    this.whitespace();
    if (this.pos !== this.text.length || !sawStatement) throw new NotAPolicy();
  }

  private *statementList(): Generator<T> {
    this.expect(0x5b);
    this.whitespace();
    if (this.peek() === 0x5d) {
      this.pos++;
      return;
    }
    for (;;) {
      this.whitespace();
      if (this.peek() !== 0x7b) throw new NotAPolicy();
      yield this.statement();
      if (!this.more(0x5d)) return;
    }
  }

  /** After a member or an element: true at `,` (another follows), false at `close` (consumed); anything else is not a policy. */
  private more(close: number): boolean {
    this.whitespace();
    const next = this.peek();
    this.pos++;
    if (next === 0x2c) return true;
    if (next === close) return false;
    throw new NotAPolicy();
  }

  /** One statement object: its text, and its own Sid and Effect (not those of nested objects). */
  private statement(): T {
    const start = this.pos;
    this.expect(0x7b);
    let sid: string | undefined;
    let effect: string | undefined;
    this.whitespace();
    if (this.peek() === 0x7d) {
      this.pos++;
    } else {
      for (;;) {
        this.whitespace();
        const key = this.string();
        this.whitespace();
        this.expect(0x3a);
        this.whitespace();
        if ((key === 'Sid' || key === 'Effect') && this.peek() === QUOTE) {
          const value = this.string();
          if (key === 'Sid') sid = value;
          else effect = value;
        } else {
          this.skipValue();
        }
        if (!this.more(0x7d)) break;
      }
    }
    return this.make(this.text.slice(start, this.pos), sid, effect, start, this.pos);
  }

  /** Any value, without recursion: strings skipped whole, brackets counted. */
  private skipValue(): void {
    const text = this.text;
    const closers: number[] = [];
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (c === QUOTE) {
        this.skipString();
      } else if (c === 0x7b || c === 0x5b) {
        closers.push(c === 0x7b ? 0x7d : 0x5d);
        this.pos++;
      } else if (c === 0x7d || c === 0x5d) {
        if (closers.pop() !== c) throw new NotAPolicy();
        this.pos++;
      } else if (Number.isNaN(c)) {
        throw new NotAPolicy();
      } else {
        this.pos++;
      }
      if (closers.length === 0 && (c === QUOTE || c === 0x7d || c === 0x5d || !isScalarChar(text.charCodeAt(this.pos)))) return;
    }
  }

  /** A string at `pos`, decoded; only strings with escapes go through JSON.parse. */
  private string(): string {
    const start = this.pos;
    this.skipString();
    const raw = this.text.slice(start, this.pos);
    return raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
  }

  private skipString(): void {
    const text = this.text;
    if (text.charCodeAt(this.pos) !== QUOTE) throw new NotAPolicy();
    let at = this.pos + 1;
    for (;;) {
      const quote = text.indexOf('"', at);
      if (quote < 0) throw new NotAPolicy();
      let backslashes = 0;
      while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
      at = quote + 1;
      if (backslashes % 2 === 0) break;
    }
    this.pos = at;
  }

  private whitespace(): void {
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.pos++;
      else return;
    }
  }

  private peek(): number {
    return this.text.charCodeAt(this.pos);
  }

  private expect(c: number): void {
    if (this.text.charCodeAt(this.pos) !== c) throw new NotAPolicy();
    this.pos++;
  }
}

/** Characters of a number or literal (true, false, null). */
function isScalarChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x45;
}
