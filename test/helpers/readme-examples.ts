import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { environmentSchema } from '../../config/schema';

/** The project's README, as a new user reads it. */
export const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

/** The first fenced block after `marker` in the README. */
export function readmeBlockAfter(marker: string): string {
  const start = README.indexOf(marker);
  if (start < 0) throw new Error(`README has no "${marker}"`);
  const match = /```[a-z]*\n([\s\S]*?)```/.exec(README.slice(start));
  if (!match) throw new Error(`no code block after "${marker}"`);
  return match[1];
}

/** True when a README snippet has a `renames:` section that passes the environment schema. */
export function renamesExampleIsValid(snippet: unknown): boolean {
  const renames = (snippet as { renames?: unknown } | null)?.renames;
  return renames !== undefined && environmentSchema.shape.renames.safeParse(renames).success;
}
