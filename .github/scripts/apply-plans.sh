#!/usr/bin/env bash
# Applies exactly the saved plans that plan-stacks.sh made and the approver saw, restored from the
# plan job's artifact into cdktf.out, dependencies first.
#   .github/scripts/apply-plans.sh <digest reported by the plan job>
# Refuses (exit 1, before any apply) when cdktf.out/plans.sha256 is not the one the plan job
# reported (its digest, a job output the artifact cannot change), or a plan file or provider lock
# file differs from its hash there. Terraform itself refuses a saved plan whose state has changed
# since ("Saved plan is stale").
set -euo pipefail
expected="${1:?usage: apply-plans.sh <digest>}"
out="${OUT:-cdktf.out}"
here="$(dirname "$0")"
if [ ! -f "$out/plans.sha256" ]; then echo "::error::$out/plans.sha256 is missing: nothing approved to apply" >&2; exit 1; fi
actual=$(sha256sum "$out/plans.sha256" | cut -d' ' -f1)
if [ "$actual" != "$expected" ]; then
  echo "::error::The saved plans are not the reviewed ones: plans.sha256 has digest $actual, the plan job reported $expected. Nothing was applied." >&2
  exit 1
fi
if ! sha256sum --check --strict --quiet "$out/plans.sha256"; then
  echo "::error::A saved plan differs from the one that was reviewed and approved (see above). Nothing was applied." >&2
  exit 1
fi
# The stacks to apply are the ones whose plans were hashed, in dependency order.
planned=$(sed -n 's#^[0-9a-f]\{64\}  \(.*\)/stacks/\([^/]*\)/plan\.tfplan$#\2#p' "$out/plans.sha256")
for stack in $(node "$here/stacks.js" --out "$out" --phase all); do
  if ! grep -qx "$stack" <<< "$planned"; then continue; fi
  dir="$out/stacks/$stack"
  echo "::group::apply $stack"
  terraform -chdir="$dir" init -input=false
  terraform -chdir="$dir" apply -input=false plan.tfplan
  echo "::endgroup::"
done
