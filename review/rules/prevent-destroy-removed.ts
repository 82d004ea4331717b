import { CATALOGUE } from '../../rules/catalogue';
import type { Finding, Rule } from './rule';

/**
 * `prevent_destroy` is a lifecycle setting: Terraform enforces it while planning but does not write
 * it into the plan JSON (`configuration` has no lifecycle). It is only knowable by comparing the
 * synthesized cdk.tf.json of the change with the base branch's, so this rule needs both.
 */
export const preventDestroyRemoved: Rule = {
  ...CATALOGUE.preventDestroyRemoved,
  needs: 'synth-dirs',
  check: (facts) => {
    const { synth, baseSynth } = facts;
    if (!synth || !baseSynth) return [];
    const findings: Finding[] = [];
    for (const base of baseSynth.resources.values()) {
      if (!base.preventDestroy) continue;
      const movedTo = synth.moved.find((move) => move.from === base.address)?.to;
      const head = synth.resources.get(movedTo ?? base.address);
      if (head?.preventDestroy) continue;
      findings.push({
        ruleId: 'RISK-PREVENT-DESTROY-REMOVED',
        stack: facts.plan.stack,
        address: movedTo ?? base.address,
        reason: head
          ? `${head.address} no longer has lifecycle.prevent_destroy (the base branch has it): a plan that deletes it would no longer be stopped`
          : `${base.address} had lifecycle.prevent_destroy on the base branch and is no longer in the configuration: Terraform destroys it, since prevent_destroy only guards resources that stay in the configuration`,
      });
    }
    return findings;
  },
};
