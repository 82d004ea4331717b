/** The round trips need what the Terraform tests need: skipped with the reason without it, failing with CI=true. */
import { inCi, terraformAvailability, type TerraformSetup } from '../terraform/terraform-cli';

/** Defines `body`'s tests when Terraform is there; otherwise one skipped (or, in CI, failing) test saying why. */
export function withTerraform(title: string, body: (setup: TerraformSetup) => void): void {
  const availability = terraformAvailability();
  if (availability.ok) {
    describe(title, () => body(availability.setup));
    return;
  }
  if (inCi()) {
    test(`${title}: Terraform is required in CI`, () => {
      throw new Error(`Terraform is required in CI (CI=true): ${availability.reason}. Put terraform on PATH and either give it network access to the registry or set TF_PLUGIN_MIRROR to a provider mirror (unpacked layout).`);
    });
  } else {
    console.warn(`Round trips skipped: ${availability.reason}. Install Terraform (README, "What the round trips prove") or set TF_PLUGIN_MIRROR; with CI=true they fail instead.`);
    test.skip(`${title} (skipped: ${availability.reason})`, () => undefined);
  }
}
