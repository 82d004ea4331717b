import type { ConfigResource, Plan, ResourceChange } from './model';

/** The configuration address a change's resource block has: instance keys dropped. */
export function configAddressOf(change: ResourceChange): string {
  const module = change.moduleAddress ? `${change.moduleAddress.replace(/\[[^\]]*\]/g, '')}.` : '';
  return `${module}${change.mode === 'data' ? 'data.' : ''}${change.type}.${change.name}`;
}

/** The configuration resource block of a change, if the plan has one. */
export function configOf(plan: Plan, change: ResourceChange): ConfigResource | undefined {
  return plan.config.get(configAddressOf(change));
}
