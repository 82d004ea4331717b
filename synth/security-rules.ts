/**
 * The rule pack at synth (rules/synth.ts): every environment's findings, computed once. Error-level
 * findings the config does not suppress stop the synth before anything is written; the findings are
 * written beside MANUAL-STEPS.md for the review (`--synth-dir`) and printed in the summary.
 */
import { readFileSync } from 'node:fs';
import type { ConfigPath } from '../config/issues';
import { locate } from '../config/locate';
import { parseYamlText } from '../config/yaml-text';
import type { EnvironmentModel } from '../model/environment';
import { ruleInfo } from '../rules/catalogue';
import { checkEnvironment, type SynthCheck, type SynthFinding } from '../rules/synth';

/**
 * Unsuppressed error-level findings: one block per finding, naming the file, the line and the config
 * path it comes from (as a config issue does), the rule, the target and both ways out.
 */
export class SecurityRulesError extends Error {
  constructor(failing: ReadonlyArray<{ environment: EnvironmentModel; check: SynthCheck }>) {
    const lines = failing.flatMap(({ environment, check }) => {
      const position = locator(environment.sourceFile);
      return check.errors.map((finding) => {
        const at = finding.configPath && position?.(finding.configPath);
        const where = at && finding.configPath ? `${environment.sourceFile}:${at.line}:${at.column}  ${finding.configPath.join('.')}` : environment.sourceFile;
        return (
          `${where}  security rule ${finding.ruleId} (${finding.target})\n    ${finding.reason}\n` +
          `    fix: ${ruleInfo(finding.ruleId)?.fix ?? 'see docs/plan-review.md'}; to accept it instead: ` +
          `suppressions: [{rule: ${finding.ruleId}, target: "${finding.target}", reason: "<why this is acceptable here>"}]`
        );
      });
    });
    super(lines.join('\n'));
    this.name = 'SecurityRulesError';
  }
}

/** Line and column of a config path in the environment file; undefined when the file can no longer be read or parsed. */
function locator(file: string): ((path: ConfigPath) => { line: number; column: number }) | undefined {
  try {
    const read = parseYamlText(readFileSync(file, 'utf8'), file);
    return read.ok ? (path) => locate(read.doc, read.lineCounter, path) : undefined;
  } catch {
    return undefined;
  }
}

/** Each environment's findings; throws SecurityRulesError when any has an unsuppressed error. */
export function checkSecurityRules(environments: readonly EnvironmentModel[]): Map<EnvironmentModel, SynthCheck> {
  const checks = new Map(environments.map((environment) => [environment, checkEnvironment(environment)]));
  const failing = [...checks].filter(([, check]) => check.errors.length > 0).map(([environment, check]) => ({ environment, check }));
  if (failing.length > 0) throw new SecurityRulesError(failing);
  return checks;
}

/**
 * What the review reads from `cdktf.out/environments/<env>/security-rules.json`. Each suppressed
 * finding carries `suppressedAt`, the file and line of what suppresses it, so the review can say
 * "suppressed by environments/dev.yaml:42" when the same rule fires on the same target in a plan.
 */
export function securityRulesFile(environment: EnvironmentModel, check: SynthCheck): string {
  const managementAccountIds = environment.organization.accounts.flatMap((account) => (account.kind === 'existing' && account.management ? [account.id] : []));
  const placeOf = suppressionPlaces(environment);
  const findings = check.findings.map((finding) => (finding.suppressed === undefined ? finding : { ...finding, suppressedAt: placeOf(finding) }));
  return `${JSON.stringify({ ...check, findings, managementAccountIds }, null, 2)}\n`;
}

/**
 * Where the config accepts a finding: the `suppressions:` entry of the same rule and target (the
 * first, as checkEnvironment matches it), or the baseline reason it names (`baseline.requireMfa.reason:
 * …`), as `<file>:<line>`; the file alone when it can no longer be read or parsed.
 */
function suppressionPlaces(environment: EnvironmentModel): (finding: SynthFinding) => string {
  const file = environment.sourceFile;
  const position = locator(file);
  const located = position && ((path: ConfigPath) => position(path).line);
  const suppressions = environment.suppressions ?? [];
  return (finding) => {
    const baseline = /^(baseline\.(?:requireMfa|passwordPolicy)\.reason):/.exec(finding.suppressed ?? '')?.[1];
    const index = suppressions.findIndex((suppression) => suppression.rule === finding.ruleId && suppression.target === finding.target);
    const path: ConfigPath | undefined = baseline ? baseline.split('.') : index >= 0 ? ['suppressions', index] : undefined;
    return located && path ? `${file}:${located(path)}` : file;
  };
}
