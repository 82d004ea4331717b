import type { Name } from '../names';

/**
 * Safe Markdown for values that come from a plan: names, addresses, statements. Nothing a plan holds
 * may break a table, open HTML, or @-mention a GitHub user or team.
 */

/**
 * Characters that would change how the comment reads without showing themselves: control characters
 * (a raw BEL or ESC from a display name) and the Unicode bidirectional controls, which can make a name
 * read backwards as another (U+202E: "Admins" written so that it shows as "snimdA"). Each is shown as
 * its code point, ⟨U+202E⟩. Line breaks are handled by each caller (a space).
 */
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function visible(value: string): string {
  return value.replace(INVISIBLE, (character) => `⟨U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
}

/** Plain text: Markdown specials escaped, HTML neutralized, @-mentions defused, newlines flattened. */
export function text(value: string): string {
  return (
    visible(value)
      .replace(/[\r\n\u2028\u2029]+/g, ' ')
      .replace(/([\\`*_[\]|~])/g, '\\$1')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      // A zero-width space after an @ that could start a mention; e-mail addresses stay as they are.
      .replace(/(^|[^\w.+-])@/g, '$1@\u200b')
  );
}

/** Inline code. In a table cell a `|` must be escaped even inside code (GFM); elsewhere the escape would show. */
export function code(value: string, inTable = false): string {
  const oneLine = visible(value).replace(/[\r\n\u2028\u2029]+/g, ' ');
  const flat = inTable ? oneLine.replace(/\|/g, '\\|') : oneLine;
  const fence = flat.includes('`') ? '``' : '`';
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A resolved name: marked † when it comes from the Terraform address, ‡ when only the ID is known. */
export function name(value: Name, withId = false): string {
  if (value.source === 'unknown') return `_${text(value.text)}_`;
  if (value.source === 'id') return `${code(value.text, true)}‡`;
  const shown = `${text(value.text)}${value.source === 'address' ? '†' : ''}`;
  return withId && value.id && value.id !== value.text ? `${shown} (${text(value.id)})` : shown;
}
