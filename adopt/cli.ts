/**
 * node dist/adopt/cli.js --estate estate.json --env NAME [--environments DIR] [--force]
 *
 * A discovered estate (the JSON `npm run discover -- --out estate.json` writes) → the environment
 * file and its import map. `npm run discover -- --env NAME` does both steps in one.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Estate } from './estate';
import { adoptEstate } from './estate-to-environment';
import { writeAdoption } from './write-adoption';

export const ADOPT_USAGE = 'usage: adopt --estate <estate.json> --env <name> [--environments <dir>] [--force]';

/** Writes the adoption and says what to do next; returns the exit code. */
export function adoptAndWrite(estate: Estate, environment: string, environmentsDir: string, force: boolean, out: NodeJS.WritableStream): number {
  if (!/^[a-z][a-z0-9-]{0,30}$/.test(environment)) {
    out.write(`--env "${environment}" must be lowercase letters, digits and "-", starting with a letter\n`);
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

export function main(argv: readonly string[]): number {
  let values;
  try {
    values = parseArgs({ args: [...argv], options: { estate: { type: 'string' }, env: { type: 'string' }, environments: { type: 'string', default: 'environments' }, force: { type: 'boolean', default: false } } }).values;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${ADOPT_USAGE}\n`);
    return 2;
  }
  if (!values.estate || !values.env) {
    process.stderr.write(`${ADOPT_USAGE}\n`);
    return 2;
  }
  let estate: Estate;
  try {
    estate = JSON.parse(readFileSync(values.estate, 'utf8')) as Estate;
  } catch (error) {
    process.stderr.write(`cannot read the estate ${values.estate}: ${(error as Error).message}\n`);
    return 1;
  }
  try {
    return adoptAndWrite(estate, values.env, values.environments!, values.force!, process.stdout);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
