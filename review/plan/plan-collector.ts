import { toConfigResource, toPriorResource, toResourceChange } from './elements';
import type { JsonValue } from '../../rules/json';
import { condenseChange, condensePrior } from './large-policies';
import { configAddressOf } from './lookup';
import type { ConfigResource, PriorResource, ResourceChange } from './model';
import type { Decision, JsonPath, ScanHandler, ValueKind } from './scan-json';

/**
 * What the scan keeps of a plan: the top-level scalars, each element of resource_changes, and the
 * resources of prior_state and configuration (modules included). Everything else is skipped.
 */
export class PlanCollector implements ScanHandler {
  /** Every top-level key, with the value of those kept (format_version, terraform_version, errored). */
  readonly topLevel = new Map<string, JsonValue>();
  readonly changes: ResourceChange[] = [];
  readonly prior: PriorResource[] = [];
  readonly config = new Map<string, ConfigResource>();
  rootIsObject = false;
  /** What each top-level value is (object, array or scalar), for checks of the plan's shape. */
  readonly kinds = new Map<string, ValueKind>();
  /** Elements of `deferred_changes` (Terraform 1.9+): changes this plan could not make yet. */
  deferredChanges = 0;
  /** Configuration addresses of resources this plan changes. */
  private readonly changed = new Set<string>();

  constructor(private readonly keepPriorType: (type: string) => boolean, private readonly keepConfigType: ((type: string) => boolean) | undefined) {}

  decide(path: JsonPath, kind: ValueKind): Decision {
    if (path.length === 0) {
      this.rootIsObject = kind === 'object';
      // Anything else is still scanned, so text that is not JSON gets a JSON error.
      return this.rootIsObject ? 'enter' : 'skip';
    }
    if (path.length === 1) {
      const key = String(path[0]);
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

  keep(path: JsonPath, value: JsonValue): void {
    const where = () => describePath(path);
    if (path.length === 1) {
      this.topLevel.set(String(path[0]), value);
    } else if (path[0] === 'resource_changes') {
      // A large policy document is judged now and its text dropped, before the next element is read.
      const change = condenseChange(toResourceChange(value, where));
      this.changes.push(change);
      if (!isPlainNoOp(change)) this.changed.add(configAddressOf(change));
    } else if (path[0] === 'prior_state') {
      const resource = toPriorResource(value, where);
      if (this.keepPriorType(resource.type)) this.prior.push(condensePrior(resource));
    } else if (path[0] === 'configuration') {
      const resource = toConfigResource(value, modulePrefixOf(path), where);
      // Terraform writes resource_changes first: once they are read, unchanged blocks can go at once.
      if (!this.topLevel.has('resource_changes') || this.wantsConfig(resource)) this.config.set(resource.address, resource);
    }
  }

  /** Drops the configuration blocks of unchanged resources, for a plan whose configuration came first. */
  pruneConfig(): void {
    for (const resource of [...this.config.values()]) if (!this.wantsConfig(resource)) this.config.delete(resource.address);
  }

  private wantsConfig(resource: ConfigResource): boolean {
    return this.keepConfigType === undefined || this.keepConfigType(resource.type) || this.changed.has(resource.address);
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
    return third === 'root_module' ? stateModule(path, 3) : 'skip';
  }
  if (top === 'configuration') return second === 'root_module' ? configModule(path, 2) : 'skip';
  // Nothing is kept of these, but they are most of a plan besides the above: their resources are
  // checked one by one (scan-json.ts `check`), the rest skipped.
  if (top === 'planned_values') return second !== 'root_module' ? 'skip' : checkedModule(path, 2);
  if (top === 'resource_drift') return path.length === 2 ? 'check' : 'skip';
  return 'skip';
}

/** `path[0 .. from)` is a state module object: keep its resources, recurse into child_modules. */
function stateModule(path: JsonPath, from: number): Decision {
  if (path.length === from) return 'enter';
  const key = path[from];
  if (key === 'resources') return path.length === from + 1 ? 'enter' : path.length === from + 2 ? 'keep' : 'skip';
  if (key === 'child_modules') return path.length <= from + 2 ? 'enter' : stateModule(path, from + 2);
  return 'skip';
}

/** `path[0 .. from)` is a module of planned_values, shaped as in state: check its resources, recurse into child_modules. */
function checkedModule(path: JsonPath, from: number): Decision {
  if (path.length === from) return 'enter';
  const key = path[from];
  if (key === 'resources') return path.length === from + 1 ? 'enter' : path.length === from + 2 ? 'check' : 'skip';
  if (key === 'child_modules') return path.length <= from + 2 ? 'enter' : checkedModule(path, from + 2);
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
