import { addresses, baseConfig, synth, type TerraformJson } from '../helpers/environment';

/** Address → arguments (without cdktf metadata), for comparing two synths resource by resource. */
function byAddress(json: TerraformJson): Map<string, string> {
  const out = new Map<string, string>();
  for (const kind of ['resource', 'data'] as const) {
    for (const [type, byName] of Object.entries(json[kind] ?? {})) {
      for (const [name, body] of Object.entries(byName)) {
        const { ['//']: _metadata, ...args } = body;
        out.set(`${kind === 'data' ? 'data.' : ''}${type}.${name}`, JSON.stringify(args));
      }
    }
  }
  return out;
}

describe('stable addresses', () => {
  test('adding a permission set, an account and an assignment, and reordering the file, changes no existing resource', () => {
    const before = synth(baseConfig());
    const grown: any = baseConfig();
    // Reorder every map and list the user wrote…
    grown.organization.accounts = Object.fromEntries(Object.entries(grown.organization.accounts).reverse());
    grown.organization.organizationalUnits = { Security: {}, Workloads: { children: { Dev: {}, Prod: {} } } };
    // …and add to it.
    grown.organization.accounts.staging = { name: 'Staging', email: 'aws-staging@example.com', ou: 'Workloads/Dev' };
    grown.identityCenter.permissionSets = { ReadOnly: { managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] } };
    grown.identityCenter.assignments.unshift({ group: 'Platform Admins', permissionSets: ['ReadOnly'], allAccounts: true });
    const after = synth(grown);

    for (const stack of ['organization', 'identityCenter'] as const) {
      const old = byAddress(before[stack]);
      const next = byAddress(after[stack]);
      for (const [address, args] of old) {
        expect({ address, args: next.get(address) }).toEqual({ address, args });
      }
    }
    expect(addresses(after.identityCenter)).toEqual(expect.arrayContaining([
      'aws_ssoadmin_permission_set.readonly',
      'aws_ssoadmin_account_assignment.group_platform_admins__readonly__staging',
    ]));
    expect(addresses(after.organization)).toContain('aws_organizations_account.staging');
  });

  test('no address carries a cdktf hash suffix', () => {
    const { organization, identityCenter } = synth(baseConfig());
    for (const address of [...addresses(organization), ...addresses(identityCenter)]) {
      expect(address).not.toMatch(/_[0-9A-F]{8}$/);
    }
  });
});
