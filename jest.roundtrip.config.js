/**
 * `npm run test:terraform`: the round trips with real Terraform against the AWS double (test/roundtrip/)
 * and the extra Terraform fixtures (jest.suites.js), apart from `npm test` because they take minutes
 * (README, "What the round trips prove"). Two workers: the converge-and-change file and the adoption
 * file run side by side; inside each, the harness runs at most TF_ROUNDTRIP_SLOTS (default 2)
 * terraform commands at once.
 */
const base = require('./jest.config.js');
const { roundTrips, extendedTerraformTests } = require('./jest.suites.js');

module.exports = {
  ...base,
  testMatch: [`${roundTrips}**/*.test.ts`, ...extendedTerraformTests],
  testPathIgnorePatterns: ['/node_modules/'],
  maxWorkers: 2,
  testTimeout: 1_800_000,
};
