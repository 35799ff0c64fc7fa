// A paired comparison of buildReport against another build of it, in one process: the same
// million sessions in an array, each build run in turn, so that both see the same machine. On a
// shared machine this is what tells a change from noise; single runs move by ±40 %.
// Run: node --expose-gc bench/compare.mjs OTHER_DIST [rounds]
//   OTHER_DIST: a directory holding another build's build-report.js, e.g. the dist of a worktree
//   of the commit to compare with, or a copy of it under bench/_old (bench/_* is ignored by git),
//   where its `@vbem/model` import resolves to this package's.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateSessions, REPORT_OPTIONS } from './generate-sessions.mjs';

if (typeof globalThis.gc !== 'function' || process.argv[2] === undefined) {
  console.error('Run: node --expose-gc bench/compare.mjs OTHER_DIST [rounds]');
  process.exit(2);
}
const gc = globalThis.gc;
const ROUNDS = Number(process.argv[3] ?? 21);
const SESSIONS = 1_000_000;
const JOBS = 10_000;

const builds = {
  this: (await import('../dist/build-report.js')).buildReport,
  other: (await import(pathToFileURL(resolve(process.argv[2], 'build-report.js')).href))
    .buildReport,
};
const sessions = [...generateSessions(SESSIONS, JOBS)];
const rewarm = sessions.slice(0, 100_000);
for (const build of Object.values(builds)) {
  for (let i = 0; i < 3; i++) await build({ sessions }, REPORT_OPTIONS);
}

const times = { this: [], other: [] };
let thisFaster = 0;
for (let round = 0; round < ROUNDS; round++) {
  // Alternate which goes first, so that neither always runs right after the other's garbage.
  const order = round % 2 === 0 ? ['this', 'other'] : ['other', 'this'];
  for (const name of order) {
    // A full collection drops the compiled loop with the object shapes it checked (see
    // aggregate.mjs): a short run compiles it again, so that the timed run measures compiled code.
    gc();
    await builds[name]({ sessions: rewarm }, REPORT_OPTIONS);
    const started = performance.now();
    await builds[name]({ sessions }, REPORT_OPTIONS);
    times[name].push(performance.now() - started);
  }
  if (times.this[round] < times.other[round]) thisFaster++;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rate = (ms) => `${(SESSIONS / ms / 1000).toFixed(2)} M sessions/s`;
for (const name of ['this', 'other']) {
  console.log(
    `${name.padEnd(6)} median ${median(times[name]).toFixed(0)} ms (${rate(median(times[name]))}), fastest ${Math.min(...times[name]).toFixed(0)} ms`,
  );
}
console.log(
  `this ÷ other: ${(median(times.other) / median(times.this)).toFixed(2)} × as fast (medians), ${(Math.min(...times.other) / Math.min(...times.this)).toFixed(2)} × (fastest runs); faster in ${thisFaster} of ${ROUNDS} rounds`,
);
