import { cutValue } from './issues';

/** A value quoted for a message: JSON-escaped and, past `max` characters, cut with its length told (config/issues.ts cutValue). */
export function quote(value: unknown, max = 80): string {
  if (typeof value !== 'string') return JSON.stringify(value) ?? String(value);
  return JSON.stringify(cutValue(value, max));
}
