import { CATALOGUE } from '../../rules/catalogue';
import type { Rule } from './rule';

export const sessionDurationRaised: Rule = {
  ...CATALOGUE.sessionDurationRaised,
  check: (facts) =>
    facts.permissionSets.flatMap((set) => {
      const before = set.sessionDuration?.before;
      const after = set.sessionDuration?.after;
      const from = before === undefined ? undefined : durationSeconds(before);
      const to = after === undefined ? undefined : durationSeconds(after);
      if (from === undefined || to === undefined || to <= from) return [];
      return [
        {
          ruleId: 'RISK-SESSION-DURATION-RAISED',
          stack: facts.plan.stack,
          address: set.address ?? set.name,
          reason: `permission set "${set.name}" session duration goes from ${before} to ${after}`,
        },
      ];
    }),
};

/** `PT1H30M` → 5400; undefined for anything that is not an ISO-8601 duration. */
export function durationSeconds(text: string): number | undefined {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return undefined;
  const [days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0));
  return ((days * 24 + hours) * 60 + minutes) * 60 + seconds;
}
