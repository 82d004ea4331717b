/** The JSON Schema editors use to complete and check environment files, from the same zod schema as the types. */
import { z } from 'zod';
import { environmentSchema } from './schema';

export function environmentJsonSchema(): string {
  // Draft-07, not zod's default 2020-12: the YAML language server behind VS Code's YAML extension
  // validates with draft-07 and warns on newer drafts
  // (https://github.com/redhat-developer/vscode-yaml/issues/726, https://github.com/redhat-developer/yaml-language-server/issues/856).
  const schema = z.toJSONSchema(environmentSchema, { target: 'draft-7', io: 'input', unrepresentable: 'any' });
  // Top-level x- keys are ignored by the loader (a place for YAML anchors); editors must not flag them.
  return `${JSON.stringify({ ...schema, patternProperties: { '^x-': { description: 'Ignored by the loader: a place for YAML anchors to reuse below, as in Compose files.' } }, title: 'Environment config (environments/<env>.yaml)' }, null, 2)}\n`;
}

if (require.main === module) process.stdout.write(environmentJsonSchema());
