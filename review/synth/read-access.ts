import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ACCESS_REPORT_VERSION, type AccessReport } from '../../model/access';
import { asArray, asObject } from '../../rules/json';
import { readSynthJson, SynthReadError } from './read-synth';

/**
 * The access report the synth wrote per environment, `<synth-dir>/environments/<env>/access.json`
 * (model/access.ts writes it; config/access.schema.json describes it). The review takes its
 * effective-access words and display names from it instead of reading policies a second way.
 */

/** The file beside MANUAL-STEPS.md, relative to the synth dir: `environments/<env>/access.json`. */
export function accessReportPath(environment: string, file: 'access.json' | 'ACCESS.md' | 'access.html' = 'access.json'): string {
  return join('environments', environment, file);
}

/**
 * Every environment's access.json under a cdktf output directory, by environment. An environment
 * without one (an older synth) is left out; a file that is not a version-1 report stops the review.
 */
export function readAccessReports(dir: string): Map<string, AccessReport> {
  const reports = new Map<string, AccessReport>();
  const environments = join(dir, 'environments');
  if (!existsSync(environments)) return reports;
  for (const environment of readdirSync(environments).sort()) {
    const file = join(dir, accessReportPath(environment));
    if (!existsSync(file)) continue;
    const document = readSynthJson(file);
    const report = asObject(document);
    if (report?.version !== ACCESS_REPORT_VERSION) {
      throw new SynthReadError(file, `is not an access report of version ${ACCESS_REPORT_VERSION} (config/access.schema.json); synthesize again with this version`);
    }
    for (const list of ['accounts', 'people', 'permissionSets'] as const) {
      if (!Array.isArray(report[list])) throw new SynthReadError(file, `has no "${list}" list (config/access.schema.json); synthesize again with this version`);
    }
    // Fields added within version 1 (expired, rows' assignment) are absent in older files: read them as empty.
    reports.set(environment, { ...(report as unknown as AccessReport), expired: asArray(report.expired) as unknown as AccessReport['expired'] });
  }
  return reports;
}
