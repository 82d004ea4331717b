/**
 * Stacks of environments that no longer exist are removed from the output directory, and only
 * what synth wrote: a record beside the stacks (`<out>/synthesized-stacks.json`) names every stack
 * directory and checklist synth wrote and its environment. Without it, a removed environment's
 * `cdktf.out/stacks/<env>-*` stays behind, where a loop over `cdktf.out/stacks/*` would plan it.
 *
 * A recorded stack is removed when its environment file is gone, or when its environment was
 * synthesized now and no longer has that stack (a `baseline:` section removed). Stacks of other
 * environments that still exist are kept (`--env prod` leaves dev's stacks as they are).
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const RECORD_FILE = 'synthesized-stacks.json';

interface Record {
  readonly version: 1;
  /** Stack name → environment name. */
  readonly stacks: { readonly [stack: string]: string };
}

export interface Synthesized {
  readonly environment: { readonly name: string };
  readonly stacks: ReadonlyArray<{ readonly name: string }>;
}

/** Removes stale stacks and checklists; returns the names of the stacks removed. */
export function removeStaleStacks(outdir: string, environmentsDirectory: string, synthesized: readonly Synthesized[]): string[] {
  const previous = readRecord(outdir);
  const existing = new Set(environmentNames(environmentsDirectory));
  const now = new Set(synthesized.map((result) => result.environment.name));
  const written = new Map(synthesized.flatMap((result) => result.stacks.map((stack) => [stack.name, result.environment.name] as const)));
  const kept: Array<[string, string]> = [];
  const removed: string[] = [];
  for (const [stack, environment] of Object.entries(previous.stacks)) {
    if (written.has(stack)) continue;
    if (existing.has(environment) && !now.has(environment)) kept.push([stack, environment]);
    else {
      rmSync(join(outdir, 'stacks', stack), { recursive: true, force: true });
      removed.push(stack);
    }
  }
  const recordedEnvironments = new Set(Object.values(previous.stacks));
  for (const environment of recordedEnvironments) {
    if (!existing.has(environment)) rmSync(join(outdir, 'environments', environment), { recursive: true, force: true });
  }
  const stacks = Object.fromEntries([...kept, ...written].sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(join(outdir, RECORD_FILE), `${JSON.stringify({ version: 1, stacks } satisfies Record, null, 2)}\n`);
  return removed.sort();
}

function readRecord(outdir: string): Record {
  const file = join(outdir, RECORD_FILE);
  if (!existsSync(file)) return { version: 1, stacks: {} };
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Record>;
    if (parsed.version !== 1 || typeof parsed.stacks !== 'object' || parsed.stacks === null) return { version: 1, stacks: {} };
    // Only plain stack names: a record edited by hand must not make synth remove anything outside stacks/.
    const stacks = Object.fromEntries(Object.entries(parsed.stacks).filter(([stack, environment]) => /^[a-z0-9-]+$/.test(stack) && typeof environment === 'string' && /^[a-z0-9-]+$/.test(environment)));
    return { version: 1, stacks };
  } catch {
    return { version: 1, stacks: {} };
  }
}

function environmentNames(directory: string): string[] {
  try {
    return readdirSync(directory).filter((file) => /\.ya?ml$/.test(file)).map((file) => file.replace(/\.ya?ml$/, ''));
  } catch {
    return [];
  }
}
