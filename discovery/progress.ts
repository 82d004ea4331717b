/**
 * Progress on stderr while discovery runs: one line rewritten in place on a terminal, plain lines
 * in CI or a pipe, where carriage returns turn into one unreadable line per update.
 */
import type { Clock } from './clock';

export interface Progress {
  /** A phase starts, with the number of items it will go through (0 when not known yet). */
  begin(phase: string, total: number): void;
  /** One item of the phase is done. */
  advance(phase: string): void;
  /** The phase is over. */
  end(phase: string): void;
  /** One request was sent to AWS. */
  call(): void;
  /** One request was throttled or failed and will be retried. */
  retry(): void;
  /** Discovery is over: finish the line. */
  close(): void;
}

export interface ProgressOptions {
  readonly stream: { write(text: string): unknown };
  /** Whether the stream is a terminal (process.stderr.isTTY). */
  readonly isTTY: boolean;
  /** Whether CI=true (CI systems often give a TTY that cannot rewrite lines). */
  readonly ci: boolean;
  readonly clock: Clock;
  /**
   * Least time between two redraws of the terminal line.
   * @default 100
   */
  readonly redrawMs?: number;
}

export const silentProgress: Progress = { begin() {}, advance() {}, end() {}, call() {}, retry() {}, close() {} };

interface PhaseState {
  total: number;
  done: number;
  /** The quarter last reported in plain mode (0–4). */
  quarter: number;
}

export function createProgress(options: ProgressOptions): Progress {
  const live = options.isTTY && !options.ci;
  const redrawMs = options.redrawMs ?? 100;
  const phases = new Map<string, PhaseState>();
  let calls = 0;
  let retries = 0;
  let current = '';
  let lastDraw = -Infinity;
  let lineShown = false;

  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const counts = () => `${plural(calls, 'call')}${retries > 0 ? `, ${retries === 1 ? '1 retry' : `${retries} retries`}` : ''}`;
  const phaseText = (name: string, state: PhaseState) => (state.total > 0 ? `${name} ${state.done}/${state.total}` : `${name} ${state.done}`);

  const draw = (force: boolean) => {
    if (!live) return;
    const now = options.clock.now();
    if (!force && now - lastDraw < redrawMs) return;
    lastDraw = now;
    const state = phases.get(current);
    const text = `discovering: ${state ? phaseText(current, state) : 'starting'} · ${counts()}`;
    // \r goes back to the line start, ESC[2K clears it: the line is rewritten, never appended.
    options.stream.write(`\r\x1b[2K${text}`);
    lineShown = true;
  };

  const plain = (text: string) => {
    if (!live) options.stream.write(`${text}\n`);
  };

  return {
    begin(phase, total) {
      phases.set(phase, { total, done: 0, quarter: 0 });
      current = phase;
      plain(`discovery: ${phase}${total > 0 ? ` (${total})` : ''}…`);
      draw(true);
    },
    advance(phase) {
      const state = phases.get(phase);
      if (!state) return;
      state.done++;
      current = phase;
      if (state.total > 0) {
        const quarter = Math.floor((4 * state.done) / state.total);
        if (quarter > state.quarter && quarter < 4) {
          state.quarter = quarter;
          plain(`discovery: ${phaseText(phase, state)} (${counts()})`);
        }
      }
      draw(false);
    },
    end(phase) {
      const state = phases.get(phase);
      if (!state) return;
      plain(`discovery: ${phase} done, ${state.done} read (${counts()})`);
      draw(true);
    },
    call() {
      calls++;
      draw(false);
    },
    retry() {
      retries++;
      draw(false);
    },
    close() {
      if (live && lineShown) options.stream.write(`\r\x1b[2Kdiscovery: done · ${counts()}\n`);
      else plain(`discovery: done (${counts()})`);
    },
  };
}
