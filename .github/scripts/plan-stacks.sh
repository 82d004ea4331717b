#!/usr/bin/env bash
# Plans the synthesized stacks of one environment into saved plan files, dependencies first.
#   .github/scripts/plan-stacks.sh all|first|second [flags for terraform init and plan, e.g. -lock=false]
# all:    the first phase (stacks that read no other stack's state), then the second, unless a first
#         phase plan changes an output the second phase reads (a new account's ID exists only once
#         the account is created): then the second phase is left for after the apply, and listed
#         in cdktf.out/deferred-stacks.txt.
# Writes per stack cdktf.out/stacks/<stack>/plan.tfplan and plan.json (terraform show -json), and
# cdktf.out/planned-stacks.txt, changed-stacks.txt and plans.sha256 (sha256sum of each saved plan,
# with the provider lock file it was planned with). With GITHUB_OUTPUT set, writes changes=,
# deferred= and digest= (sha256 of plans.sha256) there.
# With ONLY=<file> (changed-stacks.js --write's selected-stacks.txt), plans only the stacks it lists,
# in the same phases; a listed second-phase stack is deferred only by a listed first-phase stack's
# plan (an unlisted stack's synthesized Terraform is unchanged, so its outputs are too).
# Run after .github/scripts/require-remote-state.js.
set -euo pipefail
phase="${1:?usage: plan-stacks.sh all|first|second [terraform flags]}"
shift
out="${OUT:-cdktf.out}"
here="$(dirname "$0")"
: > "$out/planned-stacks.txt"
: > "$out/changed-stacks.txt"
: > "$out/deferred-stacks.txt"

plan() {
  local stack="$1" dir="$out/stacks/$1" code=0
  shift
  echo "::group::plan $stack"
  terraform -chdir="$dir" init -input=false "$@"
  terraform -chdir="$dir" plan -input=false -detailed-exitcode "$@" -out=plan.tfplan || code=$?
  # -detailed-exitcode: 0 no changes, 1 error, 2 changes.
  if [ "$code" -eq 1 ]; then echo "::endgroup::"; echo "::error::terraform plan failed for $stack"; exit 1; fi
  terraform -chdir="$dir" show -json plan.tfplan > "$dir/plan.json"
  echo "$stack" >> "$out/planned-stacks.txt"
  if [ "$code" -eq 2 ]; then echo "$stack" >> "$out/changed-stacks.txt"; fi
  echo "::endgroup::"
}

only=()
if [ -n "${ONLY:-}" ]; then only=(--only "$ONLY"); fi
first_phase=$(node "$here/stacks.js" --out "$out" --phase first "${only[@]}")
second_phase=$(node "$here/stacks.js" --out "$out" --phase second "${only[@]}")
deferred=false
case "$phase" in
  first) stacks="$first_phase" ;;
  second) stacks="$second_phase" ;;
  all) stacks="$first_phase" ;;
  *) echo "phase must be all, first or second; got $phase" >&2; exit 2 ;;
esac
for stack in $stacks; do plan "$stack" "$@"; done
if [ "$phase" = all ] && [ -n "$second_phase" ]; then
  for stack in $first_phase; do
    if [ "$(node "$here/defers-dependents.js" --out "$out" "$stack")" = true ]; then deferred=true; fi
  done
  if [ "$deferred" = true ]; then
    echo "$second_phase" > "$out/deferred-stacks.txt"
    echo "::notice::$(echo $second_phase | tr ' ' ',') read outputs that this plan changes (new account IDs): they are planned after the first phase is applied."
  else
    for stack in $second_phase; do plan "$stack" "$@"; done
  fi
fi

: > "$out/plans.sha256"
while read -r stack; do
  [ -n "$stack" ] || continue
  sha256sum "$out/stacks/$stack/plan.tfplan" >> "$out/plans.sha256"
  if [ -f "$out/stacks/$stack/.terraform.lock.hcl" ]; then sha256sum "$out/stacks/$stack/.terraform.lock.hcl" >> "$out/plans.sha256"; fi
done < "$out/planned-stacks.txt"
changes=false
if [ -s "$out/changed-stacks.txt" ]; then changes=true; fi
digest=$(sha256sum "$out/plans.sha256" | cut -d' ' -f1)
echo "planned: $(tr '\n' ' ' < "$out/planned-stacks.txt"); with changes: $(tr '\n' ' ' < "$out/changed-stacks.txt"); digest $digest"
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  { echo "changes=$changes"; echo "deferred=$deferred"; echo "digest=$digest"; } >> "$GITHUB_OUTPUT"
fi
