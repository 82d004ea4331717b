/** The OU tree of the config, flattened to paths (`Workloads/Prod`), parents first. */
import { didYouMean } from './did-you-mean';
import type { OrganizationalUnitConfig } from './schema';

export interface FlatOrganizationalUnit {
  readonly name: string;
  readonly path: string;
  readonly parentPath?: string;
  /** Config path of this OU's entry. */
  readonly configPath: ReadonlyArray<string>;
  readonly config: OrganizationalUnitConfig;
}

export function flattenOrganizationalUnits(tree: Record<string, OrganizationalUnitConfig>): FlatOrganizationalUnit[] {
  const flat: FlatOrganizationalUnit[] = [];
  // Depth-first with an explicit stack (parents first, in file order): no recursion to overflow.
  type Pending = { name: string; config: OrganizationalUnitConfig; parentPath?: string; configPath: string[] };
  const entries = (children: Record<string, OrganizationalUnitConfig>, parentPath: string | undefined, configPath: string[]): Pending[] =>
    Object.entries(children).map(([name, config]) => ({ name, config, parentPath, configPath: [...configPath, name] }));
  const stack = entries(tree, undefined, ['organization', 'organizationalUnits']).reverse();
  while (stack.length > 0) {
    const { name, config, parentPath, configPath } = stack.pop()!;
    const path = parentPath ? `${parentPath}/${name}` : name;
    flat.push({ name, path, parentPath, configPath, config });
    if (config.children) stack.push(...entries(config.children, path, [...configPath, 'children']).reverse());
  }
  return flat;
}

/** True when `ouPath` is `ancestor` or lies below it. */
export function isWithin(ouPath: string | undefined, ancestor: string): boolean {
  return ouPath !== undefined && (ouPath === ancestor || ouPath.startsWith(`${ancestor}/`));
}

/** ` (did you mean "Workloads/Prod"?)` for `Prod`, or the closest path by spelling. */
export function didYouMeanOuPath(given: string, paths: readonly string[]): string {
  const byLastName = paths.find((path) => path.split('/').pop()!.toLowerCase() === given.split('/').pop()!.toLowerCase());
  return byLastName !== undefined ? ` (did you mean "${byLastName}"?)` : didYouMean(given, paths);
}
