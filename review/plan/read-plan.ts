import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { asString, type JsonValue } from '../../rules/json';
import type { Plan } from './model';
import { PlanShapeError } from './elements';
import { PlanCollector } from './plan-collector';
import { JsonSyntaxError, scanJsonFile } from './scan-json';
import { TailReader, TWO_THREADS_FROM_BYTES } from './tail';

/** A plan file that cannot be reviewed: the message names the file and what is wrong with it. */
export class PlanReadError extends Error {
  constructor(readonly file: string, readonly problem: string) {
    super(`${file}: ${problem}`);
  }
}

/** Plan format major versions this review understands (Terraform 0.12 … 1.x write 0.x and 1.x). */
const SUPPORTED_MAJORS = new Set(['0', '1']);

const SHOW_JSON = 'the output of `terraform show -json <planfile>`';
const PLAN_KEYS = ['resource_changes', 'planned_values', 'configuration', 'prior_state'];

export interface ReadPlanOptions {
  /** @default - the directory of a `plan.json`, otherwise the file name without `.json` */
  readonly stack?: string;
  /**
   * Which prior_state resources to keep, by resource type; the others are checked and dropped, so a
   * large plan does not hold every resource's state in memory.
   * @default - every resource
   */
  readonly keepPriorTypes?: ReadonlySet<string>;
  /**
   * Configuration resources of these types are always kept; the others only when the plan changes
   * them (anything but a no-op that imports nothing), since only changes are explained.
   * @default - every configuration resource is kept
   */
  readonly keepConfigTypes?: ReadonlySet<string>;
  /**
   * Read the end of the plan on a second thread (tail.ts): the same result, sooner, for a large plan.
   * Only where the review runs from its built JavaScript (dist/), which has the worker's script.
   * @default - for plans of TWO_THREADS_FROM_BYTES or more
   */
  readonly twoThreads?: boolean;
  /** With two threads: told `taken` when the worker's reading was used, otherwise why not. */
  readonly onTail?: (outcome: string) => void;
}

/** Reads `terraform show -json <planfile>` output. Throws PlanReadError for anything else. */
export function readPlan(file: string, options: ReadPlanOptions = {}): Plan {
  const fd = open(file);
  try {
    return scanPlan(file, fd, options);
  } finally {
    closeSync(fd);
  }
}

function scanPlan(file: string, fd: number, options: ReadPlanOptions): Plan {
  const head = Buffer.alloc(4);
  const headLength = readSync(fd, head, 0, 4, 0);
  const encodingProblem = encodingProblemOf(head.subarray(0, headLength));
  if (encodingProblem) throw new PlanReadError(file, encodingProblem);
  const hasUtf8Bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;

  const twoThreads = options.twoThreads ?? fstatSync(fd).size >= TWO_THREADS_FROM_BYTES;
  const tail = twoThreads
    ? TailReader.prepare({ file, keepPriorTypes: options.keepPriorTypes && [...options.keepPriorTypes], keepConfigTypes: options.keepConfigTypes && [...options.keepConfigTypes] })
    : undefined;
  const plan = new PlanCollector({
    keepPriorTypes: options.keepPriorTypes,
    keepConfigTypes: options.keepConfigTypes,
    tail: tail && { firstElement: (size, end) => tail.firstElement(size, end), take: (key, offset, collector) => tail.take(key, offset, collector, fd) },
  });
  try {
    scanJsonFile(fd, hasUtf8Bom ? 3 : 0, plan);
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw new PlanReadError(file, `not valid JSON: ${error.message}`);
    if (error instanceof PlanShapeError) throw new PlanReadError(file, `not a Terraform plan: ${error.message}`);
    throw error;
  } finally {
    if (tail) {
      tail.stop();
      options.onTail?.(tail.outcome);
    }
  }
  if (!plan.rootIsObject) throw new PlanReadError(file, `not a Terraform plan: the document is not a JSON object (expected ${SHOW_JSON})`);
  checkIsPlan(file, plan.topLevel);
  const shape = plan.kinds.get('resource_changes');
  const what = (kind: string) => (kind === 'object' ? 'an object' : 'null or a single value');
  if (shape !== undefined && shape !== 'array') {
    throw new PlanReadError(file, `not a Terraform plan: "resource_changes" is ${what(shape)}, not a list of changes, so what this plan changes cannot be read`);
  }
  const deferred = plan.kinds.get('deferred_changes');
  if (deferred !== undefined && deferred !== 'array') {
    // Terraform leaves it out when nothing is deferred (jsonplan/plan.go, omitempty), and writes a list otherwise.
    throw new PlanReadError(file, `not a Terraform plan: "deferred_changes" is ${what(deferred)}, not a list of deferred changes, so whether this plan is complete cannot be told`);
  }
  plan.pruneConfig();
  // Terraform's own ordering (address, then deposed key), so reports do not depend on the producer.
  plan.changes.sort((a, b) => compare(a.address, b.address) || compare(a.deposed ?? '', b.deposed ?? ''));
  return {
    file,
    stack: options.stack ?? stackNameOf(file),
    formatVersion: String(plan.topLevel.get('format_version')),
    terraformVersion: asString(plan.topLevel.get('terraform_version')),
    complete: plan.topLevel.get('complete') === false ? false : undefined,
    deferredChanges: plan.deferredChanges,
    changes: plan.changes,
    prior: plan.prior,
    config: plan.config,
    priorGrants: plan.priorGrants,
  };
}

/** `cdktf.out/stacks/prod-organization/plan.json` → `prod-organization`; `prod-organization.json` → `prod-organization`. */
export function stackNameOf(file: string): string {
  const name = basename(file);
  if (name === 'plan.json') return basename(dirname(resolve(file)));
  return name.replace(/\.json$/i, '').replace(/\.plan$/i, '');
}

function open(file: string): number {
  try {
    const fd = openSync(file, 'r');
    if (fstatSync(fd).isDirectory()) {
      closeSync(fd);
      throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    }
    return fd;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new PlanReadError(file, 'no such file');
    if (code === 'EISDIR') throw new PlanReadError(file, 'is a directory, not a plan file');
    if (code === 'EACCES') throw new PlanReadError(file, 'permission denied');
    throw new PlanReadError(file, `cannot be read (${(error as Error).message})`);
  }
}

function encodingProblemOf(bytes: Buffer): string | undefined {
  if (bytes.length === 0) return 'the file is empty (did `terraform show -json` fail?)';
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || bytes[0] === 0 || bytes[1] === 0;
  if (utf16) {
    return 'the file is UTF-16 encoded, not UTF-8 (PowerShell\'s ">" writes UTF-16); write it as UTF-8, e.g. `terraform show -json plan.tfplan | Out-File -Encoding utf8 plan.json`';
  }
  return undefined;
}

function checkIsPlan(file: string, topLevel: ReadonlyMap<string, JsonValue>): void {
  const formatVersion = topLevel.get('format_version');
  const isPlan = PLAN_KEYS.some((key) => topLevel.has(key));
  if (!isPlan && topLevel.has('values')) {
    throw new PlanReadError(file, 'is a Terraform state (`terraform show -json` without a plan file), not a plan; run `terraform show -json <planfile>`');
  }
  if (typeof formatVersion !== 'string' || !isPlan) {
    throw new PlanReadError(file, `not a Terraform plan: expected "format_version" and "resource_changes" or "planned_values" (${SHOW_JSON})`);
  }
  const major = formatVersion.split('.')[0];
  if (!SUPPORTED_MAJORS.has(major)) {
    throw new PlanReadError(
      file,
      `plan format_version "${formatVersion}" is not supported: this review reads format 0.x and 1.x, and a new major version means an incompatible format`,
    );
  }
  if (topLevel.get('errored') === true) {
    throw new PlanReadError(file, 'Terraform marked this plan as errored: planning did not finish, so there is no complete plan to review');
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
