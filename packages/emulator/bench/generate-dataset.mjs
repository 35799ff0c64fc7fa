// Generates about a million job sessions and reports time and memory.
// Run after `tsc -b`: node --expose-gc bench/generate-dataset.mjs
import { setTimeout as delay } from 'node:timers/promises';
import { generateDataset } from '../dist/dataset/generate-dataset.js';

if (typeof globalThis.gc !== 'function') {
  console.error('Run with node --expose-gc, so that memory is measured after a collection.');
  process.exit(1);
}

const options = {
  seed: 1,
  now: new Date('2025-11-01T10:00:00.000Z'),
  servers: 4,
  jobs: 1000,
  days: 1000,
  sessionsPerDay: 1,
  vmsPerJob: 4,
};

const megabytes = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** V8 releases the memory of dead ArrayBuffers after the collection that finds them, a task later. */
async function settledMemoryUsage() {
  globalThis.gc();
  await delay(10);
  globalThis.gc();
  return process.memoryUsage();
}

const before = await settledMemoryUsage();
const started = process.hrtime.bigint();
const dataset = generateDataset(options);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const after = await settledMemoryUsage();

const { count } = dataset.jobSessions;
const scheduledRuns = options.jobs * options.days * options.sessionsPerDay;
const optionList = Object.entries(options)
  .map(([name, value]) => `${name}=${value instanceof Date ? value.toISOString() : value}`)
  .join(' ');
console.log('generateDataset');
console.log(`  options: ${optionList}`);
console.log(
  `  job sessions: ${count} (${scheduledRuns} scheduled runs, ${count - scheduledRuns} retries and running)`,
);
console.log(
  `  elapsed: ${seconds.toFixed(3)} s, ${Math.round(count / seconds).toLocaleString('en-US')} sessions/s`,
);
console.log(`  heapUsed delta: ${megabytes(after.heapUsed - before.heapUsed)}`);
console.log(`  external delta: ${megabytes(after.external - before.external)}`);
console.log(`  arrayBuffers delta: ${megabytes(after.arrayBuffers - before.arrayBuffers)}`);
console.log(`  peak rss: ${megabytes(process.resourceUsage().maxRSS * 1024)}`);
// Keeps the dataset reachable until after the measurement.
if (dataset.jobSessions.id(count - 1).length !== 36) process.exitCode = 1;
