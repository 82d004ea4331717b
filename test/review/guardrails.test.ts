/**
 * Organization guardrails and trust policies, probed with what other tools write: a Deny rewritten to
 * deny more, content the review cannot parse, settings known only after apply, trust conditions
 * loosened, and a role's inline_policy blocks known only after apply. In both address layouts.
 */
import { reviewPlans } from '../../review/review';
import { LAYOUTS, plannedPlan, policyText, type Layout, type Planned, type State } from './plan-builder';

const ids = (layout: Layout, resources: Planned[]) => [...new Set(findings(layout, resources).map((finding) => finding.ruleId))];
const findings = (layout: Layout, resources: Planned[]) => reviewPlans({ plans: [plannedPlan(layout, resources, { stack: 'dev-organization' })] }).findings;

const scpValues = (content: string, type = 'SERVICE_CONTROL_POLICY') => ({ id: 'p-abcd1234', name: 'deny-root', description: '', type, content, skip_destroy: null, tags: {}, tags_all: {} });
const scp = (before: string, after: string, type?: string): Planned => ({
  type: 'aws_organizations_policy',
  name: 'deny_root',
  actions: ['update'],
  before: scpValues(before, type),
  after: scpValues(after, type),
});
const leave = { Sid: 'DenyLeave', Effect: 'Deny', Action: ['organizations:LeaveOrganization', 'account:CloseAccount'], Resource: '*' };
const regions = { Sid: 'Regions', Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } } };

const organization = (after: Record<string, unknown>, afterUnknown: Record<string, unknown>): Planned => {
  const values = { id: 'o-abc123', master_account_id: '111111111111', feature_set: 'ALL', enabled_policy_types: ['SERVICE_CONTROL_POLICY'], aws_service_access_principals: ['sso.amazonaws.com'] };
  return { type: 'aws_organizations_organization', name: 'org', actions: ['update'], before: values, after: { ...values, ...after }, afterUnknown, references: Object.fromEntries(Object.keys(afterUnknown).map((key) => [key, 'data.aws_ssm_parameter.org.value'])) };
};

const trust = (...statements: object[]) => policyText(statements);
const assume = (principal: unknown, condition?: object) => ({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) });
const roleValues = (assumeRolePolicy: string) => ({ arn: 'arn:aws:iam::333333333333:role/deployer', name: 'deployer', path: '/', assume_role_policy: assumeRolePolicy, inline_policy: [], max_session_duration: 3600 });
const role = (before: string, after: string): Planned => ({ type: 'aws_iam_role', name: 'deployer', actions: ['update'], before: roleValues(before), after: roleValues(after) });
const partner = 'arn:aws:iam::999999999999:root';

describe.each(LAYOUTS)('in the %s layout', (layout) => {
  describe('RISK-SCP-DENY-REMOVED', () => {
    test('a Deny rewritten to deny more actions is a tightening, not flagged', () => {
      expect(ids(layout, [scp(policyText([leave]), policyText([{ ...leave, Action: [...leave.Action, 'organizations:DeleteOrganization'] }]))])).toEqual([]);
    });
    test('a Deny folded into a broader Deny the policy already has is not flagged', () => {
      const all = { Sid: 'DenyAll', Effect: 'Deny', Action: '*', Resource: '*' };
      expect(ids(layout, [scp(policyText([leave, all]), policyText([all]))])).toEqual([]);
    });
    test('actions written in another case are the same actions (IAM matches them case-insensitively)', () => {
      expect(ids(layout, [scp(policyText([regions]), policyText([{ ...regions, NotAction: ['IAM:*', 'STS:*'] }]))])).toEqual([]);
      expect(ids(layout, [scp(policyText([leave]), policyText([{ ...leave, Action: ['Organizations:LeaveOrganization', 'ACCOUNT:CloseAccount'] }]))])).toEqual([]);
    });
    test('a region Deny that excepts one more region is flagged', () => {
      const wider = { ...regions, Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] } } };
      expect(findings(layout, [scp(policyText([regions]), policyText([wider]))]).map((finding) => finding.reason)).toEqual([
        expect.stringContaining('no longer has: Deny every action except iam:*, sts:* on * (with condition) [Sid Regions]'),
      ]);
    });
  });

  describe('RISK-SCP-ATTACHMENT-DELETED: an account moved to another OU', () => {
    const WORKLOADS = 'ou-ab12-11111111';
    const SANDBOX = 'ou-ab12-22222222';
    const attached = (target: string, name: string): State => ({ type: 'aws_organizations_policy_attachment', name, values: { id: `${target}:p-abcd1234`, policy_id: 'p-abcd1234', target_id: target, skip_destroy: null } });
    const prior: State[] = [
      { type: 'aws_organizations_policy', name: 'deny_root', values: scpValues(policyText([leave])) },
      { type: 'aws_organizations_organizational_unit', name: 'workloads', values: { id: WORKLOADS, name: 'Workloads', parent_id: 'r-ab12' } },
      { type: 'aws_organizations_organizational_unit', name: 'sandbox', values: { id: SANDBOX, name: 'Sandbox', parent_id: 'r-ab12' } },
      attached(WORKLOADS, 'deny_root__workloads'),
    ];
    const moved = (from: string, to: string): Planned => ({
      type: 'aws_organizations_account',
      name: 'payments',
      actions: ['update'],
      before: { id: '444444444444', name: 'Payments', email: 'payments@example.com', parent_id: from, close_on_deletion: false },
      after: { id: '444444444444', name: 'Payments', email: 'payments@example.com', parent_id: to, close_on_deletion: false },
    });
    const reasons = (resources: Planned[], state: State[]) =>
      reviewPlans({ plans: [plannedPlan(layout, resources, { stack: 'dev-organization', prior: state })] }).findings.map((finding) => `${finding.ruleId}: ${finding.reason}`);
    test('out of the OU its SCP is attached to: flagged, naming the policy', () => {
      expect(reasons([moved(WORKLOADS, SANDBOX)], prior)).toEqual([
        'RISK-SCP-ATTACHMENT-DELETED: account "Payments" moves from Workloads (ou-ab12-11111111) to Sandbox (ou-ab12-22222222): deny-root (p-abcd1234) attached to the old parent, not to the new one or above it, stops applying to it',
      ]);
    });
    test('to an OU the same SCP is attached to, or into the guarded OU: not flagged', () => {
      expect(reasons([moved(WORKLOADS, SANDBOX)], [...prior, attached(SANDBOX, 'deny_root__sandbox')])).toEqual([]);
      expect(reasons([moved(SANDBOX, WORKLOADS)], prior)).toEqual([]);
    });
    test('down the tree, where the old parent is above the new one, the policy still applies: not flagged', () => {
      const DEV = 'ou-ab12-33333333';
      const below: State = { type: 'aws_organizations_organizational_unit', name: 'dev', values: { id: DEV, name: 'Dev', parent_id: WORKLOADS } };
      expect(reasons([moved(WORKLOADS, DEV)], [...prior, below])).toEqual([]);
      // From the root, whose SCP applies everywhere, into an OU.
      const onRoot = [...prior.slice(0, 3), attached('r-ab12', 'deny_root__root')];
      expect(reasons([moved('r-ab12', WORKLOADS)], onRoot)).toEqual([]);
      // Up the tree it is lost.
      expect(reasons([moved(DEV, 'r-ab12')], [...prior, below, attached(DEV, 'deny_root__dev')])).toHaveLength(1);
    });
    test('into an OU this plan creates, whose ID is known only after apply: flagged, since only this plan can attach anything there', () => {
      const quarantine: Planned = { type: 'aws_organizations_organizational_unit', name: 'quarantine', actions: ['create'], after: { name: 'Quarantine', parent_id: 'r-ab12' }, afterUnknown: { id: true, arn: true, accounts: true } };
      const move: Planned = { ...moved(WORKLOADS, SANDBOX), after: { id: '444444444444', name: 'Payments', email: 'payments@example.com', close_on_deletion: false }, afterUnknown: { parent_id: true }, references: { parent_id: 'aws_organizations_organizational_unit.quarantine.id' } };
      expect(reasons([quarantine, move], prior)).toEqual([
        'RISK-SCP-ATTACHMENT-DELETED: account "Payments" moves from Workloads (ou-ab12-11111111) to a parent known only after apply (an OU this plan creates has only the attachments this plan makes): deny-root (p-abcd1234) attached to the old parent stops applying to it unless the new parent has it too',
      ]);
    });
  });

  describe('RISK-VALUE-UNREADABLE', () => {
    test('an SCP whose new content is not JSON, or has no Statement, is flagged', () => {
      expect(findings(layout, [scp(policyText([leave]), '{"Version": "2012-10-17", "Statement": [')]).map((finding) => [finding.ruleId, finding.reason])).toEqual([
        ['RISK-VALUE-UNREADABLE', 'the new policy is not valid JSON: the review cannot judge what Organization policy deny-root (SERVICE_CONTROL_POLICY) will allow or deny'],
      ]);
      expect(ids(layout, [scp(policyText([leave]), JSON.stringify({ Version: '2012-10-17' }), 'RESOURCE_CONTROL_POLICY')])).toEqual(['RISK-VALUE-UNREADABLE']);
    });
    test('a policy IAM would refuse, which would read as allowing nothing, is flagged: keys in another case, an Effect that is neither Allow nor Deny, no Action', () => {
      const broken = [{ effect: 'Allow', action: '*', resource: '*' }, { Effect: 'allow', Action: '*', Resource: '*' }, { Effect: 'Allow', Resource: '*' }];
      for (const statement of broken) {
        expect(ids(layout, [scp(policyText([leave]), policyText([leave, statement]))])).toEqual(['RISK-VALUE-UNREADABLE']);
      }
      expect(findings(layout, [scp(policyText([leave]), policyText([leave, broken[0]]))])[0].reason).toContain('has a statement without "Effect" (IAM\'s keys are case-sensitive');
    });
    test('a tag policy, which has its own syntax, is not', () => {
      const tags = (value: string) => JSON.stringify({ tags: { costcenter: { tag_key: { '@@assign': value } } } });
      expect(ids(layout, [scp(tags('CostCenter'), tags('Costcenter'), 'TAG_POLICY')])).toEqual([]);
    });
    test('a role whose inline_policy blocks are known only after apply is flagged', () => {
      const deployer: Planned = {
        ...role(trust(assume({ Service: 'codebuild.amazonaws.com' })), trust(assume({ Service: 'codebuild.amazonaws.com' }))),
        afterUnknown: { inline_policy: true },
        expressions: { inline_policy: [{ name: { constant_value: 'deploy' }, policy: { references: ['data.aws_iam_policy_document.deploy.json', 'data.aws_iam_policy_document.deploy'] } }] },
      };
      expect(ids(layout, [deployer])).toEqual(['RISK-VALUE-UNREADABLE']);
    });
    test('a role replaced without inline_policy blocks is not: the provider reads the set back', () => {
      const replaced: Planned = {
        type: 'aws_iam_role',
        name: 'deployer',
        actions: ['delete', 'create'],
        before: roleValues(trust(assume({ Service: 'codebuild.amazonaws.com' }))),
        after: { ...roleValues(trust(assume({ Service: 'codebuild.amazonaws.com' }))), name: 'deployer-v2', arn: null, inline_policy: null },
        afterUnknown: { arn: true, inline_policy: true },
        replacePaths: [['name']],
      };
      expect(ids(layout, [replaced])).toEqual([]);
    });
  });

  describe('settings known only after apply are unreadable, not disabled', () => {
    test('enabled_policy_types and aws_service_access_principals', () => {
      const org = organization({ enabled_policy_types: null, aws_service_access_principals: null }, { enabled_policy_types: true, aws_service_access_principals: true });
      expect(ids(layout, [org])).toEqual(['RISK-VALUE-UNREADABLE']);
    });
    test('one policy type known only after apply, one trusted-access principal sensitive', () => {
      const oneUnknown = organization({ enabled_policy_types: ['SERVICE_CONTROL_POLICY', null] }, {});
      expect(ids(layout, [{ ...oneUnknown, afterUnknown: { enabled_policy_types: [false, true] }, references: { enabled_policy_types: 'aws_ssm_parameter.types.value' } }])).toEqual(['RISK-VALUE-UNREADABLE']);
      const oneSensitive = organization({ aws_service_access_principals: ['sso.amazonaws.com', 'cloudtrail.amazonaws.com'] }, {});
      expect(findings(layout, [{ ...oneSensitive, afterSensitive: { enabled_policy_types: [], aws_service_access_principals: [false, true] } }]).map((finding) => finding.reason)).toEqual([
        'part of aws_service_access_principals is sensitive: the review cannot judge what this aws_organizations_organization will allow',
      ]);
    });
    test('a customer managed policy named by a value known only after apply, unless a policy this plan creates', () => {
      const attachment = (name: string[]): Planned => ({
        type: 'aws_ssoadmin_customer_managed_policy_attachment',
        name: 'developer_readonly',
        actions: ['create'],
        after: { instance_arn: 'arn:aws:sso:::instance/ssoins-1', permission_set_arn: 'arn:aws:sso:::permissionSet/ssoins-1/ps-d1', customer_managed_policy_reference: [{ name: null, path: '/' }] },
        afterUnknown: { id: true, customer_managed_policy_reference: [{ name: true }] },
        expressions: { customer_managed_policy_reference: [{ name: { references: name }, path: { constant_value: '/' } }] },
      });
      expect(ids(layout, [attachment(['data.aws_ssm_parameter.name.value', 'data.aws_ssm_parameter.name'])])).toEqual(['RISK-VALUE-UNREADABLE']);
      const readonly: Planned = { type: 'aws_iam_policy', name: 'readonly', actions: ['create'], after: { name: 'ReadOnly', path: '/', policy: policyText([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::logs/*' }]) }, afterUnknown: { arn: true, id: true } };
      const reference = layout === 'project' ? ['aws_iam_policy.readonly.name', 'aws_iam_policy.readonly'] : ['aws_iam_policy.this', 'each.value'];
      expect(ids(layout, [readonly, attachment(reference)])).toEqual([]);
    });
    test('enabled_features of centralized root access', () => {
      const features: Planned = {
        type: 'aws_iam_organizations_features',
        name: 'root',
        actions: ['update'],
        before: { id: 'o-abc123', enabled_features: ['RootCredentialsManagement', 'RootSessions'] },
        after: { id: 'o-abc123', enabled_features: null },
        afterUnknown: { enabled_features: true },
        references: { enabled_features: 'data.aws_ssm_parameter.features.value' },
      };
      expect(ids(layout, [features])).toEqual(['RISK-VALUE-UNREADABLE']);
    });
  });

  describe('RISK-TRUST-WIDENED', () => {
    const reasons = (before: string, after: string) => findings(layout, [role(before, after)]).map((finding) => `${finding.ruleId}: ${finding.reason}`);
    test('a condition removed from a principal the role already trusted', () => {
      expect(reasons(trust(assume({ AWS: partner }, { StringEquals: { 'sts:ExternalId': 'x-123' } })), trust(assume({ AWS: partner })))).toEqual([
        `RISK-TRUST-WIDENED: Trust policy of IAM role deployer newly trusts AWS:${partner} without its condition StringEquals sts:externalid`,
      ]);
    });
    test('a value added to a condition, and a condition swapped for another', () => {
      const org = { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } };
      expect(reasons(trust(assume('*', org)), trust(assume('*', { StringEquals: { 'aws:PrincipalOrgID': ['o-abc123', 'o-other999'] } })))).toEqual([
        'RISK-TRUST-WIDENED: Trust policy of IAM role deployer newly trusts anyone ("*") with StringEquals aws:principalorgid now allowing o-other999',
      ]);
      expect(reasons(trust(assume('*', org)), trust(assume('*', { Bool: { 'aws:SecureTransport': 'true' } })))).toEqual([
        'RISK-TRUST-WIDENED: Trust policy of IAM role deployer newly trusts anyone ("*") without its condition StringEquals aws:principalorgid',
      ]);
    });
    test('a Deny removed', () => {
      const intern = { Effect: 'Deny', Principal: { AWS: 'arn:aws:iam::333333333333:user/intern' }, Action: 'sts:AssumeRole' };
      expect(ids(layout, [role(trust(assume({ AWS: 'arn:aws:iam::333333333333:root' }), intern), trust(assume({ AWS: 'arn:aws:iam::333333333333:root' })))])).toEqual(['RISK-TRUST-WIDENED']);
    });
    test('an account ID where its root ARN was, a role of the trusted account, a stricter condition, and a rewrite are not flagged', () => {
      expect(ids(layout, [role(trust(assume({ AWS: partner })), trust(assume({ AWS: '999999999999' })))])).toEqual([]);
      expect(ids(layout, [role(trust(assume({ AWS: partner })), trust(assume({ AWS: 'arn:aws:iam::999999999999:role/deployer' })))])).toEqual([]);
      expect(ids(layout, [role(trust(assume({ AWS: partner })), trust(assume({ AWS: 'arn:aws:iam::888888888888:role/deployer' })))])).toEqual(['RISK-TRUST-WIDENED']);
      expect(ids(layout, [role(trust(assume({ AWS: partner })), trust(assume({ AWS: partner }, { StringEquals: { 'sts:ExternalId': 'x-123' } })))])).toEqual([]);
      const rewritten = JSON.stringify({ Statement: [{ Action: ['sts:AssumeRole'], Principal: { AWS: [partner] }, Effect: 'Allow' }], Version: '2012-10-17' }, null, 2);
      expect(ids(layout, [role(trust(assume({ AWS: partner })), rewritten)])).toEqual([]);
    });
    test('an Allow with NotPrincipal on a new role', () => {
      const created: Planned = { type: 'aws_iam_role', name: 'deployer', actions: ['create'], after: roleValues(trust({ Effect: 'Allow', NotPrincipal: { AWS: partner }, Action: 'sts:AssumeRole' })), afterUnknown: { arn: true } };
      expect(ids(layout, [created])).toEqual(['RISK-TRUST-WIDENED']);
    });
  });
});
