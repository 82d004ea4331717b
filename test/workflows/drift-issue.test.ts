/** What the nightly drift run does with its one issue (.github/scripts/drift-issue.js). */
const { driftIssue } = require('../../.github/scripts/drift-issue.js') as {
  driftIssue: (results: Array<{ environment: string; outcome: string; changed: string[]; unplanned: string[] }>, at: { run: string; date: string }) => { action: string; title?: string; body?: string; comment?: string; failed: string[] };
};

const at = { run: 'https://github.com/o/r/actions/runs/1', date: '2026-12-02' };
const clean = (environment: string) => ({ environment, outcome: 'success', changed: [], unplanned: [] });

test('every plan empty: the open issue is closed', () => {
  expect(driftIssue([clean('dev'), clean('prod')], at)).toEqual({ action: 'close', comment: 'Every plan is empty again ([run](https://github.com/o/r/actions/runs/1)).', failed: [] });
});

test('a plan with changes opens or updates the issue, naming the environment and its stacks', () => {
  const decision = driftIssue([clean('dev'), { environment: 'prod', outcome: 'success', changed: ['prod-identity-center'], unplanned: [] }], at);
  expect(decision.action).toBe('upsert');
  expect(decision.title).toBe('Drift: the nightly plan is not empty');
  expect(decision.body).toContain('| prod | prod-identity-center | — | planned |');
  expect(decision.body).toContain('| dev | — | — | planned |');
  expect(decision.failed).toEqual([]);
});

test('a plan that fails keeps the issue open and fails the run', () => {
  const decision = driftIssue([clean('dev'), { environment: 'prod', outcome: 'failure', changed: [], unplanned: [] }], at);
  expect(decision.action).toBe('upsert');
  expect(decision.body).toContain('| prod | — | — | **failure** |');
  expect(decision.failed).toEqual(['prod']);
});

test('no results at all is not "clean"', () => {
  const decision = driftIssue([], at);
  expect(decision.action).toBe('upsert');
  expect(decision.failed).toEqual(['every environment']);
});

test('the results of one job a stack are merged per environment: its changed stacks together, a failed plan fails it', () => {
  const decision = driftIssue(
    [
      clean('dev'),
      { environment: 'prod', outcome: 'success', changed: ['prod-access-2'], unplanned: [] },
      { environment: 'prod', outcome: 'failure', changed: [], unplanned: [] },
      { environment: 'prod', outcome: 'success', changed: ['prod-access-1'], unplanned: [] },
      { environment: 'dev', outcome: 'success', changed: [], unplanned: ['dev-baseline', 'dev-identity-center'] },
    ],
    at,
  );
  expect(decision.body).toContain('| prod | prod-access-1, prod-access-2 | — | **failure** |');
  expect(decision.body).toContain('| dev | — | dev-baseline, dev-identity-center | planned |');
  expect(decision.body!.match(/^\| prod \|/gm)).toHaveLength(1);
  expect(decision.failed).toEqual(['prod']);
});

test('every job of every environment clean closes the issue', () => {
  expect(driftIssue([clean('prod'), clean('prod'), clean('dev')], at).action).toBe('close');
});
