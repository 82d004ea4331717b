#!/usr/bin/env bash
# Reviews the saved plans plan-stacks.sh made (npm run review) into cdktf.out/review.md, with the
# digest the apply checks, and appends it to the job summary: what the approver reads before
# approving the deployment.
#   .github/scripts/review-deploy.sh <title> <digest>
set -euo pipefail
title="${1:?usage: review-deploy.sh <title> <digest>}"
digest="${2:?usage: review-deploy.sh <title> <digest>}"
out="${OUT:-cdktf.out}"
plans=()
while read -r stack; do [ -n "$stack" ] && plans+=("$out/stacks/$stack/plan.json"); done < "$out/planned-stacks.txt"
code=0
node dist/review/cli.js --title "$title" --synth-dir "$out" --markdown "$out/review.md" "${plans[@]}" || code=$?
# 0: no risk flags; 3: risk flags, approved on the pull request and again by the deployment's reviewers.
if [ "$code" -ne 0 ] && [ "$code" -ne 3 ]; then echo "::error::the review could not run (exit $code)"; exit 1; fi
{
  echo
  echo "Saved plans: $(paste -sd, "$out/planned-stacks.txt" | sed 's/,/, /g'); SHA-256 of their list (plans.sha256): \`$digest\`. The apply applies these files and refuses any that differ."
  if [ -s "$out/deferred-stacks.txt" ]; then
    echo
    echo "Planned after this apply, in the same run (they read the new account IDs): $(paste -sd, "$out/deferred-stacks.txt" | sed 's/,/, /g')."
  fi
} >> "$out/review.md"
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat "$out/review.md" >> "$GITHUB_STEP_SUMMARY"; fi
