/**
 * Real plans from the round trips as plan review fixtures: with TF_SAVE_PLANS=<dir>, each named plan's
 * `terraform show -json` is written to `<dir>/<name>.json`
 * (`TF_SAVE_PLANS=test/fixtures/plans/real/roundtrip npm run test:terraform`; test/review/real-plans.test.ts
 * reads them). The double's random port is the one value that differs between runs of the same flow.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PlanJson } from '../terraform/terraform-run';

export const FIXED_ENDPOINT = 'http://127.0.0.1:4566';

export function savePlan(name: string, plan: PlanJson, doubleUrl: string): void {
  const directory = process.env.TF_SAVE_PLANS;
  if (!directory) return;
  const target = resolve(directory);
  mkdirSync(target, { recursive: true });
  const text = JSON.stringify(plan).split(doubleUrl).join(FIXED_ENDPOINT);
  writeFileSync(join(target, `${name}.json`), `${text}\n`);
}
