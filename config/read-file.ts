/**
 * Reading a file a person named (an environment file, an import map, a policy document) without
 * trusting it: what is not a regular file is never opened (a FIFO would block the read for ever),
 * an oversized file is refused before it is read, and only UTF-8 text comes back, with line endings
 * made `\n` (Windows `\r\n` and old-Mac `\r` alike) so line numbers are the ones an editor shows.
 */
import { lstatSync, readFileSync, readlinkSync, statSync, type Stats } from 'node:fs';

/** Largest environment file read: a 2,000-user, 500-account estate is about 0.5 MiB of YAML. */
export const MAX_CONFIG_BYTES = 1024 * 1024;
/** Largest import map read: discovery writes about 300 bytes per resource, so ~100,000 resources. */
export const MAX_IMPORT_MAP_BYTES = 32 * 1024 * 1024;
/** Largest policy file read: a service control policy is at most 5,120 characters as compact JSON. */
export const MAX_POLICY_FILE_BYTES = 256 * 1024;

export type TextFile =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly missing: boolean; readonly problem: string; readonly fix: string; readonly line?: number };

/** `1 MiB`, `256 KiB`, `12,345 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes.toLocaleString('en-US')} bytes`;
}

/** The text of `path`, or a one-line reason it cannot be used. `what` names the file in messages ("environment file"). */
export function readTextFile(path: string, what: string, maxBytes: number): TextFile {
  const refuse = (problem: string, fix: string, missing = false): TextFile => ({ ok: false, missing, problem, fix });
  let stats: Stats;
  try {
    const link = lstatSync(path);
    if (link.isSymbolicLink()) {
      try {
        stats = statSync(path);
      } catch {
        return refuse(`is a symbolic link to ${safeReadlink(path)}, which does not exist`, `point the link at an existing ${what}, or remove it`);
      }
    } else {
      stats = link;
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return refuse('does not exist', `create it, or check the path`, true);
    return refuse(`cannot be read (${code ?? (error as Error).message})`, 'check the path and its permissions');
  }
  if (stats.isDirectory()) return refuse(`is a directory; the ${what} must be a regular file`, `remove or rename the directory`);
  if (stats.isFIFO()) return refuse(`is a named pipe (FIFO); the ${what} must be a regular file`, `replace it with a regular file`);
  if (!stats.isFile()) return refuse(`is a socket or device; the ${what} must be a regular file`, `replace it with a regular file`);
  if (stats.size > maxBytes) {
    return refuse(`is ${formatBytes(stats.size)}; the largest ${what} this project reads is ${formatBytes(maxBytes)}`, `check that this is the right file; split it if it really is this large`);
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return refuse(code === 'EACCES' || code === 'EPERM' ? 'cannot be read: permission denied' : `cannot be read (${code ?? (error as Error).message})`, 'make the file readable (chmod u+r), or run as its owner');
  }
  // Read again if it grew between the stat and the read (a file being written).
  if (bytes.length > maxBytes) return refuse(`is more than ${formatBytes(maxBytes)}; the largest ${what} this project reads is ${formatBytes(maxBytes)}`, 'check that this is the right file');
  return decodeText(bytes, what);
}

/** UTF-8 text with `\n` line endings, or why the bytes are not that. */
export function decodeText(bytes: Uint8Array, what: string): TextFile {
  const notText = (problem: string, line?: number): TextFile => ({ ok: false, missing: false, problem, fix: `save the ${what} as UTF-8 text (in most editors: "Save with encoding" → UTF-8)`, line });
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return notText('is UTF-16 text, not UTF-8 text');
  const nul = bytes.indexOf(0);
  if (nul >= 0) return notText(`is not UTF-8 text: it holds a NUL byte (a binary or UTF-16 file?)`, lineOf(bytes, nul));
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    return notText(`is not UTF-8 text: byte 0x${bytes[offset].toString(16).toUpperCase().padStart(2, '0')} on this line is not UTF-8 (a Latin-1 or Windows-1252 character?)`, lineOf(bytes, offset));
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text: text.replace(/\r\n?/g, '\n') };
}

function safeReadlink(path: string): string {
  try {
    return JSON.stringify(readlinkSync(path));
  } catch {
    return 'a missing target';
  }
}

/** 1-based line of a byte offset, counting `\n`, `\r\n` and lone `\r` as line ends. */
function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) line++;
    else if (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a) line++;
  }
  return line;
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    }
    // Overlong three-byte forms, surrogates and code points past U+10FFFF.
    if ((b === 0xe0 && bytes[i + 1] < 0xa0) || (b === 0xed && bytes[i + 1] >= 0xa0) || (b === 0xf0 && bytes[i + 1] < 0x90) || (b === 0xf4 && bytes[i + 1] >= 0x90)) return i;
    i += length;
  }
  return Math.max(0, bytes.length - 1);
}
