/** Exit codes of the review CLI (documented in the README and docs/plan-review.md). */
export const EXIT_CODES = {
  /** Every plan was read and nothing needs approval. */
  noRisk: 0,
  /** A bad command line: unknown option, no plan file, an output file that cannot be written. */
  usage: 2,
  /** At least one risk flag: the change needs an explicit approval. */
  approvalNeeded: 3,
  /** A plan or synth directory could not be read, or is not what it should be. Nothing was reviewed. */
  unreadableInput: 4,
} as const;
