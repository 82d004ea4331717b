/**
 * IAM in the AWS double, through the real SDK v3 client over HTTP: the shapes of the IAM API Reference
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/) and the error codes the hashicorp/aws provider
 * branches on (internal/service/iam/*.go: NoSuchEntity → "removed from state", DeleteConflict,
 * EntityAlreadyExists, LimitExceeded from the five-version limit its policy update prunes for).
 */
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateAccountAliasCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateServiceLinkedRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeactivateMFADeviceCommand,
  DeleteAccessKeyCommand,
  DeleteAccountAliasCommand,
  DeleteAccountPasswordPolicyCommand,
  DeleteGroupCommand,
  DeleteLoginProfileCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DeleteServiceLinkedRoleCommand,
  DeleteUserCommand,
  DeleteVirtualMFADeviceCommand,
  DetachGroupPolicyCommand,
  DetachUserPolicyCommand,
  EnableMFADeviceCommand,
  EnableOrganizationsRootCredentialsManagementCommand,
  EnableOrganizationsRootSessionsCommand,
  GetAccountPasswordPolicyCommand,
  GetGroupCommand,
  GetGroupPolicyCommand,
  GetLoginProfileCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetServiceLinkedRoleDeletionStatusCommand,
  GetUserCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListAccountAliasesCommand,
  ListAttachedGroupPoliciesCommand,
  ListEntitiesForPolicyCommand,
  ListGroupPoliciesCommand,
  ListGroupsCommand,
  ListGroupsForUserCommand,
  ListMFADevicesCommand,
  ListOrganizationsFeaturesCommand,
  ListPoliciesCommand,
  ListPolicyVersionsCommand,
  ListUsersCommand,
  ListVirtualMFADevicesCommand,
  PutGroupPolicyCommand,
  RemoveUserFromGroupCommand,
  SetDefaultPolicyVersionCommand,
  TagUserCommand,
  UntagUserCommand,
  UpdateAccountPasswordPolicyCommand,
  UpdateGroupCommand,
  UpdateUserCommand,
  paginateListUsers,
} from '@aws-sdk/client-iam';

import { doubleClientConfig } from './sdk-clients';
import { startAwsDouble, type AwsDouble } from './server';
import { iamDouble } from './services/iam';
import { customerPolicyLookup } from './services/identity-center';

const MANAGEMENT = '111111111111';
const MEMBER = '222222222222';
/** A key the double's credential store resolves to the member account (accounts.ts). */
const MEMBER_KEY = `AKIA${MEMBER}TEST`;

const MFA_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'DenyWithoutMfa', Effect: 'Deny', NotAction: ['iam:ListMFADevices'], Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }],
});

describe('IAM in the AWS double (query protocol, XML)', () => {
  let double: AwsDouble;
  let iam: IAMClient;
  let member: IAMClient;

  beforeAll(async () => {
    double = await startAwsDouble({ services: [iamDouble] });
    double.world.accounts.set(MEMBER, { id: MEMBER, name: 'prod', email: 'prod@example.com', status: 'ACTIVE' });
    iam = new IAMClient(doubleClientConfig(double.url));
    member = new IAMClient(doubleClientConfig(double.url, { accessKeyId: MEMBER_KEY }));
  });
  afterAll(() => double.close());
  afterEach(() => expect(double.unanswered()).toEqual([]));

  describe('account alias', () => {
    it('is created, listed, replaced by a second one, and deleted; unique across accounts', async () => {
      await iam.send(new CreateAccountAliasCommand({ AccountAlias: 'example-management' }));
      expect((await iam.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual(['example-management']);
      await expect(member.send(new CreateAccountAliasCommand({ AccountAlias: 'example-management' }))).rejects.toMatchObject({
        name: 'EntityAlreadyExistsException',
        $metadata: { httpStatusCode: 409 },
      });
      await iam.send(new CreateAccountAliasCommand({ AccountAlias: 'example-root' }));
      const listed = await iam.send(new ListAccountAliasesCommand({}));
      expect(listed).toMatchObject({ AccountAliases: ['example-root'], IsTruncated: false });
      expect((await member.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual([]);
      await expect(iam.send(new DeleteAccountAliasCommand({ AccountAlias: 'example-management' }))).rejects.toMatchObject({ name: 'NoSuchEntityException', $metadata: { httpStatusCode: 404 } });
      await iam.send(new DeleteAccountAliasCommand({ AccountAlias: 'example-root' }));
      expect((await iam.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual([]);
    });

    it('refuses an alias outside the documented pattern', async () => {
      await expect(iam.send(new CreateAccountAliasCommand({ AccountAlias: 'Bad--Alias' }))).rejects.toMatchObject({ name: 'ValidationError' });
    });
  });

  describe('password policy', () => {
    it('has none until set (NoSuchEntity), then answers what was set; an update does not merge', async () => {
      await expect(member.send(new GetAccountPasswordPolicyCommand({}))).rejects.toMatchObject({ name: 'NoSuchEntityException', $metadata: { httpStatusCode: 404 } });
      await member.send(
        new UpdateAccountPasswordPolicyCommand({
          MinimumPasswordLength: 14,
          RequireSymbols: true,
          RequireNumbers: true,
          RequireUppercaseCharacters: true,
          RequireLowercaseCharacters: true,
          AllowUsersToChangePassword: true,
          MaxPasswordAge: 90,
          PasswordReusePrevention: 24,
        }),
      );
      expect((await member.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy).toEqual({
        MinimumPasswordLength: 14,
        RequireSymbols: true,
        RequireNumbers: true,
        RequireUppercaseCharacters: true,
        RequireLowercaseCharacters: true,
        AllowUsersToChangePassword: true,
        ExpirePasswords: true,
        MaxPasswordAge: 90,
        PasswordReusePrevention: 24,
      });
      // "If you do not specify a parameter, that parameter's value reverts to its default value."
      await member.send(new UpdateAccountPasswordPolicyCommand({ RequireNumbers: true }));
      expect((await member.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy).toEqual({
        MinimumPasswordLength: 6,
        RequireSymbols: false,
        RequireNumbers: true,
        RequireUppercaseCharacters: false,
        RequireLowercaseCharacters: false,
        AllowUsersToChangePassword: false,
        ExpirePasswords: false,
      });
      await member.send(new DeleteAccountPasswordPolicyCommand({}));
      await expect(member.send(new DeleteAccountPasswordPolicyCommand({}))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    });
  });

  describe('managed policies', () => {
    it('CreatePolicy answers the ARN from path and name, GetPolicyVersion the document URL-encoded (RFC 3986)', async () => {
      const created = await iam.send(
        new CreatePolicyCommand({ PolicyName: 'require_mfa', Path: '/baseline/', PolicyDocument: MFA_POLICY, Description: 'MFA or nothing', Tags: [{ Key: 'owner', Value: 'platform' }] }),
      );
      expect(created.Policy).toMatchObject({
        PolicyName: 'require_mfa',
        Path: '/baseline/',
        Arn: `arn:aws:iam::${MANAGEMENT}:policy/baseline/require_mfa`,
        DefaultVersionId: 'v1',
        AttachmentCount: 0,
        IsAttachable: true,
        Description: 'MFA or nothing',
        Tags: [{ Key: 'owner', Value: 'platform' }],
      });
      expect(created.Policy?.PolicyId).toMatch(/^ANPA[0-9A-Z]{17}$/);
      expect(created.Policy?.CreateDate).toBeInstanceOf(Date);

      const arn = created.Policy!.Arn!;
      const got = await iam.send(new GetPolicyCommand({ PolicyArn: arn }));
      expect(got.Policy).toMatchObject({ Arn: arn, DefaultVersionId: 'v1', Tags: [{ Key: 'owner', Value: 'platform' }] });
      const version = await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }));
      expect(version.PolicyVersion).toMatchObject({ VersionId: 'v1', IsDefaultVersion: true });
      expect(version.PolicyVersion?.Document).toMatch(/^%7B%22Version%22%3A%222012-10-17%22/);
      expect(decodeURIComponent(version.PolicyVersion!.Document!)).toBe(MFA_POLICY);

      await expect(iam.send(new CreatePolicyCommand({ PolicyName: 'REQUIRE_MFA', PolicyDocument: MFA_POLICY }))).rejects.toMatchObject({
        name: 'EntityAlreadyExistsException',
        $metadata: { httpStatusCode: 409 },
      });
    });

    it('refuses a malformed document and one over the 6,144-character quota', async () => {
      await expect(iam.send(new CreatePolicyCommand({ PolicyName: 'broken', PolicyDocument: '{"Statement": [' }))).rejects.toMatchObject({
        name: 'MalformedPolicyDocumentException',
        $metadata: { httpStatusCode: 400 },
      });
      const principal = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }] });
      await expect(iam.send(new CreatePolicyCommand({ PolicyName: 'principal', PolicyDocument: principal }))).rejects.toMatchObject({ name: 'MalformedPolicyDocumentException' });
      const huge = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: Array.from({ length: 300 }, (_, i) => `arn:aws:s3:::bucket-${i}/*`) }] });
      await expect(iam.send(new CreatePolicyCommand({ PolicyName: 'huge', PolicyDocument: huge }))).rejects.toMatchObject({ name: 'LimitExceededException', $metadata: { httpStatusCode: 409 } });
    });

    it('keeps at most five versions, lists them newest first, and deletes only non-default versions', async () => {
      const arn = (await iam.send(new CreatePolicyCommand({ PolicyName: 'versions', PolicyDocument: MFA_POLICY }))).Policy!.Arn!;
      for (let n = 2; n <= 5; n++) {
        const created = await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: MFA_POLICY, SetAsDefault: false }));
        expect(created.PolicyVersion).toMatchObject({ VersionId: `v${n}`, IsDefaultVersion: false });
        expect(created.PolicyVersion?.Document).toBeUndefined();
      }
      await expect(iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: MFA_POLICY }))).rejects.toMatchObject({
        name: 'LimitExceededException',
        message: expect.stringContaining('up to 5 versions'),
      });
      await iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v5' }));
      const versions = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }));
      expect(versions.Versions?.map((v) => [v.VersionId, v.IsDefaultVersion])).toEqual([
        ['v5', true],
        ['v4', false],
        ['v3', false],
        ['v2', false],
        ['v1', false],
      ]);
      expect((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.DefaultVersionId).toBe('v5');
      await expect(iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v5' }))).rejects.toMatchObject({ name: 'DeleteConflictException', $metadata: { httpStatusCode: 409 } });
      await expect(iam.send(new DeletePolicyCommand({ PolicyArn: arn }))).rejects.toMatchObject({ name: 'DeleteConflictException', message: expect.stringContaining('more than one version') });
      for (const id of ['v1', 'v2', 'v3', 'v4']) await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: id }));
      await iam.send(new DeletePolicyCommand({ PolicyArn: arn }));
      await expect(iam.send(new GetPolicyCommand({ PolicyArn: arn }))).rejects.toMatchObject({ name: 'NoSuchEntityException', $metadata: { httpStatusCode: 404 } });
      await expect(iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v5' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    });

    it('ListPolicies filters by Scope and OnlyAttached; ListEntitiesForPolicy names the attached groups', async () => {
      const arn = (await iam.send(new CreatePolicyCommand({ PolicyName: 'scoped', PolicyDocument: MFA_POLICY }))).Policy!.Arn!;
      await iam.send(new CreateGroupCommand({ GroupName: 'Auditors' }));
      await iam.send(new AttachGroupPolicyCommand({ GroupName: 'Auditors', PolicyArn: arn }));
      await iam.send(new AttachGroupPolicyCommand({ GroupName: 'Auditors', PolicyArn: 'arn:aws:iam::aws:policy/SecurityAudit' }));

      const local = await iam.send(new ListPoliciesCommand({ Scope: 'Local' }));
      expect(local.Policies?.map((p) => p.PolicyName)).toContain('scoped');
      expect(local.Policies?.every((p) => p.Arn?.startsWith(`arn:aws:iam::${MANAGEMENT}:policy/`))).toBe(true);
      expect(local.Policies?.every((p) => p.Tags === undefined)).toBe(true);
      const aws = await iam.send(new ListPoliciesCommand({ Scope: 'AWS', OnlyAttached: true }));
      expect(aws.Policies).toEqual([expect.objectContaining({ PolicyName: 'SecurityAudit', Arn: 'arn:aws:iam::aws:policy/SecurityAudit', AttachmentCount: 1 })]);
      const attached = await iam.send(new ListPoliciesCommand({ Scope: 'Local', OnlyAttached: true }));
      expect(attached.Policies?.map((p) => [p.PolicyName, p.AttachmentCount])).toEqual([['scoped', 1]]);

      const entities = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn }));
      expect(entities).toMatchObject({ PolicyGroups: [{ GroupName: 'Auditors', GroupId: expect.stringMatching(/^AGPA/) }], PolicyUsers: [], PolicyRoles: [], IsTruncated: false });

      await expect(iam.send(new DeletePolicyCommand({ PolicyArn: arn }))).rejects.toMatchObject({ name: 'DeleteConflictException', message: 'Cannot delete a policy attached to entities.' });
      await iam.send(new DetachGroupPolicyCommand({ GroupName: 'Auditors', PolicyArn: arn }));
      await iam.send(new DetachGroupPolicyCommand({ GroupName: 'Auditors', PolicyArn: 'arn:aws:iam::aws:policy/SecurityAudit' }));
      await expect(iam.send(new DetachGroupPolicyCommand({ GroupName: 'Auditors', PolicyArn: arn }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
      await iam.send(new DeletePolicyCommand({ PolicyArn: arn }));
      await iam.send(new DeleteGroupCommand({ GroupName: 'Auditors' }));
    });

    it('counts a permissions boundary apart from attachments, and forgets both with the entity', async () => {
      const arn = (await member.send(new CreatePolicyCommand({ PolicyName: 'boundary', PolicyDocument: MFA_POLICY }))).Policy!.Arn!;
      await member.send(new CreateUserCommand({ UserName: 'bounded', PermissionsBoundary: arn }));
      await member.send(new CreateUserCommand({ UserName: 'attached' }));
      await member.send(new AttachUserPolicyCommand({ UserName: 'attached', PolicyArn: arn }));
      expect((await member.send(new GetUserCommand({ UserName: 'bounded' }))).User?.PermissionsBoundary).toEqual({ PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: arn });
      expect((await member.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy).toMatchObject({ AttachmentCount: 1, PermissionsBoundaryUsageCount: 1 });
      const asBoundary = await member.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn, PolicyUsageFilter: 'PermissionsBoundary' }));
      expect(asBoundary.PolicyUsers?.map((u) => u.UserName)).toEqual(['bounded']);
      const asPolicy = await member.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn, PolicyUsageFilter: 'PermissionsPolicy', EntityFilter: 'User' }));
      expect(asPolicy.PolicyUsers?.map((u) => u.UserName)).toEqual(['attached']);

      await expect(member.send(new DeleteUserCommand({ UserName: 'attached' }))).rejects.toMatchObject({ name: 'DeleteConflictException', message: expect.stringContaining('detach all policies') });
      await member.send(new DetachUserPolicyCommand({ UserName: 'attached', PolicyArn: arn }));
      await member.send(new DeleteUserCommand({ UserName: 'attached' }));
      await member.send(new DeleteUserCommand({ UserName: 'bounded' }));
      expect((await member.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy).toMatchObject({ AttachmentCount: 0, PermissionsBoundaryUsageCount: 0 });
      await member.send(new DeletePolicyCommand({ PolicyArn: arn }));
    });

    it("answers SSO Admin's question whether an account has a customer managed policy (path and name)", async () => {
      await member.send(new CreatePolicyCommand({ PolicyName: 'sso-referenced', Path: '/sso/', PolicyDocument: MFA_POLICY }));
      const lookup = customerPolicyLookup(double.world);
      expect(lookup?.(MEMBER, '/sso/', 'sso-referenced')).toBe(true);
      expect(lookup?.(MEMBER, '/', 'sso-referenced')).toBe(false);
      expect(lookup?.(MANAGEMENT, '/sso/', 'sso-referenced')).toBe(false);
    });

    it('attaching a customer managed policy that does not exist is NoSuchEntity', async () => {
      await iam.send(new CreateGroupCommand({ GroupName: 'Nobody' }));
      await expect(iam.send(new AttachGroupPolicyCommand({ GroupName: 'Nobody', PolicyArn: `arn:aws:iam::${MANAGEMENT}:policy/missing` }))).rejects.toMatchObject({
        name: 'NoSuchEntityException',
        $metadata: { httpStatusCode: 404 },
      });
      await iam.send(new DeleteGroupCommand({ GroupName: 'Nobody' }));
    });
  });

  describe('groups, users and membership', () => {
    it('creates a group and a user with tags; GetUser has Tags, ListUsers leaves them out', async () => {
      const group = await iam.send(new CreateGroupCommand({ GroupName: 'Administrators' }));
      expect(group.Group).toMatchObject({ GroupName: 'Administrators', Path: '/', Arn: `arn:aws:iam::${MANAGEMENT}:group/Administrators` });
      expect(group.Group?.GroupId).toMatch(/^AGPA[0-9A-Z]{17}$/);
      await expect(iam.send(new CreateGroupCommand({ GroupName: 'administrators' }))).rejects.toMatchObject({ name: 'EntityAlreadyExistsException', $metadata: { httpStatusCode: 409 } });

      const user = await iam.send(new CreateUserCommand({ UserName: 'alice', Tags: [{ Key: 'owner', Value: 'alice@example.com' }] }));
      expect(user.User).toMatchObject({ UserName: 'alice', Path: '/', Arn: `arn:aws:iam::${MANAGEMENT}:user/alice`, Tags: [{ Key: 'owner', Value: 'alice@example.com' }] });
      expect(user.User?.UserId).toMatch(/^AIDA[0-9A-Z]{17}$/);
      expect((await iam.send(new GetUserCommand({ UserName: 'alice' }))).User?.Tags).toEqual([{ Key: 'owner', Value: 'alice@example.com' }]);
      const listed = await iam.send(new ListUsersCommand({}));
      expect(listed.Users?.find((u) => u.UserName === 'alice')).toEqual({
        Path: '/',
        UserName: 'alice',
        UserId: user.User?.UserId,
        Arn: user.User?.Arn,
        CreateDate: user.User?.CreateDate,
      });

      await iam.send(new TagUserCommand({ UserName: 'alice', Tags: [{ Key: 'team', Value: 'platform' }, { Key: 'owner', Value: 'a@example.com' }] }));
      await iam.send(new UntagUserCommand({ UserName: 'alice', TagKeys: ['team'] }));
      expect((await iam.send(new GetUserCommand({ UserName: 'alice' }))).User?.Tags).toEqual([{ Key: 'owner', Value: 'a@example.com' }]);
      // API_Tag.html: letters, spaces, digits and _.:/=+-@ only; no `aws:` keys.
      await expect(iam.send(new TagUserCommand({ UserName: 'alice', Tags: [{ Key: 'team', Value: 'platform, identity' }] }))).rejects.toMatchObject({ name: 'ValidationError' });
      await expect(iam.send(new TagUserCommand({ UserName: 'alice', Tags: [{ Key: 'aws:owner', Value: 'x' }] }))).rejects.toMatchObject({ name: 'InvalidInputException' });
    });

    it('membership shows in GetGroup and ListGroupsForUser; a group with members is DeleteConflict', async () => {
      await iam.send(new AddUserToGroupCommand({ GroupName: 'Administrators', UserName: 'alice' }));
      await iam.send(new AddUserToGroupCommand({ GroupName: 'Administrators', UserName: 'alice' }));
      const got = await iam.send(new GetGroupCommand({ GroupName: 'Administrators' }));
      expect(got.Group?.GroupName).toBe('Administrators');
      expect(got.Users?.map((u) => u.UserName)).toEqual(['alice']);
      expect(got.IsTruncated).toBe(false);
      expect((await iam.send(new ListGroupsForUserCommand({ UserName: 'alice' }))).Groups?.map((g) => g.GroupName)).toEqual(['Administrators']);
      await expect(iam.send(new DeleteGroupCommand({ GroupName: 'Administrators' }))).rejects.toMatchObject({
        name: 'DeleteConflictException',
        $metadata: { httpStatusCode: 409 },
        message: expect.stringContaining('remove users from group'),
      });
      await expect(iam.send(new AddUserToGroupCommand({ GroupName: 'Administrators', UserName: 'nobody' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
      await expect(iam.send(new ListGroupsForUserCommand({ UserName: 'nobody' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    });

    it('renames carry membership and attachments (UpdateUser, UpdateGroup)', async () => {
      await iam.send(new AttachGroupPolicyCommand({ GroupName: 'Administrators', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
      await iam.send(new UpdateGroupCommand({ GroupName: 'Administrators', NewGroupName: 'Admins' }));
      await iam.send(new UpdateUserCommand({ UserName: 'alice', NewUserName: 'alice.smith' }));
      await expect(iam.send(new GetGroupCommand({ GroupName: 'Administrators' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
      const got = await iam.send(new GetGroupCommand({ GroupName: 'Admins' }));
      expect(got.Group?.Arn).toBe(`arn:aws:iam::${MANAGEMENT}:group/Admins`);
      expect(got.Users?.map((u) => u.UserName)).toEqual(['alice.smith']);
      expect((await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'Admins' }))).AttachedPolicies).toEqual([
        { PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
      ]);
      await iam.send(new UpdateUserCommand({ UserName: 'alice.smith', NewUserName: 'alice' }));
      await iam.send(new UpdateGroupCommand({ GroupName: 'Admins', NewGroupName: 'Administrators' }));
    });

    it('inline group policies are listed by name and read back URL-encoded', async () => {
      await iam.send(new PutGroupPolicyCommand({ GroupName: 'Administrators', PolicyName: 'inline', PolicyDocument: MFA_POLICY }));
      expect((await iam.send(new ListGroupPoliciesCommand({ GroupName: 'Administrators' }))).PolicyNames).toEqual(['inline']);
      const got = await iam.send(new GetGroupPolicyCommand({ GroupName: 'Administrators', PolicyName: 'inline' }));
      expect(decodeURIComponent(got.PolicyDocument!)).toBe(MFA_POLICY);
      await expect(iam.send(new DeleteGroupCommand({ GroupName: 'Administrators' }))).rejects.toMatchObject({ name: 'DeleteConflictException' });
    });

    it("a user with a login profile, an access key and an MFA device is DeleteConflict until force_destroy's steps ran", async () => {
      await iam.send(new CreateUserCommand({ UserName: 'bob' }));
      await expect(iam.send(new GetLoginProfileCommand({ UserName: 'bob' }))).rejects.toMatchObject({ name: 'NoSuchEntityException', $metadata: { httpStatusCode: 404 } });
      const profile = await iam.send(new CreateLoginProfileCommand({ UserName: 'bob', Password: 'Aa1!aaaaaaaaaaaaaaaa', PasswordResetRequired: true }));
      expect(profile.LoginProfile).toMatchObject({ UserName: 'bob', PasswordResetRequired: true });
      expect((await iam.send(new GetLoginProfileCommand({ UserName: 'bob' }))).LoginProfile).toMatchObject({ UserName: 'bob', PasswordResetRequired: true });
      await expect(iam.send(new CreateLoginProfileCommand({ UserName: 'bob', Password: 'Aa1!aaaaaaaaaaaaaaaa' }))).rejects.toMatchObject({ name: 'EntityAlreadyExistsException' });

      const key = await iam.send(new CreateAccessKeyCommand({ UserName: 'bob' }));
      expect(key.AccessKey).toMatchObject({ UserName: 'bob', Status: 'Active' });
      expect(key.AccessKey?.AccessKeyId).toMatch(/^AKIA111111111111[0-9A-Z]{4}$/);
      expect((await iam.send(new ListAccessKeysCommand({ UserName: 'bob' }))).AccessKeyMetadata).toEqual([
        { UserName: 'bob', AccessKeyId: key.AccessKey?.AccessKeyId, Status: 'Active', CreateDate: key.AccessKey?.CreateDate },
      ]);

      const device = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'bob' }));
      const serial = device.VirtualMFADevice!.SerialNumber!;
      expect(serial).toBe(`arn:aws:iam::${MANAGEMENT}:mfa/bob`);
      await iam.send(new EnableMFADeviceCommand({ UserName: 'bob', SerialNumber: serial, AuthenticationCode1: '123456', AuthenticationCode2: '654321' }));
      expect((await iam.send(new ListMFADevicesCommand({ UserName: 'bob' }))).MFADevices).toEqual([{ UserName: 'bob', SerialNumber: serial, EnableDate: expect.any(Date) }]);
      const assigned = await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Assigned' }));
      expect(assigned.VirtualMFADevices).toEqual([expect.objectContaining({ SerialNumber: serial, User: expect.objectContaining({ UserName: 'bob' }) })]);

      await expect(iam.send(new DeleteUserCommand({ UserName: 'bob' }))).rejects.toMatchObject({ name: 'DeleteConflictException', $metadata: { httpStatusCode: 409 } });
      // aws_iam_user's force_destroy, in the provider's order (user.go resourceUserDelete).
      await iam.send(new DeleteAccessKeyCommand({ UserName: 'bob', AccessKeyId: key.AccessKey!.AccessKeyId! }));
      await iam.send(new DeactivateMFADeviceCommand({ UserName: 'bob', SerialNumber: serial }));
      await iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial }));
      await iam.send(new DeleteLoginProfileCommand({ UserName: 'bob' }));
      await expect(iam.send(new DeleteLoginProfileCommand({ UserName: 'bob' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
      await iam.send(new DeleteUserCommand({ UserName: 'bob' }));
      await expect(iam.send(new GetUserCommand({ UserName: 'bob' }))).rejects.toMatchObject({ name: 'NoSuchEntityException', $metadata: { httpStatusCode: 404 } });
    });

    it('checks a console password against the account password policy', async () => {
      await member.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 14, RequireSymbols: true }));
      await member.send(new CreateUserCommand({ UserName: 'carol' }));
      await expect(member.send(new CreateLoginProfileCommand({ UserName: 'carol', Password: 'short1A!' }))).rejects.toMatchObject({
        name: 'PasswordPolicyViolationException',
        $metadata: { httpStatusCode: 400 },
      });
      await member.send(new CreateLoginProfileCommand({ UserName: 'carol', Password: 'longenoughpassword!' }));
    });

    it('removing a user from a group it is not in is NoSuchEntity (the provider treats that as done)', async () => {
      await iam.send(new RemoveUserFromGroupCommand({ GroupName: 'Administrators', UserName: 'alice' }));
      await expect(iam.send(new RemoveUserFromGroupCommand({ GroupName: 'Administrators', UserName: 'alice' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    });

    it('each account has its own users and groups', async () => {
      await expect(member.send(new GetUserCommand({ UserName: 'alice' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
      expect((await member.send(new ListGroupsCommand({}))).Groups).toEqual([]);
      const created = await member.send(new CreateUserCommand({ UserName: 'alice', Path: '/people/' }));
      expect(created.User?.Arn).toBe(`arn:aws:iam::${MEMBER}:user/people/alice`);
    });
  });

  describe('pagination (Marker, IsTruncated, MaxItems)', () => {
    it('pages ListUsers by MaxItems and the SDK paginator follows the Marker to the end', async () => {
      for (let i = 0; i < 5; i++) await member.send(new CreateUserCommand({ UserName: `page-${i}`, Path: '/paged/' }));
      const first = await member.send(new ListUsersCommand({ PathPrefix: '/paged/', MaxItems: 2 }));
      expect(first.Users?.map((u) => u.UserName)).toEqual(['page-0', 'page-1']);
      expect(first.IsTruncated).toBe(true);
      expect(typeof first.Marker).toBe('string');
      const second = await member.send(new ListUsersCommand({ PathPrefix: '/paged/', MaxItems: 2, Marker: first.Marker }));
      expect(second.Users?.map((u) => u.UserName)).toEqual(['page-2', 'page-3']);
      const names: string[] = [];
      for await (const page of paginateListUsers({ client: member, pageSize: 2 }, { PathPrefix: '/paged/' })) names.push(...(page.Users ?? []).map((u) => u.UserName!));
      expect(names).toEqual(['page-0', 'page-1', 'page-2', 'page-3', 'page-4']);
      await expect(member.send(new ListUsersCommand({ Marker: 'not-a-marker' }))).rejects.toMatchObject({ name: 'InvalidInputException' });
    });
  });

  describe('service-linked roles (aws_iam_service_linked_role)', () => {
    it("creates AWS Config's role under /aws-service-role/, refuses a second, deletes through a deletion task", async () => {
      const created = await member.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'config.amazonaws.com' }));
      expect(created.Role).toMatchObject({
        RoleName: 'AWSServiceRoleForConfig',
        Path: '/aws-service-role/config.amazonaws.com/',
        Arn: `arn:aws:iam::${MEMBER}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
      });
      const role = await member.send(new GetRoleCommand({ RoleName: 'AWSServiceRoleForConfig' }));
      expect(JSON.parse(decodeURIComponent(role.Role!.AssumeRolePolicyDocument!))).toMatchObject({ Statement: [{ Principal: { Service: ['config.amazonaws.com'] } }] });
      await expect(member.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'config.amazonaws.com' }))).rejects.toMatchObject({ name: 'InvalidInputException' });
      const deleted = await member.send(new DeleteServiceLinkedRoleCommand({ RoleName: 'AWSServiceRoleForConfig' }));
      expect(deleted.DeletionTaskId).toMatch(/^task\/aws-service-role\/config\.amazonaws\.com\/AWSServiceRoleForConfig\//);
      expect((await member.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId: deleted.DeletionTaskId }))).Status).toBe('SUCCEEDED');
      await expect(member.send(new GetRoleCommand({ RoleName: 'AWSServiceRoleForConfig' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    });
  });

  describe('centralized root access (aws_iam_organizations_features)', () => {
    it('needs an organization in all-features mode with trusted access for IAM, and the management account', async () => {
      await expect(iam.send(new ListOrganizationsFeaturesCommand({}))).rejects.toMatchObject({ name: 'OrganizationNotFoundException', $metadata: { httpStatusCode: 400 } });
      double.world.organization = {
        id: 'o-abcdefghij',
        arn: `arn:aws:organizations::${MANAGEMENT}:organization/o-abcdefghij`,
        featureSet: 'CONSOLIDATED_BILLING',
        servicePrincipals: new Set(),
        delegatedAdministrators: new Map(),
      };
      await expect(iam.send(new ListOrganizationsFeaturesCommand({}))).rejects.toMatchObject({ name: 'OrganizationNotInAllFeaturesModeException' });
      double.world.organization.featureSet = 'ALL';
      await expect(iam.send(new EnableOrganizationsRootCredentialsManagementCommand({}))).rejects.toMatchObject({ name: 'ServiceAccessNotEnabledException' });
      double.world.organization.servicePrincipals.add('iam.amazonaws.com');
      await expect(member.send(new ListOrganizationsFeaturesCommand({}))).rejects.toMatchObject({ name: 'AccountNotManagementOrDelegatedAdministratorException' });

      expect(await iam.send(new ListOrganizationsFeaturesCommand({}))).toMatchObject({ OrganizationId: 'o-abcdefghij', EnabledFeatures: [] });
      await iam.send(new EnableOrganizationsRootCredentialsManagementCommand({}));
      const enabled = await iam.send(new EnableOrganizationsRootSessionsCommand({}));
      expect(enabled).toMatchObject({ OrganizationId: 'o-abcdefghij', EnabledFeatures: ['RootCredentialsManagement', 'RootSessions'] });
      expect((await iam.send(new ListOrganizationsFeaturesCommand({}))).EnabledFeatures).toEqual(['RootCredentialsManagement', 'RootSessions']);
      double.world.organization = undefined;
    });
  });

  describe('seeding with invoke() (typed input, as an estate loader sends it)', () => {
    it('takes numbers, booleans and lists as values and the SDK reads them back', async () => {
      const SEEDED = '333333333333';
      double.world.accounts.set(SEEDED, { id: SEEDED, name: 'seeded', email: 'seeded@example.com', status: 'ACTIVE' });
      double.invoke('iam', 'UpdateAccountPasswordPolicy', { MinimumPasswordLength: 16, RequireSymbols: true, HardExpiry: false }, SEEDED);
      double.invoke('iam', 'CreateGroup', { GroupName: 'Console' }, SEEDED);
      double.invoke('iam', 'CreateUser', { UserName: 'dora', Tags: [{ Key: 'owner', Value: 'dora@example.com' }] }, SEEDED);
      double.invoke('iam', 'AddUserToGroup', { GroupName: 'Console', UserName: 'dora' }, SEEDED);
      expect(() => double.invoke('iam', 'CreateUser', { UserName: 'DORA' }, SEEDED)).toThrow(expect.objectContaining({ code: 'EntityAlreadyExists', status: 409 }));

      const seeded = new IAMClient(doubleClientConfig(double.url, { accessKeyId: `AKIA${SEEDED}TEST` }));
      expect((await seeded.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy).toMatchObject({ MinimumPasswordLength: 16, RequireSymbols: true, HardExpiry: false, ExpirePasswords: false });
      expect((await seeded.send(new GetUserCommand({ UserName: 'dora' }))).User?.Tags).toEqual([{ Key: 'owner', Value: 'dora@example.com' }]);
      expect((await seeded.send(new ListGroupsForUserCommand({ UserName: 'dora' }))).Groups?.map((g) => g.GroupName)).toEqual(['Console']);
    });

    it('GetUser without a name answers the caller', async () => {
      expect((await iam.send(new GetUserCommand({}))).User).toMatchObject({ UserName: 'double-administrator', Arn: `arn:aws:iam::${MANAGEMENT}:user/double-administrator` });
    });
  });

  it('records every call as a known iam operation of the caller account', () => {
    expect(double.calls.length).toBeGreaterThan(50);
    expect(double.calls.every((call) => call.service === 'iam' && call.known)).toBe(true);
    expect(new Set(double.calls.map((call) => call.accountId))).toEqual(new Set([MANAGEMENT, MEMBER, '333333333333']));
  });
});
