/**
 * Strings a plan, a state or a policy supplies (resource types, attribute names, managed policy
 * names, services) are looked up in tables. A name that Object.prototype has (`toString`, `constructor`, `__proto__`) must
 * find nothing there: it once stopped the review with "internal error: path is not iterable".
 */
import { AWS_MANAGED_POLICY_DOCUMENTS } from '../../config/aws-managed-policy-documents.generated';
import { serviceWord } from '../../model/effective-access';
import { adminManagedPolicy } from '../../rules/policy/analysis';
import { READ_COSTS } from '../../synth/plan-cost';
import { OBJECT_TYPES } from '../../synth/rename-plan';
import { attribute } from '../../review/plan/attribute';
import { renderJson } from '../../review/render/json';
import { renderMarkdown } from '../../review/render/markdown';
import { reviewPlans } from '../../review/review';
import { change, plan } from '../review/helpers';

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

describe('an argument named like a property of every object, on one side only', () => {
  test.each(PROTOTYPE_NAMES)('"%s" is absent on the other side, not a function or Object.prototype', (name) => {
    const updated = change({ address: 'aws_identitystore_user.ana', actions: ['update'], before: { user_name: 'ana', [name]: 'x' }, after: { user_name: 'ana' } });
    expect(attribute(updated, 'after', name)).toEqual({ state: 'absent' });
    expect(attribute(updated, 'after', [name, 'deeper'])).toEqual({ state: 'absent' });
    const update = reviewPlans({ plans: [plan([updated])] }).stacks[0].updates[0];
    expect(update.arguments).toEqual([{ argument: name, before: '"x"', after: '(not set)' }]);
  });
});

describe('a service or resource type named like a property of every object', () => {
  test.each(PROTOTYPE_NAMES)('"%s" is worded as a service of its own, not as what Object.prototype holds', (name) => {
    expect(serviceWord(name)).toBe(name.charAt(0).toUpperCase() + name.slice(1));
  });

  test.each(PROTOTYPE_NAMES)('"%s" has no read cost, rename slots or zero-diff exceptions of a known type', (name) => {
    expect(READ_COSTS[name]).toBeUndefined();
    expect(OBJECT_TYPES[name]).toBeUndefined();
    expect(AWS_MANAGED_POLICY_DOCUMENTS[name]).toBeUndefined();
  });
});
