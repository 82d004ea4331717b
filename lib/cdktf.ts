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
  DataTerraformRemoteStateLocal,
  Fn,
  Lazy,
  LocalBackend,
  S3Backend,
  TerraformOutput,
  TerraformStack,
  TerraformResource,
  TerraformDataSource,
  TerraformElement,
  Testing,
  Token,
  propertyAccess,
} from 'cdktf';
export type { IAspect, ITerraformDependable, TerraformBackend, TerraformProvider, TerraformRemoteState, TerraformResourceLifecycle } from 'cdktf';
