/** Tests run from TypeScript sources through SWC; `npm test` type-checks them first with tsc. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The round trips run apart, with `npm run test:terraform` (jest.roundtrip.config.js).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/roundtrip/'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
};
