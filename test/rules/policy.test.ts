/** Policy analysis by content, and the statement splitter for large documents. */
import { requireMfaPolicy } from '../../modules/mfa-policy';

const REQUIRE_MFA_POLICY = requireMfaPolicy('aws');
import { adminLevel, denyCoverage, denyCovers, iamWrites, MAX_STATEMENT_COMPARISONS, mayBeAdmin, mfaDenies, mfaDeniesLost, trustWidenings, widenings } from '../../rules/policy/analysis';
import { describeStatement, diffStatements, parsePolicy, Statement } from '../../rules/policy/document';
import type { JsonValue } from '../../rules/json';
import { eachStatementPair, splitStatements, type StatementText } from '../../rules/policy/split';

const statements = (...list: object[]): readonly Statement[] => {
  const parsed = parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: list }));
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.statements;
};
const one = (statement: object) => statements(statement)[0];

describe('administrator-level by content', () => {
  test('Action "*" and IAM write (wildcards and NotAction expanded from the IAM action list)', () => {
    expect(adminLevel(statements({ Effect: 'Allow', Action: '*', Resource: '*' }))).toContain('allows every action');
    expect(iamWrites(one({ Effect: 'Allow', Action: 'iam:Put*Policy', Resource: '*' }))).toEqual(['iam:PutGroupPolicy', 'iam:PutRolePolicy', 'iam:PutUserPolicy']);
    expect(iamWrites(one({ Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' }))).toEqual([]);
    expect(iamWrites(one({ Effect: 'Allow', NotAction: ['s3:*'], Resource: '*' })).length).toBeGreaterThan(50);
  });
  test('not administrator-level: read-only IAM, service-linked roles, iam:PassRole, and the caller managing their own MFA', () => {
    expect(adminLevel(statements({ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' }))).toBeUndefined();
    expect(adminLevel(statements({ Effect: 'Allow', Action: ['iam:CreateServiceLinkedRole', 'iam:PassRole'], Resource: '*' }))).toBeUndefined();
    expect(adminLevel(statements({ Effect: 'Allow', Action: ['iam:EnableMFADevice'], Resource: 'arn:aws:iam::*:user/${aws:username}' }))).toBeUndefined();
    expect(adminLevel(statements({ Effect: 'Deny', Action: '*', Resource: '*' }))).toBeUndefined();
  });
});

describe('widenings', () => {
  test('wildcards, NotAction, NotResource and iam:PassRole on any role', () => {
    expect(widenings(one({ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::x' })).map((w) => w.what)).toEqual(['Action "s3:*"']);
    expect(widenings(one({ Effect: 'Allow', Action: 'ec2:Describe*', Resource: 'arn:aws:ec2:*:*:instance/*' }))).toEqual([]);
    expect(widenings(one({ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::123456789012:role/*' })).map((w) => w.kind)).toEqual(['pass-role']);
    expect(widenings(one({ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::123456789012:role/app' }))).toEqual([]);
    expect(widenings(one({ Effect: 'Allow', NotAction: 'iam:*', NotResource: 'arn:aws:s3:::x' })).map((w) => w.what)).toEqual([
      'NotAction (every action except those listed)',
      'NotResource (every resource except those listed)',
    ]);
    expect(widenings(one({ Effect: 'Allow', NotAction: 's3:*', Resource: '*' })).map((w) => w.kind)).toEqual(['wildcard', 'wildcard', 'pass-role']);
  });
  test('every action of every service ("*:*") is a wildcard action, in any case of service name', () => {
    expect(widenings(one({ Effect: 'Allow', Action: '*:*', Resource: 'arn:aws:s3:::x' })).map((w) => w.what)).toEqual(['Action "*:*"']);
    expect(widenings(one({ Effect: 'Allow', Action: ['IAM:*'], Resource: 'arn:aws:iam::123456789012:user/x' })).map((w) => w.what)).toEqual(['Action "IAM:*"']);
    expect(widenings(one({ Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::x/*' }))).toEqual([]);
  });
  test('iam:PassRole on any role however the Resource spells it; not on a named or prefixed role', () => {
    const passRole = (resource: string) => widenings(one({ Effect: 'Allow', Action: 'iam:PassRole', Resource: resource })).map((w) => w.kind);
    for (const any of ['arn:aws:iam::*:*', 'arn:aws:iam::123456789012:*', 'arn:*:iam::*:role/*', 'arn:aws-us-gov:iam::123456789012:role*']) expect([any, passRole(any)]).toEqual([any, ['pass-role']]);
    expect(passRole('arn:aws:iam::123456789012:role/app-*')).toEqual([]);
    expect(passRole('arn:aws:iam::123456789012:role/service-role/*')).toEqual([]);
  });
  test("the project's own MFA policy widens nothing: its wildcard resource is on harmless actions only", () => {
    const policy = parsePolicy(JSON.stringify(REQUIRE_MFA_POLICY));
    if (!policy.ok) throw new Error(policy.problem);
    expect(policy.statements.flatMap(widenings)).toEqual([]);
  });
});

describe('the MFA-enforcing Deny', () => {
  const mfa = REQUIRE_MFA_POLICY.Statement.filter((statement) => statement.Effect === 'Deny');
  test('is found by its condition on aws:MultiFactorAuthPresent, however it is written', () => {
    expect(mfaDenies(statements(...mfa))).toHaveLength(1);
    expect(mfaDenies(statements({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'AWS:MultiFactorAuthPresent': false } } }))).toHaveLength(1);
    expect(mfaDenies(statements({ Effect: 'Deny', Action: '*', Resource: '*' }))).toEqual([]);
  });
  test('is kept when its NotAction is only respelled (case, a wildcard for the same actions); lost when a wildcard excepts more', () => {
    const deny = (notAction: string[]) => statements({ Effect: 'Deny', NotAction: notAction, Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } });
    const before = deny(['iam:ListMFADevices', 'iam:ListVirtualMFADevices', 'sts:GetSessionToken']);
    expect(mfaDeniesLost(before, deny(['IAM:listmfadevices', 'iam:ListVirtualMFADevices', 'STS:GetSessionToken']))).toEqual([]);
    expect(mfaDeniesLost(before, deny(['iam:List*MFADevices', 'sts:GetSessionToken']))).toEqual([]);
    expect(mfaDeniesLost(before, deny(['iam:List*', 'sts:GetSessionToken']))).toHaveLength(1);
  });
  test('is not a Deny that can apply only when MFA is present; is a Null test and a negated one', () => {
    const deny = (condition: object) => mfaDenies(statements({ Effect: 'Deny', Action: '*', Resource: '*', Condition: condition }));
    expect(deny({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } })).toEqual([]);
    expect(deny({ Bool: { 'aws:MultiFactorAuthPresent': [true] } })).toEqual([]);
    expect(deny({ Null: { 'aws:MultiFactorAuthPresent': 'false' } })).toEqual([]);
    expect(deny({ Null: { 'aws:MultiFactorAuthPresent': 'true' } })).toHaveLength(1);
    // IfExists: also true when the key is absent (long-term credentials, which never carry MFA).
    expect(deny({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } })).toHaveLength(1);
    expect(deny({ StringNotEquals: { 'aws:MultiFactorAuthPresent': 'true' } })).toHaveLength(1);
  });
  test('is lost when removed, narrowed, or conditioned further; kept when broadened or only renamed', () => {
    const [deny] = mfa as Array<{ NotAction: string[] } & object>;
    expect(mfaDeniesLost(statements(deny), statements())).toHaveLength(1);
    expect(mfaDeniesLost(statements(deny), statements({ ...deny, NotAction: [...deny.NotAction, 's3:*'] }))).toHaveLength(1);
    expect(mfaDeniesLost(statements(deny), statements({ ...deny, Resource: 'arn:aws:s3:::x' }))).toHaveLength(1);
    expect(mfaDeniesLost(statements(deny), statements({ ...deny, NotAction: deny.NotAction.slice(1) }))).toEqual([]);
    expect(mfaDeniesLost(statements(deny), statements({ ...deny, Sid: 'Renamed' }))).toEqual([]);
    expect(mfaDeniesLost(statements(deny), statements({ ...deny, Condition: { ...(deny as unknown as { Condition: object }).Condition, StringEquals: { 'aws:PrincipalTag/team': 'x' } } }))).toHaveLength(1);
  });
});

test('trust widenings: new principals of an existing role, and anyone on any role', () => {
  const trust = (principal: unknown, condition?: object) => statements({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) });
  expect(trustWidenings(trust({ Service: 'a.amazonaws.com' }), trust({ Service: ['a.amazonaws.com', 'b.amazonaws.com'] }))).toEqual(['Service:b.amazonaws.com']);
  expect(trustWidenings(undefined, trust({ AWS: 'arn:aws:iam::123456789012:root' }))).toEqual([]);
  expect(trustWidenings(undefined, trust('*'))).toEqual(['anyone ("*", no condition)']);
  expect(trustWidenings(trust({ AWS: 'arn:aws:iam::1:root' }), trust({ AWS: 'arn:aws:iam::1:root' }))).toEqual([]);
});

describe('a Deny that covers another', () => {
  // Built directly: parsePolicy refuses a statement without Action or NotAction, as IAM does.
  const deny = (fields: object) => Statement.fromRaw({ Effect: 'Deny', ...fields } as { [key: string]: JsonValue });

  test('a Deny of everything but some resources is covered only by one that excepts no more', () => {
    const old = deny({ Action: 's3:*', NotResource: ['arn:aws:s3:::allowed', 'arn:aws:s3:::allowed/*'] });
    expect(denyCovers(deny({ Action: 's3:*', Resource: ['arn:aws:s3:::other'] }), old)).toBe(false);
    expect(denyCovers(deny({ Action: 's3:*', NotResource: ['arn:aws:s3:::allowed', 'arn:aws:s3:::elsewhere'] }), old)).toBe(false);
    expect(denyCovers(deny({ Action: 's3:*', NotResource: ['arn:aws:s3:::allowed'] }), old)).toBe(true);
    expect(denyCovers(deny({ Action: 's3:*', Resource: '*' }), old)).toBe(true);
  });

  test('many statements against many: compared within a budget, past it a Deny counts as lost (flagged, not hours of work)', () => {
    const denies = [...Array.from({ length: 999 }, (_, i) => deny({ Action: `s3:Get${i}`, Resource: `arn:aws:s3:::b${i}` })), deny({ Action: 'ec2:*', Resource: '*' })];
    const stillDenied = denyCoverage(denies);
    const removed = Array.from({ length: 150 }, (_, i) => deny({ Action: `ec2:Run${i}`, Resource: '*' }));
    const covered = removed.map(stillDenied);
    // Each is covered only by the last of the 1,000 Denies: the budget holds about 100 such searches.
    const within = Math.floor(MAX_STATEMENT_COMPARISONS / denies.length);
    expect(covered.slice(0, within).every(Boolean)).toBe(true);
    expect(covered.slice(within + 1).some(Boolean)).toBe(false);
    // An equal statement is found by its text, budget or not.
    expect(stillDenied(deny({ Action: 'ec2:*', Resource: '*' }))).toBe(true);
  });

  test('a Deny without Resource or Action is read as on everything: only "*" covers it', () => {
    expect(denyCovers(deny({ Action: 's3:*', Resource: 'arn:aws:s3:::one' }), deny({ Action: 's3:*' }))).toBe(false);
    expect(denyCovers(deny({ Action: 's3:*', Resource: '*' }), deny({ Action: 's3:*' }))).toBe(true);
    expect(denyCovers(deny({ Action: 's3:GetObject', Resource: '*' }), deny({ Resource: '*' }))).toBe(false);
  });

  test('a condition that excepts fewer values, takes more, or adds IfExists denies at least as much; the opposite does not', () => {
    const onPrincipals = (operator: string, values: string[]) => deny({ Action: '*', Resource: '*', Condition: { [operator]: { 'aws:PrincipalArn': values } } });
    const old = onPrincipals('StringNotLike', ['arn:aws:iam::*:role/Admin', 'arn:aws:iam::*:role/Dev*']);
    expect(denyCovers(onPrincipals('StringNotLike', ['arn:aws:iam::*:role/Admin']), old)).toBe(true);
    expect(denyCovers(old, onPrincipals('StringNotLike', ['arn:aws:iam::*:role/Admin']))).toBe(false);
    expect(denyCovers(onPrincipals('StringNotLikeIfExists', ['arn:aws:iam::*:role/Admin', 'arn:aws:iam::*:role/Dev*']), old)).toBe(true);
    const positive = onPrincipals('StringEquals', ['a']);
    expect(denyCovers(onPrincipals('StringEquals', ['a', 'b']), positive)).toBe(true);
    expect(denyCovers(onPrincipals('StringEqualsIfExists', ['a']), positive)).toBe(true);
    // A positive test without IfExists fails where the key is absent: it does not cover the IfExists one.
    expect(denyCovers(positive, onPrincipals('StringEqualsIfExists', ['a']))).toBe(false);
    // Another operator, or a set operator, only when equal.
    expect(denyCovers(onPrincipals('StringLike', ['a', 'b']), positive)).toBe(false);
    expect(denyCovers(onPrincipals('ForAnyValue:StringEquals', ['a', 'b']), onPrincipals('ForAnyValue:StringEquals', ['a']))).toBe(false);
  });

  test('a Resource pattern covers the resources it matches, a narrower pattern not a wider one', () => {
    const on = (resource: string) => deny({ Action: 's3:DeleteBucket', Resource: resource });
    expect(denyCovers(on('arn:aws:s3:::prod-*'), on('arn:aws:s3:::prod-logs'))).toBe(true);
    expect(denyCovers(on('arn:aws:s3:::prod-*'), on('arn:aws:s3:::prod-l*'))).toBe(true);
    expect(denyCovers(on('arn:aws:s3:::prod-l*'), on('arn:aws:s3:::prod-*'))).toBe(false);
    expect(denyCovers(on('arn:aws:s3:::prod-?'), on('arn:aws:s3:::prod-*'))).toBe(false);
    expect(denyCovers(on('arn:aws:s3:::prod-?'), on('arn:aws:s3:::prod-a'))).toBe(true);
    expect(denyCovers(on('arn:aws:s3:::*-logs'), on('arn:aws:s3:::prod-logs-2'))).toBe(false);
    // Many wildcards against a long name: linear in practice, never exponential.
    const hostile = `arn:aws:s3:::${'*a'.repeat(40)}b`;
    expect(denyCovers(on(hostile), on(`arn:aws:s3:::${'a'.repeat(2000)}`))).toBe(false);
  });

  test('one Deny of several actions split into a Deny per action is still denied; a split that drops one is not', () => {
    const old = deny({ Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail'], Resource: '*' });
    const split = [deny({ Action: 'cloudtrail:StopLogging', Resource: '*' }), deny({ Action: 'cloudtrail:DeleteTrail', Resource: '*' })];
    expect(denyCoverage(split)(old)).toBe(true);
    expect(denyCoverage(split.slice(0, 1))(old)).toBe(false);
  });
});

describe('a document nested deeper than any IAM policy', () => {
  const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
  const policy = (value: string, padding = 0) =>
    `{"Version":"2012-10-17","Statement":[${'{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},'.repeat(padding)}{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"a":${value}}}}]}`;

  test('is not a policy, however large, instead of running the walks out of stack', () => {
    const small = parsePolicy(policy(deep(100_000)));
    expect(small).toEqual({ ok: false, problem: 'nests values more than 32 levels deep, which no IAM policy does' });
    // 256 KB and more: the splitter gives up on the statement, and the ordinary parse says why.
    const large = policy(deep(100_000), 5_000);
    expect(large.length).toBeGreaterThan(256 * 1024);
    expect(parsePolicy(large)).toEqual(small);
  });

  test('a condition as deep as the grammar allows is still a policy', () => {
    const parsed = parsePolicy(policy('["x"]'));
    expect(parsed.ok && parsed.statements[0].conditions).toEqual([{ operator: 'StringEquals', key: 'a', values: ['x'] }]);
  });
});

describe('large documents are split into statement texts', () => {
  const big = (count: number, change: (i: number) => object = () => ({})) => ({
    Version: '2012-10-17',
    Statement: Array.from({ length: count }, (_, i) => ({ Sid: `S${i}`, Effect: i % 7 === 0 ? 'Deny' : 'Allow', Action: ['s3:GetObject'], Resource: `arn:aws:s3:::b/${i}/\${aws:username}`, ...change(i) })),
  });

  test('the split agrees with JSON.parse on texts, Sids and Effects, compact or indented', () => {
    const document = big(50);
    for (const text of [JSON.stringify(document), JSON.stringify(document, null, 2)]) {
      const split = splitStatements(text)!;
      expect(split.map((statement) => [JSON.parse(statement.text), statement.sid, statement.effect])).toEqual(document.Statement.map((statement) => [statement, statement.Sid, statement.Effect]));
    }
  });
  test('anything not shaped like a policy is left to JSON.parse', () => {
    expect(splitStatements('{"Version":"2012-10-17"}')).toBeUndefined();
    expect(splitStatements('{"Statement":{"Effect":"Allow"}}')).toBeUndefined();
    expect(splitStatements('{"Statement":[{"Effect":"Allow"}')).toBeUndefined();
    expect(splitStatements('[1]')).toBeUndefined();
  });
  test('a large document diffs as a small one: one changed statement, one only rewritten in another key order', () => {
    const before = big(3000);
    const after = big(3000, (i) => (i === 10 ? { Resource: 'arn:aws:s3:::changed' } : {}));
    after.Statement[20] = Object.fromEntries(Object.entries(after.Statement[20]).reverse()) as (typeof after.Statement)[number];
    const beforeText = JSON.stringify(before);
    expect(beforeText.length).toBeGreaterThan(256 * 1024);
    const [from, to] = [parsePolicy(beforeText), parsePolicy(JSON.stringify(after))];
    if (!from.ok || !to.ok) throw new Error('not parsed');
    const { added, removed } = diffStatements(from.statements, to.statements);
    expect(added.map((statement) => [statement.sid, statement.resources])).toEqual([['S10', ['arn:aws:s3:::changed']]]);
    expect(removed.map((statement) => statement.sid)).toEqual(['S10']);
    expect(mfaDenies(to.statements)).toEqual([]);
  });
});

describe('walking two large documents in step', () => {
  const statement = (i: number, extra: object = {}) => ({ Sid: `S${i}`, Effect: 'Allow', Action: ['s3:GetObject', `s3:Put${i % 3}`], Resource: `arn:aws:s3:::b/${i}/*`, ...extra });
  const pairs = (before: string, after: string) => {
    const seen: Array<[StatementText | undefined, StatementText | undefined]> = [];
    const walked = eachStatementPair(before, after, (one, other) => seen.push([one, other]));
    return walked ? seen : undefined;
  };
  const plain = (statement: StatementText | undefined) => statement && { text: statement.text, sid: statement.sid, effect: statement.effect };

  test.each([
    ['the same document', (list: object[]) => list],
    ['one statement changed in place', (list: object[]) => list.map((item, i) => (i === 5 ? statement(5, { Resource: '*' }) : item))],
    ['one inserted at the front (every position differs)', (list: object[]) => [statement(-1), ...list]],
    ['one removed from the middle', (list: object[]) => list.filter((_, i) => i !== 7)],
    ['the last one longer', (list: object[]) => list.map((item, i) => (i === list.length - 1 ? statement(i, { Condition: { Bool: { 'aws:SecureTransport': 'true' } } }) : item))],
  ])('%s: each side as its own split, with offsets into its own text', (_, edit) => {
    const list = Array.from({ length: 40 }, (__, i) => statement(i));
    const before = JSON.stringify({ Version: '2012-10-17', Statement: list });
    const after = JSON.stringify({ Version: '2012-10-17', Statement: edit(list) });
    const seen = pairs(before, after)!;
    const [left, right] = [splitStatements(before)!, splitStatements(after)!];
    expect(seen).toHaveLength(Math.max(left.length, right.length));
    expect(seen.map(([one]) => plain(one)).filter(Boolean)).toEqual(left.map(plain));
    expect(seen.map(([, other]) => plain(other)).filter(Boolean)).toEqual(right.map(plain));
    for (const [one, other] of seen) {
      if (one) expect(before.slice(one.start, one.end)).toBe(one.text);
      if (other) expect(after.slice(other.start, other.end)).toBe(other.text);
    }
  });
  test('a statement of the new side that starts like the old one but breaks the document is not a policy', () => {
    const before = JSON.stringify({ Statement: [statement(1), statement(2)] });
    expect(pairs(before, before.replace('},{', '}},{'))).toBeUndefined();
    expect(pairs(before, `${before.slice(0, -2)}]`)).toBeUndefined();
  });
  test('escaped keys are read as JSON.parse reads them; a bad escape makes the text not a policy, never a crash', () => {
    const text = '{"Statement":[{"S\\u0069d":"A","\\u0045ffect":"Deny","Action":"s3:*"}]}';
    expect(splitStatements(text)!.map((item) => [item.sid, item.effect])).toEqual([['A', 'Deny']]);
    expect(splitStatements('{"Statement":[{"S\\xid":"A","Effect":"Deny"}]}')).toBeUndefined();
    expect(splitStatements('{"Statement":[{"Sid":"\\q","Effect":"Deny"}]}')).toBeUndefined();
  });
});

test('mayBeAdmin answers as the regex it replaces, on generated text', () => {
  const regex = /"\*"|"\*:\*"|iam:|notaction|\\/i;
  const alphabet = '"*:iamIAMnotacionNOTACTION\\ x';
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const texts = ['"*"', 'x"*:*"y', 'IAM:x', 'NotAction', 'a\\b', '"s3:*"', '*"', '":*"', '"*:*', 'abc'];
  for (let i = 0; i < 20000; i++) texts.push(Array.from({ length: Math.floor(random() * 12) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''));
  const disagreements = texts.filter((text) => mayBeAdmin(text) !== regex.test(text));
  expect(disagreements).toEqual([]);
  expect(texts.filter((text) => mayBeAdmin(text)).length).toBeGreaterThan(1000);
});

test('the canonical form is sorted-key JSON with Action and Resource lists sorted, escapes as JSON.stringify writes them', () => {
  const sortedKeys = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(sortedKeys) : value !== null && typeof value === 'object' ? Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])])) : value;
  const raw = { Sid: 'q"\\\u0001\ud800\u2028é😀', Effect: 'Allow', Action: ['s3:b', 's3:a'], Resource: 'arn:x', Condition: { StringEquals: { 'aws:PrincipalTag/team': ['b', 'a'] } } };
  const expected = JSON.stringify(sortedKeys({ ...raw, Action: ['s3:a', 's3:b'], Resource: ['arn:x'] }));
  expect(one(raw).canonical).toBe(expected);
  expect(one(Object.fromEntries(Object.entries(raw).reverse())).canonical).toBe(expected);
});

test('a trust statement is described with who it trusts', () => {
  expect(describeStatement(one({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }))).toBe('Allow sts:AssumeRole to *');
  expect(describeStatement(one({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }))).toBe('Allow sts:AssumeRole to Service:ec2.amazonaws.com');
});
