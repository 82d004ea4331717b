/**
 * The Terraform CLI version a stack needs, from the language features it uses. Every stack states it
 * as `terraform { required_version = ... }`, so an older Terraform stops at `init` with Terraform's own
 * message instead of failing on a block it does not know, or (S3 locking) running without a lock.
 */

/** A feature some stacks use, and the Terraform release that introduced it. */
export type TerraformFeature = 'import-blocks' | 'import-id-expressions' | 'removed-blocks' | 's3-native-locking';

/**
 * cdktf's JSON needs Terraform 1.2 or later (CDKTF prerequisites, "The Terraform CLI (1.2+)",
 * https://developer.hashicorp.com/terraform/tutorials/cdktf/cdktf-install); that also covers `moved`
 * blocks (1.1) and the identity-center stack's `postcondition` (custom conditions, 1.2).
 */
export const MINIMUM_TERRAFORM = '1.2.0';

const INTRODUCED_IN: Readonly<Record<TerraformFeature, string>> = {
  // `import` blocks: "Terraform v1.5.0 and later" (https://developer.hashicorp.com/terraform/language/import).
  'import-blocks': '1.5.0',
  // An import block's `id` as an expression (remote state outputs, in the access stacks), "as long as
  // the result is a known non-empty string at plan time": Terraform 1.6.0
  // (https://github.com/hashicorp/terraform/pull/33618, in the v1.6.0 CHANGELOG).
  'import-id-expressions': '1.6.0',
  // `removed { from, lifecycle { destroy = false } }`: "Terraform v1.7.0 and later supports removed
  // blocks" (https://developer.hashicorp.com/terraform/language/v1.7.x/state/remove).
  'removed-blocks': '1.7.0',
  // S3 `use_lockfile`: experimental in 1.10, generally available in 1.11.0
  // (https://raw.githubusercontent.com/hashicorp/terraform/v1.11.0/CHANGELOG.md); 1.10 would print an
  // experiment warning, older releases reject the argument.
  's3-native-locking': '1.11.0',
};

/** `>= <newest needed>, < 2.0.0`: Terraform 1.x keeps the v1.0 compatibility promises, 2.0 may not. */
export function requiredTerraformVersion(features: Iterable<TerraformFeature>): string {
  let minimum = MINIMUM_TERRAFORM;
  for (const feature of features) if (compare(INTRODUCED_IN[feature], minimum) > 0) minimum = INTRODUCED_IN[feature];
  return `>= ${minimum}, < 2.0.0`;
}

function compare(a: string, b: string): number {
  const [pa, pb] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}
