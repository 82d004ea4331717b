/** The round trips' figures: printed, never asserted (the machine's load decides them). */
import { loadavg } from 'node:os';
import type { Project } from './harness';
import { childCpuSeconds } from '../terraform/terraform-run';

export function printFigures(flow: string, projects: readonly Project[], started: bigint): void {
  const commands = projects.flatMap((project) => project.commands);
  const byVerb = new Map<string, { count: number; seconds: number }>();
  for (const command of commands) {
    const verb = command.args[0] === 'apply' && command.args.includes('tfplan') ? 'apply (saved plan)' : command.args[0];
    const entry = byVerb.get(verb) ?? { count: 0, seconds: 0 };
    entry.count += 1;
    entry.seconds += command.seconds;
    byVerb.set(verb, entry);
  }
  const cpu = childCpuSeconds();
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    [
      `round trips (${flow}): ${commands.length} terraform commands in ${wall.toFixed(1)} s wall; CPU of this jest worker's finished children so far ${cpu === undefined ? '?' : cpu.toFixed(0)} s; load average ${loadavg()[0].toFixed(1)}`,
      ...[...byVerb].map(([verb, { count, seconds }]) => `  ${verb}: ${count} × mean ${(seconds / count).toFixed(1)} s`),
    ].join('\n'),
  );
}
