/** Permission set session durations: ISO-8601, between one and twelve hours. */
const ISO_HOURS_MINUTES = /^PT(?:(\d{1,2})H)?(?:(\d{1,3})M)?$/;

export const MIN_SESSION_MINUTES = 60;
export const MAX_SESSION_MINUTES = 12 * 60;

/** Minutes in `PT2H30M`, or undefined when it is not of that form. */
export function sessionMinutes(duration: string): number | undefined {
  const match = ISO_HOURS_MINUTES.exec(duration);
  if (!match || (match[1] === undefined && match[2] === undefined)) return undefined;
  return Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0);
}
