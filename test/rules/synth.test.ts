/** The rule pack at synth: over the model the config asks for, with suppressions from the config. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CATALOGUE, RULE_INFOS } from '../../rules/catalogue';
import { checkEnvironment } from '../../rules/synth';
import { ruleLines } from '../../synth/summary';
import { baselineConfig, baselineOf } from '../helpers/baseline';
import { baseConfig, issues, model, toYaml, type Yamlish } from '../helpers/environment';

const ids = (config: Yamlish) => checkEnvironment(model(config)).findings.map((finding) => finding.ruleId);

function withSet(name: string, set: Yamlish, assignment: Yamlish = { group: 'Platform Admins', permissionSets: [name], accounts: ['prod'] }): Yamlish {
  const config = baseConfig();
  const ic = config.identityCenter as Yamlish;
  ic.permissionSets = { [name]: set };
  ic.assignments = [assignment];
  return config;
}

test('every catalogue rule has a RISK- id, a severity, a one-line info, an explanation and a fix', () => {
  expect(new Set(RULE_INFOS.map((rule) => rule.id)).size).toBe(RULE_INFOS.length);
  for (const rule of RULE_INFOS) {
    expect(rule.id).toMatch(/^RISK-[A-Z-]+$/);
    expect(['error', 'warning']).toContain(rule.severity);
    expect(rule.info).toMatch(/^[A-Z].*\.$/);
    expect(rule.explanation.length).toBeGreaterThan(80);
    expect(rule.fix.length).toBeGreaterThan(10);
    expect(rule.at.length).toBeGreaterThan(0);
  }
});

test('the small base config (Admin to a group on a member account) has no finding', () => {
  expect(ids(baseConfig())).toEqual([]);
});

test('a direct user grant is a warning; of an administrator-level set it is also an error', () => {
  const config = baseConfig();
  (config.identityCenter as Yamlish).assignments = [{ user: 'jane.doe@example.com', permissionSets: ['Admin'], accounts: ['prod'] }];
  const check = checkEnvironment(model(config));
  expect(check.findings.map((finding) => [finding.ruleId, finding.severity, finding.target])).toEqual([
    ['RISK-GRANT-TO-USER', 'warning', 'jane.doe@example.com / Admin / prod'],
    ['RISK-ADMIN-HELD-BY-USER', 'error', 'jane.doe@example.com / Admin / prod'],
  ]);
  expect(check.errors.map((finding) => finding.ruleId)).toEqual(['RISK-ADMIN-HELD-BY-USER']);
});

test('an assignment on the management account is a warning', () => {
  const config = baseConfig();
  (config.identityCenter as Yamlish).assignments = [{ group: 'Platform Admins', permissionSets: ['PowerUser'], accounts: ['management'] }];
  expect(ids(config)).toEqual(['RISK-GRANT-ON-MANAGEMENT']);
});

test('a set other than Admin that is administrator-level by content is an error', () => {
  const inline = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:CreateUser', Resource: 'arn:aws:iam::*:user/*' }] });
  expect(ids(withSet('Helpdesk', { inlinePolicy: inline }))).toEqual(['RISK-ADMIN-POLICY-ATTACHED']);
  expect(ids(withSet('Breakglass', { managedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'] }))).toEqual(['RISK-ADMIN-POLICY-ATTACHED']);
});

test('wildcard Allows and iam:PassRole on * in an inline policy, and the harmless wildcard that is not flagged', () => {
  const policy = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
  expect(ids(withSet('Data', { inlinePolicy: policy({ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::data/*' }) }))).toEqual(['RISK-WILDCARD-ALLOWED']);
  expect(ids(withSet('Data', { inlinePolicy: policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }) }))).toEqual(['RISK-PASSROLE-ANY']);
  expect(ids(withSet('Data', { inlinePolicy: policy({ Effect: 'Allow', Action: 'iam:ListVirtualMFADevices', Resource: '*' }) }))).toEqual([]);
});

test('the password policy below CIS is accepted by its own reason; requireMfa off is accepted by its reason', () => {
  const config = baselineConfig();
  baselineOf(config).passwordPolicy = { minimumPasswordLength: 10, reason: 'a legacy tool truncates longer passwords' };
  const check = checkEnvironment(model(config));
  expect(check.findings).toEqual([
    expect.objectContaining({ ruleId: 'RISK-PASSWORD-POLICY-WEAKENED', suppressed: 'baseline.passwordPolicy.reason: a legacy tool truncates longer passwords' }),
  ]);
  expect(check.errors).toEqual([]);

  const withoutMfa = baselineConfig();
  baselineOf(withoutMfa).requireMfa = { enabled: false, reason: 'first import-only plan of the adopted estate; switched on next' };
  const mfaCheck = checkEnvironment(model(withoutMfa));
  expect(mfaCheck.findings).toEqual([
    expect.objectContaining({
      ruleId: 'RISK-BREAK-GLASS-WITHOUT-MFA',
      target: 'requireMfa',
      reason: expect.stringContaining('the MFA-enforcing policy is off while IAM users exist: IAM-Administrator in'),
      suppressed: 'baseline.requireMfa.reason: first import-only plan of the adopted estate; switched on next',
    }),
  ]);
  expect(mfaCheck.errors).toEqual([]);
  // Without IAM users there is nobody the policy would hold to MFA: nothing to accept.
  delete baselineOf(withoutMfa).iamUsers;
  expect(checkEnvironment(model(withoutMfa)).findings).toEqual([]);
});

test('a suppression with a reason turns an error into a suppressed finding, shown with its reason; an unmatched one is reported', () => {
  const config = baseConfig();
  (config.identityCenter as Yamlish).assignments = [{ user: 'jane.doe@example.com', permissionSets: ['Admin'], accounts: ['prod'] }];
  config.suppressions = [
    { rule: 'RISK-ADMIN-HELD-BY-USER', target: 'jane.doe@example.com / Admin / prod', reason: 'the break-glass identity, alarmed on every use' },
    { rule: 'RISK-GRANT-TO-USER', target: 'nobody / Admin / prod', reason: 'a typo in the target' },
  ];
  const check = checkEnvironment(model(config));
  expect(check.errors).toEqual([]);
  const lines = ruleLines(check);
  expect(lines[0]).toBe('  security rules: 0 errors, 1 warning, 1 suppressed');
  expect(lines).toContain(
    '    suppressed RISK-ADMIN-HELD-BY-USER target: jane.doe@example.com / Admin / prod: user jane.doe@example.com holds the administrator-level set Admin on Prod directly: AdministratorAccess is attached: it allows every action on every resource (reason: the break-glass identity, alarmed on every use)',
  );
  expect(lines).toContain('    unused     suppression RISK-GRANT-TO-USER target: nobody / Admin / prod: no finding has this rule and target');
});

test('a suppression needs a reason of some length', () => {
  const config = baseConfig();
  config.suppressions = [{ rule: 'RISK-GRANT-TO-USER', target: 'x' }];
  expect(issues(config).map((issue) => [issue.path.join('.'), issue.message])).toEqual([['suppressions.0.reason', 'is required: text']]);
  config.suppressions = [{ rule: 'RISK-GRANT-TO-USER', target: 'x', reason: 'ok' }];
  expect(issues(config).map((issue) => issue.path.join('.'))).toEqual(['suppressions.0.reason']);
});

test('an unsuppressed error-level finding fails the synth with the file, the line, the config path, the rule, the target and a fix', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rules-synth-'));
  const config = baseConfig();
  (config.identityCenter as Yamlish).assignments = [
    { group: 'Platform Admins', permissionSets: ['PowerUser'], accounts: ['prod'] },
    { user: 'jane.doe@example.com', permissionSets: ['Admin'], accounts: ['prod'] },
  ];
  (config.identityCenter as Yamlish).permissionSets = { Admin: { managedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'], sessionDuration: 'PT4H' } };
  const text = toYaml(config);
  writeFileSync(join(dir, 'test.yaml'), text);
  const result = spawnSync(process.execPath, [join(__dirname, '..', '..', 'dist', 'main.js'), '--environments', dir, '--out', join(dir, 'out')], { encoding: 'utf8' });
  expect(result.status).toBe(1);
  const lineOf = (path: string, rule: string) => {
    const match = new RegExp(`test\\.yaml:(\\d+):\\d+  ${path.replace(/\./g, '\\.')}  security rule ${rule} \\(`).exec(result.stderr);
    expect(match).not.toBeNull();
    return text.split('\n')[Number(match![1]) - 1];
  };
  // The second assignment's line (the first holds PowerUser), and the set's sessionDuration.
  expect(lineOf('identityCenter.assignments.1', CATALOGUE.adminHeldByUser.id)).toContain('jane.doe@example.com');
  expect(lineOf('identityCenter.permissionSets.Admin.sessionDuration', CATALOGUE.adminSessionLong.id)).toContain('PT4H');
  expect(result.stderr).toContain(`security rule ${CATALOGUE.adminHeldByUser.id} (jane.doe@example.com / Admin / prod)`);
  expect(result.stderr).toContain('fix: assign the set to a group');
  expect(result.stderr).toContain('Nothing was synthesized.');
});

test("an administrator-level set with sessions longer than the config's limit is an error; the limit can be raised", () => {
  const config = withSet('Admin', { managedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'], sessionDuration: 'PT4H' });
  expect(ids(config)).toEqual(['RISK-ADMIN-SESSION-LONG']);
  (config.identityCenter as Yamlish).adminSessionLimit = 'PT4H';
  expect(ids(config)).toEqual([]);
  expect(ids(withSet('Reader', { managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'], sessionDuration: 'PT8H' }))).toEqual([]);
});

describe('existing permission sets (looked up by name, their content in AWS)', () => {
  const withExisting = (name: string, principal: Yamlish) => {
    const config = baseConfig();
    const ic = config.identityCenter as Yamlish;
    ic.permissionSets = { [name]: { existing: true } };
    ic.assignments = [{ ...principal, permissionSets: [name], accounts: ['management'] }];
    return config;
  };

  test('what the config says is judged: a grant to a user, a grant on the management account', () => {
    expect(ids(withExisting('ControlTowerAudit', { user: 'jane.doe@example.com' }))).toEqual(['RISK-GRANT-TO-USER', 'RISK-GRANT-ON-MANAGEMENT']);
  });

  test('the designated admin set, existing, is administrator-level by designation: a user holding it is an error', () => {
    const check = checkEnvironment(model(withExisting('Admin', { user: 'jane.doe@example.com' })));
    expect(check.errors.map((finding) => finding.ruleId)).toContain('RISK-ADMIN-HELD-BY-USER');
    expect(check.findings.find((finding) => finding.ruleId === 'RISK-ADMIN-HELD-BY-USER')!.reason).toContain('it is the admin set Admin (existing in AWS');
  });

  test('what needs the content is not judged, and the summary says so and why', () => {
    const check = checkEnvironment(model(withExisting('ControlTowerAudit', { group: 'Platform Admins' })));
    expect(check.notJudged).toEqual([{ target: 'ControlTowerAudit', reason: expect.stringContaining('its policies and session duration are in AWS, not in this config') }]);
    expect(check.notJudged[0].reason).toContain('RISK-ADMIN-HELD-BY-USER, RISK-ADMIN-SESSION-LONG, RISK-ADMIN-POLICY-ATTACHED, RISK-WILDCARD-ALLOWED, RISK-PASSROLE-ANY');
    expect(ruleLines(check)).toContain(`    not judged ControlTowerAudit: ${check.notJudged[0].reason}`);
    // A managed set is judged in full: nothing to explain.
    expect(checkEnvironment(model(baseConfig())).notJudged).toEqual([]);
  });
});
