/**
 * The tests' own copy of a synthesized stack, changed only where a plan without AWS needs it. Every
 * change is listed here (and in the README, "What the Terraform tests prove"):
 * 1. `required_providers.aws.version`: the pinned version, unless the mirror lacks it; then the
 *    mirror's version (the bridge between the project's hashicorp/aws 6.x pin and a 5.x mirror);
 * 2. every `provider "aws"`: `skip_credentials_validation`, `skip_requesting_account_id`,
 *    `skip_metadata_api_check` and `endpoints` of every service the stacks use at the local stand-in;
 * 3. an S3 backend (and `terraform_remote_state` reading S3) becomes the local backend at the same
 *    place the bundled local backend uses, `../../../terraform.<stack>.tfstate`, inside the temp dir.
 * Everything else (resources, data sources, lifecycle, import and moved blocks, outputs) is planned
 * as synthesized.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';

type Block = Record<string, unknown>;

export interface StackJson {
  terraform: { required_version?: string; required_providers?: { aws?: { source?: string; version?: string } }; backend?: Record<string, Block> };
  provider?: { aws?: Block[] };
  data?: Record<string, Record<string, Block>>;
  resource?: Record<string, Record<string, Block>>;
  output?: Record<string, { value: unknown }>;
  import?: Block[];
  moved?: Block[];
}

/** Services the stacks' resources and data sources call; all of them point at the stand-in. */
const ENDPOINT_SERVICES = ['account', 'configservice', 'iam', 'identitystore', 'organizations', 'ssoadmin', 'sts'] as const;

export interface WorkingCopyOptions {
  readonly stackName: string;
  /** hashicorp/aws version to require instead of the pinned one; undefined keeps the pin. */
  readonly awsVersion?: string;
  /** The stand-in's URL. */
  readonly endpoint: string;
}

export function workingCopy(json: StackJson, options: WorkingCopyOptions): StackJson {
  const copy = structuredClone(json);
  if (options.awsVersion && copy.terraform.required_providers?.aws) copy.terraform.required_providers.aws.version = options.awsVersion;
  for (const provider of copy.provider?.aws ?? []) {
    Object.assign(provider, {
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
      endpoints: [Object.fromEntries(ENDPOINT_SERVICES.map((service) => [service, options.endpoint]))],
    });
  }
  if (copy.terraform.backend && !('local' in copy.terraform.backend)) {
    copy.terraform.backend = { local: { path: localStatePath(options.stackName) } };
  }
  for (const remote of Object.values(copy.data?.terraform_remote_state ?? {})) {
    if (remote.backend === 'local') continue;
    const key = String((remote.config as Block).key ?? '');
    const producer = key.split('/').pop()!.replace(/\.tfstate$/, '');
    remote.backend = 'local';
    remote.config = { path: localStatePath(producer) };
  }
  return copy;
}

/** Where the bundled local backend keeps a stack's state, relative to cdktf.out/stacks/<stack>/. */
export function localStatePath(stackName: string): string {
  return `../../../terraform.${stackName}.tfstate`;
}

export interface RemoteStateRead {
  /** `data.terraform_remote_state.<name>` */
  readonly name: string;
  /** Absolute path of the state file it reads. */
  readonly path: string;
}

/** The state files a working copy's `terraform_remote_state` data sources read (local backend). */
export function remoteStateReads(copy: StackJson, stackDir: string): RemoteStateRead[] {
  return Object.entries(copy.data?.terraform_remote_state ?? {}).map(([name, remote]) => {
    if (remote.backend !== 'local') throw new Error(`data.terraform_remote_state.${name}: backend ${String(remote.backend)} is not local in the working copy`);
    return { name, path: resolve(stackDir, String((remote.config as Block).path)) };
  });
}

/**
 * What an apply of the organization stack would leave as outputs: its literal values as written
 * (existing accounts' IDs), a well-formed fake for every computed one. An output the test does not
 * know fails here, so a new output gets a deliberate fake.
 */
export function appliedOutputs(producer: StackJson): Record<string, unknown> {
  const outputs: Record<string, unknown> = {};
  for (const [name, { value }] of Object.entries(producer.output ?? {})) {
    if (name === 'account_ids') {
      outputs[name] = Object.fromEntries(Object.entries(value as Record<string, string>).map(([key, id]) => [key, id.includes('${') ? fakeAccountId(key) : id]));
    } else if (name === 'organization_id') {
      outputs[name] = 'o-a1b2c3d4e5';
    } else if (name === 'root_id') {
      outputs[name] = 'r-a1b2';
    } else {
      throw new Error(`the Terraform test has no applied value for output "${name}"; add one in test/terraform/stack-workdir.ts`);
    }
  }
  return outputs;
}

/** A 12-digit account ID, stable per key, that no bundled example uses. */
export function fakeAccountId(key: string): string {
  let hash = 0;
  for (const char of key) hash = (hash * 31 + char.charCodeAt(0)) % 1_000_000_000;
  return `900${String(hash).padStart(9, '0')}`;
}

/** A state file (format version 4) with outputs only, as `terraform_remote_state` reads it. */
export function stateWithOutputs(outputs: Record<string, unknown>, terraformVersion: string): string {
  return JSON.stringify(
    {
      version: 4,
      terraform_version: terraformVersion,
      serial: 1,
      lineage: randomUUID(),
      outputs: Object.fromEntries(Object.entries(outputs).map(([name, value]) => [name, { value, type: typeOf(value) }])),
      resources: [],
      check_results: null,
    },
    null,
    2,
  );
}

/** The cty type of a JSON value, as state files record it (only the shapes outputs here have). */
function typeOf(value: unknown): unknown {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const types = Object.values(value).map(typeOf);
    const first = JSON.stringify(types[0] ?? 'string');
    if (types.every((type) => JSON.stringify(type) === first)) return ['map', types[0] ?? 'string'];
    return ['object', Object.fromEntries(Object.entries(value).map(([key, item]) => [key, typeOf(item)]))];
  }
  throw new Error(`no state type for ${JSON.stringify(value)}`);
}

export function managedResourceCount(json: StackJson): number {
  return Object.values(json.resource ?? {}).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
}

/** `data.<type>.<name>` of every data source in the stack. */
export function dataSourceAddresses(json: StackJson): string[] {
  return Object.entries(json.data ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((name) => `data.${type}.${name}`));
}

/** Where synth writes a stack under `root`: `<root>/cdktf.out/stacks/<stack>/`, as `npm run synth` does. */
export const stackDirOf = (root: string, stackName: string): string => resolve(root, 'cdktf.out', 'stacks', stackName);
