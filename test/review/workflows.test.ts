/** The pull request and deploy workflows: actions pinned by commit, and the review called as documented. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const WORKFLOWS = join(__dirname, '..', '..', '.github', 'workflows');
const read = (name: string) => readFileSync(join(WORKFLOWS, name), 'utf8');

interface Workflow {
  jobs: Record<string, { permissions?: Record<string, string>; steps: Array<{ uses?: string; run?: string }> }>;
}

test.each(['plan.yml', 'deploy.yml'])('%s pins every action to a full commit SHA, with the release it is in a comment', (name) => {
  const uses = [...read(name).matchAll(/^\s*(?:- )?uses: (\S+)(.*)$/gm)];
  expect(uses.length).toBeGreaterThan(0);
  for (const [, action, comment] of uses) {
    expect(action).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40}$/);
    expect(comment).toMatch(/^ # v\d+\.\d+\.\d+$/);
  }
});

test.each(['plan.yml', 'deploy.yml'])('%s gives each job only the permissions it names', (name) => {
  const workflow = parse(read(name)) as Workflow & { permissions: object };
  expect(workflow.permissions).toEqual({});
  for (const job of Object.values(workflow.jobs)) expect(job.permissions).toBeDefined();
});

test('the plan workflow reviews every stack of the environment with both synthesized configs', () => {
  const workflow = parse(read('plan.yml')) as Workflow;
  const review = workflow.jobs.plan.steps.find((step) => step.run?.includes('dist/review/cli.js'))!;
  expect(review.run).toContain('--synth-dir cdktf.out "${base[@]}"');
  expect(review.run).toContain('--markdown review.md --json review.json cdktf.out/stacks/*/plan.json');
  expect(workflow.jobs.plan.permissions).toEqual({ contents: 'read', 'id-token': 'write', 'pull-requests': 'write' });
});
