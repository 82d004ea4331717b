/**
 * Adoption of what the account security baseline manages: alias, password policy, security contact,
 * IAM groups and users of the management account, service control policies and centralized root
 * access. The first plan only imports; what the project rejects stays in AWS with a note.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ADOPTED_WITHOUT_MFA_POLICY } from '../../adopt/baseline';
import type { Estate, EstateIam, EstateServiceControlPolicy } from '../../adopt/estate';
import { adoptEstate } from '../../adopt/estate-to-environment';
import { loadEnvironmentText } from '../../config/load';
import { formatSummary } from '../../synth/summary';
import { synthAdopted, changesOf } from '../helpers/adoption';

const GUIDES: Estate = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'estates', 'guides-estate.json'), 'utf8'));
const ADMINISTRATOR_ACCESS = 'arn:aws:iam::aws:policy/AdministratorAccess';

/** The guides estate with its IAM part (and SCPs) changed. */
function estateWith(change: { iam?: Partial<EstateIam>; scps?: EstateServiceControlPolicy[] }): Estate {
  const estate: Estate = structuredClone(GUIDES);
  return {
    ...estate,
    iam: { ...estate.iam!, ...change.iam },
    organization: change.scps ? { ...estate.organization, serviceControlPolicies: change.scps } : estate.organization,
  };
}

const importIds = (stack: { import?: Array<{ to: string; id: string }> }) => Object.fromEntries((stack.import ?? []).map((block) => [block.to, block.id]));

describe('adopting the baseline of the guides estate', () => {
  const adoption = adoptEstate(GUIDES, 'guides');
  const baseline = parse(adoption.yaml).baseline;
  const synthesized = synthAdopted(adoption);

  test('the baseline section reproduces what AWS has, with the MFA policy off and the reason written', () => {
    expect(baseline).toEqual({
      requireMfa: { enabled: false, reason: ADOPTED_WITHOUT_MFA_POLICY },
      centralizedRootAccess: true,
      accounts: { management: { alias: 'guides-management' } },
      passwordPolicy: {
        minimumPasswordLength: 14,
        passwordReusePrevention: 24,
        requireUppercaseCharacters: true,
        requireLowercaseCharacters: true,
        requireNumbers: true,
        requireSymbols: true,
        allowUsersToChangePassword: true,
        hardExpiry: false,
      },
      securityContact: { name: 'Security Team', title: 'CISO', email: 'security@guides.example.com', phone: '+15550199' },
      iamGroups: { Administrators: { managedPolicies: [ADMINISTRATOR_ACCESS] } },
      iamUsers: { 'IAM-Administrator': { groups: ['Administrators'], tags: { Owner: 'Root', Project: 'Administrator', MFAEnabled: 'Yes' }, console: true } },
      serviceControlPolicies: {
        'deny-leave-organization': { file: '../policies/scp/guides/deny-leave-organization.json', description: 'Members stay in the organization', targets: ['root'] },
      },
    });
    expect(JSON.parse(adoption.policyFiles.get('../policies/scp/guides/deny-leave-organization.json')!)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }],
    });
  });

  test('the AWS managed FullAWSAccess SCP is neither adopted nor imported', () => {
    expect(Object.keys(baseline.serviceControlPolicies)).toEqual(['deny-leave-organization']);
    expect(Object.values(importIds(synthesized.organization))).not.toContain('p-FullAWSAccess');
  });

  test('the baseline stack imports the alias, password policy, contact, group, attachment, user and membership by their documented IDs', () => {
    expect(importIds(synthesized.baseline)).toEqual({
      'aws_iam_account_alias.alias': 'guides-management',
      'aws_iam_account_password_policy.password_policy': 'iam-account-password-policy',
      'aws_account_alternate_contact.security_contact': 'SECURITY',
      'aws_iam_group.administrators': 'Administrators',
      'aws_iam_group_policy_attachment.administrators__administratoraccess': `Administrators/${ADMINISTRATOR_ACCESS}`,
      'aws_iam_user.iam-administrator': 'IAM-Administrator',
      'aws_iam_user_group_membership.iam-administrator': 'IAM-Administrator/Administrators',
    });
  });

  test('the organization stack imports centralized root access, the SCP and its root attachment', () => {
    const ids = importIds(synthesized.organization);
    expect(ids['aws_iam_organizations_features.root_access']).toBe('o-guides1234');
    expect(ids['aws_organizations_policy.deny-leave-organization']).toBe('p-examplea1');
    expect(ids['aws_organizations_policy_attachment.deny-leave-organization__root']).toBe('r-ab12:p-examplea1');
  });

  test('with the MFA policy off the baseline adds nothing AWS does not have: no policy, no extra attachment, the user tags as they are', () => {
    const resources = synthesized.baseline.resource;
    expect(resources.aws_iam_policy).toBeUndefined();
    expect(Object.keys(resources.aws_iam_group_policy_attachment)).toEqual(['administrators__administratoraccess']);
    expect(resources.aws_iam_user['iam-administrator'].tags).toEqual({ Owner: 'Root', Project: 'Administrator', MFAEnabled: 'Yes' });
    expect(resources.aws_iam_user_login_profile).toBeUndefined();
    const stacks = synthesized.result.imports!.stacks;
    expect(stacks.flatMap((stack) => stack.withoutEntry)).toEqual([]);
    expect(changesOf(synthesized.result)).toEqual([]);
  });

  test('the gap is never silent: the summary says the MFA policy is off and the manual step IAM-USER-MFA gives the reason', () => {
    expect(formatSummary([synthesized.result])).toMatch(/guides-baseline +7 resources +1 account, 1 IAM user, MFA policy OFF \(baseline\.requireMfa\)/);
    const steps = readFileSync(synthesized.result.manualStepsFile, 'utf8');
    const userMfa = steps.slice(steps.indexOf('## [ ] IAM-USER-MFA'));
    expect(userMfa).toContain(`- Nothing enforces this yet: baseline.requireMfa is off (reason: ${ADOPTED_WITHOUT_MFA_POLICY}).`);
  });

  test('the IAM user without an Owner tag stays in AWS, unmanaged, and the notes say why and what to do', () => {
    expect(baseline.iamUsers.admin).toBeUndefined();
    expect(adoption.notes).toContainEqual(expect.stringMatching(/^IAM user admin: IAM user "admin" has no Owner tag.*not adopted, left in AWS as it is \(to adopt it: add tags: \{ Owner: /));
    expect(adoption.notes).toContainEqual(`IAM user admin has policies attached directly (${ADMINISTRATOR_ACCESS}, arn:aws:iam::aws:policy/IAMUserChangePassword): left as they are; the baseline grants permissions through groups — move them to a group`);
  });

  test('switching the MFA policy on later adds the policy and its attachments, and replaces nothing', () => {
    const enforced = adoption.yaml.replace(/ {2}requireMfa:\n(?: {4}.*\n)+/, '');
    expect(enforced).not.toContain('requireMfa');
    const withMfa = synthAdopted(adoption, enforced.replace(/\n +MFAEnabled: "Yes"/, ''));
    const baselineStack = withMfa.result.imports!.stacks.find((stack) => stack.stack === 'guides-baseline')!;
    expect(baselineStack.withoutEntry).toEqual([
      'aws_iam_group_policy_attachment.administrators__iamuserchangepassword',
      'aws_iam_group_policy_attachment.administrators__require_mfa',
      'aws_iam_policy.require_mfa',
    ]);
    expect(changesOf(withMfa.result)).toEqual([
      {
        stack: 'guides-baseline',
        address: 'aws_iam_user.iam-administrator',
        attribute: 'tags',
        aws: { Owner: 'Root', Project: 'Administrator', MFAEnabled: 'Yes' },
        config: { Owner: 'Root', Project: 'Administrator', MFAEnabled: 'required' },
        consequence: 'update',
      },
    ]);
  });
});

describe('what adoption does with a baseline that differs from the project', () => {
  test('a password policy below the CIS floor is adopted as it is, with the reason the project requires', () => {
    const adoption = adoptEstate(estateWith({ iam: { passwordPolicy: { ...GUIDES.iam!.passwordPolicy!, minimumPasswordLength: 8, requireSymbols: false } } }), 'guides');
    const policy = parse(adoption.yaml).baseline.passwordPolicy;
    expect(policy.minimumPasswordLength).toBe(8);
    expect(policy.reason).toBe('Adopted as AWS has it, below the CIS floor (minimumPasswordLength, requireSymbols). Raise it in its own reviewed change.');
    const { result } = synthAdopted(adoption);
    expect(changesOf(result)).toEqual([]);
    // Raising it is a reviewed change the zero-diff check names attribute by attribute.
    const raised = synthAdopted(adoption, adoption.yaml.replace('minimumPasswordLength: 8', 'minimumPasswordLength: 14'));
    expect(changesOf(raised.result)).toEqual([
      { stack: 'guides-baseline', address: 'aws_iam_account_password_policy.password_policy', attribute: 'minimum_password_length', aws: 8, config: 14, consequence: 'update' },
    ]);
  });

  test('another alias in the config is reported as a replacement: an account alias has no update', () => {
    const adoption = adoptEstate(GUIDES, 'guides');
    const { result } = synthAdopted(adoption, adoption.yaml.replace('alias: guides-management', 'alias: guides-root'));
    expect(changesOf(result)).toEqual([
      { stack: 'guides-baseline', address: 'aws_iam_account_alias.alias', attribute: 'account_alias', aws: 'guides-management', config: 'guides-root', consequence: 'replace' },
    ]);
  });

  test('a password policy without reuse prevention, which the config cannot express, is reported before the plan', () => {
    const { passwordReusePrevention: _, ...withoutReuse } = GUIDES.iam!.passwordPolicy!;
    const adoption = adoptEstate(estateWith({ iam: { passwordPolicy: withoutReuse } }), 'guides');
    expect(adoption.notes).toContainEqual(expect.stringMatching(/^the password policy does not prevent password reuse/));
    expect(changesOf(synthAdopted(adoption).result)).toEqual([
      { stack: 'guides-baseline', address: 'aws_iam_account_password_policy.password_policy', attribute: 'password_reuse_prevention', aws: null, config: 24, consequence: 'update' },
    ]);
  });

  test('an SCP that would deny the deployment role the baseline stays in AWS, with the validator\'s reason', () => {
    const lockout: EstateServiceControlPolicy = {
      id: 'p-lockout01',
      name: 'deny-iam',
      description: 'No IAM changes',
      awsManaged: false,
      content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:*', Resource: '*' }] }),
      tags: {},
      targets: [{ targetId: 'r-ab12', type: 'ROOT', name: 'Root' }],
    };
    const adoption = adoptEstate(estateWith({ scps: [...GUIDES.organization.serviceControlPolicies!, lockout] }), 'guides');
    expect(Object.keys(parse(adoption.yaml).baseline.serviceControlPolicies)).toEqual(['deny-leave-organization']);
    expect([...adoption.policyFiles.keys()]).toEqual(['../policies/scp/guides/deny-leave-organization.json']);
    expect(adoption.notes).toContainEqual(expect.stringMatching(/^SCP deny-iam: .*denies iam:CreateAccountAlias.* to every principal, including the deployment role OrganizationAccountAccessRole.* — not adopted, left in AWS as it is$/));
    expect(adoption.importMap.stacks['guides-organization']['aws_organizations_policy.deny-iam']).toBeUndefined();
  });

  test('an SCP attached to an account directly keeps that attachment outside the config; attached nowhere else, it is not adopted', () => {
    const onAccount: EstateServiceControlPolicy = {
      ...GUIDES.organization.serviceControlPolicies![0],
      targets: [{ targetId: '444455556666', type: 'ACCOUNT', name: 'Prod Workloads' }],
    };
    const adoption = adoptEstate(estateWith({ scps: [onAccount] }), 'guides');
    expect(parse(adoption.yaml).baseline.serviceControlPolicies).toBeUndefined();
    expect(adoption.notes).toContainEqual(
      'SCP deny-leave-organization is attached to account Prod Workloads (444455556666) directly: the config attaches SCPs to the root and OUs only, so that attachment is left as it is',
    );
    expect(adoption.notes).toContainEqual('SCP deny-leave-organization is attached to no root or OU: not adopted, left as it is');
  });

  test('an SCP attached to an OU targets the OU path and imports the attachment by OU ID', () => {
    const onOu: EstateServiceControlPolicy = { ...GUIDES.organization.serviceControlPolicies![0], targets: [{ targetId: 'ou-ab12-prod0001', type: 'ORGANIZATIONAL_UNIT', name: 'Prod' }] };
    const adoption = adoptEstate(estateWith({ scps: [onOu] }), 'guides');
    expect(parse(adoption.yaml).baseline.serviceControlPolicies['deny-leave-organization'].targets).toEqual(['Workloads/Prod']);
    const { organization, result } = synthAdopted(adoption);
    expect(importIds(organization)['aws_organizations_policy_attachment.deny-leave-organization__workloads__prod']).toBe('ou-ab12-prod0001:p-examplea1');
    expect(changesOf(result)).toEqual([]);
  });

  test('an estate without the Administrators group says the first plan creates it, and synth lists the creation', () => {
    const adoption = adoptEstate(estateWith({ iam: { groups: [], users: [] } }), 'guides');
    expect(adoption.notes).toContainEqual('the baseline always has the IAM group Administrators with AdministratorAccess: the first plan creates it');
    const stack = synthAdopted(adoption).result.imports!.stacks.find((candidate) => candidate.stack === 'guides-baseline')!;
    expect(stack.withoutEntry).toEqual(['aws_iam_group.administrators', 'aws_iam_group_policy_attachment.administrators__administratoraccess']);
  });

  test('a user\'s permissions boundary and path, which the config cannot express, are reported by the zero-diff check', () => {
    const user = { ...GUIDES.iam!.users[0], path: '/admins/', permissionsBoundaryArn: 'arn:aws:iam::111122223333:policy/Boundary' };
    const adoption = adoptEstate(estateWith({ iam: { users: [user] } }), 'guides');
    expect(adoption.notes).toContainEqual(expect.stringMatching(/^IAM user IAM-Administrator has the permissions boundary arn:aws:iam::111122223333:policy\/Boundary/));
    const differences = changesOf(synthAdopted(adoption).result).map((d) => `${d.address}.${d.attribute}`);
    expect(differences).toEqual(['aws_iam_user.iam-administrator.path', 'aws_iam_user.iam-administrator.permissions_boundary']);
  });

  test('a user in no group is adopted as AWS has it while the MFA policy is off, and refused once it is on', () => {
    const loner = { ...GUIDES.iam!.users[1], tags: { Owner: 'ops@guides.example.com', Project: 'guides' } };
    const adoption = adoptEstate(estateWith({ iam: { users: [loner] } }), 'guides');
    expect(parse(adoption.yaml).baseline.iamUsers.admin).toEqual({ groups: [], tags: { Owner: 'ops@guides.example.com', Project: 'guides' }, console: true });
    const { baseline, result, root } = synthAdopted(adoption);
    expect(Object.keys(baseline.resource.aws_iam_user)).toEqual(['admin']);
    expect(baseline.resource.aws_iam_user_group_membership).toBeUndefined();
    expect(changesOf(result)).toEqual([]);
    const enforced = loadEnvironmentText(adoption.yaml.replace(/ {2}requireMfa:\n(?: {4}.*\n)+/, ''), join(root, 'environments', 'guides.yaml'));
    expect(enforced.ok ? [] : enforced.issues.map((found) => found.path.join('.'))).toEqual(['baseline.iamUsers.admin.groups']);
  });

  test('an SCP stored with a single Statement object is sent as written: the provider compares SCP content as JSON', () => {
    const [scp, fullAccess] = GUIDES.organization.serviceControlPolicies!;
    const asObject = { ...scp, content: JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' } }) };
    const adoption = adoptEstate(estateWith({ scps: [asObject, fullAccess] }), 'guides');
    const { organization, result } = synthAdopted(adoption);
    expect(JSON.parse(organization.resource.aws_organizations_policy['deny-leave-organization'].content).Statement).toEqual({ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' });
    expect(changesOf(result)).toEqual([]);
    // The same statement as a one-element list is another JSON document: an update the check names.
    const file = [...adoption.policyFiles.keys()][0];
    const asList = { ...adoption, policyFiles: new Map([[file, JSON.stringify(JSON.parse(scp.content), null, 2)]]) };
    expect(changesOf(synthAdopted(asList).result).map((d) => `${d.address}.${d.attribute}`)).toEqual(['aws_organizations_policy.deny-leave-organization.content']);
  });

  test('SCPs whose names differ only in punctuation get their own files, and their tags are adopted', () => {
    const [scp] = GUIDES.organization.serviceControlPolicies!;
    const twin = { ...scp, id: 'p-examplea2', name: 'deny_leave_organization', tags: { Owner: 'security' }, content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'account:CloseAccount', Resource: '*' }] }) };
    const adoption = adoptEstate(estateWith({ scps: [scp, twin] }), 'guides');
    const policies = parse(adoption.yaml).baseline.serviceControlPolicies;
    expect(policies.deny_leave_organization.file).toBe('../policies/scp/guides/deny-leave-organization-p-examplea2.json');
    expect(policies.deny_leave_organization.tags).toEqual({ Owner: 'security' });
    expect(adoption.policyFiles.get(policies.deny_leave_organization.file)).toContain('account:CloseAccount');
    expect(adoption.policyFiles.get(policies['deny-leave-organization'].file)).toContain('organizations:LeaveOrganization');
  });

  test('two attached policies with one policy name keep the first managed and leave the second attached, with a note', () => {
    const team = 'arn:aws:iam::111122223333:policy/team/AdministratorAccess';
    const adoption = adoptEstate(estateWith({ iam: { groups: [{ ...GUIDES.iam!.groups[0], attachedPolicyArns: [ADMINISTRATOR_ACCESS, team] }] } }), 'guides');
    expect(parse(adoption.yaml).baseline.iamGroups.Administrators.managedPolicies).toEqual([ADMINISTRATOR_ACCESS]);
    expect(adoption.notes).toContainEqual(`IAM group Administrators: ${team} has the same policy name as ${ADMINISTRATOR_ACCESS}, so both would be aws_iam_group_policy_attachment.administrators__administratoraccess; it stays attached, unmanaged`);
    expect(changesOf(synthAdopted(adoption).result)).toEqual([]);
  });

  test('a password policy AWS returns without its false settings has no difference', () => {
    const sparse = { minimumPasswordLength: 8, passwordReusePrevention: 5, requireNumbers: true };
    const adoption = adoptEstate(estateWith({ iam: { passwordPolicy: sparse } }), 'guides');
    expect(changesOf(synthAdopted(adoption).result)).toEqual([]);
  });

  test('console users keep their login profile, unmanaged, and the note says how to hand it to Terraform', () => {
    const adoption = adoptEstate(GUIDES, 'guides');
    expect(adoption.notes).toContainEqual(
      'IAM user IAM-Administrator has a console password: its login profile stays as it is, unmanaged (to let Terraform manage it later with a PGP key, first run aws iam delete-login-profile --user-name IAM-Administrator)',
    );
  });

  test('SCPs left over while the policy type is disabled are not adopted', () => {
    const estate = structuredClone(GUIDES);
    const disabled: Estate = { ...estate, organization: { ...estate.organization, policyTypes: [] } };
    const adoption = adoptEstate(disabled, 'guides');
    expect(parse(adoption.yaml).baseline.serviceControlPolicies).toBeUndefined();
    expect(adoption.notes).toContainEqual('service control policies are disabled on the root: deny-leave-organization not adopted, left as they are');
  });

  test('an estate saved before discovery read IAM gets no baseline, and the note says so', () => {
    const { iam: _, ...withoutIam } = structuredClone(GUIDES);
    const adoption = adoptEstate(withoutIam, 'guides');
    expect(parse(adoption.yaml).baseline).toBeUndefined();
    expect(adoption.importMap.stacks['guides-baseline']).toBeUndefined();
    expect(adoption.notes).toEqual(['the estate has no IAM part (saved before discovery read it): no baseline adopted']);
  });
});

describe('baseline.requireMfa', () => {
  const base = adoptEstate(GUIDES, 'guides').yaml;

  test('off without a reason is refused, with the fix', () => {
    const yaml = base.replace(/ {4}reason: "Adopted[^"]*"\n/, '');
    expect(yaml).not.toContain('Adopted from the live estate');
    const loaded = loadEnvironmentText(yaml, join(__dirname, '..', '..', 'environments', 'guides.yaml'));
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.issues.filter((found) => found.path.join('.').startsWith('baseline.requireMfa'))).toEqual([
      expect.objectContaining({
        path: ['baseline', 'requireMfa', 'enabled'],
        message: 'requireMfa.enabled: false lets IAM users work without MFA: no group gets the MFA-enforcing policy',
        fix: expect.stringContaining('add reason:'),
      }),
    ]);
  });
});
