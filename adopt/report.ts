/**
 * The adoption report, `environments/<env>.adoption.md`: what the adopted config manages, what was
 * left in AWS unmanaged and why, what needs a person's decision before the first apply, and what
 * discovery could not read. The notes printed by the CLI are the same sentences, sorted here by kind.
 */
import type { ImportMap } from '../config/import-map';
import type { EnvironmentModel } from '../model/environment';

export type NoteKind = 'unread' | 'decision' | 'unmanaged' | 'names';

/**
 * Which section a note belongs in. Notes are written for people; the sentence says what happens,
 * and that is what sorts it: a note about what the first plan changes, or that asks to decide or
 * act, needs a decision; one about what was not read is unread; the rest say what stays as it is.
 */
export function noteKind(note: string): NoteKind {
  if (note.startsWith('not read:')) return 'unread';
  if (note.startsWith('names:')) return 'names';
  if (/first plan|first apply|decide|switch it on|set it to true|remove them there|move them to a group|before applying/.test(note)) return 'decision';
  return 'unmanaged';
}

const plural = (count: number, word: string, words = `${word}s`) => `${count} ${count === 1 ? word : words}`;

export function adoptionReport(environment: EnvironmentModel, importMap: ImportMap, notes: readonly string[], source: { readonly organizationId: string; readonly discoveredAt?: string }): string {
  const org = environment.organization;
  const ic = environment.identityCenter;
  const split = <T extends { kind: string }>(items: readonly T[]) => ({ managed: items.filter((item) => item.kind === 'managed').length, referenced: items.filter((item) => item.kind !== 'managed').length });
  const accounts = split(org.accounts);
  const closed = org.accounts.filter((account) => account.kind === 'existing' && account.closed).length;
  const sets = split(ic.permissionSets);
  const users = split(ic.users);
  const groups = split(ic.groups);
  const lines = [
    `# Adoption of ${environment.name}`,
    '',
    `Discovered from organization ${source.organizationId}${source.discoveredAt ? ` at ${source.discoveredAt}` : ''}. Written beside ${environment.name}.yaml by adoption; review it with the config.`,
    '',
    '## Adopted',
    '',
    `- ${plural(org.organizationalUnits.length, 'OU')}; ${plural(accounts.managed, 'account')} imported, ${plural(accounts.referenced, 'account')} referenced by id (the management account${closed > 0 ? `, ${closed} closed` : ''})`,
    `- ${plural(sets.managed, 'permission set')} managed, ${sets.referenced} referenced; ${plural(users.managed, 'user')} managed, ${users.referenced} referenced; ${plural(groups.managed, 'group')} managed, ${groups.referenced} referenced`,
    `- ${plural(ic.memberships.filter((m) => m.groupKind === 'managed').length, 'group membership')}, ${plural(ic.assignments.length, 'account assignment')}`,
    ...(environment.baseline
      ? [`- baseline: ${plural(environment.baseline.groups.length, 'IAM group')}, ${plural(environment.baseline.accounts.reduce((sum, account) => sum + account.users.length, 0), 'IAM user')}, ${plural(environment.baseline.organization.serviceControlPolicies.length, 'service control policy', 'service control policies')}, deployment role ${environment.baseline.deploymentRole}`]
      : []),
    `- import map: ${Object.entries(importMap.stacks).map(([stack, entries]) => `${stack} ${Object.keys(entries).length}`).join(', ')}`,
    '',
  ];
  const section = (title: string, kind: NoteKind, none: string) => {
    const found = notes.filter((note) => noteKind(note) === kind);
    lines.push(`## ${title}`, '', ...(found.length > 0 ? found.map((note) => `- ${note}`) : [none]), '');
  };
  section('Needs a decision', 'decision', 'Nothing: the first plan should only import. `npm run synth` confirms it (the zero-diff check).');
  section('Left unmanaged, and why', 'unmanaged', 'Nothing: everything discovery read is in the config.');
  section('Not read', 'unread', 'Nothing: every read discovery makes was allowed.');
  section('Names', 'names', 'Every key is the AWS name made safe; no two AWS names collided.');
  lines.push('## Next', '', `1. Review the names in environments/${environment.name}.yaml (keys are this file's; \`name:\` is what AWS calls a thing).`, `2. \`npm run synth -- --env ${environment.name}\`: imports, creations and every difference from AWS.`, `3. \`npx cdktf plan ${environment.name}-organization\`, then the other stacks: a plan of imports only.`, '');
  return lines.join('\n');
}
