import { deletesObject, deletionPhrase } from '../../changes/kind';
import { instanceLabel } from '../../names';
import { attribute, knownString } from '../../plan/attribute';
import type { ResourceChange } from '../../plan/model';
import type { RuleInfo } from '../../../rules/catalogue';
import type { Rule, StackFacts } from '../rule';
import { changesOfTypes } from './finding';

/** A rule that flags every destroy or replace of the given resource types. */
export function deletionRule(props: RuleInfo & {
  readonly types: readonly string[];
  /** What the object is, for the reason: `account "Payments Prod" (111111111111)`. */
  readonly describe: (change: ResourceChange, facts: StackFacts) => string;
  /** What deleting it means, appended to the reason; a function when it depends on the change (what a replace puts in its place). */
  readonly consequence: string | ((change: ResourceChange, facts: StackFacts) => string);
  /** True for a change whose destroy leaves the object in AWS (only Terraform forgets it): not a deletion. */
  readonly stays?: (change: ResourceChange) => boolean;
}): Rule {
  return {
    id: props.id,
    info: props.info,
    explanation: props.explanation,
    fix: props.fix,
    check: (facts) =>
      changesOfTypes(facts, props.types)
        .filter((change) => deletesObject(change) && !props.stays?.(change))
        .map((change) => ({
          ruleId: props.id,
          stack: facts.plan.stack,
          address: change.address,
          reason: `${props.describe(change, facts)} is ${deletionPhrase(change)}: ${typeof props.consequence === 'string' ? props.consequence : props.consequence(change, facts)}`,
        })),
  };
}

/**
 * The name a deleted object has now (before), then the one it is re-created with: `"jane" (re-created
 * as "jane.doe")`. Its holders lose the old one: a replace is named from the side that goes.
 */
export function oldAndNewName(change: ResourceChange, attr: string): string {
  const before = knownString(attribute(change, 'before', attr));
  const after = knownString(attribute(change, 'after', attr));
  const current = before ?? after ?? instanceLabel(change);
  return after !== undefined && before !== undefined && after !== before ? `"${current}" (re-created as "${after}")` : `"${current}"`;
}
