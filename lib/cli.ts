/**
 * The command line of every entry point, one way: a spec with every option described, `--help`/`-h`
 * prints the usage and exits 0, `--version` prints the project version and exits 0, an unknown
 * option or a missing value prints the problem and the usage and exits 2. Built on node:util
 * parseArgs; nothing here exits the process, the caller returns the code.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** One letter, e.g. `q` for `-q`. */
  readonly short?: string;
  /** May be given more than once (a string list). */
  readonly multiple?: boolean;
  /** Placeholder for the value in the usage, e.g. `DIR`. */
  readonly value?: string;
  /** What the option does, with its default. */
  readonly description: string;
}

export interface CommandSpec {
  /** How the command is run, e.g. `node dist/main.js` or `npm run synth --`. */
  readonly usage: string;
  /** One or two sentences: what the command does. */
  readonly summary: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Positional arguments, e.g. `PLAN.json...`, with a description; none allowed when absent. */
  readonly positionals?: { readonly name: string; readonly description: string };
  /** Exit codes and what they mean. */
  readonly exitCodes?: ReadonlyArray<readonly [number, string]>;
  readonly examples?: readonly string[];
}

export type CommandLine<V> = { readonly run: true; readonly values: V; readonly positionals: string[] } | { readonly run: false; readonly exitCode: number };

export interface Output {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/** The usage text: synopsis, summary, every option, exit codes, examples. */
export function usageText(spec: CommandSpec): string {
  const rows: Array<[string, string]> = Object.entries(spec.options).map(([name, option]) => {
    const flag = `${option.short ? `-${option.short}, ` : '    '}--${name}${option.type === 'string' ? ` ${option.value ?? 'VALUE'}` : ''}`;
    return [flag, `${option.description}${option.multiple ? ' (may be repeated)' : ''}`];
  });
  rows.push(['-h, --help', 'print this help and exit'], ['    --version', 'print the version and exit']);
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
  const lines = [`usage: ${spec.usage} [options]${spec.positionals ? ` ${spec.positionals.name}` : ''}`, '', spec.summary, ''];
  if (spec.positionals) lines.push('arguments:', `  ${spec.positionals.name.padEnd(width)}${spec.positionals.description}`, '');
  lines.push('options:', ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}${text}`));
  if (spec.exitCodes?.length) lines.push('', 'exit codes:', ...spec.exitCodes.map(([code, meaning]) => `  ${String(code).padEnd(4)}${meaning}`));
  if (spec.examples?.length) lines.push('', 'examples:', ...spec.examples.map((example) => `  ${example}`));
  return `${lines.join('\n')}\n`;
}

/** The project's version, from its package.json. */
export function projectVersion(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      return `${pkg.name ?? 'aws-identity-foundation'} ${pkg.version ?? 'unknown'}`;
    }
    if (dirname(dir) === dir) return 'aws-identity-foundation (version unknown)';
  }
}

/**
 * Parses `argv` against `spec`. `--help`, `--version` and usage errors are handled here (printed,
 * with the exit code to return); otherwise the values, typed as the caller declares them.
 */
export function parseCommandLine<V = Record<string, string | boolean | string[] | undefined>>(spec: CommandSpec, argv: readonly string[], output: Output = process): CommandLine<V> {
  if (argv.includes('--help') || argv.includes('-h')) {
    output.stdout.write(usageText(spec));
    return { run: false, exitCode: 0 };
  }
  if (argv.includes('--version')) {
    output.stdout.write(`${projectVersion()}\n`);
    return { run: false, exitCode: 0 };
  }
  const options = Object.fromEntries(Object.entries(spec.options).map(([name, option]) => [name, { type: option.type, ...(option.short ? { short: option.short } : {}), ...(option.multiple ? { multiple: true } : {}) }]));
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options, allowPositionals: spec.positionals !== undefined, strict: true });
    return { run: true, values: values as V, positionals };
  } catch (error) {
    const text = typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
    const message = text.split('\n')[0].replace(/\. To specify a positional argument.*$/, '');
    output.stderr.write(`${message}\n\n${usageText(spec)}`);
    return { run: false, exitCode: 2 };
  }
}

/** A usage error found after parsing (a bad value): the message and the usage, exit code 2. */
export function usageError(spec: CommandSpec, message: string, output: Output = process): number {
  output.stderr.write(`${message}\n\n${usageText(spec)}`);
  return 2;
}

/**
 * A whole number given as an option (`--runs 3`): digits only, within [min, max]. `1e1`, `0x8`,
 * `" 8"` and `8.5` are refused (Number() would take them). Returns the number, or the message.
 */
export function wholeNumber(text: string | undefined, name: string, fallback: number, min: number, max: number): number | string {
  if (text === undefined) return fallback;
  if (!/^\d{1,9}$/.test(text)) return `--${name} must be a whole number from ${min} to ${max}; got ${JSON.stringify(text.slice(0, 40))}`;
  const value = Number(text);
  return value < min || value > max ? `--${name} must be a whole number from ${min} to ${max}; got ${value}` : value;
}

/**
 * Progress of long work on stderr: on a terminal one line rewritten in place, elsewhere (CI, a
 * pipe) one plain line a step, so logs stay readable.
 */
export function progress(message: string, stream: NodeJS.WriteStream = process.stderr): void {
  if (stream.isTTY) stream.write(`\r\x1b[K${message}`);
  else stream.write(`${message}\n`);
}

/** Ends a progress line on a terminal (nothing to do elsewhere). */
export function progressDone(stream: NodeJS.WriteStream = process.stderr): void {
  if (stream.isTTY) stream.write('\r\x1b[K');
}
