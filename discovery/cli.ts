#!/usr/bin/env node
/**
 * node dist/discovery/cli.js [--region r] [--profile p] [--out estate.json] [--concurrency n]
 *                            [--max-attempts n] [--instance-arn arn]
 *
 * Reads the live estate, read-only, and writes it as JSON (stdout by default); with --env it also
 * adopts it: environments/<env>.yaml and its import map. Progress goes to
 * stderr. Problems are printed together, with the read-only policy to grant when a call was
 * denied; the exit code is 1 then, 2 for a usage mistake.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { adoptAndWrite } from '../adopt/cli';
import { createClients } from './clients';
import { realClock } from './clock';
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

export async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseArguments(argv);
  if (!parsed.ok) {
    process.stderr.write(`${parsed.message}\n`);
    return 2;
  }
  const { options } = parsed;
  const progress = createProgress({ stream: process.stderr, isTTY: process.stderr.isTTY === true, ci: process.env.CI === 'true', clock: realClock });
  try {
    const estate = await discoverEstate(createClients({ region: options.region, profile: options.profile, maxAttempts: options.maxAttempts }), {
      concurrency: options.concurrency,
      instanceArn: options.instanceArn,
      progress,
    });
    const json = `${JSON.stringify(estate, null, 2)}\n`;
    if (options.out) writeFileSync(options.out, json);
    if (options.env) return adoptAndWrite(estate, options.env, options.environments, options.force, process.stdout);
    if (!options.out) process.stdout.write(json);
    return 0;
  } catch (error) {
    if (!(error instanceof DiscoveryFailed)) throw error;
    process.stderr.write(`${error.message}\n`);
    if (error.problems.some((problem) => problem.kind === 'access-denied')) {
      process.stderr.write(`\nDiscovery only reads. This policy grants everything it calls:\n${discoveryPolicy()}\n`);
    }
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
