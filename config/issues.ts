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
  readonly line: number;
  readonly column: number;
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
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part), '') || '(top level)';
}

export function formatIssues(issues: readonly LocatedIssue[]): string {
  const byFile = new Map<string, LocatedIssue[]>();
  for (const issue of issues) byFile.set(issue.file, [...(byFile.get(issue.file) ?? []), issue]);
  const blocks: string[] = [];
  for (const [file, fileIssues] of byFile) {
    const count = fileIssues.length === 1 ? '1 issue' : `${fileIssues.length} issues`;
    const lines = [`${file} has ${count}:`];
    for (const issue of fileIssues) {
      lines.push(`  ${file}:${issue.line}:${issue.column}  ${formatPath(issue.path)}`);
      lines.push(`    ${issue.message}`);
      if (issue.fix) lines.push(`    fix: ${issue.fix}`);
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
