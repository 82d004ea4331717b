/**
 * The JSON report (review/render/json.ts) is written in pieces, and a run of elements another list
 * already wrote (a stack's findings are also the report's; a permission set's inline statements are
 * also its inline policy's) is copied from the file instead of written again. Whatever the lists'
 * lengths and where runs fall, the file must be JSON.stringify of the report, byte for byte.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSON_REPORT_VERSION, renderJson, writeJson } from '../../review/render/json';
import { reviewPlans, type Review } from '../../review/review';
import { change, plan } from './helpers';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6';
const SET = 'arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-00000000000000d1';

/** `count` assignments destroyed: one RISK-ASSIGNMENT-DELETED finding each. */
const deletions = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, i) => change({ address: `aws_ssoadmin_account_assignment.group_${prefix}${i}__admin__prod`, actions: ['delete'], before: {}, after: null }));

/** An inline policy rewritten: `count` statements added and as many removed, with non-ASCII text. */
function rewrittenPolicy(count: number) {
  const document = (version: string) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: Array.from({ length: count }, (_, i) => ({ Sid: `S${i}`, Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::b-${i}/${version}/é😀` })),
    });
  const values = (policy: string) => ({ instance_arn: INSTANCE, permission_set_arn: SET, inline_policy: policy });
  return change({ address: 'aws_ssoadmin_permission_set_inline_policy.developer', actions: ['update'], before: values(document('old')), after: values(document('new')) });
}

/** JSON.stringify of the report as reportOf lays it out. */
function expected(review: Review): string {
  const { findings, suppressed, notChecked, rules, accessReport, stacks } = review;
  return `${JSON.stringify({ version: JSON_REPORT_VERSION, approvalNeeded: findings.length > 0, findings, suppressed, notChecked, rules, accessReport, stacks })}\n`;
}

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'json-report-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test.each([
  ['one stack, fewer findings than a run', [[5]]],
  ['one stack, runs and a remainder', [[200]]],
  ['stacks whose findings do not start on a run of the report', [[70], [150], [1], [64]]],
  ['a rewritten policy of 300 statements beside deletions', [[10, 300]]],
])('%s: the file is JSON.stringify of the report, byte for byte', (_, stacks) => {
  const plans = stacks.map(([count, statements], index) =>
    plan([...deletions(count, `s${index}_`), ...(statements ? [rewrittenPolicy(statements)] : [])], { stack: `stack-${index}` }),
  );
  const review = reviewPlans({ plans });
  const file = join(dir, 'report.json');
  writeJson(file, review);
  const text = readFileSync(file, 'utf8');
  expect(text).toBe(expected(review));
  expect(renderJson(review)).toBe(text);
  expect(JSON.parse(text).findings).toHaveLength(stacks.reduce((sum, [count]) => sum + count, 0));
});

test('a list with one element of an earlier run left out: that run is written again, the runs after it copied', () => {
  const review = reviewPlans({ plans: [plan(deletions(130, 'x'))] });
  const findings = review.findings;
  // The stack's list: every finding, with one left out in the middle of the first run.
  const shuffled: Review = { ...review, stacks: [{ ...review.stacks[0], findings: [...findings.slice(0, 30), ...findings.slice(31)] }] };
  const file = join(dir, 'partial.json');
  writeJson(file, shuffled);
  expect(readFileSync(file, 'utf8')).toBe(expected(shuffled));
});

test('an access report of thousands of changed rows is streamed and still JSON.stringify of the report, byte for byte', () => {
  const review = reviewPlans({ plans: [plan(deletions(3, 'a'))] });
  const row = (i: number) => ({
    change: i % 3 === 0 ? 'gains' : i % 3 === 1 ? 'loses' : 'changes',
    account: `acct-${i % 7}`,
    accountName: `Account ${i % 7} — é😀`,
    ...(i % 2 === 0 ? { person: `person${i}@example.com` } : {}),
    group: `Group ${i % 11}`,
    permissionSet: 'ReadOnly',
    effectiveAccess: 'list/read only (12 services)',
    adminLevel: i % 5 === 0,
    ...(i % 4 === 0 ? { expires: '2026-12-31T00:00:00Z', reason: 'incident "INC-1"' } : {}),
    ...(i % 3 === 2 ? { differences: ['effective access: read → write'] } : {}),
    undefinedField: undefined,
  });
  const environment = (name: string, count: number) => ({
    environment: name,
    report: `environments/${name}/ACCESS.md`,
    rows: Array.from({ length: count }, (_, i) => row(i)),
    permissionSets: [{ change: 'changed', permissionSet: 'ReadOnly', effectiveAccess: 'read', adminLevel: false }],
    newlyExpired: [],
  });
  const withReport = {
    ...review,
    accessReport: { environments: [environment('dev', 3), environment('prod', 2_000)], location: 'https://example.com/ACCESS.md' },
  } as unknown as Review;
  const file = join(dir, 'access-report.json');
  // The module object json.ts calls into (a namespace import would be a copy of it).
  const writes = jest.spyOn(jest.requireActual<typeof import('node:fs')>('node:fs'), 'writeSync');
  try {
    writeJson(file, withReport);
    // Streamed: the file is written a buffer (256 KB) at a time, never the 700 KB of rows as one string.
    const sizes = writes.mock.calls.map((call) => Number(call[3] ?? 0));
    expect(sizes.length).toBeGreaterThan(2);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(256 * 1024);
  } finally {
    writes.mockRestore();
  }
  const text = readFileSync(file, 'utf8');
  expect(text).toBe(expected(withReport));
  expect(renderJson(withReport)).toBe(text);
  expect(JSON.parse(text).accessReport.environments[1].rows).toHaveLength(2_000);
});
