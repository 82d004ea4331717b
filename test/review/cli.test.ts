/** The review command line: outputs, and an exit code per outcome. */
import { existsSync, linkSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../review/cli';
import { EXIT_CODES } from '../../review/exit-codes';
import { writeAllAtomically } from '../../review/outputs';
import { FIXTURES, SYNTH_BASE, SYNTH_HEAD } from './helpers';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) });
  return { code, stdout, stderr };
}

const scratch = mkdtempSync(join(tmpdir(), 'plan-review-cli-'));
const fixture = (scenario: string, stack: string) => join(FIXTURES, scenario, `${stack}.json`);
/** A real plan from the round trips: a permission set and two assignments destroyed, a set updated (scenarios.test.ts). */
const REAL_PERMISSION_SET_DESTROYED = join(FIXTURES, 'real', 'roundtrip', 'revoke-update-delete.json');

test('the exit codes are distinct', () => {
  expect(EXIT_CODES).toEqual({ noRisk: 0, usage: 2, approvalNeeded: 3, unreadableInput: 4 });
});

test('writes the Markdown to stdout and exits 0 when nothing needs approval', async () => {
  const result = await run(fixture('import-only', 'dev-identity-center'), fixture('new-user-and-group', 'dev-organization'));
  expect(result.code).toBe(EXIT_CODES.noRisk);
  expect(result.stdout).toContain('## Terraform plan review\n');
  expect(result.stderr).toBe('review: 2 stacks, no risk flags\n');
});

test('exits 3 when risk flags need an approval, and names them on stderr', async () => {
  const result = await run(fixture('assignment-replaced', 'dev-identity-center'));
  expect(result.code).toBe(EXIT_CODES.approvalNeeded);
  expect(result.stderr).toBe('review: 1 stack, 2 risk flags need approval (RISK-ASSIGNMENT-REPLACED ×2)\n');
});

test('writes the Markdown and JSON reports to files', async () => {
  const markdown = join(scratch, 'review.md');
  const json = join(scratch, 'review.json');
  const result = await run('--markdown', markdown, '--json', json, '--title', 'Plan review: dev', REAL_PERMISSION_SET_DESTROYED);
  expect(result.stdout).toBe('');
  expect(readFileSync(markdown, 'utf8')).toMatch(/^<!-- plan-review: Plan review: dev -->\n## Plan review: dev\n/);
  const report = JSON.parse(readFileSync(json, 'utf8'));
  expect(report.version).toBe(1);
  expect(report.approvalNeeded).toBe(true);
  expect(report.findings.map((finding: { ruleId: string }) => finding.ruleId)).toEqual(['RISK-PERMISSION-SET-DELETED', 'RISK-ASSIGNMENT-DELETED', 'RISK-ASSIGNMENT-DELETED']);
  expect(report.stacks[0].access[1]).toMatchObject({ change: 'revoked', principal: { text: 'dev.contractor' } });
});

test('checks prevent_destroy when given the synthesized config of both branches', async () => {
  const result = await run('--synth-dir', SYNTH_HEAD, '--base-synth-dir', SYNTH_BASE, fixture('scp-changed', 'dev-organization'));
  expect(result.stdout).toContain('`RISK-PREVENT-DESTROY-REMOVED` `dev-organization` `aws_organizations_account.sandbox-alice`');
  expect(result.stdout).not.toContain('Not checked');
});

test('exits 4 and names every unreadable file and its problem, without a stack trace', async () => {
  const notJson = join(scratch, 'not-json.json');
  writeFileSync(notJson, 'Error: No configuration files');
  const missing = join(scratch, 'missing.json');
  const result = await run(notJson, fixture('no-changes', 'dev-identity-center'), missing);
  expect(result.code).toBe(EXIT_CODES.unreadableInput);
  expect(result.stdout).toBe('');
  expect(result.stderr).toBe(
    `review: ${notJson}: not valid JSON: expected a value at line 1, column 1\nreview: ${missing}: no such file\nNothing was reviewed.\n`,
  );
});

test('exits 4 for a synth directory that is not cdktf output', async () => {
  const result = await run('--synth-dir', scratch, fixture('no-changes', 'dev-identity-center'));
  expect(result.code).toBe(EXIT_CODES.unreadableInput);
  expect(result.stderr).toContain(`review: ${scratch}: has no stacks/ directory`);
});

test('exits 4 for two plans of the same stack', async () => {
  const result = await run(fixture('no-changes', 'dev-identity-center'), fixture('import-only', 'dev-identity-center'));
  expect(result.code).toBe(EXIT_CODES.unreadableInput);
  expect(result.stderr).toContain('is for stack "dev-identity-center" like');
});

test('exits 2 for an unknown option or no plan file', async () => {
  expect((await run('--markdwon', 'x.md', 'plan.json')).code).toBe(EXIT_CODES.usage);
  const none = await run();
  expect(none.code).toBe(EXIT_CODES.usage);
  expect(none.stderr).toMatch(/^review: no plan file given\n\nusage: node dist\/review\/cli.js \[options\] PLAN.json...\n/);
});

describe('report files', () => {
  const plan = () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'plan-review-out-')), 'dev-identity-center.json');
    writeFileSync(copy, readFileSync(REAL_PERMISSION_SET_DESTROYED));
    return copy;
  };

  test('--markdown naming an input plan is refused before anything is read or written', async () => {
    const input = plan();
    const before = readFileSync(input, 'utf8');
    const result = await run('--markdown', input, input);
    expect(result.code).toBe(EXIT_CODES.usage);
    expect(result.stderr).toBe(`review: --markdown ${input}: is also an input (${input}); name another file for the report\nNothing was read or written.\n`);
    expect(readFileSync(input, 'utf8')).toBe(before);
  });

  test('--json naming an input through another path (./, a hard link) is refused too', async () => {
    const input = plan();
    const link = join(input, '..', 'link.json');
    linkSync(input, link);
    const result = await run('--json', join(input, '..', '.', 'link.json'), input);
    expect(result.code).toBe(EXIT_CODES.usage);
    expect(result.stderr).toMatch(/^review: --json .*link\.json: is also an input/);
  });

  test('one file for both reports is refused', async () => {
    const out = join(scratch, 'both.out');
    const result = await run('--markdown', out, '--json', out, plan());
    expect(result.code).toBe(EXIT_CODES.usage);
    expect(result.stderr).toContain(`review: --json ${out}: is also the --markdown report; give each report its own file`);
    expect(existsSync(out)).toBe(false);
  });

  test('when --json cannot be written, no Markdown is written either, and nothing is read', async () => {
    const markdown = join(scratch, 'kept.md');
    writeFileSync(markdown, 'the earlier report\n');
    const input = join(scratch, 'never-read.json');
    writeFileSync(input, 'not even JSON');
    for (const json of [join(scratch, 'no-such-dir', 'review.json'), scratch, join(markdown, 'under-a-file.json')]) {
      const result = await run('--markdown', markdown, '--json', json, input);
      expect(result.code).toBe(EXIT_CODES.usage);
      expect(result.stderr).toMatch(new RegExp(`^review: --json ${json.replace(/[.\\/]/g, '\\$&')}: .*\\nNothing was read or written\\.\\n$`));
      expect(readFileSync(markdown, 'utf8')).toBe('the earlier report\n');
    }
  });

  test('both reports are replaced whole, and no temporary file is left beside them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-review-atomic-'));
    const markdown = join(dir, 'review.md');
    const json = join(dir, 'review.json');
    writeFileSync(markdown, 'old');
    writeFileSync(json, 'old');
    const result = await run('--markdown', markdown, '--json', json, plan());
    expect(result.code).toBe(EXIT_CODES.approvalNeeded);
    expect(readFileSync(markdown, 'utf8')).toMatch(/^<!-- plan-review: /);
    expect(JSON.parse(readFileSync(json, 'utf8')).version).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(['review.json', 'review.md']);
  });
});

test('writeAllAtomically leaves every output as it was when one write fails', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plan-review-all-'));
  const first = join(dir, 'first.md');
  writeFileSync(first, 'before');
  expect(() =>
    writeAllAtomically([
      { file: first, write: (path) => writeFileSync(path, 'after') },
      { file: join(dir, 'second.json'), write: () => { throw new Error('disk full'); } },
    ]),
  ).toThrow('disk full');
  expect(readFileSync(first, 'utf8')).toBe('before');
  expect(readdirSync(dir)).toEqual(['first.md']);
});

test('a plan that nests a value a hundred thousand levels deep exits 4 with what is wrong, not an internal error', async () => {
  const deep = '['.repeat(100_000) + ']'.repeat(100_000);
  const values = (tags: string) => `{"name":"r","assume_role_policy":"{}","tags":${tags}}`;
  const file = join(scratch, 'deep.json');
  writeFileSync(
    file,
    `{"format_version":"1.2","resource_changes":[{"address":"aws_iam_role.r","mode":"managed","type":"aws_iam_role","name":"r","change":{"actions":["update"],"before":${values(deep)},"after":${values('{}')},"after_unknown":{},"before_sensitive":{},"after_sensitive":{}}}]}`,
  );
  const result = await run('--json', join(scratch, 'deep-review.json'), file);
  expect(result.code).toBe(EXIT_CODES.unreadableInput);
  expect(result.stderr).toContain(`review: ${file}: a value nests deeper than the review can follow`);
  expect(result.stderr).toContain('Nothing was reviewed.');
  expect(existsSync(join(scratch, 'deep-review.json'))).toBe(false);
});
