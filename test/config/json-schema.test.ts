import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { environmentJsonSchema } from '../../config/json-schema';

describe('published JSON Schema', () => {
  const file = join(__dirname, '..', '..', 'config', 'environment.schema.json');

  test('the committed schema is the one the zod schema generates (run "npm run schema" after changing config/schema.ts)', () => {
    expect(readFileSync(file, 'utf8')).toBe(environmentJsonSchema());
  });

  test('it rejects unknown keys and knows the permission set fields', () => {
    const schema = JSON.parse(readFileSync(file, 'utf8'));
    expect(schema.additionalProperties).toBe(false);
    expect(schema.patternProperties).toEqual({ '^x-': {} });
    const permissionSet = schema.properties.identityCenter.properties.permissionSets.additionalProperties;
    expect(Object.keys(permissionSet.properties)).toEqual(expect.arrayContaining(['managedPolicies', 'customerManagedPolicies', 'inlinePolicy', 'permissionsBoundary', 'sessionDuration', 'relayState', 'tags']));
  });
});
