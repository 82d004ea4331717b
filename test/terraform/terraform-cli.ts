/**
 * Real Terraform for the tests: finds the binary and a provider mirror, writes the tests' own CLI
 * configuration and runs commands. Nothing here is part of the product.
 *
 * Provider installation follows Terraform's CLI configuration docs
 * (https://developer.hashicorp.com/terraform/cli/config/config-file#filesystem_mirror): with a mirror in the
 * *unpacked* layout (`HOSTNAME/NAMESPACE/TYPE/VERSION/TARGET/`) "Terraform will attempt to create a symbolic
 * link to the mirror directory when installing the provider, rather than creating a deep copy". The
 * hashicorp/aws binary is about 700 MB, so a copy per stack is not an option; the test checks the link.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** Where the mirror usually is on these machines (the image ships it there). */
const DEFAULT_MIRROR_SEARCH_ROOTS = ['/opt/tf-plugins', '/usr/local/share/terraform/plugins', '/usr/share/terraform/plugins'];

export interface TerraformSetup {
  readonly terraform: string;
  readonly version: string;
  /** The folder that holds `registry.terraform.io/`; undefined: install from the registry (network). */
  readonly mirror?: string;
  /** hashicorp/aws versions the mirror holds (unpacked layout, this platform). */
  readonly awsVersions: readonly string[];
  /** Environment every command runs with: the tests' own CLI config, no checkpoint calls, no real AWS. */
  readonly env: NodeJS.ProcessEnv;
  /** The temp dir of the CLI config (and, without a mirror, the plugin cache): removed after the tests. */
  readonly configDir: string;
}

export type Availability = { readonly ok: true; readonly setup: TerraformSetup } | { readonly ok: false; readonly reason: string };

/** `CI=true` (GitHub Actions, most CI systems): a missing Terraform fails instead of skipping. */
export const inCi = (): boolean => /^(1|true|yes)$/i.test(process.env.CI ?? '');

export function findTerraform(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'terraform');
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/**
 * The mirror root: `TF_PLUGIN_MIRROR`, else the folder above `registry.terraform.io` under the usual
 * places, searched at most three levels deep (no walk of the whole disk).
 */
export function findMirror(): string | undefined {
  const configured = process.env.TF_PLUGIN_MIRROR;
  if (configured) return existsSync(join(configured, 'registry.terraform.io')) ? configured : undefined;
  for (const root of DEFAULT_MIRROR_SEARCH_ROOTS) {
    const found = searchMirror(root, 3);
    if (found) return found;
  }
  return undefined;
}

function searchMirror(dir: string, depth: number): string | undefined {
  if (existsSync(join(dir, 'registry.terraform.io', 'hashicorp', 'aws'))) return dir;
  if (depth === 0 || !existsSync(dir)) return undefined;
  let entries: string[];
  try {
    entries = readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    const found = searchMirror(join(dir, entry), depth - 1);
    if (found) return found;
  }
  return undefined;
}

function platform(): string {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch === 'ia32' ? '386' : process.arch;
  return `${process.platform}_${arch}`;
}

/** hashicorp/aws versions in the mirror's unpacked layout for this platform, newest first. */
export function awsVersionsIn(mirror: string): string[] {
  const dir = join(mirror, 'registry.terraform.io', 'hashicorp', 'aws');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((version) => existsSync(join(dir, version, platform())))
    .sort((a, b) => compareVersions(b, a));
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/**
 * Terraform and a way to install hashicorp/aws, or why not. With no mirror, `terraform init` installs
 * from the registry, which needs network access (fine in CI with network).
 */
export function terraformAvailability(): Availability {
  const terraform = findTerraform();
  if (!terraform) return { ok: false, reason: 'no terraform binary on PATH' };
  const versionRun = spawnSync(terraform, ['version', '-json'], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
  if (versionRun.status !== 0) return { ok: false, reason: `terraform version failed: ${versionRun.stderr.trim()}` };
  const version = (JSON.parse(versionRun.stdout) as { terraform_version: string }).terraform_version;
  const mirror = findMirror();
  if (process.env.TF_PLUGIN_MIRROR && !mirror) return { ok: false, reason: `TF_PLUGIN_MIRROR=${process.env.TF_PLUGIN_MIRROR} has no registry.terraform.io folder` };
  const awsVersions = mirror ? awsVersionsIn(mirror) : [];
  if (mirror && awsVersions.length === 0) return { ok: false, reason: `the mirror ${mirror} holds no hashicorp/aws for ${platform()}` };
  const configDir = mkdtempSync(join(tmpdir(), 'tf-cli-'));
  const cliConfig = join(configDir, 'terraform.rc');
  writeFileSync(cliConfig, cliConfigText(mirror, join(configDir, 'plugin-cache')));
  return { ok: true, setup: { terraform, version, mirror, awsVersions, env: commandEnv(cliConfig, configDir), configDir } };
}

/**
 * The tests' CLI config: the mirror only (nothing from the network); without one, the registry with a
 * plugin cache, so the provider is downloaded once and linked into every stack (the cache is not safe
 * for concurrent first installs: terraform-run.ts initializes one stack before the others).
 */
export function cliConfigText(mirror: string | undefined, pluginCache: string): string {
  if (!mirror) {
    mkdirSync(pluginCache, { recursive: true });
    return `# no filesystem mirror: providers come from the registry, once\nplugin_cache_dir = ${JSON.stringify(pluginCache)}\n`;
  }
  return `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["registry.terraform.io/*/*"]\n  }\n}\n`;
}

function commandEnv(cliConfig: string, configDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  // Only what Terraform needs from the host; no AWS profile, no credentials of the person running the tests.
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy']) {
    if (process.env[key] !== undefined) env[key] = process.env[key];
  }
  return {
    ...env,
    TF_CLI_CONFIG_FILE: cliConfig,
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
    // Fake credentials: every AWS call goes to the local stand-in (see aws-stand-in.ts).
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'test-secret-access-key-not-a-real-one',
    AWS_CONFIG_FILE: join(configDir, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(configDir, 'no-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    // Almost all the CPU of these runs is the provider building and Terraform decoding the AWS schema,
    // once per provider process; without garbage collection below the limit that costs about 40 % less CPU
    // (go-plugin hands Terraform's environment to the provider). Behaviour is the same. The limit: a
    // process that grows to 1 GiB spends more in the kernel on fresh pages than the collector saves;
    // a plan of prod-organization, three runs each, alone on the 2-core machine: 12.2 s of CPU at
    // 1GiB, 11.4 at 800MiB, 10.4 to 10.9 at 600MiB, 10.1 at 400MiB, 11.1 at 250MiB (it collects too often).
    GOGC: 'off',
    GOMEMLIMIT: '600MiB',
  };
}

export interface CommandResult {
  readonly args: readonly string[];
  readonly cwd: string;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

/** Runs one terraform command; never throws for a non-zero exit (the test asserts on it). */
export function runTerraform(setup: TerraformSetup, cwd: string, args: readonly string[]): Promise<CommandResult> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(setup.terraform, args, { cwd, env: setup.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (status) =>
      resolve({ args, cwd, status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), seconds: Number(process.hrtime.bigint() - started) / 1e9 }),
    );
  });
}

/** Runs `work` over `items` with at most `size` at a time; results in input order. */
export async function inPool<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return results;
}

/** Where `terraform init` put hashicorp/aws in a working directory (for the symlink check). */
export function installedAwsProvider(workdir: string, version: string): string {
  return join(workdir, '.terraform', 'providers', 'registry.terraform.io', 'hashicorp', 'aws', version, platform());
}
