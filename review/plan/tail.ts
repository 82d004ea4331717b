import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { PlanShapeError, toConfigResource } from './elements';
import type { ConfigResource } from './model';
import { PlanCollector, type ConfigRef, type TailResult } from './plan-collector';
import { JsonSyntaxError, scanJsonTail } from './scan-json';

/**
 * The end of a large plan, read on a second thread while this one reads its start. Terraform writes
 * prior_state and configuration after resource_changes (the field order of the plan struct in
 * hashicorp/terraform internal/command/jsonplan/plan.go); together they are about half of a large
 * plan, and nearly all of it is only checked and dropped (the review keeps a few resource types of
 * prior_state, and the configuration of what the plan changes). A worker thread finds where
 * `"prior_state":` is written, scans from there to the end of the file exactly as the one-thread scan
 * would (scanJsonTail), and sends what it kept. The main scan, on reaching the root member
 * prior_state, takes that result only when it is at the same byte (a look-alike nested deeper is
 * another place) and resource_changes came before it; otherwise it reads on itself. Errors the
 * worker found are thrown there, so a plan gets the same message either way, and the first in the
 * file wins, as in one pass.
 */

/** The root member a tail starts at. */
const TAIL_KEY = 'prior_state';
const MEMBER = Buffer.from(`,"${TAIL_KEY}":`);
/** Plans smaller than this are read on one thread: starting a worker costs about as much as it saves. */
export const TWO_THREADS_FROM_BYTES = 16 * 1024 * 1024;
/** A first element larger than this keeps the plan on one thread (TailReader). */
const SMALL_ELEMENT_BYTES = 1024 * 1024;
/** How long the main scan waits for the worker at most before reading the tail itself: a worker that died sends nothing. */
const WAIT_MS = 120_000;

export interface TailRequest {
  readonly file: string;
  /** Where the search for prior_state starts: past the first element the main scan read, which comes before it. */
  readonly from: number;
  readonly keepPriorTypes?: readonly string[];
  readonly keepConfigTypes?: readonly string[];
}

/** What the worker sends: the end of the plan read, or why not. Plain data (structured clone). */
export type TailMessage =
  | { readonly kind: 'read'; readonly offset: number; readonly result: TailResult }
  | { readonly kind: 'syntax'; readonly offset: number; readonly problem: string; readonly line: number; readonly column: number; readonly keys: readonly string[] }
  | { readonly kind: 'shape'; readonly offset: number; readonly message: string; readonly keys: readonly string[] }
  /** No `"prior_state":` in the file, or something unexpected: the main scan reads on itself. */
  | { readonly kind: 'none'; readonly why: string };

/** The worker's job (tail-worker.ts): the plan from its root member prior_state to the end of the file. */
export function readTail(request: TailRequest): TailMessage {
  let fd: number | undefined;
  try {
    fd = openSync(request.file, 'r');
    const offset = memberOffset(fd, request.from);
    if (offset < 0) return { kind: 'none', why: `no ${TAIL_KEY}` };
    const collector = new PlanCollector({
      keepPriorTypes: request.keepPriorTypes && new Set(request.keepPriorTypes),
      keepConfigTypes: request.keepConfigTypes && new Set(request.keepConfigTypes),
      refUnkeptConfig: true,
      rawPrior: true,
    });
    try {
      scanJsonTail(fd, offset, TAIL_KEY, collector);
    } catch (error) {
      // The top-level keys read before the error: one the head has too comes earlier in the file, and wins (take).
      const keys = [...collector.kinds.keys()];
      if (error instanceof JsonSyntaxError) return { kind: 'syntax', offset, problem: error.problem, line: error.line, column: error.column, keys };
      if (error instanceof PlanShapeError) return { kind: 'shape', offset, message: error.message, keys };
      throw error;
    }
    return { kind: 'read', offset, result: collector.tailResult() };
  } catch (error) {
    return { kind: 'none', why: (error as Error).message };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** File offset just after the colon of the first `,"prior_state":` at or after `from`, or -1. */
function memberOffset(fd: number, from: number): number {
  const chunk = Buffer.alloc(1024 * 1024);
  // Each read starts with the last bytes of the one before, so a needle cut by a chunk's end is found.
  for (let position = from; ; position += chunk.length - MEMBER.length) {
    const read = readSync(fd, chunk, 0, chunk.length, position);
    const found = chunk.subarray(0, read).indexOf(MEMBER);
    if (found >= 0) return position + found + MEMBER.length;
    if (read < chunk.length) return -1;
  }
}

/**
 * The main thread's side: starts the worker, and hands its result to the main scan (PlanCollector.takeOver).
 * The worker starts when the main scan has read its first element (of planned_values, resource_drift
 * or resource_changes, whichever comes first: in Terraform's order, a resource of planned_values), from
 * the end of it, and only when that element is small: a plan of a few changes of huge documents spends
 * its time in them, where a second thread would only add its memory (about 11 MB that the thread's end
 * does not give back). Starting at planned_values rather than at the first change gives the worker the
 * main scan's time in planned_values: a 100 MB plan of 33,000 assignments no longer waited 150 ms for it.
 */
export class TailReader {
  private message?: TailMessage;
  private worker?: { readonly thread: Worker; readonly port: MessagePort; readonly signal: Int32Array };

  private constructor(private readonly script: string, private readonly request: Omit<TailRequest, 'from'>) {}

  /** Undefined when the worker's script is not there (the review run from its TypeScript sources, as in jest). */
  static prepare(request: Omit<TailRequest, 'from'>): TailReader | undefined {
    const script = join(__dirname, 'tail-worker.js');
    return existsSync(script) ? new TailReader(script, request) : undefined;
  }

  /** The main scan has read its first element, of `size` bytes, ending at `end`. */
  firstElement(size: number, end: number): void {
    if (this.worker || this.message) return;
    if (size > SMALL_ELEMENT_BYTES) return void (this.message = { kind: 'none', why: `the first element is ${size} bytes` });
    const { port1, port2 } = new MessageChannel();
    const signal = new Int32Array(new SharedArrayBuffer(4));
    const thread = new Worker(this.script, { workerData: { request: { ...this.request, from: end }, port: port2, signal }, transferList: [port2] });
    thread.unref();
    this.worker = { thread, port: port1, signal };
  }

  /** ScanHandler.takeOver for the main scan's collector; `fd` is the plan, to read again a configuration block the plan turns out to change. */
  take(key: string, offset: number, collector: PlanCollector, fd: number): boolean {
    if (key !== TAIL_KEY) return false;
    if (!this.worker && !this.message) return this.decline('no element came before prior_state');
    if (!collector.topLevel.has('resource_changes')) return this.decline('prior_state comes before resource_changes');
    const message = this.wait();
    if (message.kind === 'none') return this.decline(message.why);
    if (message.offset !== offset) return this.decline(`the worker started at byte ${message.offset}, prior_state is at ${offset}`);
    this.outcome = 'taken';
    if (message.kind === 'syntax' || message.kind === 'shape') collector.checkKeys(message.keys);
    if (message.kind === 'syntax') throw new JsonSyntaxError(message.problem, message.line, message.column);
    if (message.kind === 'shape') throw new PlanShapeError(message.message);
    // resource_changes after prior_state (not Terraform's order): the worker kept changes it cannot send whole.
    if (message.result.topLevel.some(([member]) => member === 'resource_changes')) return this.decline('resource_changes comes after prior_state');
    collector.adopt(message.result, (refs) => readConfigs(fd, refs));
    return true;
  }

  /** `taken`, or why the main scan read the tail itself (for tests and a curious reader). */
  outcome = 'prior_state not reached';

  private decline(why: string): false {
    this.outcome = `read on one thread: ${why}`;
    return false;
  }

  stop(): void {
    if (!this.worker) return;
    this.worker.port.close();
    void this.worker.thread.terminate();
  }

  private wait(): TailMessage {
    const deadline = Date.now() + WAIT_MS;
    while (this.message === undefined) {
      const { port, signal } = this.worker!;
      // The worker posts before it signals: once signalled, what it sent is there, or nothing will be.
      const signalled = Atomics.load(signal, 0) === 1;
      const received = receiveMessageOnPort(port);
      if (received) this.message = received.message as TailMessage;
      else if (signalled) this.message = { kind: 'none', why: 'the worker sent nothing' };
      else if (Date.now() > deadline) this.message = { kind: 'none', why: 'no answer from the worker' };
      else Atomics.wait(signal, 0, 0, 100);
    }
    return this.message;
  }
}

/**
 * Configuration blocks the worker found, read again (their bytes were checked then, so only the shape
 * remains), in file order a megabyte at a time: thousands of changed resources are not thousands of reads.
 */
function readConfigs(fd: number, refs: readonly ConfigRef[]): ConfigResource[] {
  let chunk = Buffer.alloc(0);
  let chunkStart = 0;
  return refs.map((ref) => {
    if (ref.start < chunkStart || ref.end > chunkStart + chunk.length) {
      chunk = Buffer.alloc(Math.max(ref.end - ref.start, CONFIG_READ_BYTES));
      chunkStart = ref.start;
      chunk = chunk.subarray(0, readSync(fd, chunk, 0, chunk.length, chunkStart));
    }
    const text = chunk.toString('utf8', ref.start - chunkStart, ref.end - chunkStart);
    return toConfigResource(JSON.parse(text), ref.modulePrefix, () => ref.address);
  });
}

const CONFIG_READ_BYTES = 1024 * 1024;
