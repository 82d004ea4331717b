#!/usr/bin/env node
/**
 * node dist/discovery/cli.js [options]   (`--help` lists and describes every option: DISCOVER_COMMAND)
 *
 * Reads the live estate, read-only, and writes it as JSON (stdout by default); with --env it also
 * adopts it: environments/<env>.yaml, its import map and adoption report. Every check that needs no
 * AWS runs first, before a client is made or a connection tried: the options and numbers, the
 * region, the instance ARN, the environment name, an existing config (refused without --force),
 * the output file. The estate is saved first (--out, default environments/<env>.estate.json), so a
 * failure later never loses what was read. Progress goes to stderr. Problems are printed together,
 * with the read-only policy to grant when a call was denied; the exit code is 1 then, 2 for a
 * usage mistake.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { adoptAndWrite, ENVIRONMENT_NAME } from '../adopt/cli';
import { parseCommandLine, usageText, wholeNumber, type CommandSpec } from '../lib/cli';
import { createClients, type DiscoveryClients } from './clients';
import { realClock, type Clock } from './clock';
import { discoverEstate } from './discover';
import { checkOutputFile } from './output-file';
import { discoveryPolicy } from './permissions';
import { DiscoveryFailed } from './problems';
import { createProgress } from './progress';

export interface CliOptions {
  readonly region?: string;
  readonly profile?: string;
  readonly out?: string;
  readonly concurrency: number;
  readonly maxAttempts: number;
  readonly instanceArn?: string;
  /** Adopt straight away: write environments/<env>.yaml and its import map. */
  readonly env?: string;
  readonly environments: string;
  readonly force: boolean;
}

export const DISCOVER_COMMAND: CommandSpec = {
  usage: 'node dist/discovery/cli.js',
  summary: [
    'Reads the live estate (Organizations, IAM Identity Center, IAM of the management account), read-only, and',
    'writes it as JSON (stdout by default); with --env it also adopts it: environments/<env>.yaml, its import map',
    'and adoption report. Every argument is checked before AWS is called. `npm run discover --` runs this.',
  ].join('\n'),
  options: {
    region: { type: 'string', value: 'REGION', description: 'region of the Identity Center instance, e.g. eu-west-1 (default: AWS_REGION, then the profile\'s region)' },
    profile: { type: 'string', value: 'PROFILE', description: 'named profile of the shared AWS config files (default: AWS_PROFILE, then default)' },
    env: { type: 'string', value: 'NAME', description: 'adopt as environments/NAME.yaml (lowercase letters, digits and -, starting with a letter)' },
    environments: { type: 'string', value: 'DIR', description: 'directory of the environment files, with --env (default: environments)' },
    force: { type: 'boolean', description: 'with --env, replace an existing environments/NAME.yaml (default: refuse it before reading AWS)' },
    out: { type: 'string', value: 'FILE', description: 'write the estate JSON to FILE (default: stdout; with --env, DIR/NAME.estate.json)' },
    concurrency: { type: 'string', value: 'N', description: 'calls in flight at once, 1 to 32 (default: 8)' },
    'max-attempts': { type: 'string', value: 'N', description: 'attempts per call inside the SDK, 1 to 10 (default: 3)' },
    'instance-arn': { type: 'string', value: 'ARN', description: 'the Identity Center instance to read, arn:aws:sso:::instance/ssoins-… (default: the only one)' },
  },
  exitCodes: [
    [0, 'the estate was read (and adopted, with --env)'],
    [1, 'AWS refused or failed a call, or adoption failed; what was read is kept in the estate file'],
    [2, 'bad command line (an unknown option, a bad value, no usable region); nothing was called'],
  ],
  examples: ['npm run discover -- --profile management --region eu-west-1 --out estate.json', 'npm run discover -- --region eu-west-1 --env prod'],
};

/**
 * The Identity Center instance ARN as AWS documents it: arn:<partition>:sso:::instance/(sso)?ins-
 * and 16 characters (https://docs.aws.amazon.com/account-access/latest/APIReference/API_IdentityCenter.html).
 */
export const INSTANCE_ARN = /^arn:[a-z0-9-]+:sso:::instance\/(sso)?ins-[a-zA-Z0-9-.]{16}$/;
/** An AWS region name: eu-west-1, us-gov-west-1, ap-southeast-5 (letters, dashes, a number at the end). */
export const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

const quoted = (text: string) => JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);

/** A region that cannot be one, in one line; undefined when it looks like a region. */
export function regionProblem(region: string, source: string): string | undefined {
  return REGION.test(region) ? undefined : `${source} ${quoted(region)} is not an AWS region; fix: give one such as eu-west-1 (the region of the Identity Center instance)`;
}

type Parsed = { readonly ok: true; readonly options: CliOptions } | { readonly ok: false; readonly message: string; readonly exitCode?: number };

interface DiscoverValues {
  region?: string;
  profile?: string;
  out?: string;
  concurrency?: string;
  'max-attempts'?: string;
  'instance-arn'?: string;
  env?: string;
  environments?: string;
  force?: boolean;
}

/**
 * The command line, with every check that needs no AWS: option names and numbers, the region (when
 * given, or in AWS_REGION), the instance ARN, the environment name, an existing config, the output
 * file. `--help` and `--version` print to `output` and come back as exit code 0.
 */
export function parseArguments(argv: readonly string[], output: { stdout: { write(text: string): unknown }; stderr: { write(text: string): unknown } } = { stdout: { write: () => true }, stderr: { write: () => true } }, env: NodeJS.ProcessEnv = process.env): Parsed {
  let problem = '';
  const command = parseCommandLine<DiscoverValues>(DISCOVER_COMMAND, argv, { stdout: output.stdout, stderr: { write: (text: string) => void (problem += text) } });
  if (!command.run) return command.exitCode === 0 ? { ok: false, message: '', exitCode: 0 } : { ok: false, message: problem.replace(/\n$/, '') };
  const parsed = command.values;
  const problems: string[] = [];
  const concurrency = wholeNumber(parsed.concurrency, 'concurrency', 8, 1, 32);
  const maxAttempts = wholeNumber(parsed['max-attempts'], 'max-attempts', 3, 1, 10);
  if (typeof concurrency === 'string') problems.push(concurrency);
  if (typeof maxAttempts === 'string') problems.push(maxAttempts);
  if (parsed.region !== undefined) {
    const bad = regionProblem(parsed.region, '--region');
    if (bad) problems.push(bad);
  } else if (env.AWS_REGION !== undefined && env.AWS_REGION !== '') {
    const bad = regionProblem(env.AWS_REGION, 'AWS_REGION');
    if (bad) problems.push(bad);
  }
  if (parsed['instance-arn'] !== undefined && !INSTANCE_ARN.test(parsed['instance-arn'])) {
    problems.push(`--instance-arn ${quoted(parsed['instance-arn'])} is not an Identity Center instance ARN; fix: copy it from the console or aws sso-admin list-instances (arn:aws:sso:::instance/ssoins-0123456789abcdef)`);
  }
  if (parsed.env !== undefined && !ENVIRONMENT_NAME.test(parsed.env)) {
    problems.push(`--env ${quoted(parsed.env)} is not an environment name; fix: use lowercase letters, digits and "-", starting with a letter, at most 31 characters (it becomes environments/<env>.yaml)`);
  }
  // A profile is a section name of ~/.aws/config: any text on one line.
  if (parsed.profile !== undefined && (parsed.profile.trim() === '' || /[\u0000-\u001f]/.test(parsed.profile))) problems.push(`--profile ${quoted(parsed.profile)} is not a profile name; fix: use a name from ~/.aws/config (one line, not empty)`);
  if (problems.length > 0 || typeof concurrency === 'string' || typeof maxAttempts === 'string') return { ok: false, message: `${problems.join('\n')}\n\n${usageText(DISCOVER_COMMAND).replace(/\n$/, '')}` };
  return {
    ok: true,
    options: {
      ...(parsed.region !== undefined ? { region: parsed.region } : {}),
      ...(parsed.profile !== undefined ? { profile: parsed.profile } : {}),
      ...(parsed.out !== undefined ? { out: parsed.out } : {}),
      ...(parsed['instance-arn'] !== undefined ? { instanceArn: parsed['instance-arn'] } : {}),
      ...(parsed.env !== undefined ? { env: parsed.env } : {}),
      environments: parsed.environments ?? 'environments',
      force: parsed.force ?? false,
      concurrency,
      maxAttempts,
    },
  };
}

/** Where the CLI reads AWS and writes its output; tests give recorded clients and buffers. */
export interface CliIo {
  readonly clients: (options: CliOptions) => DiscoveryClients;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly clock: Clock;
  /** Environment variables read (AWS_REGION); default process.env. */
  readonly env?: NodeJS.ProcessEnv;
}

const PROCESS_IO: CliIo = {
  clients: (options) => createClients({ region: options.region, profile: options.profile, maxAttempts: options.maxAttempts }),
  stdout: process.stdout,
  stderr: process.stderr,
  clock: realClock,
};

export async function main(argv: readonly string[], io: CliIo = PROCESS_IO): Promise<number> {
  const { stdout, stderr } = io;
  const parsed = parseArguments(argv, { stdout, stderr }, io.env ?? process.env);
  if (!parsed.ok) {
    if (parsed.exitCode === 0) return 0;
    stderr.write(`${parsed.message}\n`);
    return 2;
  }
  const { options } = parsed;
  const environmentFile = options.env === undefined ? undefined : join(options.environments, `${options.env}.yaml`);
  if (environmentFile !== undefined && !options.force && existsSync(environmentFile)) {
    // Before any call: an hour of reading must not end in "exists already".
    stderr.write(`${environmentFile} exists already: discovery never overwrites a reviewed config. Pass --force to replace it, or choose another --env name and compare.\n`);
    return 1;
  }
  const estateFile = options.out ?? (options.env === undefined ? undefined : join(options.environments, `${options.env}.estate.json`));
  const outProblem = estateFile === undefined ? undefined : checkOutputFile(estateFile, options.out !== undefined ? '--out' : 'the estate file');
  if (outProblem !== undefined) {
    stderr.write(`${outProblem}\nNothing was read.\n`);
    return 2;
  }
  const progress = createProgress({ stream: stderr, isTTY: stderr.isTTY === true, ci: process.env.CI === 'true', clock: io.clock });
  const clients = io.clients(options);
  if (options.region === undefined) {
    // The SDK's own chain (AWS_REGION, then the profile's region) reads files only, no network.
    let region: string;
    try {
      region = await clients.ssoAdmin.config.region();
    } catch {
      stderr.write(`no region: discovery needs the region of the Identity Center instance; fix: pass --region eu-west-1 (or set AWS_REGION, or region in the profile)\nNothing was read.\n`);
      return 2;
    }
    const bad = regionProblem(region, options.profile ? `the region of profile ${options.profile}` : 'the profile\'s region');
    if (bad) {
      stderr.write(`${bad}\nNothing was read.\n`);
      return 2;
    }
  }
  try {
    const estate = await discoverEstate(clients, { concurrency: options.concurrency, instanceArn: options.instanceArn, progress, clock: io.clock });
    const json = `${JSON.stringify(estate, null, 2)}\n`;
    if (estateFile) {
      mkdirSync(dirname(estateFile), { recursive: true });
      writeFileSync(estateFile, json);
      stderr.write(`wrote the estate to ${estateFile}\n`);
    }
    if (options.env) {
      try {
        return adoptAndWrite(estate, options.env, options.environments, options.force, stdout);
      } catch (error) {
        stderr.write(`adoption failed: ${error instanceof Error ? error.message : String(error)}\nThe estate read is kept in ${estateFile}: npm run adopt -- --estate ${estateFile} --env ${options.env} retries without reading AWS again.\n`);
        return 1;
      }
    }
    if (!options.out) stdout.write(json);
    return 0;
  } catch (error) {
    if (!(error instanceof DiscoveryFailed)) {
      // Never a stack trace for what AWS answered: say what failed, and that nothing was written.
      stderr.write(`discovery failed: ${error instanceof Error ? error.message : String(error)}\nNothing was written.\n`);
      return 1;
    }
    stderr.write(`${error.message}\n`);
    if (error.problems.some((problem) => problem.kind === 'access-denied')) {
      stderr.write(`\nDiscovery only reads. This policy grants everything it calls:\n${discoveryPolicy()}\n`);
    }
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
