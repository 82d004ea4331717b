import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * V8 keeps strings of more than about half a megabyte in its large-object space, which only a full
 * collection frees. A plan element of megabytes leaves three of them once it is read (the element's
 * text, and the two policy documents JSON.parse makes of it), and V8 starts a full collection only when
 * the old generation has doubled or so: a 100 MB plan of eight rewritten 6 MB policies peaked at 2.1×
 * its size, tens of megabytes of it such dead strings. After each COLLECT_EVERY_BYTES of large values
 * read, this asks for a full collection: that plan then peaks at 1.74× (bench/review-bench.ts,
 * `--shape huge-policies`), in the same wall time and about 0.3 s more CPU on the other core. Plans of
 * small elements (every other shape) never ask.
 *
 * The collection is V8's `gc`, exposed by flag at run time as jest-leak-detector does (Node's
 * v8.setFlagsFromString and vm.runInNewContext); where that is refused, nothing is collected early.
 */
export class LargeValueGarbage {
  private bytes = 0;

  /** `collect` is V8's full collection unless a test gives its own. */
  constructor(private readonly collect: () => (() => void) | undefined = fullCollection) {}

  /** After a value of `size` bytes was parsed and handed on (kept, or checked and dropped). */
  parsed(size: number): void {
    if (size < LARGE_VALUE_BYTES) return;
    this.bytes += size;
    if (this.bytes < COLLECT_EVERY_BYTES) return;
    this.bytes = 0;
    this.collect()?.();
  }
}

/** Values this large make large-object strings; smaller ones die young and cost nothing to wait for. */
const LARGE_VALUE_BYTES = 1024 * 1024;
/**
 * Measured on that plan: every 12 MB (each element) peaked at 1.5× but cost 0.2–0.6 s of wall time (the
 * code that runs after a forced collection runs slower for a while); every 36 MB or more came after
 * V8's own collections and saved nothing.
 */
const COLLECT_EVERY_BYTES = 24 * 1024 * 1024;

let collection: (() => void) | null | undefined;

/** V8's full collection (`gc`), or undefined where V8 does not give it. */
export function fullCollection(): (() => void) | undefined {
  if (collection === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const gc: unknown = runInNewContext('gc');
      collection = typeof gc === 'function' ? (gc as () => void) : null;
    } catch {
      collection = null;
    }
  }
  return collection ?? undefined;
}
