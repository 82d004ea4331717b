/**
 * Writes plan fixtures in the real `terraform show -json` format (see /work/shared/plan-samples/FORMAT.md:
 * resource_changes, prior_state, configuration and planned_values, compact one-line JSON as Terraform
 * writes it), in two address layouts:
 *  - `project`: this project's, `aws_iam_policy.require_mfa` in the root module;
 *  - `foreign`: another tool's for_each module, `module.iam.aws_iam_policy.this["require_mfa"]`, whose
 *    configuration references are per block (`aws_iam_policy.this`, `each.value`), not per instance.
 * Test code only: the review reads the file like any plan.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPlan } from '../../review/plan/read-plan';
import type { Plan } from '../../review/plan/model';

export type Layout = 'project' | 'foreign';
export const LAYOUTS: readonly Layout[] = ['project', 'foreign'];

export interface Planned {
  readonly type: string;
  /** The local name in the project layout, the for_each key in the foreign one. */
  readonly name: string;
  readonly actions: readonly string[];
  readonly before?: Record<string, unknown> | null;
  readonly after?: Record<string, unknown> | null;
  readonly afterUnknown?: Record<string, unknown>;
  readonly beforeSensitive?: Record<string, unknown>;
  readonly afterSensitive?: Record<string, unknown>;
  /** Argument → `<type>.<name>[.<attribute>]` of another resource the configuration references. */
  readonly references?: Readonly<Record<string, string>>;
  /** Argument → its expression as the configuration writes it, verbatim (nested blocks are lists of expressions). */
  readonly expressions?: Readonly<Record<string, unknown>>;
  readonly importing?: { readonly id: string };
  readonly previousName?: string;
  readonly replacePaths?: ReadonlyArray<readonly string[]>;
  /** A data source read during apply is a `read` change of mode data (`data.<type>.<name>`). */
  readonly mode?: 'managed' | 'data';
}

/** A prior_state resource that the plan does not change (a no-op is dropped from resource_changes detail). */
export interface State {
  readonly type: string;
  readonly name: string;
  readonly values: Record<string, unknown>;
  readonly mode?: 'managed' | 'data';
}

export function address(layout: Layout, type: string, name: string): string {
  return layout === 'project' ? `${type}.${name}` : `module.iam.${type}.this[${JSON.stringify(name)}]`;
}

function identity(layout: Layout, type: string, name: string, mode = 'managed') {
  const prefix = mode === 'data' ? 'data.' : '';
  return layout === 'project'
    ? { address: `${prefix}${type}.${name}`, mode, type, name, provider_name: 'registry.terraform.io/hashicorp/aws' }
    : { address: `module.iam.${prefix}${type}.this[${JSON.stringify(name)}]`, module_address: 'module.iam', mode, type, name: 'this', index: name, provider_name: 'registry.terraform.io/hashicorp/aws' };
}

export interface PlanOptions {
  readonly stack?: string;
  readonly prior?: readonly State[];
  /** Extra or replaced top-level keys (`complete`, `deferred_changes`, …). */
  readonly top?: Record<string, unknown>;
}

/** The plan as JSON text. */
export function planJson(layout: Layout, resources: readonly Planned[], options: PlanOptions = {}): string {
  const changes = resources.map((resource) => {
    const creates = resource.actions.includes('create');
    const deletes = resource.actions.includes('delete');
    const before = resource.before ?? (resource.actions[0] === 'create' && resource.actions.length === 1 ? null : resource.after ?? null);
    const after = resource.after ?? (deletes && !creates ? null : before);
    return {
      ...identity(layout, resource.type, resource.name, resource.mode),
      ...(resource.previousName ? { previous_address: address(layout, resource.type, resource.previousName) } : {}),
      change: {
        actions: resource.actions,
        before,
        after,
        after_unknown: resource.afterUnknown ?? {},
        before_sensitive: before === null ? false : resource.beforeSensitive ?? {},
        after_sensitive: after === null ? false : resource.afterSensitive ?? {},
        ...(resource.replacePaths ? { replace_paths: resource.replacePaths } : {}),
        ...(resource.importing ? { importing: resource.importing } : {}),
      },
      ...(deletes && creates ? { action_reason: 'replace_because_cannot_update' } : {}),
    };
  });
  const stateResources = [
    ...resources
      .filter((resource) => (resource.before ?? null) !== null || (resource.actions[0] === 'no-op' && resource.after))
      .map((resource) => ({ ...identity(layout, resource.type, resource.name), schema_version: 0, values: resource.before ?? resource.after, sensitive_values: {} })),
    ...(options.prior ?? []).map((state) => ({ ...identity(layout, state.type, state.name, state.mode), schema_version: 0, values: state.values, sensitive_values: {} })),
  ];
  const plannedResources = resources
    .filter((resource) => resource.mode !== 'data' && !(resource.actions.includes('delete') && !resource.actions.includes('create')))
    .map((resource) => ({ ...identity(layout, resource.type, resource.name), schema_version: 0, values: resource.after ?? resource.before ?? {}, sensitive_values: {} }));
  const module = (items: unknown[]) => (layout === 'project' ? { root_module: { resources: items } } : { root_module: { child_modules: [{ address: 'module.iam', resources: items }] } });
  return JSON.stringify({
    format_version: '1.2',
    terraform_version: '1.11.4',
    planned_values: module(plannedResources),
    resource_changes: changes,
    prior_state: { format_version: '1.0', terraform_version: '1.11.4', values: module(stateResources) },
    configuration: { provider_config: { aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws' } }, root_module: configuration(layout, resources) },
    timestamp: '2026-12-01T22:00:00Z',
    applyable: true,
    complete: true,
    errored: false,
    ...options.top,
  });
}

function configuration(layout: Layout, resources: readonly Planned[]) {
  // Known arguments are constants; referenced ones are references (the instance is not in them in a for_each block).
  const expressions = (resource: Planned) => ({
    ...Object.fromEntries(Object.entries(resource.after ?? {}).filter(([, value]) => value !== null).map(([argument, value]) => [argument, { constant_value: value }])),
    ...Object.fromEntries(
      Object.entries(resource.references ?? {}).map(([argument, target]) => {
        const data = target.startsWith('data.') ? 'data.' : '';
        const [type, name, attr] = target.slice(data.length).split('.');
        const references = layout === 'project' ? [`${data}${type}.${name}.${attr ?? 'arn'}`, `${data}${type}.${name}`] : [`${data}${type}.this`, 'each.value'];
        return [argument, { references }];
      }),
    ),
    ...resource.expressions,
  });
  if (layout === 'project') {
    return {
      resources: resources.map((resource) => ({
        address: `${resource.mode === 'data' ? 'data.' : ''}${resource.type}.${resource.name}`,
        mode: resource.mode ?? 'managed',
        type: resource.type,
        name: resource.name,
        provider_config_key: 'aws',
        expressions: expressions(resource),
        schema_version: 0,
      })),
    };
  }
  const blocks = new Map<string, Record<string, unknown>>();
  for (const resource of resources) {
    const key = `${resource.mode === 'data' ? 'data.' : ''}${resource.type}`;
    const block = blocks.get(key) ?? {};
    blocks.set(key, { ...block, ...expressions(resource) });
  }
  return {
    module_calls: {
      iam: {
        source: './modules/iam',
        module: {
          resources: [...blocks].map(([key, block]) => ({
            address: `${key}.this`,
            mode: key.startsWith('data.') ? 'data' : 'managed',
            type: key.replace(/^data\./, ''),
            name: 'this',
            provider_config_key: 'aws',
            expressions: block,
            schema_version: 0,
            for_each_expression: { references: ['var.items'] },
          })),
        },
      },
    },
  };
}

let scratch: string | undefined;

/** Writes the plan to a scratch file named `<stack>.json` and returns the path. */
export function writePlan(layout: Layout, resources: readonly Planned[], options: PlanOptions = {}): string {
  scratch ??= mkdtempSync(join(tmpdir(), 'plan-fixtures-'));
  const dir = mkdtempSync(join(scratch, `${layout}-`));
  const file = join(dir, `${options.stack ?? 'dev-identity-center'}.json`);
  writeFileSync(file, planJson(layout, resources, options));
  return file;
}

/** Writes and reads back the plan, as the CLI does. */
export function plannedPlan(layout: Layout, resources: readonly Planned[], options: PlanOptions = {}): Plan {
  return readPlan(writePlan(layout, resources, options));
}

export const policyText = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
