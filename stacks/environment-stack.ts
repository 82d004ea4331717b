import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { LocalBackend, S3Backend, TerraformOutput, TerraformStack, type TerraformBackend, type TerraformRemoteState } from '../lib/cdktf';
import type { EnvironmentModel } from '../model/environment';
import { pinAddress } from '../modules/private/address';
import { escapeTemplates, escapeTemplatesOf } from '../lib/terraform-template';

export interface EnvironmentStackProps {
  readonly environment: EnvironmentModel;
  /** Region of this stack's provider; default: the environment's region. */
  readonly region?: string;
}

/** A stack of one environment: its AWS provider, its own state (local file or S3 key), its tags. */
export abstract class EnvironmentStack extends TerraformStack {
  private readonly backend: TerraformBackend;

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
      // S3-native locking (Terraform >= 1.10); cdktf 0.21's S3Backend has no typed field for it.
      if (state.useLockfile) s3.addOverride('use_lockfile', true);
    } else {
      // Relative to cdktf.out/stacks/<stack>/, where terraform runs: the project root, portable across machines.
      this.backend = new LocalBackend(this, { path: `../../../terraform.${stackName}.tfstate` });
    }
  }

  /** Stack-level overrides (import blocks) pass the same escaping boundary as every element. */
  override addOverride(path: string, value: unknown): void {
    super.addOverride(path, escapeTemplates(value));
  }

  /**
   * Reads another stack's outputs through `data.terraform_remote_state.<name>`. Explicit instead of
   * cdktf's automatic cross-stack references, whose outputs are hashed and marked sensitive, so
   * plans would hide plain account IDs.
   */
  protected remoteStateOf(other: EnvironmentStack, name: string): TerraformRemoteState {
    this.addDependency(other);
    return pinAddress(other.backend.getRemoteStateDataSource(this, name, other.stackName), name);
  }

  /** An output with a stable, readable name. */
  protected output(name: string, value: unknown, description: string): TerraformOutput {
    return pinAddress(new TerraformOutput(this, name, { value, description }), name);
  }
}
