/**
 * How deep a policy document's values may nest. IAM's grammar nests a value six levels deep at most
 * (the document, Statement, a statement, Condition, an operator, a key's list of values:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html); a document nested
 * a hundred thousand levels deep would run the recursive walks of document.ts out of stack.
 */
export const MAX_POLICY_DEPTH = 32;

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
  const statements: Array<T | StatementText> = [];
  const complete = walk(() => {
    const splitter = new Splitter<T | StatementText>(text, build);
    for (let statement = splitter.next(); statement !== undefined; statement = splitter.next()) statements.push(statement);
  });
  return complete ? statements : undefined;
}

/**
 * The statements of `text` one at a time (see splitStatements), or undefined when it is not a policy
 * this splitter understands; a problem found part way through also gives undefined, after `visit`
 * has seen the statements before it.
 */
export function eachStatement(text: string, visit: (statement: StatementText) => void): boolean {
  return walk(() => {
    const splitter = new Splitter<StatementText>(text, (statementText, sid, effect) => ({ text: statementText, sid, effect }));
    for (let statement = splitter.next(); statement !== undefined; statement = splitter.next()) visit(statement);
  });
}

/**
 * Two documents' statements in step, position by position (undefined past the end of the shorter); false when either is not a policy this splitter understands.
 * A statement of `after` written exactly as the one at the same position of `before` is matched by
 * one comparison of its characters, not split again: the same characters from the start of an
 * element scan the same way, so it ends where `before`'s ends. The two then share one text.
 */
export function eachStatementPair(before: string, after: string, visit: (before: StatementText | undefined, after: StatementText | undefined) => void): boolean {
  const make = (statementText: string, sid: string | undefined, effect: string | undefined, start: number, end: number): StatementText => ({ text: statementText, sid, effect, start, end });
  return walk(() => {
    const left = new Splitter<StatementText>(before, make);
    const right = new Splitter<StatementText>(after, make);
    for (;;) {
      const one = left.next();
      const other = one === undefined ? right.next() : right.nextLike(one);
      if (one === undefined && other === undefined) return;
      visit(one, other);
    }
  });
}

/** Runs a walk over documents: false when one is not a policy the splitter understands. */
function walk(run: () => void): boolean {
  try {
    run();
    return true;
  } catch (error) {
    if (error instanceof NotAPolicy) return false;
    throw error;
  }
}

class NotAPolicy extends Error {}

/**
 * The statements of one document one at a time (`next`), so a caller can compare two documents in
 * step without holding either. Throws NotAPolicy, possibly after some statements, when the text is
 * not a policy it understands.
 */
class Splitter<T> {
  private pos = 0;
  /** Where the walk is: before the document, inside its Statement list, after a member of it, or past its end. */
  private state: 'start' | 'first statement' | 'statements' | 'after member' | 'done' = 'start';
  private sawStatement = false;
  /** Whether the text has a backslash anywhere: without one no key is escaped, and keys are compared in place. */
  private readonly escapes: boolean;

  constructor(private readonly text: string, private readonly make: (text: string, sid: string | undefined, effect: string | undefined, start: number, end: number) => T) {
    this.escapes = text.includes('\\');
  }

  /** The next statement, or undefined after the last. */
  next(): T | undefined {
    return this.toStatement() ? this.statement() : undefined;
  }

  /**
   * The next statement, taking `like`'s text, Sid and Effect when this one is written the same
   * (`like` has start and end: it comes from another Splitter's walk).
   */
  nextLike(like: StatementText): T | undefined {
    if (!this.toStatement()) return undefined;
    const start = this.pos;
    const end = start + like.text.length;
    // A slice compared whole is about ten times faster than startsWith (V8 12, Node 20).
    if (this.text.slice(start, end) !== like.text) return this.statement();
    this.pos = end;
    return this.make(like.text, like.sid, like.effect, start, this.pos);
  }

  /** Moves to the `{` of the next statement: false when the document has no more (and its end was checked). */
  private toStatement(): boolean {
    for (;;) {
      switch (this.state) {
        case 'done':
          return false;
        case 'start':
          this.whitespace();
          this.expect(0x7b);
          this.whitespace();
          if (this.peek() === 0x7d) throw new NotAPolicy();
          this.members();
          continue;
        case 'after member':
          if (this.more(0x7d)) this.members();
          else this.end();
          continue;
        case 'first statement':
          this.whitespace();
          if (this.peek() === 0x5d) {
            this.pos++;
            this.state = 'after member';
            continue;
          }
          break;
        case 'statements':
          if (!this.more(0x5d)) {
            this.state = 'after member';
            continue;
          }
          this.whitespace();
          break;
      }
      if (this.peek() !== 0x7b) throw new NotAPolicy();
      this.state = 'statements';
      return true;
    }
  }

  /** Members of the document from `pos`, up to the start of its Statement list or its end. */
  private members(): void {
    for (;;) {
      this.whitespace();
      const keyStart = this.pos;
      this.skipString();
      const isStatement = this.keyIs(keyStart, '"Statement"', 'Statement');
      this.whitespace();
      this.expect(0x3a);
      this.whitespace();
      if (isStatement) {
        // A single statement object (not a list) is rare and small: the ordinary parse handles it;
        // so is a second Statement key (JSON.parse keeps the last one).
        if (this.sawStatement || this.peek() !== 0x5b) throw new NotAPolicy();
        this.sawStatement = true;
        this.pos++;
        this.state = 'first statement';
        return;
      }
      this.skipValue();
      if (!this.more(0x7d)) return this.end();
    }
  }

  /** After the document's closing brace: only whitespace may follow, and it must have had a Statement list. */
  private end(): void {
    this.whitespace();
    if (this.pos !== this.text.length || !this.sawStatement) throw new NotAPolicy();
    this.state = 'done';
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
        const keyStart = this.pos;
        this.skipString();
        const isSid = this.keyIs(keyStart, '"Sid"', 'Sid');
        const isEffect = !isSid && this.keyIs(keyStart, '"Effect"', 'Effect');
        this.whitespace();
        this.expect(0x3a);
        this.whitespace();
        if ((isSid || isEffect) && this.peek() === QUOTE) {
          const value = this.string();
          if (isSid) sid = value;
          else effect = value;
        } else {
          this.skipValue();
        }
        if (!this.more(0x7d)) break;
      }
    }
    return this.make(this.text.slice(start, this.pos), sid, effect, start, this.pos);
  }

  /** Whether the key just read, from `start` to `pos`, is `name` (`quoted` is it as written without escapes). */
  private keyIs(start: number, quoted: string, name: string): boolean {
    if (!this.escapes) return this.pos - start === quoted.length && this.text.startsWith(quoted, start);
    return decoded(this.text.slice(start, this.pos)) === name;
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
        // A statement's values nest a few levels (MAX_POLICY_DEPTH): deeper is no policy, and would exhaust the recursive walks later.
        if (closers.length >= MAX_POLICY_DEPTH) throw new NotAPolicy();
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
    return raw.includes('\\') ? decoded(raw) : raw.slice(1, -1);
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

/** A JSON string token with escapes, decoded; one JSON.parse refuses is not a policy this splitter understands. */
function decoded(raw: string): string {
  try {
    return JSON.parse(raw) as string;
  } catch {
    throw new NotAPolicy();
  }
}

/** Characters of a number or literal (true, false, null). */
function isScalarChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x45;
}
