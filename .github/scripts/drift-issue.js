// What the nightly drift run does with its one issue, from the results of drift.yml's jobs
// ({environment, outcome, changed: [stacks], unplanned: [stacks]}: one a plan job, which plans one
// stack or a batch, one an environment that did not synthesize, one an environment whose second phase
// was held back), merged per environment.
//   close:  every environment planned and every plan empty
//   upsert: open the issue, or update the open one, with this body
// Used by drift.yml through actions/github-script; tested by test/workflows/drift-issue.test.ts.
'use strict';

const TITLE = 'Drift: the nightly plan is not empty';

/** One result an environment: its plans' changed and unplanned stacks, and the first outcome that is not success. */
function byEnvironment(results) {
  const merged = new Map();
  for (const result of results) {
    const seen = merged.get(result.environment);
    if (!seen) merged.set(result.environment, { ...result, changed: [...result.changed], unplanned: [...result.unplanned] });
    else {
      seen.changed.push(...result.changed);
      seen.unplanned.push(...result.unplanned);
      if (seen.outcome === 'success') seen.outcome = result.outcome;
    }
  }
  return [...merged.values()].map((result) => ({ ...result, changed: [...new Set(result.changed)].sort(), unplanned: [...new Set(result.unplanned)].sort() }));
}

function driftIssue(jobResults, { run, date }) {
  const results = byEnvironment(jobResults);
  const failed = results.filter((result) => result.outcome !== 'success');
  const drifted = results.filter((result) => result.changed.length > 0);
  if (results.length > 0 && failed.length === 0 && drifted.length === 0) {
    return { action: 'close', comment: `Every plan is empty again ([run](${run})).`, failed: [] };
  }
  const rows = [...results]
    .sort((a, b) => a.environment.localeCompare(b.environment))
    .map((r) => `| ${r.environment} | ${r.changed.join(', ') || '—'} | ${r.unplanned.join(', ') || '—'} | ${r.outcome === 'success' ? 'planned' : `**${r.outcome}**`} |`);
  const body = [
    `The nightly plan of ${date} ([run](${run})) is not empty: AWS differs from the config, or a stack could not be planned.`,
    '',
    '| environment | stacks whose plan has changes | not planned (they read changed outputs) | plan |',
    '|---|---|---|---|',
    ...(rows.length > 0 ? rows : ['| — | — | — | **no results: no environment was planned** |']),
    '',
    "Read the run's plan output, then change the config to match (a reviewed pull request) or let the next deploy put AWS back. The first night whose plans are all empty closes this issue.",
  ].join('\n');
  return { action: 'upsert', title: TITLE, body, failed: results.length === 0 ? ['every environment'] : failed.map((r) => r.environment) };
}

module.exports = { driftIssue, byEnvironment, TITLE };
