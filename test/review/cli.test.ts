/** The review command line: outputs, and an exit code per outcome. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../review/cli';
import { EXIT_CODES } from '../../review/exit-codes';
import { FIXTURES, SYNTH_BASE, SYNTH_HEAD } from './helpers';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) });
  return { code, stdout, stderr };
}

const scratch = mkdtempSync(join(tmpdir(), 'plan-review-cli-'));
const fixture = (scenario: string, stack: string) => join(FIXTURES, scenario, `${stack}.json`);

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
  const result = await run('--markdown', markdown, '--json', json, '--title', 'Plan review: dev', fixture('permission-set-destroyed', 'dev-identity-center'));
  expect(result.stdout).toBe('');
  expect(readFileSync(markdown, 'utf8')).toMatch(/^<!-- plan-review: Plan review: dev -->\n## Plan review: dev\n/);
  const report = JSON.parse(readFileSync(json, 'utf8'));
  expect(report.version).toBe(1);
  expect(report.approvalNeeded).toBe(true);
  expect(report.findings.map((finding: { ruleId: string }) => finding.ruleId)).toEqual(['RISK-PERMISSION-SET-DELETED', 'RISK-ASSIGNMENT-DELETED']);
  expect(report.stacks[0].access[0]).toMatchObject({ change: 'revoked', principal: { text: 'dev-contractor' } });
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
  expect(none.stderr).toBe(
    'review: no plan file given\nusage: node dist/review/cli.js [--markdown FILE] [--json FILE] [--synth-dir DIR] [--base-synth-dir DIR] [--management-account-id ID]... [--admin-permission-set NAME] [--title TEXT] PLAN.json...\n',
  );
});
