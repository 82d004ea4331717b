/** A generated organization for benchmarks: N accounts in nested OUs, G groups, each assigned to every account. */
export interface GeneratedOrganization {
  readonly accounts: number;
  readonly groups: number;
  readonly permissionSets: number;
}

export function generatedConfig({ accounts, groups, permissionSets }: GeneratedOrganization): Record<string, unknown> {
  const setNames = Array.from({ length: permissionSets }, (_, i) => `Set${i}`);
  return {
    region: 'eu-west-1',
    organization: {
      organizationalUnits: { Workloads: { children: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`Team${i}`, { children: { Prod: {}, Dev: {} } }])) } },
      accounts: {
        management: { id: '100000000000', management: true },
        ...Object.fromEntries(
          Array.from({ length: accounts - 1 }, (_, i) => [`account-${i}`, { name: `Account ${i}`, email: `aws-account-${i}@example.com`, ou: `Workloads/Team${i % 10}/${i % 2 ? 'Prod' : 'Dev'}` }]),
        ),
      },
    },
    identityCenter: {
      mfa: { prompt: 'every-sign-in' },
      defaultPermissionSets: false,
      permissionSets: Object.fromEntries(setNames.map((name) => [name, { sessionDuration: 'PT2H', managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] }])),
      groups: Object.fromEntries(Array.from({ length: groups }, (_, i) => [`Group ${i}`, { description: `Team ${i}` }])),
      assignments: Array.from({ length: groups }, (_, i) => ({ group: `Group ${i}`, permissionSets: [setNames[i % permissionSets]], allAccounts: true })),
    },
  };
}
