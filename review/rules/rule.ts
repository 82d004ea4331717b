import type { RuleInfo } from '../../rules/catalogue';
import type { AccessChange } from '../diff/access';
import type { ReviewContext } from '../diff/context';
import type { MembershipChange } from '../diff/memberships';
import type { PermissionSetChange } from '../diff/permission-sets';
import type { PolicyChange } from '../diff/policies';
import type { Names } from '../names';
import type { Plan, ResourceChange } from '../plan/model';
import type { ExpiryPolicy, SynthStack } from '../synth/read-synth';

/**
 * A risk rule, in the manner of a cdk-nag rule: a stable id, a one-line `info`, an `explanation`
 * of why it matters and what to check before approving, and a pure check over one stack's facts.
 */
export interface Rule extends Pick<RuleInfo, 'id' | 'info' | 'explanation' | 'fix'> {
  /**
   * Inputs the plan JSON may not have; without them the rule is reported as not checked:
   * `synth-dirs` (--synth-dir and --base-synth-dir), `management-account` (an organization in a
   * plan, or --management-account-id).
   */
  readonly needs?: 'synth-dirs' | 'management-account';
  readonly check: (facts: StackFacts) => readonly Finding[];
}

export interface Finding {
  readonly ruleId: string;
  readonly stack: string;
  readonly address: string;
  /** Why this change is flagged, with names resolved. */
  readonly reason: string;
  /**
   * What the finding is about in the synth's words (rules/synth.ts: `<principal> / <set> / <account
   * key>`, a permission set's name, `passwordPolicy`), for rules the synth also runs: a config
   * suppression of the same rule and target then applies to this finding too (review.ts). Undefined
   * when the plan does not say the names the config uses.
   */
  readonly target?: string;
}

/** Everything known about one stack's plan, computed once and shared by all rules. */
export interface StackFacts {
  readonly plan: Plan;
  /** The plan's changes by resource type, each list in plan order: a rule visits only its own types (changesOfTypes). */
  readonly changesByType: ReadonlyMap<string, readonly ResourceChange[]>;
  readonly names: Names;
  readonly access: readonly AccessChange[];
  /** The same rows by the assignment change they come from: rules look them up per change. */
  readonly accessByChange: ReadonlyMap<ResourceChange, readonly AccessChange[]>;
  /** What every plan and --synth-dir say about admin sets, MFA policies and the management account. */
  readonly context: ReviewContext;
  readonly memberships: readonly MembershipChange[];
  readonly permissionSets: readonly PermissionSetChange[];
  readonly policies: readonly PolicyChange[];
  /** This stack's cdk.tf.json from --synth-dir. */
  readonly synth?: SynthStack;
  /** This stack's cdk.tf.json from --base-synth-dir (the base branch). */
  readonly baseSynth?: SynthStack;
  /** The environment's expiry policy from --synth-dir (expiry.json); undefined without it. */
  readonly expiry?: ExpiryPolicy;
}
