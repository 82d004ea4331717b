/**
 * Jest's own order (failed first, then the longest of the last run, else the largest file), with the
 * files below moved to the front, longest first. A fresh clone (CI) has no record of the last run,
 * and by file size the Terraform plans would start 32nd and the deploy path 50th, leaving one of them
 * running alone at the end while the other worker idles. The figures are the files' CPU seconds
 * measured alone on the 2-core machine (README, "What the Terraform tests prove"); a file missing
 * from the run is skipped.
 */
const Sequencer = require('@jest/test-sequencer').default;

const LONGEST_FIRST = [
  'test/terraform/validate-and-plan.test.ts', // 222 s (terraform and the provider: 1.4 cores for its whole run)
  'test/deploy/deploy-path.test.ts', // 130 s
  'test/workflows/plan-matrix.test.ts', // 32 s
  'test/synth/shards.test.ts', // 29 s
  'test/terraform/cloud-backend.test.ts', // 26 s
  'test/fuzz.test.ts', // 20 s
  'test/workflows/scripts.test.ts', // 16 s
  'test/synth/output-dir.test.ts', // 15 s
  'test/workflows/changed-stacks.test.ts', // 14 s
  'test/synth/stale-stacks.test.ts', // 13 s
  'test/adopt/sharded-adoption.test.ts', // 12 s
  'test/cli.test.ts', // 10 s
];

class LongestFirst extends Sequencer {
  sort(tests) {
    const rank = (test) => {
      const index = LONGEST_FIRST.findIndex((file) => test.path.endsWith(`/${file}`));
      return index === -1 ? LONGEST_FIRST.length : index;
    };
    // Array.prototype.sort is stable: the other files keep jest's order.
    return [...super.sort(tests)].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = LongestFirst;
