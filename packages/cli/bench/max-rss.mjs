// Preloaded into the measured process: reports its peak RSS on exit through fd 3.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(3, `${JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS })}\n`);
});
