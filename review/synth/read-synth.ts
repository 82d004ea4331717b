import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { asArray, asObject, asString, isObject, type JsonObject, type JsonValue } from '../../rules/json';

/**
 * The synthesized configuration of each stack (`<synth-dir>/stacks/<stack>/cdk.tf.json`), read for
 * two things a plan does not carry: names behind references, and `lifecycle.prevent_destroy`.
 */

export interface SynthResource {
  /** `aws_organizations_account.payments-prod`, `data.aws_identitystore_group.admins`. */
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  /** The resource block as synthesized, `//` metadata included. */
  readonly block: JsonObject;
  readonly preventDestroy: boolean;
}

export interface SynthStack {
  readonly stack: string;
  readonly file: string;
  readonly resources: ReadonlyMap<string, SynthResource>;
  /** `moved` blocks: a resource whose address changed on purpose. */
  readonly moved: ReadonlyArray<{ readonly from: string; readonly to: string }>;
  /** `output` blocks by name. */
  readonly outputs: JsonObject;
}

/** A finding the synth reported for an environment and the config accepted with a reason (suppressions). */
export interface AcceptedFinding {
  readonly environment: string;
  readonly ruleId: string;
  readonly target: string;
  readonly reason: string;
  /** Why the config accepts it. */
  readonly accepted: string;
  /** Where the config says so: `environments/dev.yaml:42`, when the synth recorded it. */
  readonly at?: string;
}

/**
 * What the synth wrote per environment in `<synth-dir>/environments/<env>/security-rules.json`: the
 * findings each config accepts (suppressions) and the management account IDs the config names.
 * Empty when the files are not there (an older synth).
 */
export function readSynthFacts(dir: string): { accepted: AcceptedFinding[]; managementAccountIds: string[]; expiry: Map<string, ExpiryPolicy> } {
  const environments = join(dir, 'environments');
  const accepted: AcceptedFinding[] = [];
  const managementAccountIds: string[] = [];
  const expiry = new Map<string, ExpiryPolicy>();
  if (!existsSync(environments)) return { accepted, managementAccountIds, expiry };
  for (const environment of readdirSync(environments).sort()) {
    const expiryPath = join(environments, environment, 'expiry.json');
    if (existsSync(expiryPath)) {
      const read = readSynthJson(expiryPath);
      const temporary = asArray(asObject(read)?.temporary).flatMap((entry) => asString(asObject(entry)?.address) ?? []);
      expiry.set(environment, { requireExpiryFor: asString(asObject(read)?.requireExpiryFor) === 'administrator-sets' ? 'administrator-sets' : 'none', temporary: new Set(temporary) });
    }
    const file = join(environments, environment, 'security-rules.json');
    if (!existsSync(file)) continue;
    const document = readSynthJson(file);
    for (const id of asArray(asObject(document)?.managementAccountIds)) if (typeof id === 'string') managementAccountIds.push(id);
    for (const finding of asArray(asObject(document)?.findings)) {
      const item = asObject(finding);
      const suppressed = asString(item?.suppressed);
      const ruleId = asString(item?.ruleId);
      if (!item || suppressed === undefined || ruleId === undefined) continue;
      const at = asString(item.suppressedAt);
      accepted.push({ environment, ruleId, target: asString(item.target) ?? '', reason: asString(item.reason) ?? '', accepted: suppressed, ...(at ? { at } : {}) });
    }
  }
  return { accepted, managementAccountIds, expiry };
}

/** From the synth's `expiry.json` (model/expiry.ts): the config's expiry policy and the grants that carry expires:. */
export interface ExpiryPolicy {
  readonly requireExpiryFor: 'none' | 'administrator-sets';
  /** Plan addresses of the grants with an expiry. */
  readonly temporary: ReadonlySet<string>;
}

/** The accepted findings of readSynthFacts. */
export function readAcceptedFindings(dir: string): AcceptedFinding[] {
  return readSynthFacts(dir).accepted;
}

/** A file the synth wrote, parsed; a file that is not JSON stops the review with its path. */
export function readSynthJson(file: string): JsonValue {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as JsonValue;
  } catch (error) {
    throw new SynthReadError(file, `cannot be read as JSON (${(error as Error).message})`);
  }
}

export class SynthReadError extends Error {
  constructor(readonly path: string, readonly problem: string) {
    super(`${path}: ${problem}`);
  }
}

/** Every `stacks/<stack>/cdk.tf.json` under a cdktf output directory, by stack name. */
export function readSynthDir(dir: string): Map<string, SynthStack> {
  const stacksDir = join(dir, 'stacks');
  if (!existsSync(stacksDir) || !statSync(stacksDir).isDirectory()) {
    throw new SynthReadError(dir, 'has no stacks/ directory (expected the output of `cdktf synth`, e.g. cdktf.out)');
  }
  const stacks = new Map<string, SynthStack>();
  for (const stack of readdirSync(stacksDir).sort()) {
    const file = join(stacksDir, stack, 'cdk.tf.json');
    if (existsSync(file)) stacks.set(stack, readSynthStack(stack, file));
  }
  return stacks;
}

export function readSynthStack(stack: string, file: string): SynthStack {
  const document = readSynthJson(file);
  if (!isObject(document)) throw new SynthReadError(file, 'is not a JSON object');
  const resources = new Map<string, SynthResource>();
  addBlocks(resources, 'managed', asObject(document.resource));
  addBlocks(resources, 'data', asObject(document.data));
  const moved = asArray(document.moved)
    .map((block) => ({ from: stripInterpolation(asString(asObject(block)?.from)), to: stripInterpolation(asString(asObject(block)?.to)) }))
    .filter((move): move is { from: string; to: string } => move.from !== undefined && move.to !== undefined);
  return { stack, file, resources, moved, outputs: asObject(document.output) ?? {} };
}

function addBlocks(into: Map<string, SynthResource>, mode: 'managed' | 'data', byType: JsonObject | undefined): void {
  for (const [type, byName] of Object.entries(byType ?? {})) {
    if (type === '//') continue;
    for (const [name, value] of Object.entries(asObject(byName) ?? {})) {
      const block = asObject(value);
      if (name === '//' || !block) continue;
      const address = `${mode === 'data' ? 'data.' : ''}${type}.${name}`;
      const preventDestroy = asObject(block.lifecycle)?.prevent_destroy === true;
      into.set(address, { address, mode, type, name, block, preventDestroy });
    }
  }
}

function stripInterpolation(value: string | undefined): string | undefined {
  return value?.replace(/^\$\{(.*)\}$/, '$1');
}
