/** The few lines per stack a person reads after synth. */
import type { SynthesizedEnvironment } from './synthesize';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

export function formatSummary(results: readonly SynthesizedEnvironment[]): string {
  const lines: string[] = [];
  for (const { environment, stacks, manualStepsFile } of results) {
    const ic = environment.identityCenter;
    const org = environment.organization;
    lines.push(`${environment.name} (${environment.sourceFile})`);
    for (const stack of stacks) {
      const total = Object.values(stack.resourcesByType).reduce((sum, count) => sum + count, 0);
      const detail = stack.name.endsWith('-organization')
        ? [plural(org.organizationalUnits.length, 'OU'), plural(org.accounts.length, 'account') + ` (${org.accounts.filter((a) => a.kind === 'managed').length} created)`]
        : [
            plural(ic.permissionSets.length, 'permission set'),
            plural(ic.users.length, 'user'),
            plural(ic.groups.length, 'group'),
            plural(ic.memberships.length, 'membership'),
            plural(ic.assignments.length, 'assignment'),
          ];
      lines.push(`  ${stack.name.padEnd(32)} ${plural(total, 'resource').padEnd(14)} ${detail.join(', ')}`);
    }
    lines.push(`  ${plural(environment.manualSteps.length, 'manual step')} → ${manualStepsFile}`);
    for (const step of environment.manualSteps) lines.push(`    [${step.id}] ${step.title}: ${step.actions[0]}`);
    lines.push('');
  }
  return lines.join('\n');
}
