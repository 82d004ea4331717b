/**
 * Entry point: load every environment → build the App → synth.
 *
 *   node dist/main.js [--environments DIR] [--env NAME]... [--out DIR]
 *
 * `cdktf synth|plan|deploy` runs this through cdktf.json. Config problems are printed all at
 * once with file, line and fix, and the process exits 1 before anything is written.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadEnvironments } from './config/load';
import { ConfigError } from './config/issues';
import { ruleInfo } from './rules/catalogue';
import { checkEnvironment, SECURITY_RULES_FILE } from './rules/synth';
import { formatSummary } from './synth/summary';
import { synthesize } from './synth/synthesize';

function main(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      environments: { type: 'string', default: 'environments' },
      env: { type: 'string', multiple: true },
      out: { type: 'string', default: process.env.CDKTF_OUTDIR ?? 'cdktf.out' },
      quiet: { type: 'boolean', default: false },
    },
  });
  try {
    const environments = loadEnvironments(values.environments!, values.env);
    // Error-level security findings (rules/synth.ts) stop the synth unless the config suppresses them with a reason.
    const failing = environments.flatMap((environment) => checkEnvironment(environment).errors.map((finding) => ({ environment, finding })));
    if (failing.length > 0) {
      const lines = failing.map(({ environment, finding }) => `${environment.sourceFile}: ${finding.ruleId} target: ${finding.target}: ${finding.reason}\n  fix: ${ruleInfo(finding.ruleId)?.fix ?? 'see docs/plan-review.md'}, or add to suppressions: {rule: ${finding.ruleId}, target: "${finding.target}", reason: "<why this is acceptable here>"}`);
      process.stderr.write(`${lines.join('\n')}\n\nNothing was synthesized.\n`);
      return 1;
    }
    const results = synthesize(environments, values.out!);
    // The review reads these (--synth-dir) to show which findings the config accepts, and why.
    for (const environment of environments) {
      const managementAccountIds = environment.organization.accounts.flatMap((account) => (account.kind === 'existing' && account.management ? [account.id] : []));
      const facts = { ...checkEnvironment(environment), managementAccountIds };
      writeFileSync(join(values.out!, 'environments', environment.name, SECURITY_RULES_FILE), `${JSON.stringify(facts, null, 2)}\n`);
    }
    if (!values.quiet) process.stdout.write(formatSummary(results));
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n\nNothing was synthesized.\n`);
      return 1;
    }
    throw error;
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  // A usage error (unknown flag) is the user's, not a crash: no stack trace.
  if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
    process.stderr.write(`${error.message}\nusage: node dist/main.js [--environments DIR] [--env NAME]... [--out DIR] [--quiet]\n`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
