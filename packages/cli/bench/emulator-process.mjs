// The EM of the benchmark, in its own process: prints its URL on stdout, runs until killed.
import { startEmulator } from '@vbem/emulator';

const [jobs, sessionsPerDay, latencyMs] = process.argv.slice(2, 5).map(Number);
// The dataset ends at the real time of the run, so that vbem's own clock sees the same window.
const now = new Date(process.argv[5]);
const emulator = await startEmulator({
  dataset: { now, jobs, days: 31, sessionsPerDay, vmsPerJob: 4, seed: 7 },
  faults: [{ fault: { kind: 'latency', ms: latencyMs }, times: Number.POSITIVE_INFINITY }],
  onWarning: () => {},
});
process.stdout.write(
  `${JSON.stringify({ url: emulator.url, sessions: emulator.dataset.jobSessions.count })}\n`,
);
process.on('SIGTERM', () => emulator.close().then(() => process.exit(0)));
