/** What the app does differently when cdktf runs it: CDKTF_ENV, and no Terraform for plan or deploy. */
import { cdktfRun, commandOf } from '../../synth/cdktf-run';

test('CDKTF_ENV names the environments to synthesize; --env wins over it', () => {
  expect(cdktfRun(undefined, { CDKTF_ENV: 'prod' }, undefined).environments).toEqual(['prod']);
  expect(cdktfRun(undefined, { CDKTF_ENV: ' prod, dev ' }, undefined).environments).toEqual(['prod', 'dev']);
  expect(cdktfRun(['dev'], { CDKTF_ENV: 'prod' }, undefined).environments).toEqual(['dev']);
  expect(cdktfRun(undefined, { CDKTF_ENV: '' }, undefined).environments).toBeUndefined();
  expect(cdktfRun(undefined, {}, undefined).environments).toBeUndefined();
});

test('a cdktf command that runs Terraform is refused without terraform on PATH, with the reason on the last line', () => {
  const run = cdktfRun(undefined, { PATH: '/nonexistent' }, 'deploy');
  const lines = run.refusal!.trim().split('\n');
  expect(lines[lines.length - 1]).toBe('Terraform is not installed: no "terraform" on PATH. Install Terraform 1.10 or later (https://developer.hashicorp.com/terraform/install) and run cdktf deploy again.');
  expect(cdktfRun(undefined, { PATH: '/nonexistent' }, 'synth').refusal).toBeUndefined();
  expect(cdktfRun(undefined, { PATH: '/nonexistent' }, undefined).refusal).toBeUndefined();
});

test('the cdktf subcommand is read from its command line', () => {
  expect(commandOf(['node', '/p/node_modules/.bin/cdktf', 'deploy', 'prod-organization'])).toBe('deploy');
  expect(commandOf(['/usr/bin/node', '/p/node_modules/cdktf-cli/bundle/bin/cdktf', '--log-level', 'debug', 'plan', 'prod-organization'])).toBe('plan');
  expect(commandOf(['node', '/p/node_modules/.bin/cdktf', 'synth'])).toBe('synth');
  expect(commandOf(['node', 'dist/main.js'])).toBeUndefined();
});
