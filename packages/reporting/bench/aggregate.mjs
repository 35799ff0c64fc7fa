// buildReport throughput and memory: a million job sessions over 10,000 jobs, each session made
// on the fly by a sync generator, against a baseline loop that only makes and reads them; then
// buildReport over the same sessions made beforehand into an array.
// Run: npx tsc -b && node --expose-gc bench/aggregate.mjs [sessions] [jobs]
import { cpus } from 'node:os';
import { buildReport } from '../dist/build-report.js';
import {
  renderCsv,
  renderJson,
  renderMarkdown,
  renderPrometheus,
  renderText,
} from '../dist/index.js';

if (typeof globalThis.gc !== 'function') {
  console.error('Run with node --expose-gc: the memory figures need a garbage collection.');
  process.exit(2);
}
const gc = globalThis.gc;

const SESSIONS = Number(process.argv[2] ?? 1_000_000);
const JOBS = Number(process.argv[3] ?? 10_000);
const SERVERS = 20;
const NOW = new Date('2025-10-08T00:00:00Z');
const WINDOW_MS = 7 * 86_400_000;
const TARGET_SESSIONS_PER_SECOND = 2_000_000;
const TARGET_HEAP_MB = 150;

const API = 'https://em.example.com:9398/api';
/**
 * What every session of a job shares, as in an in-memory dataset (a decoder would give each
 * session its own copies of the strings). Each job has its own usual duration, from 2 min to 3 h.
 */
const jobs = Array.from({ length: JOBS }, (_, j) => {
  const id = `4856ab37-2235-45e8-affe-${String(j).padStart(12, '0')}`;
  const name = `Backup job ${j}`;
  const server = `vbr${String(j % SERVERS).padStart(2, '0')}.corp.local`;
  return {
    uid: `urn:veeam:Job:${id}`,
    name,
    usualMs: 120_000 * 90 ** ((j * 0.618_034) % 1),
    links: [
      {
        Rel: 'Up',
        Type: 'BackupServerReference',
        Href: `${API}/backupServers/${server}`,
        Name: server,
      },
      { Rel: 'Up', Type: 'JobReference', Href: `${API}/jobs/${id}`, Name: name },
    ],
  };
});

/**
 * Sessions in creation order, with the fields a report reads: round-robin over the jobs, one
 * every WINDOW_MS / count ms. About 5 % fail and 3 % warn; a failed run is retried in the job's
 * next slot 70 % of the time; 1 % of the last round is still running. A run takes its job's usual
 * duration ± 20 %, and 1 % take three times as long. Deterministic. Each session gets its own
 * object, UID string and Dates. `onExhausted` runs after the last session was taken,
 * while the consumer still holds its state.
 */
function* generateSessions(count, onExhausted = () => {}) {
  const lastFailed = new Uint8Array(JOBS);
  const startMs = NOW.getTime() - WINDOW_MS;
  const stepMs = WINDOW_MS / count;
  let random = 0x2545f491;
  const next = () => {
    random ^= random << 13;
    random ^= random >>> 17;
    random ^= random << 5;
    return (random >>> 0) / 4_294_967_296;
  };
  for (let i = 0; i < count; i++) {
    const job = jobs[i % JOBS];
    const creationMs = Math.floor(startMs + i * stepMs);
    const retry = lastFailed[i % JOBS] === 1 && next() < 0.7;
    const roll = next();
    const result = roll < 0.05 ? 'Failed' : roll < 0.08 ? 'Warning' : 'Success';
    const running = i >= count - JOBS && next() < 0.01;
    lastFailed[i % JOBS] = result === 'Failed' ? 1 : 0;
    const durationMs = Math.round(job.usualMs * (0.8 + 0.4 * next()) * (next() < 0.01 ? 3 : 1));
    yield {
      UID: `urn:veeam:BackupJobSession:d2b8d33e-32b5-43be-9d72-${i}`,
      JobUid: job.uid,
      JobName: job.name,
      JobType: 'Backup',
      CreationTimeUTC: new Date(creationMs),
      EndTimeUTC: running ? undefined : new Date(creationMs + durationMs),
      State: running ? 'Working' : 'Stopped',
      Result: running ? 'None' : result,
      Links: job.links,
      IsRetry: retry,
    };
  }
  onExhausted();
}

/** The baseline: make every session and read the fields buildReport reads, nothing else. */
function consume(sessions) {
  let checksum = 0;
  for (const session of sessions) {
    checksum += session.CreationTimeUTC.getTime() & 1;
    if (session.IsRetry) checksum++;
    if (session.EndTimeUTC !== undefined) checksum += session.JobUid.length;
  }
  return checksum;
}

const options = { now: NOW, policy: 'strict', rpo: '24h' };

function time(run) {
  const started = performance.now();
  const value = run();
  return { seconds: (performance.now() - started) / 1000, value };
}

async function timeAsync(run) {
  const started = performance.now();
  const value = await run();
  return { seconds: (performance.now() - started) / 1000, value };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Heap and array buffers in use after a full gc, in bytes: typed arrays keep their data off the heap. */
function memoryInUse() {
  gc();
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

/**
 * Memory held by buildReport's state at the end of the stream (the generator's last step, while
 * every aggregate is alive), and by the finished report, above the memory in use before it.
 */
async function memoryAboveBaseline(count) {
  const before = memoryInUse();
  let atEnd = 0;
  const report = await buildReport(
    { sessions: generateSessions(count, () => (atEnd = memoryInUse())) },
    options,
  );
  const withReport = memoryInUse();
  return {
    stateMb: (atEnd - before) / 1e6,
    reportMb: (withReport - before) / 1e6,
    jobs: report.jobs.length,
  };
}

console.log(
  `@vbem/reporting buildReport benchmark on ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`,
);
console.log(
  `${SESSIONS.toLocaleString('en')} sessions over ${JOBS.toLocaleString('en')} jobs, made on the fly by a sync generator\n`,
);

// Warm-up, so that both loops are measured compiled.
for (let i = 0; i < 3; i++) {
  consume(generateSessions(200_000));
  await buildReport({ sessions: generateSessions(200_000) }, options);
}

const baselineRuns = [];
const buildRuns = [];
let report;
for (let i = 0; i < 5; i++) {
  gc();
  baselineRuns.push(time(() => consume(generateSessions(SESSIONS))).seconds);
  gc();
  const build = await timeAsync(() =>
    buildReport({ sessions: generateSessions(SESSIONS) }, options),
  );
  buildRuns.push(build.seconds);
  report = build.value;
}
const baseline = median(baselineRuns);
const build = median(buildRuns);
const range = (runs) => `${Math.min(...runs).toFixed(3)}–${Math.max(...runs).toFixed(3)} s`;
const perSecond = (seconds) => `${(SESSIONS / seconds / 1e6).toFixed(2)} M sessions/s`;
const buildRate = SESSIONS / build;

console.log('Median of 5 runs:');
console.log(
  `  baseline: make + read sessions     ${baseline.toFixed(3)} s  ${perSecond(baseline)}  (${range(baselineRuns)})`,
);
console.log(
  `  buildReport, sessions made inside  ${build.toFixed(3)} s  ${perSecond(build)}  (${range(buildRuns)}; ` +
    `target ≥ ${TARGET_SESSIONS_PER_SECOND / 1e6} M: ${buildRate >= TARGET_SESSIONS_PER_SECOND ? 'met' : 'MISSED'})`,
);
console.log(`  buildReport ÷ baseline             ${(build / baseline).toFixed(2)} × the time`);
console.log(
  `  aggregation alone (difference)     ${(build - baseline).toFixed(3)} s  ${perSecond(build - baseline)}`,
);
// The same sessions made first, into an array: buildReport alone, as over a dataset already in
// memory. The array (a few hundred MB) is then the baseline that aggregation memory adds to. In a
// function of its own, so that the array is garbage once it returns.
async function inMemoryRuns() {
  const inMemory = [...generateSessions(SESSIONS)];
  for (let i = 0; i < 2; i++) await buildReport({ sessions: inMemory }, options);
  const runs = [];
  for (let i = 0; i < 5; i++) {
    gc();
    runs.push((await timeAsync(() => buildReport({ sessions: inMemory }, options))).seconds);
  }
  return runs;
}
{
  const runs = await inMemoryRuns();
  const seconds = median(runs);
  const rate = SESSIONS / seconds;
  console.log(
    `  buildReport, sessions in an array  ${seconds.toFixed(3)} s  ${perSecond(seconds)}  (${range(runs)}; ` +
      `target ≥ ${TARGET_SESSIONS_PER_SECOND / 1e6} M: ${rate >= TARGET_SESSIONS_PER_SECOND ? 'met' : 'MISSED'})`,
  );
}

const totals = report?.totals;
console.log(
  `  report: ${totals?.jobs} jobs, ${totals?.runs} runs, ${totals?.attempts} attempts, ` +
    `${totals?.runningRuns} running, success rate ${((totals?.successRate ?? 0) * 100).toFixed(1)} %`,
);

if (report) {
  console.log(
    `\nRendering the report of ${report.jobs.length.toLocaleString('en')} jobs (median of 5):`,
  );
  const renderers = {
    text: () => renderText(report, { width: 80 }),
    markdown: () => renderMarkdown(report),
    'csv (jobs)': () => renderCsv(report),
    json: () => renderJson(report),
    prometheus: () => renderPrometheus(report),
  };
  for (const [name, render] of Object.entries(renderers)) {
    const output = render();
    const runs = Array.from({ length: 5 }, () => time(render).seconds);
    console.log(
      `  ${name.padEnd(11)} ${(median(runs) * 1000).toFixed(1).padStart(7)} ms  ${(output.length / 1024).toFixed(0).padStart(6)} KiB`,
    );
  }
}

console.log(
  '\nHeap used (and array buffers) above the baseline after gc, at the end of the session stream:',
);
report = undefined;
for (const count of [SESSIONS / 4, SESSIONS]) {
  const heap = await memoryAboveBaseline(count);
  console.log(
    `  ${count.toLocaleString('en').padStart(9)} sessions: ${heap.stateMb.toFixed(1)} MB of aggregation state ` +
      `(target < ${TARGET_HEAP_MB} MB: ${heap.stateMb < TARGET_HEAP_MB ? 'met' : 'MISSED'}); ` +
      `the finished report of ${heap.jobs} jobs: ${heap.reportMb.toFixed(1)} MB`,
  );
}
