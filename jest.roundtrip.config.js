/**
 * `npm run test:terraform`: the round trips with real Terraform against the AWS double (test/roundtrip/),
 * apart from `npm test` because they take minutes (README, "What the round trips prove"). Two workers:
 * the converge-and-change file and the adoption file run side by side; inside each, the harness runs at
 * most TF_ROUNDTRIP_SLOTS (default 2) terraform commands at once.
 */
const base = require('./jest.config.js');

module.exports = {
  ...base,
  roots: ['<rootDir>/test/roundtrip'],
  testPathIgnorePatterns: [],
  maxWorkers: 2,
  testTimeout: 1_800_000,
};
