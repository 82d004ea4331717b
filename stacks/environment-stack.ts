import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { Lazy, LocalBackend, S3Backend, TerraformOutput, TerraformStack, type TerraformBackend, type TerraformRemoteState } from '../lib/cdktf';
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
  /** What this stack uses that decides its `required_version` (read when the stack is synthesized). */
  private readonly terraformFeatures = new Set<TerraformFeature>();

  constructor(scope: Construct, readonly stackName: string, props: EnvironmentStackProps) {
    super(scope, stackName);
    // Every literal string this stack writes reaches Terraform through this one boundary.
    escapeTemplatesOf(this);
    const { environment } = props;
    new AwsProvider(this, 'aws', {
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
    super.addOverride(path, escapeTemplates(value));
  }

  /**
   * Reads another stack's outputs through `data.terraform_remote_state.<name>`. Explicit instead of
   * cdktf's automatic cross-stack references, whose outputs are hashed and marked sensitive, so
   * plans would hide plain account IDs.
   */
  protected remoteStateOf(other: EnvironmentStack, name: string): TerraformRemoteState {
    this.addDependency(other);
    const remote = pinAddress(other.backend.getRemoteStateDataSource(this, name, other.stackName), name);
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

  /** cdktf's automatic cross-stack reference (a token of one stack used in another): refused, see remoteStateOf. */
  override registerOutgoingCrossStackReference(identifier: string): TerraformOutput {
    throw new Error(`stack ${this.stackName}: ${identifier} is used by another stack; read it there through remoteStateOf (an output of this stack) instead`);
  }

  /** An output with a stable, readable name. */
  protected output(name: string, value: unknown, description: string): TerraformOutput {
    return pinAddress(new TerraformOutput(this, name, { value, description }), name);
  }
}
