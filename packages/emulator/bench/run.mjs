// npm run bench: dataset generation, then page latency of the emulator against a bare HTTP server.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../dist/index.js';
import { logOn } from './log-on.mjs';

console.log(
  `@vbem/emulator benchmark on ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores), Node ${process.version}\n`,
);
console.log('1. Generating a million job sessions (own process):');
console.log(
  execFileSync(
    process.execPath,
    ['--expose-gc', fileURLToPath(new URL('./generate-dataset.mjs', import.meta.url))],
    { encoding: 'utf8' },
  )
    .trim()
    .replace(/^/gm, '   '),
);

console.log('\n2. Whole-result queries over a million job sessions (own process):');
console.log(
  execFileSync(
    process.execPath,
    ['--expose-gc', fileURLToPath(new URL('./query-whole-results.mjs', import.meta.url))],
    { encoding: 'utf8' },
  )
    .trim()
    .replace(/^/gm, '   '),
);

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];

/** Sequential requests (one at a time, keep-alive): requests/s and latency percentiles in ms. */
async function measure(label, count, nextUrl, headers) {
  for (let i = 0; i < 50; i++) await (await fetch(nextUrl(i), { headers })).arrayBuffer();
  const latencies = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    const response = await fetch(nextUrl(i), { headers });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${label}: status ${response.status}`);
    latencies.push(performance.now() - start);
  }
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    label,
    rps: count / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

const now = new Date('2026-11-20T12:00:00Z');
const dataset = { seed: 1, servers: 4, jobs: 1000, days: 100, now };
console.log(
  `\n3. A 100-entity page of BackupJobSession, 600 sequential requests each (dataset: ${JSON.stringify({ ...dataset, now: undefined })}):`,
);
const emulator = await startEmulator({ now: () => now, dataset });
try {
  const token = await logOn(emulator.url);
  const pages = Math.floor(emulator.dataset.jobSessions.count / 100) - 1;
  const page = (i) =>
    `${emulator.url}/api/query?type=BackupJobSession&format=Entities&pageSize=100&page=${1 + ((i * 7919) % pages)}`;
  console.log(`   ${emulator.dataset.jobSessions.count} job sessions, ${pages} pages`);
  const results = [];
  for (const [format, accept] of [
    ['XML', 'application/xml'],
    ['JSON', 'application/json'],
  ]) {
    const headers = { 'X-RestSvcSessionId': token, Accept: accept };
    const body = Buffer.from(await (await fetch(page(0), { headers })).arrayBuffer());
    // Baseline: a bare server that answers the same bytes, measured the same way.
    const bare = createServer((_, response) => {
      response.writeHead(200, { 'Content-Type': accept, 'Content-Length': body.length });
      response.end(body);
    });
    await new Promise((resolve) => bare.listen(0, '127.0.0.1', resolve));
    const bareUrl = `http://127.0.0.1:${bare.address().port}/`;
    const baseline = await measure(
      `bare server (${format}, ${(body.length / 1024).toFixed(0)} KiB)`,
      600,
      () => bareUrl,
      {},
    );
    const served = await measure(`emulator ${format}`, 600, page, headers);
    await new Promise((resolve) => bare.close(resolve));
    results.push(baseline, served);
    console.log(
      `   ${format}: emulator ${served.rps.toFixed(0)} req/s, p50 ${served.p50.toFixed(2)} ms, p99 ${served.p99.toFixed(2)} ms | ` +
        `bare server ${baseline.rps.toFixed(0)} req/s, p50 ${baseline.p50.toFixed(2)} ms | emulator ÷ bare: ${(served.rps / baseline.rps).toFixed(2)} of the throughput`,
    );
  }
} finally {
  await emulator.close();
}
