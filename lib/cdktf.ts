/**
 * The one place this project imports `cdktf` from.
 *
 * HashiCorp has sunset CDKTF and CDK Terrain (`cdktn`) continues it; keeping every import
 * here makes that switch a change of this file and package.json, not of the whole tree.
 * (Provider bindings under `@cdktf/provider-aws/lib/*` import cdktf themselves.)
 */
export {
  App,
  Aspects,
  CloudBackend,
  DataTerraformRemoteStateLocal,
  Fn,
  Lazy,
  LocalBackend,
  NamedCloudWorkspace,
  S3Backend,
  TerraformOutput,
  TerraformStack,
  TerraformResource,
  TerraformElement,
  Testing,
  Token,
  propertyAccess,
} from 'cdktf';
export type { IAspect, ITerraformDependable, TerraformBackend, TerraformProvider, TerraformRemoteState, TerraformResourceLifecycle } from 'cdktf';
