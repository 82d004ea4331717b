import { toYaml, baseConfig, issues } from '../helpers/environment';

test('a key given twice in one mapping is refused with its line, as before the one-pass check', () => {
  const yaml = toYaml(baseConfig()).replace('  groups:\n', '  groups:\n    Twice: {}\n    Twice: {}\n');
  const found = issues(yaml);
  expect(found).toHaveLength(1);
  expect(found[0].message).toMatch(/^key "Twice" appears twice in this mapping \(first on line \d+\)$/);
  expect(yaml.split('\n')[found[0].line - 1]).toContain('Twice');
  expect(found[0].line).toBe(yaml.split('\n').lastIndexOf('    Twice: {}') + 1);
});

test('the same key in two different mappings is no duplicate', () => {
  expect(() => issues(toYaml({ ...baseConfig(), tags: { Owner: 'a' } }))).toThrow('expected the config to be rejected');
});
