/** Builds environment configs for tests: a small valid base, changed per test, loaded as a user's file would be. */
import { stringify } from 'yaml';
import { addEnvironmentStacks } from '../../stacks/environment-stacks';
import { loadEnvironmentText } from '../../config/load';
import type { LocatedIssue } from '../../config/issues';
import type { EnvironmentModel } from '../../model/environment';
import { Testing } from '../../lib/cdktf';

export type Yamlish = Record<string, unknown>;

/** A small, valid environment: two OUs deep, a created and an existing account, a group, a user. */
export function baseConfig(): Yamlish {
  return {
    region: 'eu-west-1',
    organization: {
      organizationalUnits: { Workloads: { children: { Prod: {}, Dev: {} } }, Security: {} },
      accounts: {
        management: { id: '111111111111', management: true, name: 'Management' },
        prod: { name: 'Prod', email: 'aws-prod@example.com', ou: 'Workloads/Prod' },
        dev: { name: 'Dev', email: 'aws-dev@example.com', ou: 'Workloads/Dev' },
        audit: { id: '222222222222', name: 'Audit', ou: 'Security' },
      },
    },
    identityCenter: {
      mfa: { prompt: 'every-sign-in' },
      users: {
        'jane.doe@example.com': { displayName: 'Jane Doe', givenName: 'Jane', familyName: 'Doe', email: 'jane.doe@example.com' },
      },
      groups: { 'Platform Admins': { members: ['jane.doe@example.com'] } },
      assignments: [{ group: 'Platform Admins', permissionSets: ['Admin'], accounts: ['prod'] }],
    },
  };
}

export function toYaml(config: Yamlish): string {
  return stringify(config);
}

export function load(config: Yamlish | string, file = 'environments/test.yaml') {
  return loadEnvironmentText(typeof config === 'string' ? config : toYaml(config), file);
}

export function model(config: Yamlish | string, file = 'environments/test.yaml'): EnvironmentModel {
  const result = load(config, file);
  if (!result.ok) throw new Error(`expected a valid config, got:\n${result.issues.map((i) => `${i.line}:${i.column} ${i.message}`).join('\n')}`);
  return result.model;
}

export function issues(config: Yamlish | string, file = 'environments/test.yaml'): LocatedIssue[] {
  const result = load(config, file);
  if (result.ok) throw new Error('expected the config to be rejected, but it was accepted');
  return result.issues;
}

/** The config after `mutate`, starting from `base` (default: baseConfig). */
export function withChange(mutate: (config: any) => void, base: () => Yamlish = baseConfig): Yamlish {
  const config = base();
  mutate(config);
  return config;
}

/** The one issue the config has; fails the test, listing them, when there are more or none. */
export function onlyIssue(config: Yamlish): LocatedIssue {
  const found = issues(config);
  expect(found.map((i) => i.message)).toHaveLength(1);
  return found[0];
}

/** 1-based line of the first line of the config's YAML that contains `text`. */
export function lineContaining(config: Yamlish, text: string): number {
  return toYaml(config).split('\n').findIndex((line) => line.includes(text)) + 1;
}

export interface TerraformJson {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value: unknown; description?: string }>;
  terraform?: { backend?: Record<string, Record<string, unknown>> };
  provider?: Record<string, Array<Record<string, unknown>>>;
}

export interface SynthesizedStacks {
  organization: TerraformJson;
  identityCenter: TerraformJson;
  /** Only when the config has a `baseline:` section. */
  baseline?: TerraformJson;
}

/** Synthesizes both stacks of an environment in memory and parses their Terraform JSON. */
export function synth(config: Yamlish | string | EnvironmentModel): SynthesizedStacks {
  const environment = typeof config === 'object' && 'manualSteps' in config ? (config as EnvironmentModel) : model(config as Yamlish | string);
  const app = Testing.app({ stackTraces: false });
  const stacks = addEnvironmentStacks(app, environment);
  return {
    organization: JSON.parse(Testing.synth(stacks.organization)) as TerraformJson,
    identityCenter: JSON.parse(Testing.synth(stacks.identityCenter)) as TerraformJson,
    ...(stacks.baseline ? { baseline: JSON.parse(Testing.synth(stacks.baseline)) as TerraformJson } : {}),
  };
}

/** `type.name` of every resource and data source: the Terraform addresses. */
export function addresses(json: TerraformJson): string[] {
  const out: string[] = [];
  for (const [type, byName] of Object.entries(json.resource ?? {})) for (const name of Object.keys(byName)) out.push(`${type}.${name}`);
  for (const [type, byName] of Object.entries(json.data ?? {})) for (const name of Object.keys(byName)) out.push(`data.${type}.${name}`);
  return out.sort();
}

/** A resource's arguments, without cdktf's `//` metadata. */
export function resource(json: TerraformJson, type: string, name: string): Record<string, unknown> {
  const found = json.resource?.[type]?.[name];
  if (!found) throw new Error(`no ${type}.${name}; have: ${Object.keys(json.resource?.[type] ?? {}).join(', ') || '(none of that type)'}`);
  const { ['//']: _metadata, ...rest } = found;
  return rest;
}

export function dataSource(json: TerraformJson, type: string, name: string): Record<string, unknown> {
  const found = json.data?.[type]?.[name];
  if (!found) throw new Error(`no data.${type}.${name}; have: ${Object.keys(json.data?.[type] ?? {}).join(', ') || '(none of that type)'}`);
  const { ['//']: _metadata, ...rest } = found;
  return rest;
}

export function namesOf(json: TerraformJson, type: string): string[] {
  return Object.keys(json.resource?.[type] ?? {}).sort();
}
