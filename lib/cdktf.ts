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
  TerraformDataSource,
  TerraformElement,
  Testing,
  Token,
  propertyAccess,
} from 'cdktf';
export type { IAspect, ITerraformDependable, TerraformBackend, TerraformProvider, TerraformRemoteState, TerraformResourceLifecycle } from 'cdktf';

/**
 * cdktf registers every token in one process-wide map that is never emptied
 * (cdktf/lib/tokens/private/token-map.js, `globalThis.__cdktfTokenMap`), and a token holds the
 * construct it belongs to, so that map keeps every synthesized stack's construct tree alive. Synth
 * takes a mark before it builds a stack and releases the tokens registered since once the stack is
 * written (synth/synthesize.ts); nothing resolves them after that.
 */
interface TokenMapInternals {
  readonly stringTokenMap: Map<string, unknown>;
  readonly numberTokenMap: Map<number, unknown>;
}

const tokenMap = (): TokenMapInternals | undefined => (globalThis as { __cdktfTokenMap?: TokenMapInternals }).__cdktfTokenMap;

export interface TokenMark {
  readonly strings: number;
  readonly numbers: number;
}

export function tokenMark(): TokenMark {
  const map = tokenMap();
  return { strings: map?.stringTokenMap.size ?? 0, numbers: map?.numberTokenMap.size ?? 0 };
}

/** Forgets the tokens registered after `mark` (the map keeps insertion order). */
export function releaseTokensSince(mark: TokenMark): void {
  const map = tokenMap();
  if (!map) return;
  const drop = <K>(entries: Map<K, unknown>, keep: number) => {
    let index = 0;
    for (const key of [...entries.keys()]) if (index++ >= keep) entries.delete(key);
  };
  drop(map.stringTokenMap, mark.strings);
  drop(map.numberTokenMap, mark.numbers);
}
