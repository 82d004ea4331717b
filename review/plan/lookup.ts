import type { ConfigResource, Plan, ResourceChange } from './model';

/** The configuration address a change's resource block has: instance keys dropped. */
export function configAddressOf(change: ResourceChange): string {
  const module = change.moduleAddress ? `${change.moduleAddress.replace(/\[[^\]]*\]/g, '')}.` : '';
  return `${module}${change.mode === 'data' ? 'data.' : ''}${change.type}.${change.name}`;
}

/** The configuration resource block of a change, if the plan has one. */
export function configOf(plan: Plan, change: ResourceChange): ConfigResource | undefined {
  let blocks = CONFIG_BLOCKS.get(plan.config);
  if (!blocks) CONFIG_BLOCKS.set(plan.config, (blocks = new WeakMap()));
  let block = blocks.get(change);
  if (block === undefined) blocks.set(change, (block = plan.config.get(configAddressOf(change)) ?? null));
  return block ?? undefined;
}

/**
 * Each change's block, by the plan's configuration it was looked up in: the review asks for the
 * block of an assignment several times (a name for each of three IDs, the rules), and each lookup
 * built its address again.
 */
const CONFIG_BLOCKS = new WeakMap<ReadonlyMap<string, ConfigResource>, WeakMap<ResourceChange, ConfigResource | null>>();
