/** The shared command line: usage from the spec, --help and --version exit 0, usage errors exit 2. */
import { parseCommandLine, usageText, wholeNumber, type CommandSpec } from '../../lib/cli';

const SPEC: CommandSpec = {
  usage: 'node dist/tool.js',
  summary: 'Does a thing.',
  options: { out: { type: 'string', value: 'DIR', description: 'where to write' }, quiet: { type: 'boolean', short: 'q', description: 'say less' } },
  exitCodes: [[0, 'done'], [2, 'bad command line']],
};

function capture() {
  const text = { stdout: '', stderr: '' };
  return { text, output: { stdout: { write: (s: string) => (text.stdout += s) }, stderr: { write: (s: string) => (text.stderr += s) } } };
}

describe('lib/cli', () => {
  test('the usage describes every option, --help and --version, and the exit codes', () => {
    const usage = usageText(SPEC);
    expect(usage).toContain('usage: node dist/tool.js [options]');
    expect(usage).toMatch(/ {6}--out DIR +where to write/);
    expect(usage).toMatch(/-q, --quiet +say less/);
    expect(usage).toMatch(/-h, --help +print this help and exit/);
    expect(usage).toMatch(/--version +print the version and exit/);
    expect(usage).toMatch(/exit codes:\n {2}0 {3}done\n {2}2 {3}bad command line/);
  });

  test.each([['--help'], ['-h'], ['--out', 'x', '--help']])('%s prints the usage on stdout and returns exit code 0', (...argv) => {
    const { text, output } = capture();
    expect(parseCommandLine(SPEC, argv, output)).toEqual({ run: false, exitCode: 0 });
    expect(text.stdout).toBe(usageText(SPEC));
  });

  test('--version prints the package name and version', () => {
    const { text, output } = capture();
    expect(parseCommandLine(SPEC, ['--version'], output)).toEqual({ run: false, exitCode: 0 });
    expect(text.stdout).toMatch(/^aws-identity-foundation \d+\.\d+\.\d+\n$/);
  });

  test.each([[['--bogus'], "Unknown option '--bogus'"], [['--out'], "Option '--out <value>' argument missing"], [['stray'], "Unexpected argument 'stray'. This command does not take positional arguments"]])('%j is a usage error: the problem, then the usage, exit code 2', (argv, problem) => {
    const { text, output } = capture();
    expect(parseCommandLine(SPEC, argv, output)).toEqual({ run: false, exitCode: 2 });
    expect(text.stderr.split('\n')[0]).toBe(problem);
    expect(text.stderr).toContain(usageText(SPEC));
  });

  test('values are returned when the command line is good', () => {
    const { output } = capture();
    expect(parseCommandLine(SPEC, ['--out', 'o', '-q'], output)).toMatchObject({ run: true, values: { out: 'o', quiet: true } });
  });

  test.each(['1e1', '0x8', ' 8', '8.5', '-1', ''])('whole numbers refuse %j', (text) => {
    expect(wholeNumber(text, 'runs', 3, 1, 20)).toEqual(expect.stringContaining('--runs must be a whole number from 1 to 20'));
  });

  test('whole numbers take digits in range and default when absent', () => {
    expect(wholeNumber('8', 'runs', 3, 1, 20)).toBe(8);
    expect(wholeNumber(undefined, 'runs', 3, 1, 20)).toBe(3);
    expect(wholeNumber('21', 'runs', 3, 1, 20)).toBe('--runs must be a whole number from 1 to 20; got 21');
  });
});
