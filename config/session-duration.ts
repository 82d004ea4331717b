/**
 * Permission set session durations: ISO-8601, between one and twelve hours. Any spelling of the
 * time part is read (`PT1H`, `PT90M`, `PT3600S`, `PT1H0M0S`) and the model carries one normal form,
 * so `PT3600S` and `PT1H` synthesize alike. AWS's pattern for SessionDuration (API_PermissionSet,
 * https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_PermissionSet.html) takes
 * hours, minutes and seconds after the T; the digit counts here are bounded so the match is linear.
 */
const ISO_TIME = /^PT(?:(\d{1,5})H)?(?:(\d{1,5})M)?(?:(\d{1,6})S)?$/;

export const MIN_SESSION_MINUTES = 60;
export const MAX_SESSION_MINUTES = 12 * 60;

/** Seconds in `PT2H30M`, or undefined when it is not of that form. */
function sessionSeconds(duration: string): number | undefined {
  const match = ISO_TIME.exec(duration);
  if (!match || (match[1] === undefined && match[2] === undefined && match[3] === undefined)) return undefined;
  return Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
}

/** Minutes in `PT2H30M` (fractional for seconds that are not whole minutes), or undefined when it is not of that form. */
export function sessionMinutes(duration: string): number | undefined {
  const seconds = sessionSeconds(duration);
  return seconds === undefined ? undefined : seconds / 60;
}

/** The normal form: `PT3600S` and `PT1H0M0S` → `PT1H`, `PT90M` → `PT1H30M`; other text unchanged. */
export function normalSessionDuration(duration: string): string {
  const seconds = sessionSeconds(duration);
  if (seconds === undefined) return duration;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const parts = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
  return `PT${parts || '0S'}`;
}
