/** Tests run from TypeScript sources through SWC; `npm test` type-checks them first with tsc. */
const { roundTrips, extendedTerraformTests } = require('./jest.suites.js');

module.exports = {
  testEnvironment: 'node',
  // jest's default is one worker fewer than the cores: one on the 2-core machines CI and we use, where
  // most suites wait on child processes (terraform, cdktf, synth) and a second worker halves the wall time.
  maxWorkers: Math.max(2, require('node:os').availableParallelism() - 1),
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The longer Terraform suites run apart, with `npm run test:terraform` (jest.roundtrip.config.js).
  testPathIgnorePatterns: ['/node_modules/', roundTrips, ...extendedTerraformTests],
  // The long files first (a fresh clone has no timings of a last run for jest to order by).
  testSequencer: '<rootDir>/jest.sequencer.js',
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
};
