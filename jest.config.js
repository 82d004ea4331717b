/** Tests run from TypeScript sources through SWC; `npm test` type-checks them first with tsc. */
const { roundTrips, extendedTerraformTests } = require('./jest.suites.js');

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The longer Terraform suites run apart, with `npm run test:terraform` (jest.roundtrip.config.js).
  testPathIgnorePatterns: ['/node_modules/', roundTrips, ...extendedTerraformTests],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
};
