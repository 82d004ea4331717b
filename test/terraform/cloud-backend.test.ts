/**
 * An environment with `backend: {type: cloud}` (HCP Terraform / Terraform Enterprise), synthesized and
 * checked by real Terraform offline: `terraform init -backend=false`, then `terraform validate`.
 *
 * What that proves, and what it cannot: validate checks every stack's configuration, including each
 * `terraform_remote_state` against the `remote` backend's schema (an attribute that backend does not
 * take fails: the last test shows it). The `cloud` block itself is read only by an init that contacts
 * the host, which needs the network and a token: here it is asserted on the synthesized JSON instead.
 * Without Terraform or a provider mirror the tests skip and say why; with CI=true they fail.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inCi, runTerraform, terraformAvailability } from './terraform-cli';
import { bridgeVersion } from './terraform-run';
import type { StackJson } from './stack-workdir';

const ROOT = resolve(__dirname, '..', '..');
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

type CloudStack = StackJson & { terraform: { cloud?: { organization: string; hostname?: string; workspaces: { name: string } } } };

/** environments/prod.yaml with its state in HCP Terraform workspaces, synthesized; its cdktf.out. */
function synthCloud(backend: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cloud-backend-'));
  made.push(dir);
  cpSync(join(ROOT, 'environments'), join(dir, 'environments'), { recursive: true });
  symlinkSync(join(ROOT, 'policies'), join(dir, 'policies'));
  const file = join(dir, 'environments', 'prod.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^backend:\n  type: local.*\n/m, backend));
  const result = spawnSync(process.execPath, [join(ROOT, 'dist', 'main.js'), '--env', 'prod', '--quiet'], { cwd: dir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return join(dir, 'cdktf.out');
}
const stack = (out: string, name: string) => JSON.parse(readFileSync(join(out, 'stacks', name, 'cdk.tf.json'), 'utf8')) as CloudStack;
const STACKS = ['prod-organization', 'prod-baseline', 'prod-identity-center'];

const out = synthCloud('backend:\n  type: cloud\n  organization: example-corp\n  workspacePrefix: identity-foundation\n  hostname: tfe.example.com\n');

describe('the synthesized cloud block', () => {
  test.each(STACKS)('%s has its own workspace, <workspacePrefix>-<stack>, and no backend block', (name) => {
    const json = stack(out, name);
    expect(json.terraform.cloud).toEqual({ organization: 'example-corp', hostname: 'tfe.example.com', workspaces: { name: `identity-foundation-${name}` } });
    expect(json.terraform.backend).toBeUndefined();
  });

  test("the identity-center stack reads the organization's workspace through the remote backend, at its default workspace", () => {
    const remote = stack(out, 'prod-identity-center').data!.terraform_remote_state.organization;
    expect(remote).toEqual({ backend: 'remote', config: { organization: 'example-corp', hostname: 'tfe.example.com', workspaces: { name: 'identity-foundation-prod-organization' } } });
  });

  test('CI accepts it as remote state', () => {
    const result = spawnSync(process.execPath, [join(ROOT, '.github', 'scripts', 'require-remote-state.js'), '--out', out], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

const availability = terraformAvailability();
if (!availability.ok) {
  if (inCi()) {
    test('Terraform is available', () => {
      throw new Error(`Terraform is required in CI (CI=true): ${availability.reason}.`);
    });
  } else {
    console.warn(`Real Terraform validate of the cloud backend skipped: ${availability.reason}.`);
    test.skip(`real terraform validate of a cloud-backend environment (skipped: ${availability.reason})`, () => undefined);
  }
} else {
  const setup = availability.setup;
  afterAll(() => rmSync(setup.configDir, { recursive: true, force: true }));

  /** A working directory holding `json` (with the provider version the mirror has), initialized without its backend. */
  async function initialized(name: string, json: CloudStack): Promise<string> {
    const dir = join(mkdtempSync(join(tmpdir(), 'cloud-validate-')), name);
    made.push(resolve(dir, '..'));
    mkdirSync(dir);
    if (json.terraform.required_providers?.aws) json.terraform.required_providers.aws.version = bridgeVersion(setup);
    writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(json));
    const init = await runTerraform(setup, dir, ['init', '-backend=false', '-input=false', '-no-color']);
    if (init.status !== 0) throw new Error(`terraform init -backend=false failed in ${name}:\n${init.stderr}${init.stdout}`);
    return dir;
  }
  const validate = async (dir: string) => {
    const result = await runTerraform(setup, dir, ['validate', '-json', '-no-color']);
    return JSON.parse(result.stdout) as { valid: boolean; diagnostics: Array<{ summary: string; detail?: string }> };
  };

  test.each(STACKS)('terraform validate accepts %s with its cloud block and remote state reads', async (name) => {
    const result = await validate(await initialized(name, stack(out, name)));
    expect(result.diagnostics).toEqual([]);
    expect(result.valid).toBe(true);
  }, 60_000);

  test("and refuses a remote state read the remote backend does not take (so the read's shape is checked)", async () => {
    const json = stack(out, 'prod-identity-center');
    (json.data!.terraform_remote_state.organization.config as Record<string, unknown>).workspace_prefix = 'identity-foundation-';
    const result = await validate(await initialized('prod-identity-center', json));
    expect(result.valid).toBe(false);
    expect(result.diagnostics.map((diagnostic) => `${diagnostic.summary}: ${diagnostic.detail ?? ''}`).join('\n')).toContain('not valid for backend "remote"');
  }, 60_000);
}
