/**
 * The expiry workflow's gate: `node dist/review/expiry/cli.js [--out cdktf.out]`, after the synth and
 * .github/scripts/plan-stacks.sh. Reads every environment's `environments/<env>/expiry.json` and the
 * plans in `planned-stacks.txt`, prints the verdict, writes `<out>/expiry-verdict.md` (the issue's
 * body when the plans are not applied) and, with GITHUB_OUTPUT set, `verdict=apply|nothing|blocked`.
 * Exit 0 with a verdict; 1 when a file cannot be read (then nothing is applied either).
 */
import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXPIRY_FILE, expiryWords, type ExpiryEntry, type ExpiryFile } from '../../model/expiry';
import { readPlan } from '../plan/read-plan';
import { judgeExpiryPlans, type ExpiryVerdict } from './plan-check';

function expiredEntries(out: string): ExpiryEntry[] {
  const environments = join(out, 'environments');
  if (!existsSync(environments)) throw new Error(`${environments} does not exist: run the synth first`);
  return readdirSync(environments).sort().flatMap((name) => {
    const file = join(environments, name, EXPIRY_FILE);
    if (!existsSync(file)) throw new Error(`${file} does not exist: the synth that wrote ${out} predates expiry.json; synthesize again`);
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as ExpiryFile;
    if (parsed.version !== 1 || !Array.isArray(parsed.expired)) throw new Error(`${file}: not an expiry.json of version 1`);
    return parsed.expired;
  });
}

/** Stacks plan-stacks.sh left for after an apply (new account IDs): that is never an expiry-only change. */
function withDeferred(verdict: ExpiryVerdict, deferred: readonly string[]): ExpiryVerdict {
  if (deferred.length === 0) return verdict;
  return { apply: false, removals: verdict.removals, blockers: [...verdict.blockers, `${deferred.join(', ')}: not planned, they read outputs the first phase changes (new accounts)`] };
}

export function verdictMarkdown(verdict: ExpiryVerdict): string {
  const removed = verdict.removals.map(({ stack, entry }) => `- ${entry.principalType === 'USER' ? 'user' : 'group'} ${entry.principal} / ${entry.permissionSet} / ${entry.account}: was granted ${expiryWords(entry.expires)}${entry.reason ? ` (${entry.reason})` : ''} — \`${entry.address}\` in ${stack}`);
  if (verdict.apply) return [`Applying: the plans only remove ${verdict.removals.length} expired grant(s).`, '', ...removed, ''].join('\n');
  if (verdict.blockers.length === 0) return 'Nothing to remove: no plan has changes.\n';
  return [
    'The scheduled expiry run did **not** apply: the plans do more than remove expired grants, so they need the reviewed deploy (deploy.yml).',
    '',
    '### Not an expired grant\'s removal',
    ...verdict.blockers.map((line) => `- ${line}`),
    ...(removed.length > 0 ? ['', '### Expired grants waiting for removal', ...removed] : []),
    '',
  ].join('\n');
}

/** Reads `out` (the synth's output with the plans in it), judges, writes `<out>/expiry-verdict.md`. */
export function expiryCheck(out: string): { verdict: 'apply' | 'nothing' | 'blocked'; body: string } {
  const expired = expiredEntries(out);
  const planned = existsSync(join(out, 'planned-stacks.txt')) ? readFileSync(join(out, 'planned-stacks.txt'), 'utf8').split('\n').filter((line) => line !== '') : [];
  const plans = planned.map((stack) => readPlan(join(out, 'stacks', stack, 'plan.json'), { stack }));
  const deferred = existsSync(join(out, 'deferred-stacks.txt')) ? readFileSync(join(out, 'deferred-stacks.txt'), 'utf8').split(/\s+/).filter((name) => name !== '') : [];
  const judged = withDeferred(judgeExpiryPlans(plans, expired), deferred);
  const verdict = judged.apply ? 'apply' : judged.blockers.length === 0 ? 'nothing' : 'blocked';
  const body = verdictMarkdown(judged);
  writeFileSync(join(out, 'expiry-verdict.md'), body);
  return { verdict, body };
}

function main(argv: readonly string[]): number {
  const at = argv.indexOf('--out');
  const out = at >= 0 ? argv[at + 1] : 'cdktf.out';
  try {
    const { verdict: word, body } = expiryCheck(out);
    process.stdout.write(`verdict: ${word}\n${body}`);
    if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `verdict=${word}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`expiry check: ${(error as Error).message}; nothing is applied\n`);
    return 1;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
