/**
 * Reviews Terraform plans for a pull request.
 *
 *   node dist/review/cli.js [--markdown FILE] [--json FILE] [--synth-dir DIR] [--base-synth-dir DIR]
 *                           [--management-account-id ID]... [--admin-permission-set NAME] [--access-report-url URL]
 *                           [--title TEXT] PLAN.json...
 *
 * Each PLAN.json is `terraform show -json <planfile>` for one stack; the stack is the directory of a
 * `plan.json` (cdktf.out/stacks/<stack>/plan.json) or the file name without `.json`. Writes the
 * Markdown report (the pull request comment) to FILE or stdout, and the JSON report to FILE.
 * `--help` describes every option (REVIEW_COMMAND). The report files are checked before any input
 * is read and written together, atomically (outputs.ts). Exit codes: see exit-codes.ts.
 */
import { writeFileSync } from 'node:fs';
import { parseCommandLine, usageError, type CommandSpec } from '../lib/cli';
import { EXIT_CODES } from './exit-codes';
import { CONTEXT_SOURCE_TYPES } from './diff/context';
import { NAME_SOURCE_TYPES } from './names';
import type { Plan } from './plan/model';
import { PlanReadError, readPlan } from './plan/read-plan';
import { checkOutputs, writeAllAtomically } from './outputs';
import { writeJson } from './render/json';
import { renderMarkdown } from './render/markdown';
import { reviewPlans, type Review } from './review';
import { SCP_ATTACHMENT_PRIOR_TYPES } from './rules/scp-attachment-deleted';
import { readSynthDir, readSynthFacts, SynthReadError, type SynthStack } from './synth/read-synth';
import { readAccessReports } from './synth/read-access';
import type { AccessReport } from '../model/access';

export const REVIEW_COMMAND: CommandSpec = {
  usage: 'node dist/review/cli.js',
  summary: [
    'Reviews Terraform plans for a pull request: who gains or loses which access, what changes, and the risk',
    'flags that need an approval. Needs no AWS access and no Terraform binary. `npm run review --` runs this.',
  ].join('\n'),
  positionals: { name: 'PLAN.json...', description: '`terraform show -json <planfile>` of one stack each; the stack is the directory of a plan.json, else the file name' },
  options: {
    markdown: { type: 'string', value: 'FILE', description: 'write the Markdown report (the pull request comment) to FILE (default: stdout)' },
    json: { type: 'string', value: 'FILE', description: 'also write the JSON report to FILE' },
    'synth-dir': { type: 'string', value: 'DIR', description: "this change's cdktf.out: names behind references, accepted findings, the access report's words" },
    'base-synth-dir': { type: 'string', value: 'DIR', description: "the base branch's cdktf.out: enables RISK-PREVENT-DESTROY-REMOVED and the access report's changed rows" },
    'access-report-url': { type: 'string', value: 'URL', description: 'where readers of the comment find the full ACCESS.md (default: its path under --synth-dir)' },
    'management-account-id': { type: 'string', value: 'ID', multiple: true, description: 'the 12-digit management account, when no reviewed plan has the organization' },
    'admin-permission-set': { type: 'string', value: 'NAME', description: 'the one permission set meant to be administrator-level (default: Admin)' },
    title: { type: 'string', value: 'TEXT', description: 'heading of the report, and the key of the pull request comment (default: Terraform plan review)' },
  },
  exitCodes: [
    [EXIT_CODES.noRisk, 'every plan was read; no risk flags'],
    [EXIT_CODES.usage, 'bad command line (unknown option, no plan file, a report that cannot be written or is also an input)'],
    [EXIT_CODES.approvalNeeded, 'risk flags: the change needs an explicit approval'],
    [EXIT_CODES.unreadableInput, 'unreadable input (a plan or synth directory); nothing was reviewed'],
  ],
  examples: ['npm run review -- --synth-dir cdktf.out cdktf.out/stacks/dev-*/plan.json', 'node dist/review/cli.js --markdown review.md --json review.json plan.json'],
};

interface ReviewValues {
  markdown?: string;
  json?: string;
  'synth-dir'?: string;
  'base-synth-dir'?: string;
  'management-account-id'?: string[];
  'admin-permission-set'?: string;
  'access-report-url'?: string;
  title?: string;
}

export interface Output {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const PROCESS_OUTPUT: Output = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

export async function main(argv: readonly string[], output: Output = PROCESS_OUTPUT): Promise<number> {
  const streams = { stdout: { write: output.stdout }, stderr: { write: output.stderr } };
  const command = parseCommandLine<ReviewValues>(REVIEW_COMMAND, argv, streams);
  if (!command.run) return command.exitCode;
  const args = { values: command.values, positionals: command.positionals };
  if (args.positionals.length === 0) return usageError(REVIEW_COMMAND, 'review: no plan file given', streams);
  const badId = (args.values['management-account-id'] ?? []).find((id) => !/^\d{12}$/.test(id));
  if (badId !== undefined) return usageError(REVIEW_COMMAND, `review: --management-account-id ${JSON.stringify(badId.slice(0, 40))} is not a 12-digit AWS account ID`, streams);
  // Before anything is read: a report that would overwrite an input, or cannot be written, stops here.
  const outputs = [...(args.values.markdown ? [{ option: '--markdown', file: args.values.markdown }] : []), ...(args.values.json ? [{ option: '--json', file: args.values.json }] : [])];
  const outputProblems = checkOutputs(outputs, args.positionals);
  if (outputProblems.length > 0) {
    output.stderr(`${outputProblems.map((problem) => `review: ${problem}`).join('\n')}\nNothing was read or written.\n`);
    return EXIT_CODES.usage;
  }

  let review: Review | number;
  let markdown: string;
  try {
    review = readAndReview(args.values, args.positionals, output);
    if (typeof review === 'number') return review;
    markdown = renderMarkdown(review, { title: args.values.title ?? 'Terraform plan review' });
  } catch (error) {
    if (!isStackOverflow(error)) throw error;
    const files = args.positionals.length === 1 ? args.positionals[0] : `one of ${args.positionals.join(', ')}`;
    output.stderr(
      `review: ${files}: a value nests deeper than the review can follow (${(error as Error).message}); Terraform does not write plans like this: check that each file is the output of \`terraform show -json <planfile>\`\nNothing was reviewed.\n`,
    );
    return EXIT_CODES.unreadableInput;
  }
  try {
    const { markdown: markdownFile, json: jsonFile } = args.values;
    writeAllAtomically([
      ...(markdownFile ? [{ file: markdownFile, write: (path: string) => writeFileSync(path, markdown) }] : []),
      ...(jsonFile ? [{ file: jsonFile, write: (path: string) => writeJson(path, review) }] : []),
    ]);
    if (!markdownFile) output.stdout(markdown);
  } catch (error) {
    output.stderr(`review: cannot write the report: ${(error as Error).message}\n`);
    return EXIT_CODES.usage;
  }
  output.stderr(`${summaryLine(review)}\n`);
  return review.findings.length > 0 ? EXIT_CODES.approvalNeeded : EXIT_CODES.noRisk;
}

/**
 * Reads every input and reviews the plans; an exit code when an input cannot be read. The plans are
 * local to this function: the reports are rendered from the review alone, so a large plan's changes
 * can be collected before rendering starts instead of staying live beside the report.
 */
function readAndReview(values: ReviewValues, files: readonly string[], output: Output): Review | number {
  const problems: string[] = [];
  const synth = readSynth(values['synth-dir'], problems);
  const baseSynth = readSynth(values['base-synth-dir'], problems);
  const plans = readPlans(files, problems);
  if (problems.length > 0) {
    output.stderr(`${problems.map((problem) => `review: ${problem}`).join('\n')}\nNothing was reviewed.\n`);
    return EXIT_CODES.unreadableInput;
  }

  const given = values['management-account-id'] ?? [];
  let synthFacts: ReturnType<typeof readSynthFacts> = { accepted: [], managementAccountIds: [], expiry: new Map() };
  let head: Map<string, AccessReport> | undefined;
  let base: Map<string, AccessReport> | undefined;
  try {
    if (values['synth-dir']) synthFacts = readSynthFacts(values['synth-dir']);
    if (values['synth-dir']) head = readAccessReports(values['synth-dir']);
    if (values['base-synth-dir']) base = readAccessReports(values['base-synth-dir']);
  } catch (error) {
    if (!(error instanceof SynthReadError)) throw error;
    output.stderr(`review: ${error.message}\nNothing was reviewed.\n`);
    return EXIT_CODES.unreadableInput;
  }
  const { accepted } = synthFacts;
  const managementAccountIds = [...given, ...synthFacts.managementAccountIds];
  const accessReportLocation = values['access-report-url'] ?? values['synth-dir'];
  return reviewPlans({
    plans,
    synth,
    baseSynth,
    managementAccountIds,
    adminPermissionSet: values['admin-permission-set'],
    accepted,
    expiry: synthFacts.expiry,
    accessReports: { head, base },
    ...(accessReportLocation !== undefined ? { accessReportLocation } : {}),
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

/** prior_state resources the review reads: those that name things, those the context needs, and an account's OU's attachments. */
const PRIOR_TYPES: ReadonlySet<string> = new Set([...NAME_SOURCE_TYPES, ...CONTEXT_SOURCE_TYPES, ...SCP_ATTACHMENT_PRIOR_TYPES]);

function readPlans(files: readonly string[], problems: string[]): Plan[] {
  const plans: Plan[] = [];
  for (const file of files) {
    try {
      plans.push(readPlan(file, { keepPriorTypes: PRIOR_TYPES, keepConfigTypes: NAME_SOURCE_TYPES }));
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

/**
 * V8's error when recursion runs out of stack: JSON.stringify, and the review's own walks, recurse
 * into a value, and a hostile plan can nest one a hundred thousand levels deep.
 */
function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/** One line for CI logs: `review: 3 stacks, 2 risk flags need approval (RISK-ASSIGNMENT-REPLACED ×2)`, and how many the config suppresses. */
function summaryLine(review: Review): string {
  const stacks = `${review.stacks.length} stack${review.stacks.length === 1 ? '' : 's'}`;
  const suppressed = review.suppressed.length === 0 ? '' : ` (${review.suppressed.length} suppressed by the config)`;
  if (review.findings.length === 0) return `review: ${stacks}, no risk flags${suppressed}`;
  const byRule = review.rules.map((rule) => `${rule.id} ×${review.findings.filter((finding) => finding.ruleId === rule.id).length}`);
  return `review: ${stacks}, ${review.findings.length} risk flag${review.findings.length === 1 ? '' : 's'} ${
    review.findings.length === 1 ? 'needs' : 'need'
  } approval (${byRule.join(', ')})${suppressed}`;
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
