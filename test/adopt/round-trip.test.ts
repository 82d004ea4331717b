import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Estate } from '../../adopt/estate';
import { adoptEstate } from '../../adopt/estate-to-environment';
import { synthAdopted, changesOf } from '../helpers/adoption';

const estate = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'estates', 'guides-estate.json'), 'utf8')) as Estate;
const INSTANCE = 'arn:aws:sso:::instance/ssoins-7223aaaabbbbcccc';
const ADMIN = 'arn:aws:sso:::permissionSet/ssoins-7223aaaabbbbcccc/ps-1111aaaa2222bbbb';

describe('adopting the estate of the guides', () => {
  const adoption = adoptEstate(estate, 'guides');
  const config = parse(adoption.yaml);
  const { result, organization, identityCenter } = synthAdopted(adoption);

  test('the config uses names a person would choose from the console names', () => {
    expect(Object.keys(config.organization.accounts)).toEqual(['management', 'prod-workloads', 'sandbox']);
    expect(config.organization.accounts.management).toEqual({ id: '111122223333', name: 'Guides Management', management: true });
    expect(config.organization.accounts['prod-workloads']).toEqual({ name: 'Prod Workloads', email: 'aws-prod@guides.example.com', ou: 'Workloads/Prod', tags: { Owner: 'platform' } });
    expect(Object.keys(config.identityCenter.permissionSets)).toEqual(['Admin', 'PowerUser']);
  });

  test('a group synced from the external IdP is referenced, not managed, and its members are left to the IdP', () => {
    expect(config.identityCenter.groups['Okta Engineering']).toEqual({ existing: true });
    expect(config.identityCenter.groups.Administrators).toEqual({ description: 'Platform administrators', members: ['primary-admin@guides.example.com'] });
  });

  test('assignments are grouped per principal and set; covering every account becomes allAccounts', () => {
    expect(config.identityCenter.assignments).toEqual([
      { group: 'Administrators', permissionSets: ['Admin'], allAccounts: true },
      { group: 'Okta Engineering', permissionSets: ['PowerUser'], accounts: ['prod-workloads'] },
      { user: 'dev.one@guides.example.com', permissionSets: ['PowerUser'], accounts: ['sandbox'] },
    ]);
  });

  test('every resource the config creates gets an import block, and no entry is left over', () => {
    for (const stack of result.imports!.stacks) {
      expect({ stack: stack.stack, withoutEntry: stack.withoutEntry, unused: stack.unusedEntries }).toEqual({ stack: stack.stack, withoutEntry: [], unused: [] });
    }
    // the organization, 3 OUs, 2 member accounts, centralized root access, 1 SCP and its root attachment
    expect(organization.import).toHaveLength(1 + 3 + 2 + 1 + 2);
    // 2 sets, 2 managed + 1 customer-managed + 1 inline policy, 2 users, 1 group (the IdP one is looked up), 1 membership, 5 assignments
    expect(identityCenter.import).toHaveLength(2 + 2 + 1 + 1 + 2 + 1 + 1 + 5);
  });

  test('import IDs follow the provider documentation for each type', () => {
    const byAddress = new Map<string, string>([...organization.import, ...identityCenter.import].map((i: { to: string; id: string }) => [i.to, i.id]));
    expect(byAddress.get('aws_organizations_organization.organization')).toBe('o-guides1234');
    expect(byAddress.get('aws_organizations_account.prod-workloads')).toBe('444455556666');
    expect(byAddress.get('aws_organizations_organizational_unit.workloads__prod')).toBe('ou-ab12-prod0001');
    expect(byAddress.get('aws_ssoadmin_permission_set.admin')).toBe(`${ADMIN},${INSTANCE}`);
    expect(byAddress.get('aws_ssoadmin_managed_policy_attachment.admin__administratoraccess')).toBe(`arn:aws:iam::aws:policy/AdministratorAccess,${ADMIN},${INSTANCE}`);
    expect(byAddress.get('aws_ssoadmin_customer_managed_policy_attachment.poweruser__denybilling')).toBe(`DenyBilling,/,arn:aws:sso:::permissionSet/ssoins-7223aaaabbbbcccc/ps-3333cccc4444dddd,${INSTANCE}`);
    expect(byAddress.get('aws_identitystore_user.primary-admin_at_guides_example_com')).toBe('d-9067bcfc3c/9067-user-admin');
    expect(byAddress.get('aws_identitystore_group_membership.administrators__primary-admin_at_guides_example_com')).toBe('d-9067bcfc3c/9067-m-1');
    expect(byAddress.get('aws_ssoadmin_account_assignment.group_okta_engineering__poweruser__prod-workloads')).toBe(
      `9067-group-okta,GROUP,444455556666,AWS_ACCOUNT,arn:aws:sso:::permissionSet/ssoins-7223aaaabbbbcccc/ps-3333cccc4444dddd,${INSTANCE}`,
    );
  });

  test('the management account is referenced by ID, never imported as a member account', () => {
    expect(Object.keys(organization.resource.aws_organizations_account)).toEqual(['prod-workloads', 'sandbox']);
  });

  test('the zero-diff check reports nothing: the first plan only imports', () => {
    expect(changesOf(result)).toEqual([]);
    // Only the guide-001 user without an Owner tag is left out, console passwords stay unmanaged, and the MFA policy is pending.
    expect(adoption.notes.filter((note) => !/IAM user admin|requireMfa|has a console password: its login profile stays/.test(note))).toEqual([]);
  });

  test('one attribute changed in the config is reported, and only that one', () => {
    const drifted = adoption.yaml.replace('sessionDuration: PT4H', 'sessionDuration: PT8H');
    expect(drifted).not.toBe(adoption.yaml);
    const { result: changed } = synthAdopted(adoption, drifted);
    expect(changesOf(changed)).toEqual([
      { stack: 'guides-identity-center', address: 'aws_ssoadmin_permission_set.poweruser', attribute: 'session_duration', aws: 'PT4H', config: 'PT8H', consequence: 'update' },
    ]);
  });

  test('a permission set whose ARN contains a comma cannot be imported, and the note says why', () => {
    const commaEstate: Estate = JSON.parse(JSON.stringify(estate));
    (commaEstate.identityCenter.permissionSets[0] as { arn: string }).arn = 'arn:aws:sso:::permissionSet/ssoins-7223aaaabbbbcccc/ps-1111,2222';
    const withComma = adoptEstate(commaEstate, 'guides');
    expect(withComma.notes).toContainEqual(expect.stringMatching(/^aws_ssoadmin_permission_set\.admin: aws_ssoadmin_permission_set is imported by an ID of ","-separated parts, and its permission set ARN "arn:aws:sso:::permissionSet\/ssoins-7223aaaabbbbcccc\/ps-1111,2222" contains ","/));
    expect(withComma.importMap.stacks['guides-identity-center']['aws_ssoadmin_permission_set.admin']).toBeUndefined();
  });
});
