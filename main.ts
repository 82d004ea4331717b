/**
 * Entry point: load every environment → build the App → synth.
 *
 *   node dist/main.js [--environments DIR] [--env NAME]... [--out DIR]
 *
 * `cdktf synth|plan|deploy` runs this through cdktf.json. Config problems are printed all at
 * once with file, line and fix, and the process exits 1 before anything is written.
 */
import { parseArgs } from 'node:util';
import { loadEnvironments } from './config/load';
import { ConfigError } from './config/issues';
import { formatSummary } from './synth/summary';
import { synthesize } from './synth/synthesize';
import { cdktfRun } from './synth/cdktf-run';
import { removeStaleStacks } from './synth/stale-stacks';

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
    const run = cdktfRun(values.env); // CDKTF_ENV under cdktf; no Terraform for a command that needs it
    if (run.refusal !== undefined) {
      process.stderr.write(run.refusal);
      return 1;
    }
    const environments = loadEnvironments(values.environments!, run.environments);
    const results = synthesize(environments, values.out!);
    removeStaleStacks(values.out!, values.environments!, results);
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
