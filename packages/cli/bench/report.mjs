// `vbem report --since 30d` against an emulator (its own process) with ~100,000 job sessions in
// the window and 20 ms added to every request: wall time and peak RSS of the vbem process, and
// the same crawl done bare with @vbem/client in this process as the floor to compare with.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createClient } from '@vbem/client';
import { reportInputRange } from '@vbem/reporting';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const JOBS = 140;
const SESSIONS_PER_DAY = 24;
const LATENCY_MS = 20;
const now = new Date();

const emulatorProcess = spawn(
  process.execPath,
  [here('./emulator-process.mjs'), JOBS, SESSIONS_PER_DAY, LATENCY_MS, now.toISOString()],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
process.on('exit', () => emulatorProcess.kill('SIGKILL'));
const { url, sessions } = JSON.parse(
  await new Promise((resolve) =>
    createInterface({ input: emulatorProcess.stdout }).once('line', resolve),
  ),
);
console.log(
  `emulator: ${sessions.toLocaleString('en-US')} job sessions over 31 days, +${LATENCY_MS} ms per request`,
);

/** Runs vbem; returns wall time, peak RSS and the output size. */
function runVbem(args) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      ['--import', here('./max-rss.mjs'), here('../bin/vbem.js'), ...args],
      {
        env: { PATH: process.env.PATH, VBEM_PASSWORD: 'emulator', NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      },
    );
    let bytes = 0;
    let stderr = '';
    let rss = '';
    child.stdout.on('data', (chunk) => {
      bytes += chunk.length;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.stdio[3].on('data', (chunk) => {
      rss += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`vbem exited ${code}: ${stderr}`));
      else
        resolve({
          ms: performance.now() - started,
          maxRssMb: JSON.parse(rss).maxRssKb / 1024,
          bytes,
        });
    });
  });
}

/**
 * The floor: the same three crawls the report makes, over the same windows (job sessions from the
 * RPO before the window, task sessions from the window), with nothing built from them.
 */
async function bareCrawl(tasks) {
  const started = performance.now();
  const client = createClient({ url, username: 'emulator', password: 'emulator' });
  const now = new Date();
  const { sessionsFrom, to } = reportInputRange({ since: '30d', now });
  const crawl = { until: to, now: () => now };
  let count = 0;
  await client.jobs.listEntities();
  for await (const _ of client.sessions({ ...crawl, since: sessionsFrom })) count++;
  if (tasks) for await (const _ of client.taskSessions({ ...crawl, since: sessionsFrom })) count++;
  await client.close();
  return { ms: performance.now() - started, count };
}

const common = [
  'report',
  '--url',
  url,
  '--username',
  'emulator',
  '--since',
  '30d',
  '--format',
  'json',
];
const rows = [];
for (const tasks of [false, true]) {
  const floor = await bareCrawl(tasks);
  const run = await runVbem(tasks ? common : [...common, '--no-tasks']);
  rows.push({
    case: tasks ? 'vbem report --since 30d' : 'vbem report --since 30d --no-tasks',
    'wall s': (run.ms / 1000).toFixed(1),
    'peak RSS MB': run.maxRssMb.toFixed(0),
    'bare crawl s': (floor.ms / 1000).toFixed(1),
    'items crawled': floor.count.toLocaleString('en-US'),
    'vbem ÷ bare': (run.ms / floor.ms).toFixed(2),
  });
}
console.table(rows);
emulatorProcess.kill('SIGTERM');
