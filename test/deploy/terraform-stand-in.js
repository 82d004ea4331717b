#!/usr/bin/env node
// A stand-in for the terraform binary, for tests only (run through bin/terraform, which answers the version
// questions itself): it records each call (arguments and working
// directory, one JSON line) to $FAKE_TERRAFORM_LOG and prints what cdktf 0.21 reads from the real one:
//   version -json     JSON with terraform_version (@cdktf/commons terraform.js parses it)
//   -v                "Terraform v…" (cli-core TerraformCli.version matches a semver in it)
//   init              exit 0 (cli-core runs it in a pty and only checks the exit code)
//   providers lock    exit 0 (run after init while the stack has no .terraform.lock.hcl)
//   plan -out FILE    writes FILE, so a saved plan exists for show and apply
//   apply             "Apply complete!"; without -auto-approve it first asks "Do you want to perform
//                     these actions?" and reads the answer (cli-core deploy-machine.js waits for that line)
//   output -json      {} (cli-core parses it after a deploy)
//   show -json FILE   an empty plan in Terraform's JSON plan format
// FAKE_TERRAFORM_FAIL=<word> makes the command whose first argument is <word> exit 1.
// FAKE_TERRAFORM_CHANGES=<stack>,<stack> gives those stack directories a plan with changes: plan
// -detailed-exitcode exits 2, and show -json reports a changed account_ids output.
const { appendFileSync, writeFileSync, readSync } = require('node:fs');
const { basename, join } = require('node:path');

let args = process.argv.slice(2);
// -chdir=DIR (the workflows' way) is terraform's global option: it runs as if started in DIR.
if (args[0]?.startsWith('-chdir=')) {
  process.chdir(args[0].slice('-chdir='.length));
  args = args.slice(1);
}
if (process.env.FAKE_TERRAFORM_LOG) {
  appendFileSync(process.env.FAKE_TERRAFORM_LOG, `${JSON.stringify({ args, cwd: process.cwd() })}\n`);
}
const command = args.find((arg) => !arg.startsWith('-')) ?? args[0];
if (process.env.FAKE_TERRAFORM_FAIL && process.env.FAKE_TERRAFORM_FAIL === command) {
  process.stderr.write(`Error: ${command} failed (FAKE_TERRAFORM_FAIL)\n`);
  process.exit(1);
}
const VERSION = '1.11.4'; // bin/terraform answers the version questions with the same
const changes = (process.env.FAKE_TERRAFORM_CHANGES ?? '').split(',').includes(basename(process.cwd()));
switch (command) {
  case 'version':
    process.stdout.write(args.includes('-json') ? `${JSON.stringify({ terraform_version: VERSION, platform: 'linux_amd64', provider_selections: {}, terraform_outdated: false })}\n` : `Terraform v${VERSION}\non linux_amd64\n`);
    break;
  case '-v':
  case '-version':
    process.stdout.write(`Terraform v${VERSION}\non linux_amd64\n`);
    break;
  case 'init':
    process.stdout.write('Terraform has been successfully initialized!\n');
    break;
  case 'providers':
    break;
  case 'plan': {
    const out = args.find((arg) => arg.startsWith('-out='))?.slice(5) ?? (args.includes('-out') ? args[args.indexOf('-out') + 1] : undefined);
    if (out) writeFileSync(join(process.cwd(), out), `fake plan of ${process.cwd()}\n`);
    if (changes) {
      process.stdout.write('Plan: 1 to add, 0 to change, 0 to destroy.\n');
      if (args.includes('-detailed-exitcode')) process.exit(2);
    } else process.stdout.write('No changes. Your infrastructure matches the configuration.\n');
    break;
  }
  case 'show':
    process.stdout.write(`${JSON.stringify({ format_version: '1.2', terraform_version: VERSION, planned_values: { root_module: {} }, resource_changes: [], output_changes: changes ? { account_ids: { actions: ['update'], before: {}, after: {}, after_unknown: false } } : {}, configuration: { root_module: {} } })}\n`);
    break;
  case 'apply': {
    const planFile = args.slice(1).find((arg) => !arg.startsWith('-'));
    if (!args.includes('-auto-approve') && !planFile) {
      process.stdout.write('Plan: 0 to add, 0 to change, 0 to destroy.\n\nDo you want to perform these actions?\n  Terraform will perform the actions described above.\n  Only \'yes\' will be accepted to approve.\n\n  Enter a value: ');
      const answer = readLine().trim();
      if (answer !== 'yes') {
        process.stdout.write('\nApply cancelled.\n');
        process.exit(1);
      }
    }
    process.stdout.write('\nApply complete! Resources: 0 added, 0 changed, 0 destroyed.\n');
    break;
  }
  case 'output':
    process.stdout.write('{}\n');
    break;
  default:
    process.stderr.write(`stand-in terraform: unexpected command ${JSON.stringify(args)}\n`);
    process.exit(1);
}

/** One line from stdin: in a pty there is no end of file, only the line cdktf writes. */
function readLine() {
  const buffer = Buffer.alloc(1);
  let line = '';
  while (readSync(0, buffer, 0, 1, null) === 1 && buffer[0] !== 0x0a && buffer[0] !== 0x0d) line += buffer.toString();
  return line;
}
