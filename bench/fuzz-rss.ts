/** Preloaded into a fuzzed run (`node -r dist/bench/fuzz-rss.js …`): writes its peak memory (KB) to $FUZZ_RSS_FILE at exit. */
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.FUZZ_RSS_FILE) writeFileSync(process.env.FUZZ_RSS_FILE, String(process.resourceUsage().maxRSS));
});
