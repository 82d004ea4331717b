/**
 * Email addresses, checked in one pass with the length checked first. A regular expression such as
 * /^[^\s@]+@[^\s@]+\.[^\s@]+$/ backtracks quadratically on input like "a@....@" (40,000 characters
 * take 2 s, a megabyte would take many minutes), so none is used here.
 */

/**
 * AWS Organizations CreateAccount, Email (https://docs.aws.amazon.com/organizations/latest/APIReference/API_CreateAccount.html):
 * 6–64 characters of 7-bit ASCII; exactly one @; the local name has no whitespace and none of
 * " ' ( ) < > [ ] : ; , \ | % & and does not begin with a dot; the domain name has only letters,
 * digits, hyphens and dots, neither begins nor ends with a hyphen or dot, and has at least one dot.
 */
export const ACCOUNT_EMAIL_MIN_LENGTH = 6;
export const ACCOUNT_EMAIL_MAX_LENGTH = 64;
const LOCAL_FORBIDDEN = new Set([...`"'()<>[]:;,\\|%&`]);

/** Why `value` is not an email AWS accepts for a new account's root user; undefined when it is. */
export function accountEmailProblem(value: string): string | undefined {
  if (value.length < ACCOUNT_EMAIL_MIN_LENGTH || value.length > ACCOUNT_EMAIL_MAX_LENGTH) {
    return `it is ${value.length} characters long; AWS Organizations takes ${ACCOUNT_EMAIL_MIN_LENGTH}–${ACCOUNT_EMAIL_MAX_LENGTH}`;
  }
  const basic = emailProblem(value);
  if (basic) return basic;
  const at = value.indexOf('@');
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  for (const char of value) {
    if (char.charCodeAt(0) > 0x7e || char.charCodeAt(0) < 0x20) return `"${char}" is not 7-bit printable ASCII`;
  }
  if (local.startsWith('.')) return 'the part before @ must not begin with a dot';
  for (const char of local) if (LOCAL_FORBIDDEN.has(char)) return `the part before @ must not contain ${char}`;
  for (const char of domain) if (!/[A-Za-z0-9.-]/.test(char)) return `the domain may hold only letters, digits, "-" and "."; it has "${char}"`;
  if (/^[.-]|[.-]$/.test(domain)) return 'the domain must not begin or end with "-" or "."';
  return undefined;
}

/** The basic shape local@domain.tld, no whitespace, one @; undefined when `value` has it. */
export function emailProblem(value: string, maxLength?: number): string | undefined {
  if (maxLength !== undefined && value.length > maxLength) return `it is ${value.length} characters long; at most ${maxLength} are allowed`;
  let at = -1;
  for (let i = 0; i < value.length; i++) {
    const char = value[i];
    if (char === '@') {
      if (at >= 0) return 'it has more than one @';
      at = i;
    } else if (/\s/.test(char)) {
      return 'it contains white space';
    }
  }
  if (at < 0) return 'it has no @';
  if (at === 0) return 'nothing comes before the @';
  const domain = value.slice(at + 1);
  const dot = domain.indexOf('.');
  if (dot <= 0 || dot === domain.length - 1) return 'the part after @ needs a domain with a dot, such as example.com';
  return undefined;
}
