/** docs/plan-review.md matches the code: every flag of the pack and every exit code is documented. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT_CODES } from '../../review/exit-codes';
import { RULES } from '../../review/rules';

const docs = readFileSync(join(__dirname, '..', '..', 'docs', 'plan-review.md'), 'utf8');

test.each(RULES.map((rule) => [rule.id, rule.info]))('documents %s with its info line', (id, info) => {
  expect(docs).toContain(`| \`${id}\` | ${info} |`);
});

test('documents no flag the pack does not have', () => {
  const documented = [...docs.matchAll(/^\| `(RISK-[A-Z-]+)` \|/gm)].map((match) => match[1]);
  expect(documented).toEqual(RULES.map((rule) => rule.id));
});

test.each(Object.values(EXIT_CODES))('documents exit code %i', (code) => {
  expect(docs).toMatch(new RegExp(`^\\| ${code} \\| `, 'm'));
});
