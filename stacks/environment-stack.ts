import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { CloudBackend, Lazy, LocalBackend, NamedCloudWorkspace, S3Backend, TerraformOutput, TerraformStack, type TerraformBackend, type TerraformRemoteState } from '../lib/cdktf';
import type { EnvironmentModel } from '../model/environment';
import { pinAddress } from '../modules/private/address';
import { escapeTemplates, escapeTemplatesOf, terraformExpression } from '../lib/terraform-template';
import { requiredTerraformVersion, type TerraformFeature } from './terraform-version';

export interface EnvironmentStackProps {
  readonly environment: EnvironmentModel;
  /** Region of this stack's provider; default: the environment's region. */
  readonly region?: string;
}

/** A stack of one environment: its AWS provider, its own state (local file or S3 key), its tags. */
export abstract class EnvironmentStack extends TerraformStack {
  private readonly backend: TerraformBackend;
  /** `provider "aws"` without an alias: where the stack's resources are, unless a resource names another provider. */
  private readonly provider: AwsProvider;
  /** What this stack uses that decides its `required_version` (read when the stack is synthesized). */
  private readonly terraformFeatures = new Set<TerraformFeature>();

  constructor(scope: Construct, readonly stackName: string, props: EnvironmentStackProps) {
    super(scope, stackName);
    // Every literal string this stack writes reaches Terraform through this one boundary.
    escapeTemplatesOf(this);
    const { environment } = props;
    this.provider = new AwsProvider(this, 'aws', {
      region: props.region ?? environment.region,
      defaultTags: Object.keys(environment.tags).length > 0 ? [{ tags: { ...environment.tags } }] : undefined,
    });
    const { backend: state } = environment;
    if (state.type === 's3') {
      const s3 = (this.backend = new S3Backend(this, {
        bucket: state.bucket,
        key: `${state.keyPrefix}/${stackName}.tfstate`,
        region: state.region ?? environment.region,
        encrypt: state.encrypt,
      }));
      // S3-native locking (Terraform >= 1.11, see terraform-version.ts); cdktf 0.21's S3Backend has no typed field for it.
      if (state.useLockfile) {
        s3.addOverride('use_lockfile', true);
        this.terraformFeatures.add('s3-native-locking');
      }
    } else if (state.type === 'cloud') {
      // One HCP Terraform / Terraform Enterprise workspace per stack: terraform { cloud { organization,
      // workspaces { name } } } (https://developer.hashicorp.com/terraform/language/v1.11.x/terraform#cloud;
      // cdktf's CloudBackend writes it as terraform.cloud in the JSON). The token comes from the CLI
      // configuration or TF_TOKEN_<host>, never from the config file.
      this.backend = new CloudBackend(this, {
        organization: state.organization,
        workspaces: new NamedCloudWorkspace(cloudWorkspaceName(state.workspacePrefix, stackName)),
        hostname: state.hostname,
      });
    } else {
      // Relative to cdktf.out/stacks/<stack>/, where terraform runs: the project root, portable across machines.
      this.backend = new LocalBackend(this, { path: `../../../terraform.${stackName}.tfstate` });
    }
    // Lazy: import blocks are added after construction (synth/imports.ts).
    super.addOverride('terraform.required_version', Lazy.stringValue({ produce: () => requiredTerraformVersion(this.terraformFeatures) }));
  }

  /** Stack-level overrides (import blocks) pass the same escaping boundary as every element. */
  override addOverride(path: string, value: unknown): void {
    if (path === 'import' || path.startsWith('import.')) this.terraformFeatures.add('import-blocks');
    if (path === 'removed' || path.startsWith('removed.')) this.terraformFeatures.add('removed-blocks');
    // Import blocks come from the import map (synth/imports.ts) and from accounts moved between access
    // stacks (stacks/access-stack.ts); both lists are kept, one block per address, as Terraform takes
    // one import and one removed block per address ("Duplicate import configuration"). Where both
    // import the same assignment, the later (the map's literal ID, known at plan time) replaces the
    // move's ID expression: both name the same object.
    if ((path === 'import' || path === 'removed') && Array.isArray(value)) {
      const key = path === 'import' ? 'to' : 'from';
      const added = escapeTemplates(value) as Array<Record<string, unknown>>;
      const replaced = new Set(added.map((block) => block[key]));
      const blocks = (this.blockLists[path] = [...(this.blockLists[path] ?? []).filter((block) => !replaced.has((block as Record<string, unknown>)[key])), ...added]);
      super.addOverride(path, blocks);
      return;
    }
    super.addOverride(path, escapeTemplates(value));
  }

  /** The stack-level `import` and `removed` blocks added so far. */
  private readonly blockLists: { import?: unknown[]; removed?: unknown[] } = {};

  /** A language feature this stack uses beyond what `addOverride` detects (terraform-version.ts). */
  protected requireTerraform(feature: TerraformFeature): void {
    this.terraformFeatures.add(feature);
  }

  /**
   * Runs the stack's own provider in another account through an assumed role
   * (`provider "aws" { assume_role { role_arn … } }`): the Identity Center delegated administrator
   * (stacks/identity-center-administrator.ts). Aliased providers (member accounts) are not affected.
   */
  protected runThroughRole(roleArn: string, sessionName: string): void {
    this.provider.assumeRole = [{ roleArn, sessionName }];
  }

  /**
   * Reads another stack's outputs through `data.terraform_remote_state.<name>`. Explicit instead of
   * cdktf's automatic cross-stack references, whose outputs are hashed and marked sensitive, so
   * plans would hide plain account IDs.
   */
  protected remoteStateOf(other: EnvironmentStack, name: string): TerraformRemoteState {
    this.addDependency(other);
    const remote = pinAddress(other.backend.getRemoteStateDataSource(this, name, other.stackName), name);
    if (other.backend instanceof CloudBackend) {
      // A cloud workspace is read through the `remote` backend with workspaces { name } (what cdktf's
      // CloudBackend returns; https://developer.hashicorp.com/terraform/language/v1.11.x/state/remote-state-data).
      // That backend maps the one named workspace to "default", the data source's default `workspace`;
      // terraform.workspace here would be this stack's own workspace name, which that backend does not have.
      remote.addOverride('workspace', undefined);
      return remote;
    }
    // cdktf writes `workspace` as the literal text "${terraform.workspace}", meant as an expression; through
    // the escaping boundary it would become the workspace named "${terraform.workspace}" and the read would
    // find no state ("Unable to find remote state", found by the real plan in test/terraform/).
    remote.addOverride('workspace', terraformExpression('terraform.workspace'));
    return remote;
  }

  /**
   * cdktf's prepareStack resolves every element once before synth, only to find cross-stack
   * references and add their outputs; this project has none (stacks read each other through
   * `remoteStateOf`), and that pass was a third of the synth of a 12,000-resource adoption. The
   * backend check it also does is kept; a cross-stack reference is refused below instead.
   */
  override prepareStack(): void {
    this.ensureBackendExists();
  }

  /**
   * The stack's JSON, refusing a reference to a resource or data source it does not declare: without
   * prepareStack, a token of another stack would resolve to a plain reference to an address this
   * stack does not have (cdktf/lib/tfExpression.js detects cross-stack references only while preparing).
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override toTerraform(): any {
    const tf = super.toTerraform() as Record<string, unknown>;
    const undeclared = undeclaredReferences(tf);
    if (undeclared.length > 0) {
      throw new Error(`stack ${this.stackName} references ${undeclared.slice(0, 3).join(', ')}, which it does not declare (a token of another stack?): read another stack's values through remoteStateOf and its outputs instead`);
    }
    return tf;
  }

  /** An output with a stable, readable name. */
  protected output(name: string, value: unknown, description: string): TerraformOutput {
    return pinAddress(new TerraformOutput(this, name, { value, description }), name);
  }
}

/** Not resource types: `self.arns`, `terraform.workspace`, `each.value`… */
const NOT_ADDRESSES = new Set(['self', 'terraform', 'var', 'local', 'each', 'count', 'path', 'module']);

/** `type.name` and `data.type.name` references inside `${…}` that name nothing the stack declares. */
export function undeclaredReferences(tf: Record<string, unknown>): string[] {
  const declared = new Set<string>();
  const byType = (section: unknown) => Object.entries((section ?? {}) as Record<string, Record<string, unknown>>);
  for (const [type, byName] of byType(tf.resource)) for (const name of Object.keys(byName)) declared.add(`${type}.${name}`);
  for (const [type, byName] of byType(tf.data)) for (const name of Object.keys(byName)) declared.add(`data.${type}.${name}`);
  const undeclared = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      if (!value.includes('${')) return;
      for (const [, expression] of value.matchAll(/(?<!\$)\$\{([^}]*)\}/g)) {
        // A for expression's own variables (`[for account in … : account.id]`) are not addresses either.
        const bound = new Set([...expression.matchAll(/\bfor\s+([a-z_][a-z0-9_]*)(?:\s*,\s*([a-z_][a-z0-9_]*))?\s+in\b/g)].flatMap((m) => [m[1], m[2]]).filter((name) => name !== undefined));
        for (const [address] of expression.matchAll(/(?<![\w."-])(?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*/g)) {
          if (NOT_ADDRESSES.has(address.split('.')[0]) || bound.has(address.split('.')[0]) || declared.has(address)) continue;
          undeclared.add(address);
        }
      }
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (typeof value === 'object' && value !== null) {
      for (const item of Object.values(value)) visit(item);
    }
  };
  for (const [section, value] of Object.entries(tf)) if (section !== '//') visit(value);
  return [...undeclared].sort();
}

/** The HCP Terraform workspace of a stack: <workspacePrefix>-<stack> (config/schema.ts keeps it within 90 characters). */
export function cloudWorkspaceName(workspacePrefix: string, stackName: string): string {
  return `${workspacePrefix}-${stackName}`;
}
