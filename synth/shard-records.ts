/**
 * Writes each environment's shard record (`<env>.shards.json`, config/shard-map.ts) where synth
 * changed it: new accounts placed, forgotten ones dropped, or the environment split for the first
 * time. After a successful synth only, through a temporary file and a rename, so a failed run
 * leaves the reviewed file as it was. The summary says what changed (synth/summary.ts).
 */
import { renameSync, writeFileSync } from 'node:fs';
import { shardRecordText } from '../config/shard-map';
import type { EnvironmentModel } from '../model/environment';

/** Returns the files written. */
export function writeShardRecords(environments: readonly EnvironmentModel[]): string[] {
  const written: string[] = [];
  for (const { access } of environments) {
    if (!access.recordChange || !access.record) continue;
    const temporary = `${access.recordFile}.${process.pid}.tmp`;
    writeFileSync(temporary, shardRecordText(access.record));
    renameSync(temporary, access.recordFile);
    written.push(access.recordFile);
  }
  return written;
}
