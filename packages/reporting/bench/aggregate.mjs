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
import { generateSessions, REPORT_OPTIONS } from './generate-sessions.mjs';

if (typeof globalThis.gc !== 'function') {
  console.error('Run with node --expose-gc: the memory figures need a garbage collection.');
  process.exit(2);
}
const gc = globalThis.gc;

const SESSIONS = Number(process.argv[2] ?? 1_000_000);
const JOBS = Number(process.argv[3] ?? 10_000);
const TARGET_SESSIONS_PER_SECOND = 2_000_000;
const TARGET_HEAP_MB = 150;

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

const options = REPORT_OPTIONS;

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
    { sessions: generateSessions(count, JOBS, () => (atEnd = memoryInUse())) },
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
  consume(generateSessions(200_000, JOBS));
  await buildReport({ sessions: generateSessions(200_000, JOBS) }, options);
}

/** Sessions of the short runs that compile the loops again after a full collection. */
const REWARM_SESSIONS = 100_000;

/**
 * A full collection, so that none falls in the timed run, then `rewarm` on a few sessions. The
 * collection frees the last report's state, and with it the object shapes (V8 maps) that only its
 * objects held; V8 then drops the compiled code that checks them, and the next run starts in the
 * interpreter and recompiles as it goes, about 0.2 s for a million sessions. A process building
 * reports one after another sees that only when a full collection falls between two of them, and
 * a process's first report sees it anyway; both are measured on their own below.
 */
async function collectThenRewarm(rewarm) {
  gc();
  await rewarm();
}

const baselineRuns = [];
const buildRuns = [];
let report;
for (let i = 0; i < 5; i++) {
  await collectThenRewarm(() => consume(generateSessions(REWARM_SESSIONS, JOBS)));
  baselineRuns.push(time(() => consume(generateSessions(SESSIONS, JOBS))).seconds);
  await collectThenRewarm(() =>
    buildReport({ sessions: generateSessions(REWARM_SESSIONS, JOBS) }, options),
  );
  const build = await timeAsync(() =>
    buildReport({ sessions: generateSessions(SESSIONS, JOBS) }, options),
  );
  buildRuns.push(build.seconds);
  report = build.value;
}
const baseline = median(baselineRuns);
const build = median(buildRuns);
const range = (runs) => `${Math.min(...runs).toFixed(3)}–${Math.max(...runs).toFixed(3)} s`;
const perSecond = (seconds) => `${(SESSIONS / seconds / 1e6).toFixed(2)} M sessions/s`;

console.log(
  `Median of 5 runs, each after a full collection and a run of ${REWARM_SESSIONS.toLocaleString('en')} sessions that compiles the loop again:`,
);
console.log(
  `  baseline: make + read sessions     ${baseline.toFixed(3)} s  ${perSecond(baseline)}  (${range(baselineRuns)})`,
);
console.log(
  `  buildReport, sessions made inside  ${build.toFixed(3)} s  ${perSecond(build)}  (${range(buildRuns)}; making them included)`,
);
console.log(`  buildReport ÷ baseline             ${(build / baseline).toFixed(2)} × the time`);
console.log(
  `  aggregation alone (difference)     ${(build - baseline).toFixed(3)} s  ${perSecond(build - baseline)}`,
);
// The same sessions made first, into an array: buildReport alone, as over a dataset already in
// memory. The array (a few hundred MB) is then the baseline that aggregation memory adds to. In a
// function of its own, so that the array is garbage once it returns.
async function inMemoryRuns() {
  const inMemory = [...generateSessions(SESSIONS, JOBS)];
  const rewarm = inMemory.slice(0, REWARM_SESSIONS);
  for (let i = 0; i < 2; i++) await buildReport({ sessions: inMemory }, options);
  const warm = [];
  const recompiling = [];
  for (let i = 0; i < 5; i++) {
    await collectThenRewarm(() => buildReport({ sessions: rewarm }, options));
    warm.push((await timeAsync(() => buildReport({ sessions: inMemory }, options))).seconds);
    gc();
    recompiling.push((await timeAsync(() => buildReport({ sessions: inMemory }, options))).seconds);
  }
  return { warm, recompiling };
}
{
  const { warm, recompiling } = await inMemoryRuns();
  const seconds = median(warm);
  const rate = SESSIONS / seconds;
  console.log(
    `  buildReport, sessions in an array  ${seconds.toFixed(3)} s  ${perSecond(seconds)}  (${range(warm)}; ` +
      `target ≥ ${TARGET_SESSIONS_PER_SECOND / 1e6} M: ${rate >= TARGET_SESSIONS_PER_SECOND ? 'met' : 'MISSED'})`,
  );
  const cold = median(recompiling);
  console.log(
    `  the same, recompiling as it runs   ${cold.toFixed(3)} s  ${perSecond(cold)}  (${range(recompiling)}; ` +
      'right after a full collection, with no run between)',
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
