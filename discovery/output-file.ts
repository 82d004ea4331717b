/**
 * The estate file discovery writes, checked before AWS is called: an hour of reading must not end
 * in "cannot write". The file may not exist yet (its directories are created), but what exists of
 * its path must be directories that can be written, and the file itself a regular file.
 */
import { accessSync, constants, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** One line saying why `file` cannot be written, with a fix; undefined when it can. */
export function checkOutputFile(file: string, label: string): string | undefined {
  if (file.trim() === '') return `${label} is empty; fix: name the file to write the estate to, e.g. --out estate.json`;
  if (/[\n\r\0]/.test(file)) return `${label} ${JSON.stringify(file.slice(0, 80))} has a line break or NUL in it; fix: name a plain file`;
  const existing = statOf(file);
  if (existing !== undefined && !existing.isFile()) return `${label} ${file} is ${existing.isDirectory() ? 'a directory' : 'not a regular file'}; fix: name a file, e.g. ${file.replace(/\/+$/, '')}/estate.json`;
  let dir = dirname(resolve(file));
  for (;;) {
    const stats = statOf(dir);
    if (stats !== undefined) {
      if (!stats.isDirectory()) return `${label} ${file} lies under ${dir}, which is a file; fix: name a file in a directory`;
      break;
    }
    if (dirname(dir) === dir) break;
    dir = dirname(dir);
  }
  try {
    accessSync(existing !== undefined ? file : dir, constants.W_OK);
    if (existing === undefined) accessSync(dir, constants.W_OK | constants.X_OK);
  } catch {
    return `${label} ${file} cannot be written (permission denied in ${existing !== undefined ? file : dir}); fix: choose a writable place, e.g. --out ./estate.json`;
  }
  // /proc and /sys accept access() for root and refuse the write: say so now.
  if (/^\/(proc|sys)(\/|$)/.test(resolve(file))) return `${label} ${file} is in ${resolve(file).split('/')[1] === 'proc' ? '/proc' : '/sys'}, which holds no files; fix: choose a writable place, e.g. --out ./estate.json`;
  return undefined;
}
