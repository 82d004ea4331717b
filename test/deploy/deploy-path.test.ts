/**
 * The README's "Plan and deploy" section, line by line, through cdktf 0.21's own argument parsing
 * and stack selection, with a stand-in terraform on PATH that records every call: which stack
 * directories are initialised, planned and applied, in which order.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readmeBlockAfter } from '../helpers/readme-examples';
import { cdktf, cdktfInTerminal, makeProject, pathWithoutTerraform, removeProjects, type Project, type TerraformCall } from './project';

jest.setTimeout(600_000);
afterAll(removeProjects);

/** `terraform <verb> <stack>` for each call in a stack directory (version checks left out). */
function steps(calls: readonly TerraformCall[]): string[] {
  return calls.filter((call) => call.dir.startsWith('cdktf.out/stacks/')).map((call) => `${call.args[0]} ${call.dir.slice('cdktf.out/stacks/'.length)}`);
}

/** Runs one README line (`export K=V` or `npx cdktf …`), as a shell would. */
async function runLine(project: Project, line: string, env: NodeJS.ProcessEnv): Promise<{ status: number | null; output: string; approvals?: number }> {
  const words = line.replace(/\s+#.*$/, '').trim().split(/\s+/);
  if (words[0] === 'export') {
    const [key, value] = words[1].split('=');
    env[key] = value;
    return { status: 0, output: '' };
  }
  expect(words.slice(0, 2)).toEqual(['npx', 'cdktf']);
  // deploy asks before it applies, and cdktf asks only on a terminal.
  return words[2] === 'deploy' ? cdktfInTerminal(project, words.slice(2), env) : cdktf(project, words.slice(2), env);
}

const commandLines = (block: string) => block.split('\n').filter((line) => line.trim() && !line.trim().startsWith('#'));

test('the README deploy sequence plans and applies prod, one stack after the other, and never touches dev', async () => {
  const project = makeProject();
  const env = project.env();
  const lines = commandLines(readmeBlockAfter('each stack after the ones it reads:'));
  expect(lines.length).toBe(8);
  for (const line of lines) {
    const result = await runLine(project, line, env);
    if (result.status !== 0) throw new Error(`"${line}" exited ${result.status}:\n${result.output}`);
    if (line.includes(' deploy ')) expect(result.approvals).toBe(1);
  }
  expect(env.CDKTF_ENV).toBe('prod');
  expect(steps(project.calls()).filter((step) => !step.startsWith('providers '))).toEqual([
    'init prod-organization',
    'plan prod-organization',
    'init prod-organization',
    'apply prod-organization',
    'output prod-organization',
    'init prod-identity-center',
    'plan prod-identity-center',
    'init prod-identity-center',
    'apply prod-identity-center',
    'output prod-identity-center',
    'init prod-baseline',
    'plan prod-baseline',
    'init prod-baseline',
    'apply prod-baseline',
    'output prod-baseline',
  ]);
  const plan = project.calls().find((call) => call.args[0] === 'plan')!;
  expect(plan.args).toEqual(['plan', '-input=false', '-out', 'plan']);
  // Without --auto-approve: terraform asks, and cdktf answers after Approve was chosen.
  expect(project.calls().filter((call) => call.args[0] === 'apply').map((call) => call.args)).toEqual([['apply'], ['apply'], ['apply']]);
});

test('the README one-command deploy initialises all three stacks, then applies the organization first', async () => {
  const project = makeProject();
  const line = commandLines(readmeBlockAfter('Or all three in one command'))[0];
  const result = await runLine(project, line, project.env({ CDKTF_ENV: 'prod' }));
  if (result.status !== 0) throw new Error(result.output);
  expect(result.approvals).toBe(3);
  expect(steps(project.calls()).filter((step) => !step.startsWith('providers '))).toEqual([
    'init prod-organization',
    'init prod-identity-center',
    'init prod-baseline',
    'apply prod-organization',
    'output prod-organization',
    'apply prod-identity-center',
    'output prod-identity-center',
    'apply prod-baseline',
    'output prod-baseline',
  ]);
});

test('deploying a stack without its dependency, and without the flag, stops before terraform runs', () => {
  const project = makeProject();
  const result = cdktf(project, ['deploy', 'prod-identity-center', '--auto-approve'], project.env({ CDKTF_ENV: 'prod' }));
  expect(result.status).not.toBe(0);
  expect(result.output).toContain('The following dependencies are not included in the stacks to run: prod-organization');
  expect(steps(project.calls())).toEqual([]);
});

test('a broken dev.yaml does not stop `cdktf plan prod-organization` (the stack names its environment), nor `cdktf synth` with CDKTF_ENV=prod, which needs no Terraform', () => {
  const project = makeProject();
  writeFileSync(join(project.dir, 'environments', 'dev.yaml'), 'region: us-east-1\norganization: [\n');
  const prod = cdktf(project, ['plan', 'prod-organization']);
  if (prod.status !== 0) throw new Error(prod.output);
  expect(steps(project.calls())).toEqual(expect.arrayContaining(['init prod-organization', 'plan prod-organization']));

  // Without Terraform on PATH too: one run shows that neither dev's mistake nor a missing Terraform stops a synth of prod.
  const synthProd = cdktf(project, ['synth'], project.env({ CDKTF_ENV: 'prod', PATH: pathWithoutTerraform() }));
  if (synthProd.status !== 0) throw new Error(synthProd.output);
  expect(synthProd.output).toContain('Generated Terraform code for the stacks: prod-baseline, prod-identity-center');

  // Every environment (synth names no stack): dev's mistake is reported, file and line, and nothing is synthesized.
  const every = cdktf(project, ['synth']);
  expect(every.status).toBe(1);
  expect(every.output).toContain('environments/dev.yaml');
  expect(every.output).toContain('unreadable YAML');
});

test('without Terraform, cdktf plan ends with a line that says so', () => {
  const project = makeProject();
  const env = project.env({ PATH: pathWithoutTerraform(), CDKTF_ENV: 'prod' });
  const plan = cdktf(project, ['plan', 'prod-organization'], env);
  expect(plan.status).toBe(1);
  const lines = plan.output.split('\n').map((line) => line.trim()).filter(Boolean);
  expect(lines[lines.length - 1]).toMatch(/^Terraform is not installed: no "terraform" on PATH\. Install Terraform 1\.11 or later/);
  expect(plan.output).not.toContain('terraform init failed');
});

test('the README local review commands produce the plan.json files npm run review reads', () => {
  const project = makeProject();
  const script = readmeBlockAfter('Locally, the review reads the plans cdktf saves');
  const result = spawnSync('bash', ['-euo', 'pipefail', '-c', script], { cwd: project.dir, env: project.env(), encoding: 'utf8', timeout: 400_000 });
  if (result.status !== 0) throw new Error(`${result.stdout}${result.stderr}`);
  for (const stack of ['dev-organization', 'dev-identity-center', 'dev-baseline']) expect(existsSync(join(project.dir, 'cdktf.out', 'stacks', stack, 'plan.json'))).toBe(true);
  expect(project.calls().filter((call) => call.args[0] === 'show').map((call) => [call.dir, call.args])).toEqual(
    ['dev-organization', 'dev-identity-center', 'dev-baseline'].map((stack) => [`cdktf.out/stacks/${stack}`, ['show', '-json', 'plan']]),
  );
  expect(result.stdout).toContain('No risk flags');
});
