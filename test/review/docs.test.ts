/** docs/plan-review.md matches the code: every flag of the pack and every exit code is documented. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT_CODES } from '../../review/exit-codes';
import { RULES } from '../../review/rules';
import { RULE_INFOS } from '../../rules/catalogue';

const docs = readFileSync(join(__dirname, '..', '..', 'docs', 'plan-review.md'), 'utf8');

test.each(RULE_INFOS.map((rule) => [rule.id, rule]))('documents %s with its info line, its severity at synth and its fix', (id, rule) => {
  // Severity decides only at synth (an error fails it); a review-only rule shows —.
  const severity = rule.at.includes('synth') ? rule.severity : '—';
  expect(docs).toContain(`| \`${id}\` | ${rule.info} | ${severity} | ${rule.at.join(', ')} | ${rule.fix} |`);
});

test('documents no flag the catalogue does not have', () => {
  const documented = [...docs.matchAll(/^\| `(RISK-[A-Z-]+)` \|/gm)].map((match) => match[1]);
  expect(documented).toEqual(RULE_INFOS.map((rule) => rule.id));
});

test('every rule of the review pack is in the catalogue, marked as a review rule, and every catalogue review rule runs', () => {
  const reviewIds = RULE_INFOS.filter((rule) => rule.at.includes('review')).map((rule) => rule.id);
  expect([...RULES.map((rule) => rule.id)].sort()).toEqual([...reviewIds].sort());
});

test.each(RULE_INFOS.map((rule) => [rule.id, rule.at.join(', ')]))('documents where %s runs', (id, at) => {
  expect(docs).toMatch(new RegExp(`^\\| \`${id}\` \\|[^\\n]*\\| ${at} \\|`, 'm'));
});

test.each(Object.values(EXIT_CODES))('documents exit code %i', (code) => {
  expect(docs).toMatch(new RegExp(`^\\| ${code} \\| `, 'm'));
});
