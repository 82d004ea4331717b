/**
 * What the plan workflow's stack selection (.github/scripts/changed-stacks.js) costs on a generated
 * estate: synthesizes it twice (the second time with one permission set's session duration changed)
 * and prints, per size, the resources compared, the stacks selected, and the comparison's wall and
 * CPU time (a child process, so the CPU is only the comparison's).
 *   npm run bench:changed-stacks [-- 100x20 500x100]   (accounts x groups; default 100x20 300x50)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { parseCommandLine, usageError, type CommandSpec } from '../lib/cli';
import { generatedConfig } from './generate';

const COMMAND: CommandSpec = {
  usage: 'node dist/bench/changed-stacks-bench.js',
  summary: [
    "Times the plan workflow's stack selection (.github/scripts/changed-stacks.js) on generated estates:",
    'each is synthesized twice, the second time with one permission set changed, and the two outputs compared.',
  ].join('\n'),
  options: {},
  positionals: { name: 'SIZE...', description: 'accounts x groups, e.g. 100x20 (default: 100x20 300x50); every group is assigned on every account' },
  exitCodes: [[0, 'measured'], [1, 'a synth failed'], [2, 'bad command line']],
};
const command = parseCommandLine(COMMAND, process.argv.slice(2));
if (!command.run) process.exit(command.exitCode);

const ROOT = resolve(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'main.js');
const SCRIPT = join(ROOT, '.github', 'scripts', 'changed-stacks.js');

function synthesize(dir: string, config: Record<string, unknown>): string {
  mkdirSync(join(dir, 'environments'), { recursive: true });
  writeFileSync(join(dir, 'environments', 'bench.yaml'), stringify(config));
  const result = spawnSync(process.execPath, [MAIN, '--env', 'bench', '--quiet'], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`synth failed: ${result.stderr}`);
  return join(dir, 'cdktf.out');
}

function resources(out: string): number {
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { stacks: Record<string, { synthesizedStackPath: string }> };
  let count = 0;
  for (const entry of Object.values(manifest.stacks)) {
    const json = JSON.parse(readFileSync(join(out, entry.synthesizedStackPath), 'utf8')) as { resource?: Record<string, Record<string, unknown>> };
    for (const byName of Object.values(json.resource ?? {})) count += Object.keys(byName).length;
  }
  return count;
}

const sizes = (command.positionals.length > 0 ? command.positionals : ['100x20', '300x50']).map((size) => {
  const match = /^(\d{1,6})x(\d{1,6})$/.exec(size);
  if (!match || Number(match[1]) < 2 || Number(match[2]) < 1) process.exit(usageError(COMMAND, `size ${JSON.stringify(size)}: use <accounts>x<groups>, e.g. 100x20 (at least 2 accounts and 1 group)`));
  return { accounts: Number(match[1]), groups: Number(match[2]) };
});

console.log('changed-stacks.js on two synth outputs (one permission set changed); the machine may be loaded: compare CPU, not wall');
console.log('accounts x groups | resources per synth | selected | skipped | wall s | CPU s (user+sys)');
for (const { accounts, groups } of sizes) {
  const dir = mkdtempSync(join(tmpdir(), 'changed-stacks-bench-'));
  try {
    const shape = { accounts, groups, permissionSets: Math.min(groups, 10) };
    const config = generatedConfig(shape);
    const base = synthesize(join(dir, 'base'), config);
    const changed = generatedConfig(shape) as { identityCenter: { permissionSets: Record<string, { sessionDuration: string }> } };
    changed.identityCenter.permissionSets.Set0.sessionDuration = 'PT4H';
    const head = synthesize(join(dir, 'head'), changed);
    // /usr/bin/time-like figures from the child's own resource usage.
    const measure = `const t=process.hrtime.bigint();const r=require(${JSON.stringify(SCRIPT)}).compare(process.argv[1],process.argv[2]);const u=process.cpuUsage();` +
      `console.log(JSON.stringify({wall:Number(process.hrtime.bigint()-t)/1e9,cpu:(u.user+u.system)/1e6,plan:r.plan,skipped:r.skipped.map((s)=>s.stack)}))`;
    const run = spawnSync(process.execPath, ['-e', measure, base, head], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
    const figures = JSON.parse(run.stdout) as { wall: number; cpu: number; plan: string[]; skipped: string[] };
    console.log(`${accounts} x ${groups} | ${resources(head)} | ${figures.plan.join(' ')} | ${figures.skipped.join(' ')} | ${figures.wall.toFixed(2)} | ${figures.cpu.toFixed(2)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
