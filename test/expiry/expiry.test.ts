/** Access over time: expires:/reason: on assignments, judged at a fixed clock (IDENTITY_FOUNDATION_NOW). */
import { NOW_VARIABLE, parseExpiry, synthNow } from '../../config/expiry';
import { expiryFile, expiryLines, expiryWords } from '../../model/expiry';
import { checkEnvironment } from '../../rules/synth';
import { baseConfig, issues, lineContaining, model, namesOf, synth, withChange } from '../helpers/environment';
import { atFixedClock, timedGrants } from '../helpers/expiry';

atFixedClock();

const timed = timedGrants;

describe('parseExpiry', () => {
  test('a date holds through that day (UTC) and ends when the next one starts', () => {
    expect(parseExpiry('2026-12-31')).toEqual({ ok: true, ends: new Date('2027-01-01T00:00:00Z') });
  });
  test('a UTC date-time ends at that instant; seconds are optional', () => {
    expect(parseExpiry('2026-12-31T18:00:00Z')).toEqual({ ok: true, ends: new Date('2026-12-31T18:00:00Z') });
    expect(parseExpiry('2026-12-31T18:30Z')).toEqual({ ok: true, ends: new Date('2026-12-31T18:30:00Z') });
  });
  test('refuses offsets, dates that do not exist and other text', () => {
    expect(parseExpiry('2026-12-31T18:00:00+02:00')).toMatchObject({ ok: false, message: expect.stringContaining('UTC offset') });
    expect(parseExpiry('2026-02-30')).toMatchObject({ ok: false, message: expect.stringContaining('not a real date') });
    expect(parseExpiry('2026-12-31T24:00:00Z')).toMatchObject({ ok: false });
    expect(parseExpiry('31.12.2026')).toMatchObject({ ok: false, message: expect.stringContaining('not a date') });
  });
  test('IDENTITY_FOUNDATION_NOW fixes the clock; a date means its start', () => {
    expect(synthNow({ [NOW_VARIABLE]: '2026-12-02T02:00:00Z' })).toEqual(new Date('2026-12-02T02:00:00Z'));
    expect(synthNow({ [NOW_VARIABLE]: '2026-12-02' })).toEqual(new Date('2026-12-02T00:00:00Z'));
    expect(() => synthNow({ [NOW_VARIABLE]: 'tomorrow' })).toThrow(/IDENTITY_FOUNDATION_NOW="tomorrow"/);
  });
});

describe('the config edge', () => {
  test('a bad expires names the line, the path and the fix', () => {
    const config = withChange((c) => (c.identityCenter.assignments[0].expires = '2026-12-31T18:00:00+02:00'));
    const [found] = issues(config);
    expect(found).toMatchObject({
      path: ['identityCenter', 'assignments', 0, 'expires'],
      line: lineContaining(config, '+02:00'),
      message: 'expires "2026-12-31T18:00:00+02:00" has a UTC offset; expiries are written in UTC only',
      fix: 'write the same instant in UTC: expires: 2026-12-31T16:00:00Z',
    });
  });
  test('a file that declares YAML 1.1 gets a Date from the parser: refused with the fix to quote it', () => {
    const text = `%YAML 1.1\n---\n${require('yaml').stringify(withChange((c) => (c.identityCenter.assignments[0].expires = 'EXPIRY')))}`.replace("expires: EXPIRY", 'expires: 2026-12-31');
    const [found] = issues(text);
    expect(found.path).toEqual(['identityCenter', 'assignments', 0, 'expires']);
    expect(found.message).toContain('quote it ("2026-12-31")');
  });
  test('a short reason is refused', () => {
    const [found] = issues(withChange((c) => Object.assign(c.identityCenter.assignments[0], { expires: '2026-12-31', reason: 'temp' })));
    expect(found).toMatchObject({ path: ['identityCenter', 'assignments', 0, 'reason'], message: expect.stringContaining('at least 10 characters') });
  });
});

describe('at a fixed clock', () => {
  test('an expired grant is dropped from the model and from the stack; an expiring and an open-ended one stay', () => {
    const environment = model(timed());
    expect(environment.identityCenter.assignments.map((a) => a.account.key)).toEqual(['dev', 'audit']);
    expect(environment.identityCenter.expiry.expired.map((a) => [a.address, a.expires?.toISOString(), a.reason])).toEqual([
      ['group_platform_admins__readonly__prod', '2026-12-02T00:00:00.000Z', 'INC-4711: database migration on-call'],
    ]);
    expect(environment.identityCenter.expiry.expiringSoon.map((a) => a.account.key)).toEqual(['dev']);
    expect(namesOf(synth(environment).identityCenter, 'aws_ssoadmin_account_assignment')).toEqual([
      'group_platform_admins__readonly__audit',
      'group_platform_admins__readonly__dev',
    ]);
  });

  test('the grant is kept until the instant it ends, and gone from then on', () => {
    process.env[NOW_VARIABLE] = '2026-12-01T23:59:59Z';
    expect(model(timed()).identityCenter.expiry.expired).toEqual([]);
    process.env[NOW_VARIABLE] = '2026-12-02T00:00:00Z';
    expect(model(timed()).identityCenter.expiry.expired.map((a) => a.account.key)).toEqual(['prod']);
  });

  test('a grant is warned of from exactly 7 days before its end, not a second earlier', () => {
    // dev's grant ends 2026-12-05T18:00Z; prod's (expires: 2026-12-01) at 2026-12-02T00:00Z.
    process.env[NOW_VARIABLE] = '2026-11-28T17:59:59Z';
    expect(model(timed()).identityCenter.expiry.expiringSoon.map((a) => a.account.key)).toEqual(['prod']);
    process.env[NOW_VARIABLE] = '2026-11-28T18:00:00Z';
    expect(model(timed()).identityCenter.expiry.expiringSoon.map((a) => a.account.key)).toEqual(['prod', 'dev']);
  });

  test('the summary lists the expired grant (who, what, where, when, why) and warns of the expiring one', () => {
    expect(expiryLines(model(timed()))).toEqual([
      '  expired: 1 assignment dropped at 2026-12-02T02:00:00.000Z (a plan deletes them where they were applied):',
      '    expired  group Platform Admins / ReadOnly / prod: was granted through 2026-12-01 (UTC) (reason: INC-4711: database migration on-call)',
      '  warning: group Platform Admins / ReadOnly / dev is granted until 2026-12-05 18:00 UTC: it ends within 7 days (reason: CHG-99: quarter-end audit support)',
    ]);
    expect(expiryLines(model(baseConfig()))).toEqual([]);
  });

  test('expiry.json names the plan addresses and holds no clock reading', () => {
    const file = expiryFile(model(timed()));
    expect(file.expired).toEqual([
      { address: 'aws_ssoadmin_account_assignment.group_platform_admins__readonly__prod', principalType: 'GROUP', principal: 'Platform Admins', permissionSet: 'ReadOnly', account: 'prod', expires: '2026-12-02T00:00:00.000Z', reason: 'INC-4711: database migration on-call' },
    ]);
    expect(file.temporary.map((entry) => entry.account)).toEqual(['dev']);
    process.env[NOW_VARIABLE] = '2026-12-02T03:00:00Z';
    expect(expiryFile(model(timed()))).toEqual(file);
  });
});

test('in an existing organization, an expired OU target grants nothing at plan time either', () => {
  const organizationGrants = (expires: string) =>
    model({
      region: 'eu-west-1',
      organization: { existing: true, organizationalUnits: { Security: {} }, accounts: { management: { id: '111111111111', management: true }, audit: { id: '222222222222', ou: 'Security' } } },
      identityCenter: { mfa: { prompt: 'every-sign-in' }, groups: { Auditors: { existing: true } }, assignments: [{ group: 'Auditors', permissionSets: ['Admin'], organizationalUnits: ['Security'], expires }] },
    }).identityCenter.organizationAssignments.map((a) => a.address);
  expect(organizationGrants('2026-12-31')).toContain('group_auditors__admin');
  expect(organizationGrants('2026-12-01')).not.toContain('group_auditors__admin');
});

describe('RISK-ADMIN-GRANT-WITHOUT-EXPIRY', () => {
  const admin = (expires: string | undefined, requireExpiryFor?: string) =>
    withChange((c) => {
      if (expires) c.identityCenter.assignments[0].expires = expires;
      if (requireExpiryFor) c.identityCenter.access = { requireExpiryFor };
    });
  const flagged = (config: ReturnType<typeof admin>) => checkEnvironment(model(config)).findings.filter((f) => f.ruleId === 'RISK-ADMIN-GRANT-WITHOUT-EXPIRY');

  test('flags an open-ended admin grant when the config asks for expiries, as an error naming the grant', () => {
    const found = flagged(admin(undefined, 'administrator-sets'));
    expect(found.map((f) => [f.severity, f.target])).toEqual([['error', 'Platform Admins / Admin / prod']]);
    expect(found[0].reason).toContain('AdministratorAccess is attached');
  });
  test('an admin grant with expires, or a config that does not ask, is not flagged', () => {
    expect(flagged(admin('2026-12-20', 'administrator-sets'))).toEqual([]);
    expect(flagged(admin(undefined))).toEqual([]);
  });
  test('a non-admin open-ended grant is not flagged', () => {
    const config = withChange((c) => {
      c.identityCenter.access = { requireExpiryFor: 'administrator-sets' };
      c.identityCenter.permissionSets = { ReadOnly: { managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] } };
      c.identityCenter.assignments = [{ group: 'Platform Admins', permissionSets: ['ReadOnly'], accounts: ['prod'] }];
    });
    expect(flagged(config)).toEqual([]);
  });
});

describe('an end instant as a person reads it (expiryWords)', () => {
  test('a date means through that day: its instant, the next midnight UTC, reads as the day itself', () => {
    expect(expiryWords('2027-01-01T00:00:00.000Z')).toBe('through 2026-12-31 (UTC)');
    expect(expiryWords(new Date('2024-03-01T00:00:00Z'))).toBe('through 2024-02-29 (UTC)');
  });
  test('any other instant reads with its time, seconds only when it has them', () => {
    expect(expiryWords('2026-12-05T18:00:00.000Z')).toBe('until 2026-12-05 18:00 UTC');
    expect(expiryWords('2026-12-05T18:00:07.000Z')).toBe('until 2026-12-05 18:00:07 UTC');
  });
  test('text that is no instant is shown as it is', () => {
    expect(expiryWords('soon')).toBe('until soon');
  });
});
