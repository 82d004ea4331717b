/** A problem in one environment file, located for a person to fix. */
export type ConfigPath = ReadonlyArray<string | number>;

export interface ConfigIssue {
  /** Where in the config, e.g. ['identityCenter', 'assignments', 2, 'permissionSets', 0]. */
  readonly path: ConfigPath;
  /** What is wrong, with the bad value quoted. */
  readonly message: string;
  /** What to change. */
  readonly fix?: string;
  /** Point at the key of the path's last element rather than its value (unknown keys). */
  readonly atKey?: boolean;
  /** Found by the shape check, which runs before (and holds back) the checks of names and references. */
  readonly shape?: boolean;
}

export interface LocatedIssue extends ConfigIssue {
  readonly file: string;
  /**
   * 1-based position in `file`. A problem with the whole file (unreadable, too large, not UTF-8)
   * points at 1:1; 0 only when `file` is a directory or a file that does not exist, and is printed
   * without a position.
   */
  readonly line: number;
  readonly column: number;
}

/** Longest value quoted whole in a message; longer ones are cut. */
const MAX_QUOTED = 80;
/** Issues printed per file; the rest are counted. */
export const MAX_ISSUES_PER_FILE = 100;

/** `value` itself, or its first 80 characters and `… (N characters)`. */
export function cutValue(value: string, max = MAX_QUOTED): string {
  return value.length <= max ? value : `${value.slice(0, max)}… (${value.length.toLocaleString('en-US')} characters)`;
}

/** A message on one line, with any very long word (an echoed value) cut, and the line itself bounded. */
function cutLine(text: string): string {
  const oneLine = text.includes('\n') || text.includes('\r') ? text.replace(/[\r\n]+/g, ' ') : text;
  const words = oneLine.length > MAX_QUOTED ? oneLine.replace(/\S{121,}/g, (word) => cutValue(word)) : oneLine;
  return cutValue(words, 600);
}

/**
 * The first `max` issues, and one more that counts the rest: a file of a million mistakes is
 * reported in a screenful, and locating each issue in the YAML stays cheap.
 */
export function capIssues<T extends ConfigIssue>(issues: readonly T[], max = MAX_ISSUES_PER_FILE): Array<T | ConfigIssue> {
  if (issues.length <= max) return [...issues];
  const rest = issues.length - max;
  return [...issues.slice(0, max), { path: [], message: `… and ${rest.toLocaleString('en-US')} more ${rest === 1 ? 'issue' : 'issues'} in this file (only the first ${max} are shown)`, fix: 'fix these and run again' }];
}

/** Every problem found in the environment files; thrown once, printed whole. */
export class ConfigError extends Error {
  constructor(readonly issues: readonly LocatedIssue[]) {
    super(formatIssues(issues));
    this.name = 'ConfigError';
  }
}

/** `identityCenter.assignments[2].permissionSets[0]` */
export function formatPath(path: ConfigPath): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${cutValue(part, 40)}` : cutValue(part, 40)), '') || '(top level)';
}

/** Warnings, printed like issues under a "warning" heading. */
export function formatWarnings(warnings: readonly LocatedIssue[]): string {
  return formatIssues(warnings, 'warning');
}

export function formatIssues(issues: readonly LocatedIssue[], noun = 'issue'): string {
  const byFile = new Map<string, LocatedIssue[]>();
  for (const issue of issues) byFile.set(issue.file, [...(byFile.get(issue.file) ?? []), issue]);
  const blocks: string[] = [];
  for (const [file, fileIssues] of byFile) {
    const count = fileIssues.length === 1 ? `1 ${noun}` : `${fileIssues.length} ${noun}s`;
    const lines = [`${file} has ${count}:`];
    for (const issue of fileIssues) {
      const where = issue.line > 0 ? `${file}:${issue.line}:${issue.column}` : file;
      lines.push(`  ${where}  ${formatPath(issue.path)}`);
      lines.push(`    ${cutLine(issue.message)}`);
      if (issue.fix) lines.push(`    fix: ${cutLine(issue.fix)}`);
    }
    if (fileIssues.some((found) => found.shape)) lines.push('  (names and references between them are checked once these are fixed)');
    blocks.push(lines.join('\n'));
  }
  return blocks.join('\n\n');
}

/** Shorthand for checks: an issue at a path. */
export function issue(path: ConfigPath, message: string, fix?: string): ConfigIssue {
  return fix ? { path, message, fix } : { path, message };
}
