import { PlanShapeError, toConfigResource, toPriorResource, toResourceChange } from './elements';
import type { JsonValue } from '../../rules/json';
import { condenseChange, condensePrior } from './large-policies';
import { configAddressOf } from './lookup';
import type { ConfigResource, PriorResource, ResourceChange } from './model';
import { PriorGrants, type PriorGrantsMessage } from './prior-grants';
import type { Decision, JsonPath, ScanHandler, ValueKind } from './scan-json';

export interface CollectorOptions {
  /** prior_state resource types to keep; the others are checked and dropped. @default - every type */
  readonly keepPriorTypes?: ReadonlySet<string>;
  /** Configuration resource types always kept; the others only when the plan changes them. @default - every type */
  readonly keepConfigTypes?: ReadonlySet<string>;
  /**
   * For a scan of the end of a plan alone (tail.ts), which has not seen resource_changes: configuration
   * resources of other types are recorded as `configRefs`, to be read again if the plan changes them.
   */
  readonly refUnkeptConfig?: boolean;
  /** Keeps prior_state resources as read, for a thread to send: large policies are judged by the receiver (adopt). */
  readonly rawPrior?: boolean;
  /** Reads the rest of the plan from a root member on, when another thread has (ScanHandler.takeOver). */
  readonly tail?: {
    /** Told of the first element read (of planned_values, resource_drift or resource_changes): its size in bytes and where it ends. */
    firstElement(size: number, end: number): void;
    take(key: string, offset: number, collector: PlanCollector): boolean;
  };
}

export interface TailResult {
  readonly topLevel: ReadonlyArray<readonly [string, JsonValue]>;
  readonly kinds: ReadonlyArray<readonly [string, ValueKind]>;
  readonly deferredChanges: number;
  readonly prior: readonly PriorResource[];
  readonly config: readonly ConfigResource[];
  readonly configRefs: readonly ConfigRef[];
  readonly grants: PriorGrantsMessage;
}

/** A configuration resource a tail scan did not keep: where its element is, to read it again. */
export interface ConfigRef {
  readonly address: string;
  readonly modulePrefix: string;
  readonly start: number;
  readonly end: number;
}

/**
 * What the scan keeps of a plan: the top-level scalars, each element of resource_changes, and the
 * resources of prior_state and configuration (modules included). Everything else is checked and dropped.
 */
export class PlanCollector implements ScanHandler {
  /** Every top-level key, with the value of those kept (format_version, terraform_version, errored). */
  readonly topLevel = new Map<string, JsonValue>();
  readonly changes: ResourceChange[] = [];
  readonly prior: PriorResource[] = [];
  readonly config = new Map<string, ConfigResource>();
  /** prior_state's account assignments, as who holds which set where (prior-grants.ts), whatever keepPriorTypes says. */
  readonly priorGrants = new PriorGrants();
  rootIsObject = false;
  /** What each top-level value is (object, array or scalar), for checks of the plan's shape. */
  readonly kinds = new Map<string, ValueKind>();
  /** Elements of `deferred_changes` (Terraform 1.9+): changes this plan could not make yet. */
  deferredChanges = 0;
  /** With refUnkeptConfig: the configuration resources not kept. */
  private readonly configRefs: ConfigRef[] = [];
  /** Configuration addresses of resources this plan changes. */
  private readonly changed = new Set<string>();
  /** Whether an element (kept or checked) was read yet: the first one starts the tail's worker. */
  private sawElement = false;

  constructor(private readonly options: CollectorOptions = {}) {}

  takeOver(key: string, offset: number): boolean {
    return this.options.tail?.take(key, offset, this) ?? false;
  }

  decide(path: JsonPath, kind: ValueKind): Decision {
    if (path.length === 0) {
      this.rootIsObject = kind === 'object';
      // Anything else is still scanned, so text that is not JSON gets a JSON error.
      return this.rootIsObject ? 'enter' : 'skip';
    }
    if (path.length === 1) {
      const key = String(path[0]);
      this.checkOnce(key);
      this.topLevel.set(key, null);
      this.kinds.set(key, kind);
      // resource_changes as an object would be entered and read as if it were a list: it is not one.
      if (key === 'resource_changes' && kind !== 'array') return 'skip';
      return KEPT_TOP_LEVEL.has(key) ? 'keep' : ENTERED_TOP_LEVEL.has(key) ? 'enter' : 'skip';
    }
    if (path.length === 2 && path[0] === 'deferred_changes') {
      this.deferredChanges++;
      return 'skip';
    }
    return decidePlanPath(path);
  }

  checked(_path: JsonPath, start: number, end: number): void {
    this.elementRead(start, end);
  }

  /** The tail's worker starts after the first element read, from its end (tail.ts TailReader.firstElement). */
  private elementRead(start: number, end: number): void {
    if (this.sawElement) return;
    this.sawElement = true;
    this.options.tail?.firstElement(end - start, end);
  }

  keep(path: JsonPath, value: JsonValue, start: number, end: number): void {
    const where = () => describePath(path);
    if (path.length === 1) {
      this.topLevel.set(String(path[0]), value);
    } else if (path[0] === 'resource_changes') {
      // A large policy document is judged now and its text dropped, before the next element is read.
      this.elementRead(start, end);
      const change = condenseChange(toResourceChange(value, where));
      this.changes.push(change);
      if (!isPlainNoOp(change)) this.changed.add(configAddressOf(change));
    } else if (path[0] === 'prior_state') {
      const resource = toPriorResource(value, where);
      if (resource.type === 'aws_ssoadmin_account_assignment' && resource.mode === 'managed') this.priorGrants.addValues(resource.values);
      if (this.options.keepPriorTypes?.has(resource.type) ?? true) this.prior.push(this.options.rawPrior ? resource : condensePrior(resource));
    } else if (path[0] === 'configuration') {
      const modulePrefix = modulePrefixOf(path);
      const resource = toConfigResource(value, modulePrefix, where);
      if (this.options.refUnkeptConfig && !this.keepsConfigType(resource.type)) this.configRefs.push({ address: resource.address, modulePrefix, start, end });
      // Terraform writes resource_changes first: once they are read, unchanged blocks can go at once.
      else if (!this.topLevel.has('resource_changes') || this.wantsConfig(resource)) this.config.set(resource.address, resource);
    }
  }

  /**
   * A top-level key written twice: JSON leaves it to the reader which one counts (JSON.parse and jq
   * keep the last; a scan would review the first), so a plan could show one list of changes to the
   * review and another to the next tool. Terraform writes each once.
   */
  /** checkOnce for the top-level keys another scan read, in file order (tail.ts). */
  checkKeys(keys: readonly string[]): void {
    for (const key of keys) this.checkOnce(key);
  }

  private checkOnce(key: string): void {
    if (this.kinds.has(key)) throw new PlanShapeError(`the top-level key "${key}" is written twice, so which one Terraform meant cannot be told`);
  }

  /** What a scan of the end of a plan alone kept, as plain data a thread can send (tail.ts). */
  tailResult(): TailResult {
    return {
      topLevel: [...this.topLevel],
      kinds: [...this.kinds],
      deferredChanges: this.deferredChanges,
      prior: this.prior,
      config: [...this.config.values()],
      configRefs: this.configRefs,
      grants: this.priorGrants.toMessage(),
    };
  }

  /** Takes what a scan of the end of this plan kept (tailResult), as if this scan had read it. */
  adopt(tail: TailResult, readConfigs: (refs: readonly ConfigRef[]) => readonly ConfigResource[]): void {
    this.checkKeys(tail.kinds.map(([key]) => key));
    for (const [key, value] of tail.topLevel) this.topLevel.set(key, value);
    for (const [key, kind] of tail.kinds) this.kinds.set(key, kind);
    this.deferredChanges += tail.deferredChanges;
    this.priorGrants.addMessage(tail.grants);
    for (const resource of tail.prior) this.prior.push(condensePrior(resource));
    for (const resource of tail.config) this.config.set(resource.address, resource);
    for (const resource of readConfigs(tail.configRefs.filter((ref) => this.changed.has(ref.address)))) this.config.set(resource.address, resource);
  }

  /** Drops the configuration blocks of unchanged resources, for a plan whose configuration came first. */
  pruneConfig(): void {
    for (const resource of [...this.config.values()]) if (!this.wantsConfig(resource)) this.config.delete(resource.address);
  }

  private wantsConfig(resource: ConfigResource): boolean {
    return this.keepsConfigType(resource.type) || this.changed.has(resource.address);
  }

  private keepsConfigType(type: string): boolean {
    return this.options.keepConfigTypes?.has(type) ?? true;
  }
}

const KEPT_TOP_LEVEL = new Set(['format_version', 'terraform_version', 'errored', 'complete', 'applyable']);
const ENTERED_TOP_LEVEL = new Set(['resource_changes', 'prior_state', 'configuration', 'deferred_changes', 'planned_values', 'resource_drift']);

function isPlainNoOp(change: ResourceChange): boolean {
  return change.actions.length === 1 && change.actions[0] === 'no-op' && !change.importing;
}

/** Below the top level: which parts of resource_changes, prior_state and configuration to read. */
function decidePlanPath(path: JsonPath): Decision {
  const [top, second, third] = path;
  if (top === 'resource_changes') return path.length === 2 ? 'keep' : 'skip';
  if (top === 'prior_state') {
    if (second !== 'values') return 'skip';
    if (path.length === 2) return 'enter';
    return third === 'root_module' ? stateModule(path, 3, 'keep') : 'skip';
  }
  if (top === 'configuration') return second === 'root_module' ? configModule(path, 2) : 'skip';
  // Nothing is kept of these, but they are most of a plan besides the above: their resources are
  // checked one by one (scan-json.ts `check`), the rest skipped.
  if (top === 'planned_values') return second !== 'root_module' ? 'skip' : stateModule(path, 2, 'check');
  if (top === 'resource_drift') return path.length === 2 ? 'check' : 'skip';
  return 'skip';
}

/**
 * `path[0 .. from)` is a module shaped as in state (prior_state's, planned_values'): its resources get
 * `resource` (keep or check), and child_modules the same.
 */
function stateModule(path: JsonPath, from: number, resource: Decision): Decision {
  if (path.length === from) return 'enter';
  const key = path[from];
  if (key === 'resources') return path.length === from + 1 ? 'enter' : path.length === from + 2 ? resource : 'skip';
  if (key === 'child_modules') return path.length <= from + 2 ? 'enter' : stateModule(path, from + 2, resource);
  return 'skip';
}

/** `path[0 .. from)` is a configuration module: keep its resources, recurse into module_calls.*.module. */
function configModule(path: JsonPath, from: number): Decision {
  if (path.length === from) return 'enter';
  const key = path[from];
  if (key === 'resources') return path.length === from + 1 ? 'enter' : path.length === from + 2 ? 'keep' : 'skip';
  if (key === 'module_calls') {
    if (path.length <= from + 2) return 'enter';
    return path[from + 2] === 'module' ? configModule(path, from + 3) : 'skip';
  }
  return 'skip';
}

function modulePrefixOf(path: JsonPath): string {
  let prefix = '';
  path.forEach((step, index) => {
    if (step === 'module_calls' && typeof path[index + 1] === 'string') prefix += `module.${path[index + 1]}.`;
  });
  return prefix;
}

function describePath(path: JsonPath): string {
  return path.map((step, index) => (typeof step === 'number' ? `[${step}]` : index === 0 ? step : `.${step}`)).join('');
}
