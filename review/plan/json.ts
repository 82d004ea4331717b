/** The review's JSON accessors are the rule pack's: one definition for both. */
export * from '../../rules/json';
