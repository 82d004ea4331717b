/**
 * node dist/adopt/cli.js --estate estate.json --env NAME [--environments DIR] [--force]   (`--help`: ADOPT_COMMAND)
 *
 * A discovered estate (the JSON `npm run discover -- --out estate.json` writes) → the environment
 * file and its import map. `npm run discover -- --env NAME` does both steps in one. The estate file
 * is checked like a config first (read-estate.ts): nothing is written until every check passed.
 */
import { ENVIRONMENT_NAME } from '../config/load';
import { formatIssues } from '../config/issues';
import { formatBytes } from '../config/read-file';
import { parseCommandLine, usageError, type CommandSpec } from '../lib/cli';
import type { Estate } from './estate';
import { adoptEstate } from './estate-to-environment';
import { MAX_ESTATE_BYTES, readEstateFile } from './read-estate';
import { writeAdoption } from './write-adoption';

export { ENVIRONMENT_NAME };

export const ADOPT_COMMAND: CommandSpec = {
  usage: 'node dist/adopt/cli.js',
  summary: [
    'A discovered estate (the JSON `npm run discover -- --out estate.json` writes) → environments/<env>.yaml, its',
    `import map and adoption report. The estate is checked first (at most ${formatBytes(MAX_ESTATE_BYTES)}, JSON, its shape, unique IDs, OU parents),`,
    'every problem with file, line, path and a fix, and nothing is written until it is clean. `npm run adopt --` runs this.',
  ].join('\n'),
  options: {
    estate: { type: 'string', value: 'FILE', description: 'the estate JSON to adopt (required)' },
    env: { type: 'string', value: 'NAME', description: 'environment name: writes DIR/NAME.yaml (required; lowercase letters, digits and -, starting with a letter)' },
    environments: { type: 'string', value: 'DIR', description: 'directory of the environment files (default: environments)' },
    force: { type: 'boolean', description: 'replace an existing environment file and policy files (default: refuse to overwrite)' },
  },
  exitCodes: [
    [0, 'adopted: the environment file, import map and report were written'],
    [1, 'the estate file has problems, or a file exists already; nothing was written'],
    [2, 'bad command line'],
  ],
  examples: ['npm run adopt -- --estate environments/prod.estate.json --env prod'],
};

interface AdoptValues {
  estate?: string;
  env?: string;
  environments?: string;
  force?: boolean;
}

const envProblem = (environment: string) => `--env ${JSON.stringify(environment.slice(0, 80))} must be lowercase letters, digits and "-", starting with a letter, at most 31 characters`;

/** Writes the adoption and says what to do next; returns the exit code. */
export function adoptAndWrite(estate: Estate, environment: string, environmentsDir: string, force: boolean, out: NodeJS.WritableStream): number {
  if (!ENVIRONMENT_NAME.test(environment)) {
    out.write(`${envProblem(environment)}\n`);
    return 2;
  }
  const adoption = adoptEstate(estate, environment);
  const written = writeAdoption(adoption, environmentsDir, environment, force);
  out.write(`wrote ${written.environmentFile}, ${written.importMapFile} and ${written.reportFile}\n`);
  for (const file of written.policyFiles) out.write(`wrote ${file}\n`);
  for (const note of adoption.notes) out.write(`  note: ${note}\n`);
  out.write(`next: read ${written.reportFile} (what needs a decision), review the names in ${written.environmentFile}, then npm run synth -- --env ${environment} (lists imports and any difference from AWS)\n`);
  return 0;
}

export function main(argv: readonly string[], output: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream } = process): number {
  const command = parseCommandLine<AdoptValues>(ADOPT_COMMAND, argv, output);
  if (!command.run) return command.exitCode;
  const { values } = command;
  if (!values.estate || !values.env) return usageError(ADOPT_COMMAND, `missing ${[!values.estate ? '--estate FILE' : '', !values.env ? '--env NAME' : ''].filter(Boolean).join(' and ')}`, output);
  if (!ENVIRONMENT_NAME.test(values.env)) return usageError(ADOPT_COMMAND, envProblem(values.env), output);
  const read = readEstateFile(values.estate);
  if (!read.ok) {
    output.stderr.write(`${formatIssues(read.issues)}\n\nNothing was adopted.\n`);
    return 1;
  }
  try {
    return adoptAndWrite(read.estate, values.env, values.environments ?? 'environments', values.force ?? false, output.stdout);
  } catch (error) {
    output.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
