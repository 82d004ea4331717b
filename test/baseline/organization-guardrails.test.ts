import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { baselineConfig, baselineOf } from '../helpers/baseline';
import { baseConfig, namesOf, resource, synth } from '../helpers/environment';

type Statement = { Sid: string; Effect: string; Action: string | string[]; Resource: string | string[]; Condition?: Record<string, Record<string, string | string[]>> };
const SCP_DIR = join(__dirname, '..', '..', 'policies', 'scp');

describe('organization guardrails from the baseline', () => {
  const { organization } = synth(baselineConfig());

  test('each SCP is its reviewed file, sent as compact JSON', () => {
    const policy = resource(organization, 'aws_organizations_policy', 'deny-root-user');
    expect(policy).toMatchObject({ name: 'deny-root-user', type: 'SERVICE_CONTROL_POLICY', depends_on: ['aws_organizations_organization.organization'] });
    const file = JSON.parse(readFileSync(join(SCP_DIR, 'deny-root-user.json'), 'utf8'));
    expect(policy.content).toBe(JSON.stringify(file));
  });

  test('deny-root-user denies every action by a member account\'s root user, except centralized root sessions', () => {
    const [statement] = JSON.parse(String(resource(organization, 'aws_organizations_policy', 'deny-root-user').content)).Statement as Statement[];
    expect(statement).toEqual({
      Sid: 'DenyRootUserExceptCentralizedRootSessions',
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' }, Null: { 'aws:AssumedRoot': 'true' } },
    });
  });

  test('protect-identity-baseline denies baseline changes to everyone but the deployment role, in every statement', () => {
    const statements = JSON.parse(String(resource(organization, 'aws_organizations_policy', 'protect-identity-baseline').content)).Statement as Statement[];
    expect(statements.map((s) => s.Effect)).toEqual(['Deny', 'Deny', 'Deny', 'Deny']);
    for (const statement of statements) expect(statement.Condition).toEqual({ ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/OrganizationAccountAccessRole' } });
    expect(statements[0].Action).toEqual(expect.arrayContaining(['iam:UpdateAccountPasswordPolicy', 'iam:CreateAccountAlias', 'account:PutAlternateContact', 'sso:CreateInstance']));
    expect(statements[1].Resource).toEqual(['arn:aws:iam::*:policy/RequireMFA', 'arn:aws:iam::*:group/Administrators']);
    expect(statements[3].Resource).toBe('arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*');
  });

  const protect = () => JSON.parse(String(resource(organization, 'aws_organizations_policy', 'protect-identity-baseline').content)).Statement as Statement[];

  test('no one but the deployment role itself may change the deployment role: trust policy, policies, boundary, deletion', () => {
    const statement = protect().find((s) => s.Sid === 'DenyDeploymentRoleChangesExceptItself')!;
    expect(statement.Resource).toBe('arn:aws:iam::*:role/OrganizationAccountAccessRole');
    expect([...statement.Action].sort()).toEqual(
      [
        'iam:AttachRolePolicy',
        'iam:DeleteRole',
        'iam:DeleteRolePermissionsBoundary',
        'iam:DeleteRolePolicy',
        'iam:DetachRolePolicy',
        'iam:PutRolePermissionsBoundary',
        'iam:PutRolePolicy',
        'iam:UpdateAssumeRolePolicy',
        'iam:UpdateRole',
        'iam:UpdateRoleDescription',
      ].sort(),
    );
  });

  test('renaming the Administrators group (iam:UpdateGroup) is denied like deleting it', () => {
    const statement = protect().find((s) => s.Sid === 'DenyMfaPolicyAndAdministratorsGroupChangesExceptDeploymentRole')!;
    expect(statement.Action).toEqual(expect.arrayContaining(['iam:UpdateGroup', 'iam:DeleteGroup']));
    expect(statement.Resource).toContain('arn:aws:iam::*:group/Administrators');
  });

  test('the bundled deny-leave-organization file denies leaving the organization', () => {
    const [statement] = JSON.parse(readFileSync(join(SCP_DIR, 'deny-leave-organization.json'), 'utf8')).Statement as Statement[];
    expect(statement).toMatchObject({ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' });
    expect(statement.Condition).toBeUndefined();
  });

  test('attachments are addressed <policy>__root and <policy>__<ou>', () => {
    expect(namesOf(organization, 'aws_organizations_policy_attachment')).toEqual(['deny-root-user__root', 'protect-identity-baseline__workloads', 'protect-identity-baseline__workloads__prod']);
    expect(resource(organization, 'aws_organizations_policy_attachment', 'deny-root-user__root')).toEqual({
      policy_id: '${aws_organizations_policy.deny-root-user.id}',
      target_id: '${aws_organizations_organization.organization.roots[0].id}',
    });
    expect(resource(organization, 'aws_organizations_policy_attachment', 'protect-identity-baseline__workloads__prod').target_id).toBe('${aws_organizations_organizational_unit.workloads__prod.id}');
  });

  test('centralized root access is enabled after the organization, which trusts iam.amazonaws.com', () => {
    expect(resource(organization, 'aws_iam_organizations_features', 'root_access')).toEqual({
      enabled_features: ['RootCredentialsManagement', 'RootSessions'],
      depends_on: ['aws_organizations_organization.organization'],
    });
    expect(resource(organization, 'aws_organizations_organization', 'organization').aws_service_access_principals).toContain('iam.amazonaws.com');
  });

  test('centralizedRootAccess: false leaves it out', () => {
    const config = baselineConfig();
    baselineOf(config).centralizedRootAccess = false;
    expect(synth(config).organization.resource?.aws_iam_organizations_features).toBeUndefined();
  });

  test('without a baseline the organization stack has no SCPs and no root access feature', () => {
    const { organization: plain, baseline } = synth(baseConfig());
    expect(plain.resource?.aws_organizations_policy).toBeUndefined();
    expect(plain.resource?.aws_iam_organizations_features).toBeUndefined();
    expect(baseline).toBeUndefined();
  });
});
