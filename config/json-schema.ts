/** The JSON Schema editors use to complete and check environment files, from the same zod schema as the types. */
import { z } from 'zod';
import { environmentSchema } from './schema';

export function environmentJsonSchema(): string {
  const schema = z.toJSONSchema(environmentSchema, { io: 'input', unrepresentable: 'any' });
  // Top-level x- keys are ignored by the loader (a place for YAML anchors); editors must not flag them.
  return `${JSON.stringify({ ...schema, patternProperties: { '^x-': { description: 'Ignored by the loader: a place for YAML anchors to reuse below, as in Compose files.' } }, title: 'Environment config (environments/<env>.yaml)' }, null, 2)}\n`;
}

if (require.main === module) process.stdout.write(environmentJsonSchema());
