/** The worker thread of tail.ts: reads the end of a plan and sends what it kept, then signals. */
import { workerData, type MessagePort } from 'node:worker_threads';
import { readTail, type TailRequest } from './tail';

const { request, port, signal } = workerData as { request: TailRequest; port: MessagePort; signal: Int32Array };
try {
  port.postMessage(readTail(request));
} finally {
  // The main thread may be blocked in Atomics.wait: wake it whatever happened.
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
  port.close();
}
