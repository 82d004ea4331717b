import type { Review } from '../review';

/** Version of the JSON report's shape; raised when a field changes meaning or goes away. */
export const JSON_REPORT_VERSION = 1;

/** The review for tools: everything the Markdown shows, never shortened; compact, one line. */
export function renderJson(review: Review): string {
  return `${JSON.stringify({
    version: JSON_REPORT_VERSION,
    approvalNeeded: review.findings.length > 0,
    findings: review.findings,
    notChecked: review.notChecked,
    rules: review.rules,
    stacks: review.stacks,
  })}\n`;
}
