import type { JsonObject, JsonValue } from '../../rules/json';
import type { LargePolicyJudgement } from '../../rules/policy/analysis';
import type { LargePolicyChange } from './large-policies';
import type { PriorGrants } from './prior-grants';

/**
 * The parts of a Terraform plan (`terraform show -json <planfile>`) the review reads, typed.
 * Field names follow the documented JSON plan representation; everything else in the file
 * (planned_values, resource_drift, output_changes, checks, unknown future keys) is checked and dropped.
 */

/** One element of `resource_changes`. */
export interface ResourceChange {
  /** Full instance address, e.g. `aws_ssoadmin_account_assignment.group_admins__admin__prod`. */
  readonly address: string;
  /** Set only when a `moved` block changed the address since the last run. */
  readonly previousAddress?: string;
  /** Module part of the address; undefined in the root module. */
  readonly moduleAddress?: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  /** Instance key: a number for `count`, a string for `for_each`. */
  readonly index?: string | number;
  /** Set when the change applies to a deposed object left over by a create_before_destroy replace. */
  readonly deposed?: string;
  /** e.g. `["create"]`, `["delete","create"]`, `["no-op"]`; unknown future actions are kept as is. */
  readonly actions: readonly string[];
  /** e.g. `replace_because_cannot_update`; a display hint only. */
  readonly actionReason?: string;
  /**
   * The object before and after the change; null for a create (before) or delete (after), and both
   * null for a no-op that imports nothing, whose values the review never reads (see prior_state).
   */
  readonly before: JsonValue;
  readonly after: JsonValue;
  /** Mirrors `after` with `true` at values known only after apply. */
  readonly afterUnknown: JsonValue;
  /** Mirror `before`/`after` with `true` at sensitive values, which must never be shown. */
  readonly beforeSensitive: JsonValue;
  readonly afterSensitive: JsonValue;
  /** Attribute paths that forced a replacement, e.g. `[["target_id"]]`. */
  readonly replacePaths: ReadonlyArray<ReadonlyArray<string | number>>;
  /**
   * Present when this plan imports the object, in addition to whatever `actions` says: by `id`, by
   * resource identity (Terraform 1.12+), or with an ID known only at apply (`unknown`, deferred).
   */
  readonly importing?: { readonly id?: string; readonly byIdentity?: boolean; readonly unknown?: boolean };
  /**
   * Policy documents of an update too large to hold as text, by attribute (large-policies.ts): their
   * statement diff and judgement. The attribute's value on both sides is then a stand-in, not a policy.
   */
  readonly largePolicies?: ReadonlyMap<string, LargePolicyChange>;
}

/** A resource in `prior_state`: the state as refreshed at plan time. */
export interface PriorResource {
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly values: JsonObject;
  /** Mirrors `values` with `true` at sensitive values. */
  readonly sensitiveValues: JsonValue;
  /** A policy document too large to hold as text, by attribute (large-policies.ts): its judgement; the value is then a stand-in. */
  readonly largePolicies?: ReadonlyMap<string, LargePolicyJudgement>;
}

/** A resource block in `configuration` (one per block, not per instance). */
export interface ConfigResource {
  /** Address including any module path, without instance keys: `aws_ssoadmin_permission_set.admin`. */
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  /** Argument name → `{ constant_value }` or `{ references: [...] }`; nested blocks are arrays. */
  readonly expressions: JsonObject;
  /**
   * True for a block with `for_each` or `count` (`for_each_expression`, `count_expression`): a
   * reference to it (`aws_ssoadmin_permission_set.pset`, with the key in `each.value`) does not say
   * which of its instances is meant.
   */
  readonly repeated?: true;
}

export interface Plan {
  /** The file the plan was read from, as given. */
  readonly file: string;
  /** Stack name: the directory of a `plan.json`, otherwise the file name without `.json`. */
  readonly stack: string;
  readonly formatVersion: string;
  readonly terraformVersion?: string;
  /**
   * `false` when Terraform says the plan is not complete (`"complete": false`, Terraform 1.8+):
   * applying it leaves changes for another plan. Undefined when the plan is complete or older.
   */
  readonly complete?: false;
  /** How many changes Terraform deferred (`deferred_changes`, Terraform 1.9+): 0 when none. */
  readonly deferredChanges: number;
  readonly changes: readonly ResourceChange[];
  readonly prior: readonly PriorResource[];
  readonly config: ReadonlyMap<string, ConfigResource>;
  /** prior_state's account assignments, whatever prior resources are kept: who holds which set where. Absent in plans not read from a file. */
  readonly priorGrants?: PriorGrants;
}
