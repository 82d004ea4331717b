/**
 * Strings a plan supplies (resource types, attribute names, managed policy names) are looked up in
 * the review's tables. A name that Object.prototype has (`toString`, `constructor`, `__proto__`) must
 * find nothing there: it once stopped the review with "internal error: path is not iterable".
 */
import { adminManagedPolicy } from '../../rules/policy/analysis';
import { renderJson } from '../../review/render/json';
import { renderMarkdown } from '../../review/render/markdown';
import { reviewPlans } from '../../review/review';
import { change, plan } from './helpers';

const PROTOTYPE_NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

describe.each(PROTOTYPE_NAMES)('a plan naming "%s"', (name) => {
  const reviewed = plan(
    [
      // As a resource type, updated and destroyed (names, titles, policies, updates, unreadable values all look the type up).
      change({ address: `${name}.x`, type: name, name: 'x', actions: ['update'], before: { a: '1', policy: '{}' }, after: { a: '2', policy: '{}' } }),
      change({ address: `${name}.y`, type: name, name: 'y', actions: ['delete'], before: { a: '1' }, after: null }),
      // As an argument of a type the review explains argument by argument.
      change({
        address: 'aws_ssoadmin_permission_set.ops',
        actions: ['update'],
        before: { name: 'Ops', [name]: 'old' },
        after: { name: 'Ops', [name]: 'new' },
      }),
    ],
    { prior: [{ address: `${name}.x`, mode: 'managed', type: name, name: 'x', values: { name: 'n', id: 'i' }, sensitiveValues: {} }] },
  );

  test('is reviewed: no rule fails, the reports render, the argument is shown as changed', () => {
    const review = reviewPlans({ plans: [reviewed] });
    expect(review.findings.filter((finding) => finding.reason.includes('the rule failed'))).toEqual([]);
    expect(renderMarkdown(review, { title: 't' })).toContain(`${name}.x`);
    expect(JSON.parse(renderJson(review)).stacks[0].changes).toHaveLength(3);
    const update = review.stacks[0].updates.find((entry) => entry.address === 'aws_ssoadmin_permission_set.ops');
    expect(update?.arguments).toEqual([{ argument: name, before: '"old"', after: '"new"' }]);
  });

  test('is no AWS managed administrator policy', () => {
    expect(adminManagedPolicy(`arn:aws:iam::aws:policy/${name}`)).toBeUndefined();
    expect(adminManagedPolicy('arn:aws:iam::aws:policy/AdministratorAccess')).toBeDefined();
  });
});
