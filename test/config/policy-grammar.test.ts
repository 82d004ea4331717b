/**
 * IAM's policy grammar and the actions and condition keys AWS defines, in every policy a config
 * carries: permission set inline policies (mapping or JSON string) and SCP files. Each test shows the
 * bad value and the error with file, line, path and fix.
 */
import { checkAction, checkConditionKey, globMatch } from '../../config/iam-actions';
import { policyGrammarIssues } from '../../config/policy-grammar';
import { requireMfaPolicy } from '../../modules/mfa-policy';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { baselineConfig, policyFile, scp } from '../helpers/baseline';
import { baseConfig, issues, lineContaining as lineOf, model, onlyIssue as only, type Yamlish } from '../helpers/environment';

const SET = ['identityCenter', 'permissionSets', 'Reader', 'inlinePolicy'];
const withInline = (...statements: unknown[]): Yamlish => {
  const config = baseConfig() as any;
  config.identityCenter.permissionSets = { Reader: { inlinePolicy: { Version: '2012-10-17', Statement: statements } } };
  return config;
};
const allow = (extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::example-reports/*', ...extra });

describe('actions', () => {
  test('a misspelt action gets the real one, at its line', () => {
    const config = withInline(allow({ Action: ['s3:ListBucket', 's3:GetObjcet'] }));
    const found = only(config);
    expect(found).toMatchObject({ file: 'environments/test.yaml', line: lineOf(config, 's3:GetObjcet'), path: [...SET, 'Statement', 0, 'Action', 1] });
    expect(found.message).toBe('Action: "s3:GetObjcet" is not an action of s3, so this statement allows nothing for it (did you mean "s3:GetObject"?)');
    expect(found.fix).toBe('write "s3:GetObject"');
  });

  test('a wildcard that matches no action is rejected; one that matches passes, in any case', () => {
    expect(only(withInline(allow({ Action: 's3:Gte*' }))).message).toBe('Action: "s3:Gte*" matches no action of s3, so this statement allows nothing for it');
    expect(() => model(withInline(allow({ Action: ['s3:get*', 'S3:List*', 'ec2:Describe?nstances', 'iam:passrole'] })))).not.toThrow();
  });

  test('an unknown service prefix gets the closest service', () => {
    expect(only(withInline(allow({ Action: 's4:GetObject' }))).message).toBe('Action: "s4:GetObject": no AWS service has the prefix "s4", so this statement allows nothing for it (did you mean "s3:GetObject"?)');
  });

  test('a misspelt NotAction in a Deny says that the Deny also hits what it meant to leave out', () => {
    const found = only(withInline(allow(), { Effect: 'Deny', NotAction: ['sts:GetSessionTokn'], Resource: '*' }));
    expect(found.path).toEqual([...SET, 'Statement', 1, 'NotAction', 0]);
    expect(found.message).toBe('NotAction: "sts:GetSessionTokn" is not an action of sts, so this Deny also denies the action meant to be left out (did you mean "sts:GetSessionToken"?)');
  });

  // The loader refuses any value over 65,536 characters (config/load.ts); below that the checks stay linear.
  test('an action of 60,000 characters is rejected without a slow match or suggestion', () => {
    const found = issues(withInline(allow({ Action: `s3:${'*'.repeat(60_000)}x` }))).map((i) => i.message);
    expect(found).toHaveLength(2);
    expect(found[0]).toBe('the inline policy is 60117 characters as compact JSON; the limit is 32768');
    expect(found[1]).toMatch(/^Action: "s3:\*{37}… \(60,004 characters\)" is 60004 characters long; no IAM action is, so this statement allows nothing for it$/);
  });

  test('the wildcard matcher handles * and ? like IAM', () => {
    expect([globMatch('get*', 'getobject'), globMatch('*object', 'getobject'), globMatch('g?t*t', 'getobject'), globMatch('get?', 'getobject'), globMatch('*', '')]).toEqual([true, true, true, false, true]);
    expect(checkAction('*')).toEqual({ known: true });
  });
});

describe('the grammar', () => {
  test('a Sid with characters IAM does not allow gets a Sid that works', () => {
    const config = withInline(allow({ Sid: 'Allow-read reports' }));
    const found = only(config);
    expect(found).toMatchObject({ line: lineOf(config, 'Sid: Allow-read reports'), path: [...SET, 'Statement', 0, 'Sid'] });
    expect(found.message).toBe('Sid "Allow-read reports" may hold only the letters A–Z, a–z and the digits 0–9');
    expect(found.fix).toBe('write it as "AllowReadReports"');
  });

  test('a 60,000-character Sid or operator is quoted by its start, so the message stays short', () => {
    const found = issues(withInline(allow({ Sid: `S-${'x'.repeat(60_000)}`, Condition: { [`Str${'x'.repeat(1_000)}`]: { 'aws:TagKeys': 'a' } } })));
    const messages = found.map((i) => i.message).filter((message) => !message.startsWith('the inline policy is'));
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/^Sid "S-x{78}… \(60,002 characters\)" may hold only/);
    expect(messages[1]).toMatch(/^"Strx{77}… \(1,003 characters\)" is not an IAM condition operator$/);
  });

  test('two statements with one Sid are rejected at the second', () => {
    const found = only(withInline(allow({ Sid: 'Reports' }), allow({ Sid: 'Reports', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::example-reports' })));
    expect(found.path).toEqual([...SET, 'Statement', 1, 'Sid']);
    expect(found.message).toBe('Sid "Reports" is already the Sid of Statement[0]; Sids must be unique within a policy');
  });

  test('a Resource that is neither * nor an ARN is rejected; a bucket name gets its ARN', () => {
    const config = withInline(allow({ Resource: 'example-reports' }));
    const found = only(config);
    expect(found).toMatchObject({ line: lineOf(config, 'Resource: example-reports'), path: [...SET, 'Statement', 0, 'Resource'] });
    expect(found.message).toBe('Resource "example-reports" is neither "*" nor an ARN (arn:partition:service:region:account:resource)');
    expect(found.fix).toBe('for an S3 bucket write "arn:aws:s3:::example-reports"; otherwise write the resource\'s ARN or "*"');
  });

  test('ARNs with wildcards and policy variables pass', () => {
    expect(() => model(withInline(allow({ Resource: ['arn:aws:s3:::example-reports/${aws:username}/*', 'arn:aws:iam::*:role/*'] })))).not.toThrow();
  });

  test('an unknown condition operator gets the closest one, at its key', () => {
    const config = withInline(allow({ Condition: { StringEqual: { 'aws:PrincipalTag/Team': 'reports' } } }));
    const found = only(config);
    expect(found).toMatchObject({ line: lineOf(config, 'StringEqual:'), path: [...SET, 'Statement', 0, 'Condition', 'StringEqual'] });
    expect(found.message).toBe('"StringEqual" is not an IAM condition operator (did you mean "StringEquals"?)');
    expect(found.fix).toBe('write "StringEquals"');
  });

  test('set operators and IfExists are understood; NullIfExists is not an operator', () => {
    expect(() => model(withInline(allow({ Condition: { 'ForAnyValue:StringLikeIfExists': { 'aws:TagKeys': ['team*'] }, 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] }, BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } } })))).not.toThrow();
    expect(only(withInline(allow({ Condition: { NullIfExists: { 'aws:TagKeys': 'true' } } }))).message).toBe('NullIfExists is not a condition operator: IfExists applies to every operator except Null');
  });

  test('operator → key → values: a mapping where a value belongs, and a Bool that is not true or false, are rejected', () => {
    const found = issues(withInline(allow({ Condition: { StringEquals: { 'aws:PrincipalTag/Team': { team: 'reports' } }, Bool: { 'aws:SecureTransport': 'yes' } } })));
    expect(found.map((i) => [i.path, i.message])).toEqual([
      [[...SET, 'Statement', 0, 'Condition', 'StringEquals', 'aws:PrincipalTag/Team'], 'the value of aws:PrincipalTag/Team under StringEquals must be a string, number or boolean, or a list of them'],
      [[...SET, 'Statement', 0, 'Condition', 'Bool', 'aws:SecureTransport'], 'Bool takes "true" or "false"; got "yes"'],
    ]);
  });

  test('a misspelt condition key never matches: it gets the real one', () => {
    const config = withInline(allow({ Condition: { StringEquals: { 'iam:PassedToServce': 'lambda.amazonaws.com' } } }));
    const found = only(config);
    expect(found).toMatchObject({ line: lineOf(config, 'iam:PassedToServce'), path: [...SET, 'Statement', 0, 'Condition', 'StringEquals', 'iam:PassedToServce'] });
    expect(found.message).toBe('"iam:PassedToServce" is not a condition key of iam: the condition never matches as meant (did you mean "iam:PassedToService"?)');
    expect(found.fix).toBe('write "iam:PassedToService"');
  });

  test('condition keys with a variable part match whatever names the tag or key', () => {
    for (const key of ['aws:PrincipalTag/CostCenter', 's3:ExistingObjectTag/Owner', 'ec2:ResourceTag/Name', 'secretsmanager:ResourceTag/Project', 'sso:ApplicationAccount']) expect([key, checkConditionKey(key)]).toEqual([key, { known: true }]);
    expect(checkConditionKey('s3:ExistingObjectTagg/Owner').known).toBe(false);
  });

  test('IAM policies hold only tab, line breaks and U+0020–U+00FF', () => {
    const found = only(withInline(allow({ Resource: 'arn:aws:s3:::reports/Prüfung–2024/*' })));
    expect(found.path).toEqual([...SET, 'Statement', 0, 'Resource']);
    expect(found.message).toBe('character U+2013 "–" at position 29: IAM policy documents may hold only tab, line feed, carriage return and U+0020–U+00FF');
  });

  test('in an inline policy written as a JSON string, the issue points at the string and names the place inside it', () => {
    const config = baseConfig() as any;
    config.identityCenter.permissionSets = { Reader: { inlinePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [allow({ Action: 's3:GetObjcet' })] }) } };
    const found = only(config);
    expect(found).toMatchObject({ path: SET, line: lineOf(config, 'inlinePolicy:') });
    expect(found.message).toBe('Statement[0].Action: Action: "s3:GetObjcet" is not an action of s3, so this statement allows nothing for it (did you mean "s3:GetObject"?)');
  });
});

describe('service control policies', () => {
  const withScp = (content: unknown) => {
    const config = baselineConfig() as any;
    config.baseline.serviceControlPolicies = { guardrail: { file: policyFile(content), targets: ['root'] } };
    return config as Yamlish;
  };

  test("a misspelt action in an SCP's Deny denies nothing: an error with the JSON file's line", () => {
    const config = withScp(scp({ Sid: 'DenyLeaving', Effect: 'Deny', Action: 'organizations:LeaveOrganisation', Resource: '*' }));
    const found = only(config);
    expect(found).toMatchObject({ path: ['baseline', 'serviceControlPolicies', 'guardrail', 'file'], line: lineOf(config, 'policy.json') });
    expect(found.message).toMatch(/policy\.json:7:17 {2}Statement\[0\]\.Action: Action: "organizations:LeaveOrganisation" is not an action of organizations, so this Deny denies nothing for it \(did you mean "organizations:LeaveOrganization"\?\)$/);
    expect(found.fix).toBe('write "organizations:LeaveOrganization"');
  });

  test('a wildcard that would make a regular expression backtrack for minutes is matched at once', () => {
    const found = only(withScp(scp({ Effect: 'Deny', Action: `iam:${'*A'.repeat(14)}*Z`, Resource: '*' })));
    expect(found.message).toMatch(/Statement\[0\]\.Action: Action: "iam:(\*A){14}\*Z" matches no action of iam, so this Deny denies nothing for it$/);
  });

  test('a condition key typo in an SCP is reported with its file position', () => {
    const found = only(withScp(scp({ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalArnn': 'arn:aws:iam::*:role/Admin' } } })));
    expect(found.message).toMatch(/policy\.json:\d+:\d+ {2}Statement\[0\]\.Condition\.ArnNotLike\.aws:PrincipalArnn: "aws:PrincipalArnn" is not a global condition key: the condition never matches as meant \(did you mean "aws:PrincipalArn"\?\)$/);
  });
});

describe('the policies the project ships', () => {
  test('the RequireMFA policy and every bundled SCP name only real actions and condition keys', () => {
    expect(policyGrammarIssues(requireMfaPolicy('aws'), { kind: 'iam' })).toEqual([]);
    const dir = join(__dirname, '..', '..', 'policies', 'scp');
    for (const file of readdirSync(dir)) expect([file, policyGrammarIssues(JSON.parse(readFileSync(join(dir, file), 'utf8')), { kind: 'scp' })]).toEqual([file, []]);
  });

  test('the checks can fail: the same check finds a typo', () => {
    expect(policyGrammarIssues({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:CreateAccountAlia', Resource: '*' }] }, { kind: 'scp' })).toHaveLength(1);
  });
});
