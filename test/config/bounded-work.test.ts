/**
 * Hostile sizes cost milliseconds and a screenful: no backtracking pattern, bounded did-you-mean, cut
 * values, capped issues. (No timings asserted here: `npm run fuzz` prints them; a hang fails by jest's timeout.)
 */
import { ConfigError } from '../../config/issues';
import { closest } from '../../config/did-you-mean';
import { wildcard } from '../../config/validate/service-control-policies';
import { baseConfig, issues, load, toYaml } from '../helpers/environment';

const big = (n: number, ch = 'a') => ch.repeat(n);

describe('work is bounded', () => {
  test('a 60,000-character email of dots is rejected without backtracking', () => {
    const config: any = baseConfig();
    config.organization.accounts.prod.email = `a@${big(60000, '.')} `;
    expect(issues(config)[0].message).toContain('it is 60003 characters long; AWS Organizations takes 6–64');
  });

  test('a 1 MB account key is refused by length, with the value cut in the message', () => {
    const config: any = baseConfig();
    config.organization.accounts[big(1_000_000)] = { email: 'aws-x@example.com' };
    const found = issues(toYaml(config));
    expect(found[0].message).toBe('a key of 1,000,000 characters; no name in this file takes more than 1,024');
    const printed = new ConfigError(found).message;
    expect(printed.length).toBeLessThan(2000);
  });

  test('a 1 MB email value is refused by length and printed cut', () => {
    const config: any = baseConfig();
    config.organization.accounts.prod.email = big(1_000_000);
    const found = issues(config);
    expect(found[0].message).toBe('a value of 1,000,000 characters; no field takes more than 65,536');
  });

  test('did-you-mean over long strings and many candidates gives up quickly', () => {
    const candidates = Array.from({ length: 100_000 }, (_, i) => `${big(200)}${i}`);
    expect(closest(big(60000), candidates)).toBeUndefined();
    expect(closest('Admn', [...candidates, 'Admin'])).toBeUndefined(); // past the 5,000 compared
    expect(closest('Admn', ['Admin', ...candidates])).toBe('Admin');
  });

  test('an IAM wildcard with dozens of stars matches in linear steps', () => {
    const pattern = `${'a*'.repeat(40)}b`;
    expect(wildcard(pattern, big(5000), false)).toBe(false);
    expect(wildcard('iam:*Policy*', 'iam:PutRolePolicy', false)).toBe(true);
    expect(wildcard('IAM:?ut*', 'iam:PutUser', true)).toBe(true);
    expect(wildcard('iam:Get?', 'iam:Get', false)).toBe(false);
  });

  test('an SCP-style action with dozens of wildcards in an inline policy is checked at once', () => {
    const config: any = baseConfig();
    config.identityCenter.permissionSets = { Ops: { inlinePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: `iam:${'*a'.repeat(50)}!`, Resource: '*' }] } } };
    expect(issues(config)[0].message).toContain('is not an IAM action');
  });

  test('thousands of unknown keys are reported as the first 100 and a count of the rest', () => {
    const config: any = baseConfig();
    for (let i = 0; i < 5000; i++) config[`unknown${i}`] = i;
    const result = load(config);
    expect(result.ok).toBe(false);
    const found = result.ok ? [] : result.issues;
    expect(found).toHaveLength(101);
    expect(found[100]).toMatchObject({ message: '… and 4,900 more issues in this file (only the first 100 are shown)', fix: 'fix these and run again' });
  });

  test('a long value echoed in a message is cut to 80 characters and its length', () => {
    const config: any = baseConfig();
    config.identityCenter.mfa.prompt = big(5000, 'x');
    const printed = new ConfigError(issues(config)).message;
    expect(printed).toContain(`"${big(80, 'x')}… (5,000 characters)"`);
    expect(printed).not.toContain(big(200, 'x'));
  });
});
