/**
 * Entry point: load every environment → build the App → synth.
 *
 *   node dist/main.js [--environments DIR] [--env NAME]... [--out DIR] [--quiet]   (--help for all)
 *
 * `cdktf synth|plan|deploy` runs this through cdktf.json. Config problems are printed all at
 * once with file, line and fix, and the process exits 1 before anything is written.
 */
import { loadEnvironments } from './config/load';
import { ConfigError, formatWarnings, type LocatedIssue } from './config/issues';
import { MAX_CONFIG_BYTES, formatBytes } from './config/read-file';
import { parseCommandLine, type CommandSpec } from './lib/cli';
import { SecurityRulesError } from './synth/security-rules';
import { formatSummary } from './synth/summary';
import { OutputDirError, synthesize } from './synth/synthesize';
import { cdktfRun } from './synth/cdktf-run';
import { removeStaleStacks } from './synth/stale-stacks';
import { writeShardRecords } from './synth/shard-records';

const MAIN_COMMAND: CommandSpec = {
  usage: 'node dist/main.js',
  summary: [
    'Synthesizes every environment file (environments/<env>.yaml) into Terraform JSON, one directory per',
    `stack under the output directory, and prints a summary. Every config problem is reported at once with`,
    `file, line, config path and a fix, and nothing is written until all files are clean. Files over`,
    `${formatBytes(MAX_CONFIG_BYTES)} are refused. \`npm run synth --\` and \`cdktf synth\` run this.`,
  ].join('\n'),
  options: {
    environments: { type: 'string', value: 'DIR', description: 'directory of the environment files (default: environments)' },
    env: { type: 'string', value: 'NAME', multiple: true, description: 'synthesize only this environment (default: every *.yaml in DIR)' },
    out: { type: 'string', value: 'DIR', description: 'output directory (default: $CDKTF_OUTDIR, else cdktf.out); an earlier output stays as it was if the run fails' },
    quiet: { type: 'boolean', short: 'q', description: 'print no summary' },
    'frozen-shards': { type: 'boolean', description: 'fail instead of writing a changed shard record (environments/<env>.shards.json): for CI, where an uncommitted placement could differ from the next one' },
    costs: { type: 'boolean', description: "print each stack's plan cost: the Identity Center API reads a plan makes, and the least time they take at the documented 20 calls a second" },
  },
  exitCodes: [
    [0, 'synthesized'],
    [1, 'config problems, or an output directory that cannot be written; nothing was written'],
    [2, 'bad command line'],
    [70, 'a bug in this project (please report it with the command and the config)'],
  ],
  examples: ['npm run synth', 'npm run synth -- --env prod', 'npm run synth -- --costs', 'node dist/main.js --out /tmp/out --quiet'],
};

interface MainValues {
  environments?: string;
  env?: string[];
  out?: string;
  quiet?: boolean;
  costs?: boolean;
  'frozen-shards'?: boolean;
}

function main(argv: string[]): number {
  const command = parseCommandLine<MainValues>(MAIN_COMMAND, argv);
  if (!command.run) return command.exitCode;
  const { values } = command;
  const out = values.out ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  try {
    const run = cdktfRun(values.env); // under cdktf: the stacks' environments; no Terraform for a command that needs it
    if (run.refusal !== undefined) {
      process.stderr.write(run.refusal);
      return 1;
    }
    const warnings: LocatedIssue[] = [];
    const environments = loadEnvironments(values.environments ?? 'environments', run.environments, warnings);
    if (warnings.length > 0) process.stderr.write(`${formatWarnings(warnings)}\n\n`);
    const stale = values['frozen-shards'] ? environments.filter((environment) => environment.access.recordChange) : [];
    if (stale.length > 0) {
      process.stderr.write(
        stale.map((environment) => `${environment.access.recordFile}: the shard record is out of date (new, forgotten or renamed accounts): run npm run synth and commit ${environment.access.recordFile}`).join('\n') +
          '\n\nNothing was synthesized.\n',
      );
      return 1;
    }
    const results = synthesize(environments, out);
    removeStaleStacks(out, values.environments ?? 'environments', results);
    writeShardRecords(environments);
    if (!values.quiet) process.stdout.write(formatSummary(results, { costs: values.costs }));
    return 0;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof OutputDirError || error instanceof SecurityRulesError) {
      process.stderr.write(`${error.message}\n\nNothing was synthesized.\n`);
      return 1;
    }
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      // The file system failed under us (disk full, a file removed mid-run): the user's to fix, one line.
      process.stderr.write(`cannot write the output in ${out}: ${(error as Error).message.split('\n')[0]}\n\nSynthesis stopped.\n`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`internal error (a bug: please report it with the command and the config): ${message.split('\n')[0]}\n`);
    if (process.env.FOUNDATION_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return 70;
  }
}

process.exitCode = main(process.argv.slice(2));
