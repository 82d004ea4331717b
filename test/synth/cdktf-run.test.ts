/** What the app does differently when cdktf runs it: CDKTF_ENV, and no Terraform for plan or deploy. */
import { cdktfRun, environmentsOfStacks, invocationOf } from '../../synth/cdktf-run';

test('CDKTF_ENV names the environments to synthesize; --env wins over it', () => {
  expect(cdktfRun(undefined, { CDKTF_ENV: 'prod' }, undefined).environments).toEqual(['prod']);
  expect(cdktfRun(undefined, { CDKTF_ENV: ' prod, dev ' }, undefined).environments).toEqual(['prod', 'dev']);
  expect(cdktfRun(['dev'], { CDKTF_ENV: 'prod' }, undefined).environments).toEqual(['dev']);
  expect(cdktfRun(undefined, { CDKTF_ENV: '' }, undefined).environments).toBeUndefined();
  expect(cdktfRun(undefined, {}, undefined).environments).toBeUndefined();
});

test('a cdktf command that runs Terraform is refused without terraform on PATH, with the reason on the last line', () => {
  const run = cdktfRun(undefined, { PATH: '/nonexistent' }, { command: 'deploy', args: [] });
  const lines = run.refusal!.trim().split('\n');
  expect(lines[lines.length - 1]).toBe('Terraform is not installed: no "terraform" on PATH. Install Terraform 1.11 or later (https://developer.hashicorp.com/terraform/install) and run cdktf deploy again.');
  expect(cdktfRun(undefined, { PATH: '/nonexistent' }, { command: 'synth', args: [] }).refusal).toBeUndefined();
  expect(cdktfRun(undefined, { PATH: '/nonexistent' }, undefined).refusal).toBeUndefined();
});

test('the cdktf command and its arguments are read from its command line', () => {
  expect(invocationOf(['node', '/p/node_modules/.bin/cdktf', 'deploy', 'prod-organization'])).toEqual({ command: 'deploy', args: ['prod-organization'] });
  expect(invocationOf(['/usr/bin/node', '/p/node_modules/cdktf-cli/bundle/bin/cdktf', '--log-level', 'debug', 'plan', 'prod-organization'])?.command).toBe('plan');
  expect(invocationOf(['node', '/p/node_modules/.bin/cdktf', 'synth'])).toEqual({ command: 'synth', args: [] });
  expect(invocationOf(['node', 'dist/main.js'])).toBeUndefined();
});

test('the stacks a command names select their environments; a pattern or no stack selects none', () => {
  expect(environmentsOfStacks(['prod-organization'])).toEqual(['prod']);
  expect(environmentsOfStacks(['prod-organization', 'prod-identity-center', 'prod-baseline', '--parallelism', '1'])).toEqual(['prod']);
  expect(environmentsOfStacks(['prod-eu-identity-center', 'dev-baseline'])).toEqual(['prod-eu', 'dev']);
  expect(environmentsOfStacks(['prod-*'])).toBeUndefined();
  expect(environmentsOfStacks([])).toBeUndefined();
  expect(cdktfRun(undefined, {}, { command: 'plan', args: ['prod-organization'] }).environments).toEqual(['prod']);
  expect(cdktfRun(undefined, { CDKTF_ENV: 'dev' }, { command: 'plan', args: ['prod-organization'] }).environments).toEqual(['dev']);
});
