// Queries whose result is the whole dataset (pageSize=1, so the answer is small but every row is
// filtered and sorted) over about a million job sessions: time per query and memory.
// Run after `tsc -b`: node --expose-gc bench/query-whole-results.mjs
import { startEmulator } from '../dist/index.js';
import { logOn } from './log-on.mjs';

if (typeof globalThis.gc !== 'function') {
  console.error('Run with node --expose-gc, so that memory is measured after a collection.');
  process.exit(1);
}

const now = new Date('2026-11-20T12:00:00Z');
const dataset = { seed: 1, servers: 4, jobs: 1000, days: 1000, now };
const megabytes = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const emulator = await startEmulator({ now: () => now, dataset });
try {
  const headers = { 'X-RestSvcSessionId': await logOn(emulator.url) };
  console.log(
    `${emulator.dataset.jobSessions.count} job sessions (${dataset.jobs} jobs × ${dataset.days} days), rss ${megabytes(process.memoryUsage().rss)}`,
  );
  for (const query of [
    'type=BackupTaskSession',
    'type=BackupTaskSession&sortDesc=Name',
    'type=BackupTaskSession&sortAsc=EndTime',
    'type=BackupTaskSession&sortAsc=Reason',
    'type=BackupTaskSession&sortAsc=UID',
    'type=BackupJobSession&sortAsc=Name',
  ]) {
    const started = performance.now();
    const response = await fetch(`${emulator.url}/api/query?${query}&pageSize=1`, { headers });
    const text = await response.text();
    const seconds = (performance.now() - started) / 1000;
    if (response.status !== 200) throw new Error(`${query}: status ${response.status}`);
    globalThis.gc();
    const { heapUsed, rss } = process.memoryUsage();
    console.log(
      `${query}: ${seconds.toFixed(2)} s, ${text.match(/PagesCount="(\d+)"/)?.[1]} rows; then heap ${megabytes(heapUsed)}, rss ${megabytes(rss)}`,
    );
  }
  console.log(`peak rss: ${megabytes(process.resourceUsage().maxRSS * 1024)}`);
} finally {
  await emulator.close();
}
