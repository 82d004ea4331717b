/**
 * The shard record: `environments/<env>.shards.json`, beside the environment file, reviewed and
 * committed like it. It says which `<env>-access-<shard>` stack holds each account's assignments, so
 * that where an account's assignments live never depends on what else the config holds: synth adds
 * new accounts to it (model/shards.ts) and never moves one that is there. A person moves an account by
 * moving its key to another shard's list and naming the shard it came from under `moved`; synth then
 * writes `removed` blocks in the old stack and `import` blocks in the new one.
 *
 *   {
 *     "version": 1,
 *     "shards": { "1": ["payments-prod", "payments-dev"], "2": ["data-lake"] },
 *     "moved": { "data-lake": "1" }
 *   }
 *
 * `moved` values are a shard name or `identity-center` (the assignments were in `<env>-identity-center`,
 * before the environment was sharded). Keep an entry until both stacks have been applied once.
 */
import { z } from 'zod';
import { capIssues, cutValue, type ConfigIssue, type LocatedIssue } from './issues';
import { hasDuplicateKeys } from './json-duplicate-keys';
import { locate } from './locate';
import { readTextFile } from './read-file';
import { shapeIssues } from './shape-issues';
import { parseYamlText } from './yaml-text';

/** Largest shard record read: about 30 bytes an account, so 100,000 accounts. */
export const MAX_SHARD_RECORD_BYTES = 4 * 1024 * 1024;

/** A shard's name, the last part of its stack's name (`prod-access-<shard>`). */
export const SHARD_NAME = /^[a-z0-9][a-z0-9-]{0,19}$/;

/** `moved` value for assignments that were in `<env>-identity-center`. */
export const FROM_IDENTITY_CENTER = 'identity-center';

export const shardRecordSchema = z.strictObject({
  version: z.literal(1),
  /** Shard name → account keys (of organization.accounts) whose assignments the shard's stack holds. */
  shards: z.record(z.string().regex(SHARD_NAME, 'must be lowercase letters, digits and "-", such as "1" or "payments"'), z.array(z.string().min(1))),
  /** Account key → the shard (or identity-center) its assignments were in before. */
  moved: z.record(z.string(), z.string()).default({}),
});

export type ShardRecord = z.output<typeof shardRecordSchema>;

export function shardRecordPath(environmentFile: string): string {
  return environmentFile.replace(/\.ya?ml$/, '.shards.json');
}

export type ShardRecordResult = { readonly ok: true; readonly record?: ShardRecord } | { readonly ok: false; readonly issues: LocatedIssue[] };

/** Reads the shard record beside an environment file, if there is one. */
export function loadShardRecord(path: string, displayPath = path): ShardRecordResult {
  const read = readTextFile(path, 'shard record', MAX_SHARD_RECORD_BYTES);
  if (!read.ok && read.missing) return { ok: true };
  if (!read.ok) return { ok: false, issues: [{ file: displayPath, line: read.line ?? 1, column: 1, path: [], message: `the shard record ${displayPath} ${read.problem}`, fix: read.fix }] };
  return parseShardRecordText(read.text, displayPath);
}

/** The record in `text` (JSON), checked with file:line positions. */
export function parseShardRecordText(text: string, displayPath: string): ShardRecordResult {
  const fast = fastParse(text);
  if (fast && meaningIssues(fast).length === 0) return { ok: true, record: fast };
  const parsedText = parseYamlText(text, displayPath, 'JSON');
  if (!parsedText.ok) return { ok: false, issues: parsedText.issues };
  const { doc, lineCounter } = parsedText;
  const at = (issues: readonly ConfigIssue[]): LocatedIssue[] => capIssues(issues).map((found) => ({ ...found, file: displayPath, ...locate(doc, lineCounter, found.path, found.atKey) }));
  const parsed = shardRecordSchema.safeParse(parsedText.value, { reportInput: true });
  if (!parsed.success) return { ok: false, issues: at(shapeIssues(shardRecordSchema, parsed.error)) };
  const issues = meaningIssues(parsed.data);
  return issues.length > 0 ? { ok: false, issues: at(issues) } : { ok: true, record: parsed.data };
}

function fastParse(text: string): ShardRecord | undefined {
  try {
    const parsed = shardRecordSchema.safeParse(JSON.parse(text));
    return parsed.success && !hasDuplicateKeys(text) ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** An account in two shards, and `moved` entries that cannot be carried out. */
function meaningIssues(record: ShardRecord): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const shardOf = new Map<string, string>();
  for (const [shard, accounts] of Object.entries(record.shards)) {
    accounts.forEach((account, index) => {
      const first = shardOf.get(account);
      if (first !== undefined) {
        issues.push({ path: ['shards', shard, index], message: `account "${cutValue(account)}" is in shard "${first}" already; an account's assignments live in one shard`, fix: `remove it from one of the two (to move it, keep it here and add "moved": { "${account}": "${first}" })` });
      } else {
        shardOf.set(account, shard);
      }
    });
  }
  for (const [account, from] of Object.entries(record.moved)) {
    const now = shardOf.get(account);
    if (now === undefined) {
      issues.push({ path: ['moved', account], atKey: true, message: `account "${cutValue(account)}" is moved, but no shard lists it`, fix: 'add it to the list of the shard it moves to, or remove this entry' });
    } else if (from === now) {
      issues.push({ path: ['moved', account], message: `account "${cutValue(account)}" moves from shard "${from}" to the shard it is in`, fix: 'remove this entry once both stacks are applied, or name the shard it was in before' });
    } else if (from !== FROM_IDENTITY_CENTER && !(from in record.shards)) {
      issues.push({
        path: ['moved', account],
        message: `account "${cutValue(account)}" moves from shard "${cutValue(from)}", which is not in "shards"; its stack must stay to release the assignments without destroying them`,
        fix: `keep "${from}": [] in "shards" until the move is applied, or write "${FROM_IDENTITY_CENTER}" if the assignments were in the identity-center stack`,
      });
    }
  }
  return issues;
}

/** The record as synth writes it: shards in order, accounts in the order given, two-space JSON. */
export function shardRecordText(record: ShardRecord): string {
  const moved = Object.keys(record.moved).length > 0 ? { moved: record.moved } : {};
  return `${JSON.stringify({ version: 1, shards: record.shards, ...moved }, null, 2)}\n`;
}
