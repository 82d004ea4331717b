/**
 * `expires:` of an assignment: when the grant ends. Two forms, both UTC:
 * - a date, `2026-12-31`: the grant holds through that whole day (UTC) and ends at the start of the
 *   next one, 2027-01-01T00:00:00Z. A date names the last day of access, as people write it.
 * - a date-time with `Z`, `2026-12-31T18:00:00Z` (seconds optional): the grant ends at that instant.
 * Offsets other than Z (`+02:00`) are refused, so that every expiry in a file reads the same way.
 * YAML 1.2 (the yaml package's default, config/yaml-text.ts) reads `2026-12-31` as a string; a file
 * that declares `%YAML 1.1` gets a Date from the parser, which is refused with the fix "quote it".
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?Z$/;

export type ParsedExpiry = { readonly ok: true; readonly ends: Date } | { readonly ok: false; readonly message: string; readonly fix: string };

const FIX = 'write a date such as 2026-12-31 (access ends when that day ends, UTC) or a UTC date-time such as 2026-12-31T18:00:00Z';

/** The instant a grant with this `expires:` ends (exclusive: expired from then on). */
export function parseExpiry(text: string): ParsedExpiry {
  const date = DATE.exec(text);
  const dateTime = date ? undefined : DATE_TIME.exec(text);
  const parts = date ?? dateTime;
  if (!parts) {
    const offset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?[+-]\d{2}:\d{2}$/.test(text);
    const instant = offset ? new Date(text) : undefined;
    const utc = instant && !Number.isNaN(instant.getTime()) ? `${instant.toISOString().slice(0, 19)}Z` : undefined;
    return {
      ok: false,
      message: offset ? `expires "${text}" has a UTC offset; expiries are written in UTC only` : `expires "${text}" is not a date or a UTC date-time`,
      fix: utc ? `write the same instant in UTC: expires: ${utc}` : FIX,
    };
  }
  const [year, month, day, hour = '0', minute = '0', second = '0'] = parts.slice(1);
  const y = Number(year), mo = Number(month), d = Number(day), h = Number(hour), mi = Number(minute), s = Number(second);
  const start = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Date.UTC rolls 2026-02-30 over to March: a value that does not read back is not a real date.
  if (start.getUTCFullYear() !== y || start.getUTCMonth() !== mo - 1 || start.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    return { ok: false, message: `expires "${text}" is not a real ${date ? 'date' : 'date-time'}`, fix: FIX };
  }
  return { ok: true, ends: date ? new Date(start.getTime() + DAY_MS) : start };
}

export const DAY_MS = 24 * 60 * 60 * 1000;
/** Grants ending within this many days are warned of at synth. */
export const EXPIRY_WARNING_DAYS = 7;

/** The environment variable that fixes the synth's clock (an ISO-8601 UTC date-time), for reproducible output. */
export const NOW_VARIABLE = 'IDENTITY_FOUNDATION_NOW';

/**
 * The synth's "now": `IDENTITY_FOUNDATION_NOW` when set (a date or UTC date-time as `expires:` takes;
 * a date means its start, 00:00Z), else the system clock. The only place the synth reads the time.
 */
export function synthNow(env: NodeJS.ProcessEnv = process.env): Date {
  const fixed = env[NOW_VARIABLE];
  if (fixed === undefined || fixed === '') return new Date();
  const parsed = parseExpiry(fixed);
  if (!parsed.ok) throw new Error(`${NOW_VARIABLE}="${fixed}": ${parsed.message}; ${parsed.fix}`);
  return DATE.test(fixed) ? new Date(parsed.ends.getTime() - DAY_MS) : parsed.ends;
}
