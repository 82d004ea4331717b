/** The import map's fast path (JSON.parse) must not hide a key written twice, which JSON.parse resolves silently. */
import { hasDuplicateKeys } from '../../config/json-duplicate-keys';
import { parseImportMapText } from '../../config/import-map';

test('a key written twice in one object is found, at any depth, and escapes in keys are read', () => {
  expect(hasDuplicateKeys('{"a": 1, "b": {"c": 2, "c": 3}}')).toBe(true);
  expect(hasDuplicateKeys('{"a": 1, "\\u0061": 2}')).toBe(true);
  expect(hasDuplicateKeys('{"a": [{"x": 1}, {"x": 2}], "b": "a", "c": "{\\"a\\": 1, \\"a\\": 2}"}')).toBe(false);
  expect(hasDuplicateKeys('[{"k": 1}, {"k": 1}]')).toBe(false);
});

test('an import map with an address given twice is refused with its line, through the slow path that locates it', () => {
  const text = ['{', '  "stacks": {', '    "dev-organization": {', '      "aws_organizations_organization.organization": { "id": "o-1" },', '      "aws_organizations_organization.organization": { "id": "o-2" }', '    }', '  }', '}'].join('\n');
  const result = parseImportMapText(text, 'environments/dev.imports.json');
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.issues[0]).toMatchObject({ file: 'environments/dev.imports.json', line: 5 });
  expect(result.issues[0].message).toContain('appears twice');
});
