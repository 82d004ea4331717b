#!/usr/bin/env node
/**
 * node dist/discovery/cli.js [--region r] [--profile p] [--out estate.json] [--concurrency n]
 *                            [--max-attempts n] [--instance-arn arn]
 *
 * Reads the live estate, read-only, and writes it as JSON (stdout by default); with --env it also
 * adopts it: environments/<env>.yaml, its import map and adoption report. With --env an existing
 * config is refused before anything is read, and the estate is saved first (--out, default
 * environments/<env>.estate.json), so a failure later never loses what was read. Progress goes to
 * stderr. Problems are printed together, with the read-only policy to grant when a call was
 * denied; the exit code is 1 then, 2 for a usage mistake.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { adoptAndWrite } from '../adopt/cli';
import { createClients, type DiscoveryClients } from './clients';
import { realClock, type Clock } from './clock';
import { discoverEstate } from './discover';
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

export const USAGE = 'usage: discovery [--region <region>] [--profile <profile>] [--env <name> [--environments <dir>] [--force]] [--out <file>] [--concurrency <1-32>] [--max-attempts <1-10>] [--instance-arn <arn>]';

function wholeNumber(value: string | undefined, name: string, min: number, max: number, fallback: number): number | string {
  if (value === undefined) return fallback;
  const number = Number(value);
  return Number.isInteger(number) && number >= min && number <= max ? number : `--${name} must be a whole number from ${min} to ${max}, got "${value}"`;
}

export function parseArguments(argv: readonly string[]): { readonly ok: true; readonly options: CliOptions } | { readonly ok: false; readonly message: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        region: { type: 'string' },
        profile: { type: 'string' },
        out: { type: 'string' },
        concurrency: { type: 'string' },
        'max-attempts': { type: 'string' },
        'instance-arn': { type: 'string' },
        env: { type: 'string' },
        environments: { type: 'string' },
        force: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return { ok: false, message: `${error instanceof Error ? error.message : String(error)}\n${USAGE}` };
  }
  const concurrency = wholeNumber(parsed.concurrency, 'concurrency', 1, 32, 8);
  const maxAttempts = wholeNumber(parsed['max-attempts'], 'max-attempts', 1, 10, 3);
  if (typeof concurrency === 'string') return { ok: false, message: concurrency };
  if (typeof maxAttempts === 'string') return { ok: false, message: maxAttempts };
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
}

const PROCESS_IO: CliIo = {
  clients: (options) => createClients({ region: options.region, profile: options.profile, maxAttempts: options.maxAttempts }),
  stdout: process.stdout,
  stderr: process.stderr,
  clock: realClock,
};

export async function main(argv: readonly string[], io: CliIo = PROCESS_IO): Promise<number> {
  const { stdout, stderr } = io;
  const parsed = parseArguments(argv);
  if (!parsed.ok) {
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
  const progress = createProgress({ stream: stderr, isTTY: stderr.isTTY === true, ci: process.env.CI === 'true', clock: io.clock });
  try {
    const estate = await discoverEstate(io.clients(options), { concurrency: options.concurrency, instanceArn: options.instanceArn, progress, clock: io.clock });
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
