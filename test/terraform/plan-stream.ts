/**
 * What the tests read from `terraform plan -json`: Terraform's machine-readable UI, one JSON message a
 * line (https://developer.hashicorp.com/terraform/internals/machine-readable-ui; shapes from Terraform
 * v1.11.4 internal/command/views/json/: change.go, resource_addr.go, change_summary.go, hook.go, and
 * views/operation.go `OperationJSON.Plan`). Reading the plan from the stream saves a `terraform show
 * -json` per stack, which starts the provider once more only to load its schema.
 *
 * The stream holds the same changes as `show -json`'s `resource_changes`, with one difference
 * `OperationJSON.Plan` states: a change is streamed unless it is a no-op that neither moves nor imports
 * (and data sources' deletes are left out). From an empty state every managed resource is a create or
 * an import, so every one is streamed; a resource planned otherwise would be missing from the count the
 * test compares, and the test would fail. An import with nothing to change is streamed as action
 * `import` (show -json: `["no-op"]` with `importing`).
 */

export interface PlannedChange {
  /** `aws_iam_user.jane` or `data.aws_ssoadmin_instances.identity_center` */
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  /** The instance key of a resource with `for_each` (`resource_key`), e.g. an account ID. */
  readonly key?: string | number;
  /** `create`, `update`, `import`, `read` (a data source left for apply time), `replace`, `delete`, `move`, `remove`, … */
  readonly action: string;
  /** Set when the change imports (an `import` block). */
  readonly importing?: { readonly id: string };
}

export interface ChangeSummary {
  readonly add: number;
  readonly change: number;
  readonly import: number;
  readonly remove: number;
}

export interface PlanDiagnostic {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail?: string;
}

export interface PlanStream {
  readonly changes: readonly PlannedChange[];
  /** The `change_summary` message (one per plan). */
  readonly summary?: ChangeSummary;
  /** Data sources read while planning (`apply_complete` hooks with action `read`), by address. */
  readonly readDuringPlan: readonly string[];
  readonly diagnostics: readonly PlanDiagnostic[];
}

interface ResourceAddr {
  readonly addr: string;
  readonly resource: string;
  readonly resource_type: string;
  /** resource_addr.go: the instance key (a string for for_each, a number for count), absent otherwise. */
  readonly resource_key?: string | number;
}

type Message =
  | { type: 'planned_change'; change: { resource: ResourceAddr; action: string; importing?: { id: string } } }
  | { type: 'change_summary'; changes: ChangeSummary & { operation: string } }
  | { type: 'apply_complete'; hook: { resource: ResourceAddr; action: string } }
  | { type: 'diagnostic'; diagnostic: PlanDiagnostic }
  | { type: string };

/** Parses the stdout of `terraform plan -json`; throws naming the line that is not a JSON message. */
export function parsePlanStream(stdout: string): PlanStream {
  const changes: PlannedChange[] = [];
  const readDuringPlan: string[] = [];
  const diagnostics: PlanDiagnostic[] = [];
  let summary: ChangeSummary | undefined;
  stdout.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let message: Message;
    try {
      message = JSON.parse(line) as Message;
    } catch (error) {
      throw new Error(`line ${index + 1} of terraform plan -json is not JSON (${(error as Error).message}): ${line.slice(0, 200)}`);
    }
    if (isType(message, 'planned_change')) {
      const { resource, action, importing } = message.change;
      changes.push({ address: resource.addr, mode: resource.resource.startsWith('data.') ? 'data' : 'managed', type: resource.resource_type, ...(resource.resource_key !== undefined ? { key: resource.resource_key } : {}), action, ...(importing ? { importing } : {}) });
    } else if (isType(message, 'change_summary')) {
      const { add, change, import: imported, remove } = message.changes;
      summary = { add, change, import: imported, remove };
    } else if (isType(message, 'apply_complete')) {
      if (message.hook.action === 'read') readDuringPlan.push(message.hook.resource.addr);
    } else if (isType(message, 'diagnostic')) {
      diagnostics.push(message.diagnostic);
    }
  });
  return { changes, summary, readDuringPlan, diagnostics };
}

function isType<T extends Message['type']>(message: Message, type: T): message is Extract<Message, { type: T }> {
  return message.type === type;
}
