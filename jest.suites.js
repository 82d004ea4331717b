/**
 * Which jest config runs which Terraform suite. `npm test` (jest.config.js) runs the fast Terraform
 * part: every bundled and hostile stack planned (test/terraform/validate-and-plan.test.ts).
 * `npm run test:terraform` (jest.roundtrip.config.js) runs the longer ones: the apply round trips
 * against the AWS double and the extra fixtures below. CI runs both (README, "Run the tests").
 */
module.exports = {
  roundTrips: '<rootDir>/test/roundtrip/',
  extendedTerraformTests: ['<rootDir>/test/terraform/sharded-stacks.test.ts', '<rootDir>/test/terraform/existing-organization.test.ts'],
};
