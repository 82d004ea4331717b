/**
 * Reviews Terraform plans for a pull request.
 *
 *   node dist/review/cli.js [--markdown FILE] [--json FILE] [--synth-dir DIR] [--base-synth-dir DIR]
 *                           [--management-account-id ID]... [--admin-permission-set NAME] [--title TEXT] PLAN.json...
 *
 * Each PLAN.json is `terraform show -json <planfile>` for one stack; the stack is the directory of a
 * `plan.json` (cdktf.out/stacks/<stack>/plan.json) or the file name without `.json`. Writes the
 * Markdown report (the pull request comment) to FILE or stdout, and the JSON report to FILE.
 * Exit codes: see exit-codes.ts.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { EXIT_CODES } from './exit-codes';
import { CONTEXT_SOURCE_TYPES } from './diff/context';
import { NAME_SOURCE_TYPES } from './names';
import type { Plan } from './plan/model';
import { PlanReadError, readPlan } from './plan/read-plan';
import { writeJson } from './render/json';
import { renderMarkdown } from './render/markdown';
import { reviewPlans, type Review } from './review';
import { readSynthDir, readSynthFacts, SynthReadError, type SynthStack } from './synth/read-synth';

const USAGE =
  'usage: node dist/review/cli.js [--markdown FILE] [--json FILE] [--synth-dir DIR] [--base-synth-dir DIR] [--management-account-id ID]... [--admin-permission-set NAME] [--title TEXT] PLAN.json...';

export interface Output {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const PROCESS_OUTPUT: Output = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

export async function main(argv: readonly string[], output: Output = PROCESS_OUTPUT): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    output.stderr(`review: ${(error as Error).message}\n${USAGE}\n`);
    return EXIT_CODES.usage;
  }
  if (args.values.help) {
    output.stdout(`${USAGE}\n`);
    return EXIT_CODES.noRisk;
  }
  if (args.positionals.length === 0) {
    output.stderr(`review: no plan file given\n${USAGE}\n`);
    return EXIT_CODES.usage;
  }

  const problems: string[] = [];
  const synth = readSynth(args.values['synth-dir'], problems);
  const baseSynth = readSynth(args.values['base-synth-dir'], problems);
  const plans = readPlans(args.positionals, problems);
  if (problems.length > 0) {
    output.stderr(`${problems.map((problem) => `review: ${problem}`).join('\n')}\nNothing was reviewed.\n`);
    return EXIT_CODES.unreadableInput;
  }

  const given = args.values['management-account-id'] ?? [];
  const badId = given.find((id) => !/^\d{12}$/.test(id));
  if (badId !== undefined) {
    output.stderr(`review: --management-account-id "${badId}" is not a 12-digit AWS account ID\n${USAGE}\n`);
    return EXIT_CODES.usage;
  }
  let synthFacts: ReturnType<typeof readSynthFacts> = { accepted: [], managementAccountIds: [] };
  try {
    if (args.values['synth-dir']) synthFacts = readSynthFacts(args.values['synth-dir']);
  } catch (error) {
    if (!(error instanceof SynthReadError)) throw error;
    output.stderr(`review: ${error.message}\nNothing was reviewed.\n`);
    return EXIT_CODES.unreadableInput;
  }
  const { accepted } = synthFacts;
  const managementAccountIds = [...given, ...synthFacts.managementAccountIds];
  const review = reviewPlans({ plans, synth, baseSynth, managementAccountIds, adminPermissionSet: args.values['admin-permission-set'], accepted });
  const markdown = renderMarkdown(review, { title: args.values.title ?? 'Terraform plan review' });
  try {
    if (args.values.markdown) writeFileSync(args.values.markdown, markdown);
    else output.stdout(markdown);
    if (args.values.json) writeJson(args.values.json, review);
  } catch (error) {
    output.stderr(`review: cannot write the report: ${(error as Error).message}\n`);
    return EXIT_CODES.usage;
  }
  output.stderr(`${summaryLine(review)}\n`);
  return review.findings.length > 0 ? EXIT_CODES.approvalNeeded : EXIT_CODES.noRisk;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      markdown: { type: 'string' },
      json: { type: 'string' },
      'synth-dir': { type: 'string' },
      'base-synth-dir': { type: 'string' },
      'management-account-id': { type: 'string', multiple: true },
      'admin-permission-set': { type: 'string' },
      title: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function readSynth(dir: string | undefined, problems: string[]): Map<string, SynthStack> | undefined {
  if (dir === undefined) return undefined;
  try {
    return readSynthDir(dir);
  } catch (error) {
    if (!(error instanceof SynthReadError)) throw error;
    problems.push(error.message);
    return undefined;
  }
}

function readPlans(files: readonly string[], problems: string[]): Plan[] {
  const plans: Plan[] = [];
  for (const file of files) {
    try {
      const kept = (type: string) => NAME_SOURCE_TYPES.has(type) || CONTEXT_SOURCE_TYPES.has(type);
      plans.push(readPlan(file, { keepPriorType: kept, keepConfigType: (type) => NAME_SOURCE_TYPES.has(type) }));
    } catch (error) {
      if (!(error instanceof PlanReadError)) throw error;
      problems.push(error.message);
    }
  }
  const seen = new Map<string, string>();
  for (const plan of plans) {
    const other = seen.get(plan.stack);
    if (other !== undefined) problems.push(`${plan.file}: is for stack "${plan.stack}" like ${other}; give one plan per stack`);
    seen.set(plan.stack, plan.file);
  }
  return plans;
}

/** One line for CI logs: `review: 3 stacks, 2 risk flags need approval (RISK-ASSIGNMENT-REPLACED ×2)`. */
function summaryLine(review: Review): string {
  const stacks = `${review.stacks.length} stack${review.stacks.length === 1 ? '' : 's'}`;
  if (review.findings.length === 0) return `review: ${stacks}, no risk flags`;
  const byRule = review.rules.map((rule) => `${rule.id} ×${review.findings.filter((finding) => finding.ruleId === rule.id).length}`);
  return `review: ${stacks}, ${review.findings.length} risk flag${review.findings.length === 1 ? '' : 's'} ${
    review.findings.length === 1 ? 'needs' : 'need'
  } approval (${byRule.join(', ')})`;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // A bug in the review, not a problem with the input: keep the stack trace.
      process.stderr.write(`review: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
