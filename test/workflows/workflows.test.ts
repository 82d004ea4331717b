/**
 * The workflows, parsed: actions pinned by commit, least permissions, path filters that cover every
 * input of the synth, the local-state guard before any Terraform, and an apply that takes exactly the
 * saved plan that was reviewed and approved.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';

const ROOT = resolve(__dirname, '..', '..');
const WORKFLOWS = join(ROOT, '.github', 'workflows');
const read = (name: string) => readFileSync(join(WORKFLOWS, name), 'utf8');
const FILES = readdirSync(WORKFLOWS).filter((name) => name.endsWith('.yml'));

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  permissions?: Record<string, string>;
  environment?: string;
  needs?: string | string[];
  if?: string;
  outputs?: Record<string, string>;
  uses?: string;
  steps?: Step[];
}
interface Workflow {
  on: Record<string, { paths?: string[]; branches?: string[] } | null> & { schedule?: Array<{ cron: string }> };
  env?: Record<string, string | number>;
  permissions: object;
  jobs: Record<string, Job>;
}
const workflow = (name: string) => parse(read(name)) as Workflow;

test('the workflows are plan, deploy (with its per-environment workflow), drift and expiry', () => {
  expect(FILES.sort()).toEqual(['deploy-environment.yml', 'deploy.yml', 'drift.yml', 'expiry.yml', 'plan.yml']);
});

test.each(FILES)('%s pins every action to a full commit SHA, with the release it is in a comment', (name) => {
  const all = [...read(name).matchAll(/^\s*(?:- )?uses: (\S+)(.*)$/gm)];
  expect(all.length).toBeGreaterThan(0);
  // ./.github/workflows/…: this repository's own reusable workflow, at the same commit.
  const uses = all.filter(([, action]) => !/^\.\/\.github\/workflows\/[\w-]+\.yml$/.test(action));
  for (const [, action, comment] of uses) {
    expect(action).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40}$/);
    expect(comment).toMatch(/^ # v\d+\.\d+\.\d+$/);
  }
});

test.each(FILES)('%s gives each job only the permissions it names', (name) => {
  const parsed = workflow(name);
  expect(parsed.permissions).toEqual({});
  for (const job of Object.values(parsed.jobs)) expect(job.permissions).toBeDefined();
});

test.each(FILES.filter((name) => name !== 'deploy.yml'))('%s runs on Node 24 (current LTS); package.json still accepts Node 20', (name) => {
  expect(workflow(name).env?.NODE_VERSION).toBe(24);
  for (const job of Object.values(workflow(name).jobs)) {
    for (const step of job.steps ?? []) if (step.uses?.startsWith('actions/setup-node@')) expect(step.with?.['node-version']).toBe('${{ env.NODE_VERSION }}');
  }
  expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).engines.node).toBe('>=20');
});

describe('path filters', () => {
  /** Top-level folders and files the synth (main.ts) and the review (review/cli.ts) are built from, by following relative imports. */
  function importedTopLevel(entries: string[]): Set<string> {
    const seen = new Set<string>();
    const queue = entries.map((entry) => join(ROOT, entry));
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(/(?:from|import|require\()\s*'(\.{1,2}\/[^']+)'/g)) {
        const target = [`${spec}.ts`, `${spec}/index.ts`, spec].map((candidate) => resolve(dirname(file), candidate)).find((candidate) => existsSync(candidate) && candidate.endsWith('.ts') || candidate.endsWith('.json') && existsSync(candidate));
        if (target && target.endsWith('.ts')) queue.push(target);
        else if (target) seen.add(target);
      }
    }
    return new Set([...seen].map((file) => relative(ROOT, file).split('/')[0]));
  }
  /** Top-level folders the environment files name (`file: ../policies/…`). */
  function referencedByEnvironments(): Set<string> {
    const folders = new Set<string>();
    for (const file of readdirSync(join(ROOT, 'environments')).filter((name) => name.endsWith('.yaml'))) {
      for (const [, path] of readFileSync(join(ROOT, 'environments', file), 'utf8').matchAll(/\bfile: (\S+)/g)) folders.add(relative(ROOT, resolve(ROOT, 'environments', path)).split('/')[0]);
    }
    return folders;
  }
  /** What a top-level name becomes in a filter: `environments/**` for a folder, the name for a file. */
  const asFilter = (name: string) => (existsSync(join(ROOT, name)) && !name.includes('.') ? `${name}/**` : name);

  // Read by the synth or the workflows around it, besides the sources main.ts imports.
  const ALSO_INPUTS = ['environments', 'scripts', 'package.json', 'package-lock.json', 'cdktf.json', 'tsconfig.json'];
  // Top-level names that are not an input of the synth, each for a reason. A new folder must be added to
  // the filters or here.
  const NOT_INPUTS: Record<string, string> = {
    '.ci': 'runs the tests',
    '.github': 'only .github/scripts and the workflow itself are inputs (listed by path)',
    '.gitignore': 'git only',
    'README.md': 'documentation',
    LICENSE: 'documentation',
    'CHANGELOG.md': 'documentation',
    docs: 'documentation',
    test: 'tests',
    'jest.config.js': 'tests',
    'jest.roundtrip.config.js': 'tests (npm run test:terraform)',
    'jest.suites.js': 'tests (which jest config runs which Terraform suite)',
    'jest.sequencer.js': 'tests (the order jest starts the files in)',
    bench: 'benchmarks, not imported by main.ts',
    discovery: 'its own CLI, not imported by main.ts',
    adopt: 'its own CLI, not imported by main.ts',
  };
  const inputs = [...new Set([...importedTopLevel(['main.ts', 'review/cli.ts']), ...referencedByEnvironments(), ...ALSO_INPUTS])].sort();

  test('the inputs found include the folders everyone expects', () => {
    expect(inputs).toEqual(expect.arrayContaining(['config', 'environments', 'lib', 'main.ts', 'model', 'modules', 'package-lock.json', 'policies', 'review', 'stacks', 'synth']));
  });

  test('every top-level name in the repository is an input or named as not one', () => {
    // Tracked and untracked files git does not ignore (node_modules, dist, cdktf.out, state files are).
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
    const topLevel = [...new Set(files.map((file) => file.split('/')[0]))];
    expect(topLevel).toContain('main.ts');
    const unclassified = topLevel.filter((name) => !inputs.includes(name) && !(name in NOT_INPUTS));
    expect(unclassified).toEqual([]);
  });

  const planInputs = () => String(workflow('plan.yml').env?.SYNTH_INPUTS).split('\n').map((line) => line.trim()).filter(Boolean);
  const deployPaths = () => workflow('deploy.yml').on.push!.paths!;

  test.each([
    ['plan.yml SYNTH_INPUTS', planInputs],
    ['deploy.yml on.push.paths', deployPaths],
  ])('%s lists every input of the synth, the scripts between synth and Terraform, and itself', (_name, filters) => {
    for (const input of inputs) expect(filters()).toContain(asFilter(input));
    expect(filters()).toContain('.github/scripts/**');
  });

  test('plan.yml and deploy.yml filter on the same inputs', () => {
    const own = (filter: string) => filter.startsWith('.github/workflows/');
    expect(planInputs().filter((filter) => !own(filter)).sort()).toEqual(deployPaths().filter((filter) => !own(filter)).sort());
    expect(planInputs()).toContain('.github/workflows/plan.yml');
    expect(deployPaths()).toEqual(expect.arrayContaining(['.github/workflows/deploy.yml', '.github/workflows/deploy-environment.yml']));
  });

  test('the pull request workflow has no path filter, so the required check reports on every pull request', () => {
    const parsed = workflow('plan.yml');
    expect(parsed.on.pull_request?.paths).toBeUndefined();
    const verdict = parsed.jobs.verdict;
    expect(verdict.if).toBe('always()');
    expect(verdict.needs).toEqual(['changes', 'select', 'plan-first', 'second-phase', 'plan-second', 'review']);
    expect(parsed.jobs.select.if).toBe("needs.changes.outputs.plan == 'true'");
    const run = verdict.steps![0].run!;
    expect(run).toContain('if [ "$PLAN_NEEDED" != true ]; then echo "No input of the synth changed: nothing to plan."; exit 0; fi');
    expect(run).toContain('[ "$SELECT" = success ] && [ "$REVIEWS" = success ] || exit 1');
    expect(run).toContain('[ "$result" = success ] || [ "$result" = skipped ] || exit 1');
  });
});

describe('the local-state guard', () => {
  const runsTerraform = (step: Step) => Boolean(step.uses?.startsWith('hashicorp/setup-terraform@') || /\bterraform\b|plan-stacks\.sh|apply-plans\.sh/.test(step.run ?? ''));
  const jobsWithTerraform = FILES.flatMap((name) => Object.entries(workflow(name).jobs).filter(([, job]) => job.steps?.some(runsTerraform)).map(([id, job]) => [`${name} ${id}`, job] as const));

  test('every job that runs Terraform is found', () => {
    expect(jobsWithTerraform.map(([id]) => id).sort()).toEqual([
      'deploy-environment.yml apply', 'deploy-environment.yml apply-second', 'deploy-environment.yml plan', 'deploy-environment.yml plan-second',
      'drift.yml plan-first', 'drift.yml plan-second', 'expiry.yml expire', 'plan.yml plan-first', 'plan.yml plan-second',
    ]);
  });

  test.each(jobsWithTerraform)('%s refuses local state after synth and before any terraform command', (_id, job) => {
    const steps = job.steps!;
    // The synth job's own check, or the plan job's of the synth output it restores (OUT: its environment's).
    const guard = steps.findIndex((step) => step.run?.trim() === 'node .github/scripts/require-remote-state.js' || step.run?.trim() === 'node .github/scripts/require-remote-state.js --out "$OUT"');
    const synth = steps.findIndex((step) => step.name === 'Synthesize' || (step.uses?.startsWith('actions/download-artifact@') && step.with?.name === 'synth'));
    expect(synth).toBeGreaterThanOrEqual(0);
    expect(guard).toBeGreaterThan(synth);
    expect(guard).toBeLessThan(steps.findIndex(runsTerraform));
  });
});

describe('approval on the exact saved plan', () => {
  const deploy = workflow('deploy-environment.yml');

  test('deploy.yml runs dev, then prod, each through deploy-environment.yml', () => {
    const jobs = workflow('deploy.yml').jobs;
    expect(jobs.dev.uses).toBe('./.github/workflows/deploy-environment.yml');
    expect(jobs.prod.uses).toBe('./.github/workflows/deploy-environment.yml');
    expect(jobs.prod.needs).toBe('dev');
  });

  test('every environment file has a deploy job, and every deploy job an environment file', () => {
    const files = readdirSync(join(ROOT, 'environments')).filter((name) => name.endsWith('.yaml')).map((name) => name.replace(/\.yaml$/, '')).sort();
    const jobs = Object.values(workflow('deploy.yml').jobs) as Array<Job & { with?: { environment?: string } }>;
    expect(jobs.map((job) => job.with?.environment).sort()).toEqual(files);
  });

  test('plans are made without the environment gate, so the approval comes after the plan exists', () => {
    expect(deploy.jobs.plan.environment).toBeUndefined();
    expect(deploy.jobs['plan-second'].environment).toBeUndefined();
    expect(deploy.jobs.apply.environment).toBe('${{ inputs.environment }}');
    expect(deploy.jobs['apply-second'].environment).toBe('${{ inputs.environment }}');
  });

  test.each([
    ['plan', 'apply', 'phase-1'],
    ['plan-second', 'apply-second', 'phase-2'],
  ])('%s saves and reviews the plan files that %s restores, checks against the reported digest and applies', (planId, applyId, phase) => {
    const plan = deploy.jobs[planId];
    const apply = deploy.jobs[applyId];
    const planStep = plan.steps!.find((step) => step.run?.includes('plan-stacks.sh'))!;
    expect(plan.outputs?.digest).toBe('${{ steps.plan.outputs.digest }}');
    expect(planStep).toMatchObject({ id: 'plan' });
    expect(plan.steps!.find((step) => step.run?.includes('review-deploy.sh'))?.env?.DIGEST).toBe('${{ steps.plan.outputs.digest }}');
    const upload = plan.steps!.find((step) => step.uses?.startsWith('actions/upload-artifact@'))!;
    expect(upload.with?.name).toBe(`deploy-\${{ inputs.environment }}-${phase}`);
    expect(upload.with?.['include-hidden-files']).toBe(true); // upload-artifact leaves out dot files by default
    expect(String(upload.with?.path).split('\n')).toEqual(expect.arrayContaining(['cdktf.out/plans.sha256', 'cdktf.out/review.md', 'cdktf.out/stacks/*/plan.tfplan', 'cdktf.out/stacks/*/.terraform.lock.hcl']));

    expect(apply.needs).toContain(planId);
    const steps = apply.steps!;
    // The run's own artifact, with actions/download-artifact (the REST API behind `gh run download` lists it only after the run).
    const restore = steps.findIndex((step) => step.uses?.startsWith('actions/download-artifact@'));
    expect(steps[restore].with).toEqual({ name: `deploy-\${{ inputs.environment }}-${phase}`, path: 'cdktf.out' });
    expect(steps.some((step) => step.run?.includes('gh run download'))).toBe(false);
    const applyStep = steps.findIndex((step) => step.run?.includes('apply-plans.sh'));
    expect(applyStep).toBeGreaterThan(restore);
    expect(steps[applyStep].run).toBe('.github/scripts/apply-plans.sh "$DIGEST"');
    expect(steps[applyStep].env?.DIGEST).toBe(`\${{ needs.${planId}.outputs.digest }}`);
    // The apply job never makes a plan of its own.
    expect(steps.some((step) => /plan-stacks\.sh|terraform\s+(-chdir=\S+\s+)?plan\b/.test(step.run ?? ''))).toBe(false);
  });

  test('apply-plans.sh applies the saved plan file and nothing else', () => {
    const script = readFileSync(join(ROOT, '.github', 'scripts', 'apply-plans.sh'), 'utf8');
    expect(script).toContain('terraform -chdir="$dir" apply -input=false plan.tfplan');
    expect(script).toContain('sha256sum --check --strict');
    expect(script.match(/terraform -chdir="\$dir" apply/g)).toHaveLength(1);
  });

  test('the second phase runs only when the first deferred stacks and its apply succeeded', () => {
    expect(deploy.jobs['plan-second'].if).toBe("always() && needs.plan.outputs.deferred == 'true' && needs.apply.result == 'success'");
  });
});

describe('the approval label', () => {
  test('is accepted only from someone other than the author with the maintain or admin role', () => {
    const step = workflow('plan.yml').jobs.review.steps!.find((s) => s.name?.startsWith('Risk flags need an approval'))!;
    const script = String(step.with?.script);
    expect(script).toContain('approver === author');
    expect(script).toContain('getCollaboratorPermissionLevel');
    expect(script).toContain("['admin', 'maintain'].includes(role)");
  });

  test('a new push withdraws it', () => {
    const step = workflow('plan.yml').jobs.changes.steps!.find((s) => s.name === 'A new push needs a new approval')!;
    expect(String(step.with?.script)).toContain('removeLabel');
  });

  test('CODEOWNERS names owners for the config, the policies and the workflows', () => {
    const owners = readFileSync(join(ROOT, '.github', 'CODEOWNERS'), 'utf8').split('\n').filter((line) => line.trim() && !line.startsWith('#')).map((line) => line.split(/\s+/)[0]);
    expect(owners).toEqual(expect.arrayContaining(['*', '/environments/', '/policies/', '/.github/']));
  });
});

test('the plan workflow reviews every planned stack with both synthesized configs', () => {
  const parsed = workflow('plan.yml');
  const review = parsed.jobs.review.steps!.find((step) => step.run?.includes('dist/review/cli.js'))!;
  expect(review.run).toContain('base=(--base-synth-dir "synth/$ENVIRONMENT/base")');
  expect(review.run).toContain('--synth-dir "$OUT" "${base[@]}"');
  expect(review.run).toContain('--markdown review.md --json review.json "${plans[@]}"');
  expect(review.run).toContain('done < "$OUT/planned-stacks.txt"');
  expect(parsed.jobs.review.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
  // The plan jobs hold AWS credentials and write no comment; the review holds no AWS credentials.
  expect(parsed.jobs['plan-first'].permissions).toEqual({ contents: 'read', 'id-token': 'write' });
  expect(parsed.jobs.review.steps!.some((step) => step.uses?.startsWith('aws-actions/'))).toBe(false);
  // The comment links to the full access report, uploaded before the review runs.
  const steps = parsed.jobs.review.steps!;
  const upload = steps.findIndex((step) => step.id === 'access-report');
  expect(upload).toBeGreaterThan(-1);
  expect(upload).toBeLessThan(steps.indexOf(review));
  expect(String(steps[upload].with?.path).split('\n')).toEqual(
    expect.arrayContaining(['synth/${{ matrix.environment }}/head/environments/${{ matrix.environment }}/ACCESS.md', 'synth/${{ matrix.environment }}/head/environments/${{ matrix.environment }}/access.html']),
  );
  expect(review.env?.ACCESS_REPORT_URL).toBe('${{ steps.access-report.outputs.artifact-url }}');
  expect(review.run).toContain('"${base[@]}" "${link[@]}"');
});

test('the drift workflow plans every environment nightly and keeps one issue', () => {
  const parsed = workflow('drift.yml');
  expect(parsed.on.schedule?.[0].cron).toMatch(/^\d+ \d+ \* \* \*$/);
  for (const id of ['plan-first', 'plan-second']) expect(parsed.jobs[id].steps!.find((step) => step.name === 'Plan every stack')?.run).toContain('ONLY="$RUNNER_TEMP/stacks.txt" .github/scripts/plan-stacks.sh "$PHASE" -lock=false');
  const script = String(parsed.jobs.report.steps!.find((step) => step.uses?.startsWith('actions/github-script@'))?.with?.script);
  expect(script).toContain("require(path.join(process.env.GITHUB_WORKSPACE, '.github/scripts/drift-issue.js'))");
  expect(script).toContain('issues.create(');
  expect(script).toContain('issues.update({ owner, repo, issue_number: open[0].number, body: decision.body })');
  expect(script).toContain("state: 'closed'");
  expect(parsed.jobs.report.if).toBe('always()');
  expect(parsed.jobs.report.permissions).toEqual({ contents: 'read', issues: 'write' });
});

test('the expiry workflow applies its saved plans only on the verdict apply, with the digest of its own plan step', () => {
  const jobs = workflow('expiry.yml').jobs;
  const steps = jobs.expire.steps!;
  const plan = steps.findIndex((step) => step.run?.includes('plan-stacks.sh'));
  const gate = steps.findIndex((step) => step.run === 'node dist/review/expiry/cli.js --out cdktf.out');
  const apply = steps.findIndex((step) => step.run?.includes('apply-plans.sh'));
  expect(plan).toBeGreaterThanOrEqual(0);
  expect(gate).toBeGreaterThan(plan);
  expect(apply).toBeGreaterThan(gate);
  expect(steps[apply]).toMatchObject({ if: "steps.gate.outputs.verdict == 'apply'", env: { DIGEST: '${{ steps.plan.outputs.digest }}' }, run: '.github/scripts/apply-plans.sh "$DIGEST"' });
  // The apply role is assumed only for the apply, and is not the deploy role.
  const roles = steps.filter((step) => step.uses?.startsWith('aws-actions/configure-aws-credentials@'));
  expect(roles.map((step) => [step.with?.['role-to-assume'], (step as Step & { if?: string }).if])).toEqual([
    ['${{ fromJSON(vars.PLAN_ROLE_ARNS)[matrix.environment] }}', undefined],
    ['${{ fromJSON(vars.EXPIRY_ROLE_ARNS)[matrix.environment] }}', "steps.gate.outputs.verdict == 'apply'"],
  ]);
  expect(jobs.expire.environment).toBeUndefined();
  expect(jobs.report.permissions).toEqual({ issues: 'write' });
});

test('Dependabot updates the pinned actions and the npm packages', () => {
  const config = parse(readFileSync(join(ROOT, '.github', 'dependabot.yml'), 'utf8')) as { updates: Array<{ 'package-ecosystem': string }> };
  expect(config.updates.map((update) => update['package-ecosystem']).sort()).toEqual(['github-actions', 'npm']);
});

describe('plan only what changed', () => {
  const steps = () => workflow('plan.yml').jobs.select.steps!;
  const index = (predicate: (step: Step) => boolean) => steps().findIndex(predicate);

  test('the pull request plans only the stacks plan-matrix.js selects (changed-stacks.js per environment), after both synths', () => {
    const select = index((step) => Boolean(step.run?.includes('.github/scripts/plan-matrix.js')));
    expect(select).toBeGreaterThan(index((step) => step.name === 'Synthesize the base branch'));
    expect(select).toBeGreaterThan(index((step) => step.name === 'Synthesize'));
    expect(steps()[select].run).toContain('node .github/scripts/plan-matrix.js --synth synth --limit "$limit"');
    expect(steps()[select].run).not.toContain('--all');
    // A base that failed to synthesize is no base: every stack of it is planned.
    const base = steps()[index((step) => step.name === 'Synthesize the base branch')];
    expect(base.run).toContain('rm -rf "../synth/$environment/base"');
    // The plan jobs plan exactly their matrix entry's stacks.
    const plan = workflow('plan.yml').jobs['plan-first'].steps!.find((step) => step.run?.includes('plan-stacks.sh'))!;
    expect(plan.run).toContain('ONLY="$RUNNER_TEMP/stacks.txt" .github/scripts/plan-stacks.sh "$PHASE" -lock=false');
  });

  test('the comment names the skipped stacks, and an environment with nothing to plan still gets its comment', () => {
    const review = workflow('plan.yml').jobs.review.steps!.find((step) => step.run?.includes('dist/review/cli.js'))!;
    expect(review.run).toContain('cat "$OUT/skipped-stacks.md" >> review.md');
    expect(review.run).toContain("printf '<!-- plan-review: %s -->");
  });

  test('the nightly drift run plans every stack: no selection', () => {
    const drift = workflow('drift.yml').jobs;
    expect(JSON.stringify(drift)).not.toContain('changed-stacks.js');
    expect(drift.select.steps!.find((step) => step.run?.includes('plan-matrix.js'))?.run).toContain('--all');
    for (const id of ['plan-first', 'plan-second']) expect(drift[id].steps!.find((step) => step.name === 'Plan every stack')?.env).not.toHaveProperty('ONLY');
  });
});

test('the HCP Terraform token reaches only the steps that run terraform plan or apply', () => {
  const withToken: string[] = [];
  const terraformSteps: string[] = [];
  for (const name of FILES) {
    for (const [jobName, job] of Object.entries(workflow(name).jobs)) {
      for (const step of job.steps ?? []) {
        const where = `${name} ${jobName}: ${step.name ?? step.run}`;
        if (step.env && 'TF_TOKEN_app_terraform_io' in step.env) withToken.push(where);
        if (/plan-stacks\.sh|apply-plans\.sh/.test(step.run ?? '')) terraformSteps.push(where);
      }
    }
  }
  expect(withToken.sort()).toEqual(terraformSteps.sort());
  expect(withToken.length).toBe(10);
  const deploy = workflow('deploy.yml') as unknown as { jobs: Record<string, { uses?: string; secrets?: Record<string, string> }> };
  for (const job of Object.values(deploy.jobs).filter((job) => job.uses)) expect(job.secrets).toEqual({ TF_TOKEN_APP_TERRAFORM_IO: '${{ secrets.TF_TOKEN_APP_TERRAFORM_IO }}' });
});
