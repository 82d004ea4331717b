/**
 * The seeding the adoption round trip starts from (seed-recording.ts) rebuilds the recorded estate:
 * discovery over HTTP against the seeded double finds what discovery over the recording finds, by
 * name (the double's IDs are its own). No Terraform needed.
 */
import { discover } from '../../discovery/discover';
import type { DiscoveredEstate } from '../../discovery/estate';
import { startAwsDouble } from '../aws-double/server';
import { fakeClock } from '../discovery/fake-clock';
import { GUIDES_RECORDING, loadRecording, recordedClients, type Recording } from '../discovery/recorded-clients';
import { CONTROL_TOWER_RECORDING } from '../fixtures/estates/control-tower-recording';
import { clientsAt, closeClients } from './discovery-clients';
import { recordingHome, seedRecording } from './seed-recording';

/** IDs, ARNs and dates: the double's own, never the recording's. */
const OWN_VALUES = /^(id|arn|parentId|rootId|rootArn|instanceArn|identityStoreId|membershipId|userId|groupId|permissionSetArn|principalId|accountId|targetId|provisionedAccountIds|createdDate|createDate|enabledDate|joinedTimestamp|discoveredAt|dateEnabled|delegationEnabledDate|accessKeyId|instanceName|managementAccountArn|passwordLastUsed|region)$/;

/**
 * Where the double and the recording may differ and discovery treats both alike: a closed account
 * (SUSPENDED or PENDING_CLOSURE, see seed-recording.ts; `state` follows), JSON documents' white space,
 * and a user's status where the recording has none (ENABLED is the API's default).
 */
function normalized(key: string, value: unknown): unknown {
  if (key === 'status' && (value === 'SUSPENDED' || value === 'PENDING_CLOSURE')) return 'closed';
  if (key === 'content' && typeof value === 'string') return JSON.stringify(JSON.parse(value));
  return withoutOwnValues(value);
}

function withoutOwnValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutOwnValues);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !OWN_VALUES.test(key) && key !== 'state')
        .map(([key, item]) => [key, normalized(key, item)]),
    );
  }
  return value;
}

const usersEnabledByDefault = (estate: DiscoveredEstate): DiscoveredEstate => ({
  ...estate,
  identityCenter: { ...estate.identityCenter, users: estate.identityCenter.users.map((user) => ({ ...user, status: user.status ?? 'ENABLED' })) },
});

/** The estate with the double's own values left out, and references by name: what seeding must reproduce. */
function shape(estate: DiscoveredEstate) {
  const accountName = new Map(estate.organization.accounts.map((account) => [account.id, account.name]));
  const userName = new Map(estate.identityCenter.users.map((user) => [user.id, user.userName]));
  const groupName = new Map(estate.identityCenter.groups.map((group) => [group.id, group.displayName]));
  const setName = new Map(estate.identityCenter.permissionSets.map((set) => [set.arn, set.name]));
  const sortBy = <T>(items: readonly T[], key: (item: T) => string) => [...items].sort((a, b) => key(a).localeCompare(key(b)));
  // The management account's joinedMethod is the recording's own choice (the double says INVITED, as for every management account).
  const accounts = sortBy(estate.organization.accounts, (account) => account.email).map((account) => (account.id === estate.organization.managementAccountId ? { ...account, joinedMethod: 'management' } : account));
  const organization = { ...estate.organization, accounts, serviceControlPolicies: estate.organization.serviceControlPolicies.map((policy) => (policy.awsManaged ? { ...policy, targets: [] } : policy)) };
  return {
    ...(withoutOwnValues({ ...estate, organization }) as object),
    assignments: estate.identityCenter.assignments.map((a) => `${a.principalType} ${(a.principalType === 'USER' ? userName : groupName).get(a.principalId) ?? 'deleted'} ${setName.get(a.permissionSetArn)} ${accountName.get(a.accountId)}`).sort(),
    memberships: estate.identityCenter.memberships.map((m) => `${groupName.get(m.groupId)} ${userName.get(m.userId)}`).sort(),
    provisioned: estate.identityCenter.permissionSets.map((set) => `${set.name}: ${set.provisionedAccountIds.map((id) => accountName.get(id)).sort().join(', ')}`).sort(),
    // AWS keeps FullAWSAccess on every root, OU and account (at least one SCP on each); the recordings list the root only.
    policyTargets: estate.organization.serviceControlPolicies.map((policy) => `${policy.name}: ${policy.awsManaged ? '(AWS managed)' : policy.targets.map((target) => target.name).sort().join(', ')}`).sort(),
    ordered: {
      ous: sortBy(estate.organization.organizationalUnits, (ou) => ou.path).map((ou) => ou.path),
      accounts: sortBy(estate.organization.accounts, (account) => account.email).map((account) => `${account.name} ${normalized('status', account.status)} ${account.parentPath}`),
    },
  };
}

test.each<[string, () => Recording]>([
  ['guides', () => loadRecording(GUIDES_RECORDING)],
  ['control tower', () => CONTROL_TOWER_RECORDING],
])('the %s estate seeded into the double is discovered as the recording is', async (_name, recording) => {
  const home = recordingHome(recording());
  const double = await startAwsDouble({ region: home.region, managementAccountId: home.managementAccountId });
  try {
    seedRecording(double, recording());
    const clients = clientsAt(double, home.region);
    const fromDouble = (await discover(clients, { region: home.region, rateLimits: 'none' }).finally(() => closeClients(clients))).estate;
    const fromRecording = (await discover(recordedClients(recording()).clients, { clock: fakeClock() })).estate;
    expect(shape(fromDouble)).toEqual(shape(usersEnabledByDefault(fromRecording)));
    expect(double.unanswered()).toEqual([]);
  } finally {
    await double.close();
  }
});
