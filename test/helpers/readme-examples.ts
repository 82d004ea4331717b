import { environmentSchema } from '../../config/schema';

/** True when a README snippet has a `renames:` section that passes the environment schema. */
export function renamesExampleIsValid(snippet: unknown): boolean {
  const renames = (snippet as { renames?: unknown } | null)?.renames;
  return renames !== undefined && environmentSchema.shape.renames.safeParse(renames).success;
}
