// What the nightly drift run does with its one issue, from each environment's result
// ({environment, outcome, changed: [stacks], unplanned: [stacks]}, written by drift.yml's plan job).
//   close:  every environment planned and every plan empty
//   upsert: open the issue, or update the open one, with this body
// Used by drift.yml through actions/github-script; tested by test/workflows/drift-issue.test.ts.
'use strict';

const TITLE = 'Drift: the nightly plan is not empty';

function driftIssue(results, { run, date }) {
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

module.exports = { driftIssue, TITLE };
