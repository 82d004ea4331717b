/**
 * The rule pack at synth (rules/synth.ts): every environment's findings, computed once. Error-level
 * findings the config does not suppress stop the synth before anything is written; the findings are
 * written beside MANUAL-STEPS.md for the review (`--synth-dir`) and printed in the summary.
 */
import type { EnvironmentModel } from '../model/environment';
import { ruleInfo } from '../rules/catalogue';
import { checkEnvironment, type SynthCheck } from '../rules/synth';

/** Unsuppressed error-level findings: one block per finding, naming the file, the rule, the target and both ways out. */
export class SecurityRulesError extends Error {
  constructor(failing: ReadonlyArray<{ environment: EnvironmentModel; check: SynthCheck }>) {
    const lines = failing.flatMap(({ environment, check }) =>
      check.errors.map(
        (finding) =>
          `${environment.sourceFile}  security rule ${finding.ruleId} (${finding.target})\n    ${finding.reason}\n` +
          `    fix: ${ruleInfo(finding.ruleId)?.fix ?? 'see docs/plan-review.md'}; to accept it instead: ` +
          `suppressions: [{rule: ${finding.ruleId}, target: "${finding.target}", reason: "<why this is acceptable here>"}]`,
      ),
    );
    super(lines.join('\n'));
    this.name = 'SecurityRulesError';
  }
}

/** Each environment's findings; throws SecurityRulesError when any has an unsuppressed error. */
export function checkSecurityRules(environments: readonly EnvironmentModel[]): Map<EnvironmentModel, SynthCheck> {
  const checks = new Map(environments.map((environment) => [environment, checkEnvironment(environment)]));
  const failing = [...checks].filter(([, check]) => check.errors.length > 0).map(([environment, check]) => ({ environment, check }));
  if (failing.length > 0) throw new SecurityRulesError(failing);
  return checks;
}

/** What the review reads from `cdktf.out/environments/<env>/security-rules.json`. */
export function securityRulesFile(environment: EnvironmentModel, check: SynthCheck): string {
  const managementAccountIds = environment.organization.accounts.flatMap((account) => (account.kind === 'existing' && account.management ? [account.id] : []));
  return `${JSON.stringify({ ...check, managementAccountIds }, null, 2)}\n`;
}
