/** A fixed clock for tests of expiring grants, and the three grants they judge. */
import { NOW_VARIABLE } from '../../config/expiry';
import { withChange } from './environment';

/** The clock the expiry tests run at: 2 December 2026, 02:00 UTC. */
export const FIXED_NOW = '2026-12-02T02:00:00Z';

/** Sets IDENTITY_FOUNDATION_NOW to FIXED_NOW before each test of the enclosing block, and restores it after. */
export function atFixedClock(): void {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env[NOW_VARIABLE];
    process.env[NOW_VARIABLE] = FIXED_NOW;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env[NOW_VARIABLE];
    else process.env[NOW_VARIABLE] = saved;
  });
}

/** Three grants of Platform Admins' ReadOnly set, at FIXED_NOW: expired yesterday on prod, ending in 3 days on dev, open-ended on audit. */
export const timedGrants = () =>
  withChange((c) => {
    c.identityCenter.permissionSets = { ReadOnly: { managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] } };
    c.identityCenter.assignments = [
      { group: 'Platform Admins', permissionSets: ['ReadOnly'], accounts: ['prod'], expires: '2026-12-01', reason: 'INC-4711: database migration on-call' },
      { group: 'Platform Admins', permissionSets: ['ReadOnly'], accounts: ['dev'], expires: '2026-12-05T18:00:00Z', reason: 'CHG-99: quarter-end audit support' },
      { group: 'Platform Admins', permissionSets: ['ReadOnly'], accounts: ['audit'] },
    ];
  });
