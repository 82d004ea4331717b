import type { TerraformElement } from '../../lib/cdktf';

/**
 * Pins an element's Terraform address to a name from the config (`aws_ssoadmin_permission_set.admin`)
 * instead of cdktf's path-and-hash id, so the address survives refactoring of the construct tree.
 */
export function pinAddress<T extends TerraformElement>(element: T, name: string): T {
  element.overrideLogicalId(name);
  return element;
}
