import { isObject, member, type JsonValue } from '../../rules/json';

/**
 * The account assignments of prior_state, as who holds which permission set where: what a group
 * already grants, so that a user added to it is known to gain it. A large organization's prior state
 * holds tens of thousands of assignments; each is three numbers here, indexes into one table of the
 * strings (principal IDs, set ARNs and account IDs repeat), not an object: 60,000 of them take less
 * than 1 MB, and a thread sends them as one typed array (tail.ts).
 */
export class PriorGrants {
  private readonly strings: string[] = [];
  private readonly indexOf = new Map<string, number>();
  /** principal, permission set, account: indexes into `strings`, three per assignment. */
  private triples = new Uint32Array(3 * 1024);
  private count = 0;
  /** What other scans recorded (the tail's worker), kept as sent: read only if a rule asks (all). */
  private readonly adopted: PriorGrantsMessage[] = [];

  /** Records one prior_state `aws_ssoadmin_account_assignment`'s values; ignores one that lacks a part. */
  addValues(values: JsonValue): void {
    if (!isObject(values)) return;
    const principal = member(values, 'principal_id');
    const set = member(values, 'permission_set_arn');
    const account = member(values, 'target_id');
    if (typeof principal === 'string' && typeof set === 'string' && typeof account === 'string') this.add(principal, set, account);
  }

  add(principal: string, set: string, account: string): void {
    if (3 * (this.count + 1) > this.triples.length) {
      const grown = new Uint32Array(this.triples.length * 2);
      grown.set(this.triples);
      this.triples = grown;
    }
    const at = 3 * this.count++;
    this.triples[at] = this.intern(principal);
    this.triples[at + 1] = this.intern(set);
    this.triples[at + 2] = this.intern(account);
  }

  get size(): number {
    return this.adopted.reduce((sum, message) => sum + message.triples.length / 3, this.count);
  }

  /** Every assignment recorded, in the order read. */
  *all(): Generator<{ readonly principal: string; readonly set: string; readonly account: string }> {
    for (const { strings, triples } of [this.toMessage(), ...this.adopted]) {
      for (let at = 0; at + 2 < triples.length; at += 3) yield { principal: strings[triples[at]], set: strings[triples[at + 1]], account: strings[triples[at + 2]] };
    }
  }

  /** As plain data a thread can send: the strings, and the triples (transferable). */
  toMessage(): PriorGrantsMessage {
    return { strings: this.strings, triples: this.triples.slice(0, 3 * this.count) };
  }

  /** Adds what another scan recorded (the tail's worker), as it is: most reviews never ask. */
  addMessage(message: PriorGrantsMessage): void {
    if (message.triples.length > 0) this.adopted.push(message);
  }

  private intern(text: string): number {
    let index = this.indexOf.get(text);
    if (index === undefined) {
      index = this.strings.length;
      this.strings.push(text);
      this.indexOf.set(text, index);
    }
    return index;
  }
}

export interface PriorGrantsMessage {
  readonly strings: readonly string[];
  readonly triples: Uint32Array;
}
