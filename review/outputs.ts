/**
 * The review's report files: every one is checked before any input is read (not an input, not
 * named twice, its directory exists and can be written), then all are written to temporary files
 * beside them and renamed into place only when every one was written, so a report that cannot be
 * written never leaves another half-done or an input overwritten.
 */
import { accessSync, constants, renameSync, rmSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export interface OutputFile {
  /** The option that names it, e.g. `--markdown`. */
  readonly option: string;
  readonly file: string;
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The same file: one path, or two paths to one inode (a link, `./x` and `x`). */
function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  const [first, second] = [statOf(a), statOf(b)];
  return first !== undefined && second !== undefined && first.dev === second.dev && first.ino === second.ino;
}

/** One line per output that cannot be written; empty when all can. */
export function checkOutputs(outputs: readonly OutputFile[], inputs: readonly string[]): string[] {
  const problems: string[] = [];
  outputs.forEach(({ option, file }, index) => {
    const input = inputs.find((candidate) => sameFile(candidate, file));
    if (input !== undefined) return void problems.push(`${option} ${file}: is also an input (${input}); name another file for the report`);
    const earlier = outputs.slice(0, index).find((other) => sameFile(other.file, file));
    if (earlier !== undefined) return void problems.push(`${option} ${file}: is also the ${earlier.option} report; give each report its own file`);
    const existing = statOf(file);
    if (existing !== undefined && !existing.isFile()) return void problems.push(`${option} ${file}: is ${existing.isDirectory() ? 'a directory' : 'not a regular file'}; name a file`);
    const dir = dirname(resolve(file));
    const parent = statOf(dir);
    if (parent === undefined) return void problems.push(`${option} ${file}: the directory ${dirname(file)} does not exist; create it first`);
    if (!parent.isDirectory()) return void problems.push(`${option} ${file}: ${dirname(file)} is not a directory`);
    try {
      // The rename needs the directory writable; an existing file is replaced, not written into.
      accessSync(dir, constants.W_OK | constants.X_OK);
    } catch {
      problems.push(`${option} ${file}: the directory ${dirname(file)} cannot be written (permission denied)`);
    }
  });
  return problems;
}

/**
 * Writes every output through `write(temporaryPath)`, then renames all into place. When one
 * write fails, every temporary file is removed and no output is touched; the error is thrown.
 */
export function writeAllAtomically(outputs: ReadonlyArray<{ readonly file: string; readonly write: (path: string) => void }>): void {
  const temporary = outputs.map(({ file }) => join(dirname(file), `.${basename(file)}.${process.pid}.tmp`));
  try {
    outputs.forEach(({ write }, index) => write(temporary[index]));
    outputs.forEach(({ file }, index) => renameSync(temporary[index], file));
  } finally {
    for (const path of temporary) rmSync(path, { force: true });
  }
}
