// The sessions the benchmarks aggregate: deterministic, in creation order, shaped like the
// decoder's (each session its own object, UID string and Dates; what a job's sessions share,
// shared).

/** The report time the sessions lead up to, and the options every benchmark reports with. */
export const NOW = new Date('2025-10-08T00:00:00Z');
export const REPORT_OPTIONS = { now: NOW, policy: 'strict', rpo: '24h' };
const WINDOW_MS = 7 * 86_400_000;
const SERVERS = 20;

const API = 'https://em.example.com:9398/api';
const jobsByCount = new Map();

/**
 * What every session of a job shares, as in an in-memory dataset (a decoder would give each
 * session its own copies of the strings). Each job has its own usual duration, from 2 min to 3 h.
 * Made once per number of jobs, before any measurement.
 */
function jobsOf(count) {
  const known = jobsByCount.get(count);
  if (known !== undefined) return known;
  const jobs = Array.from({ length: count }, (_, j) => {
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
  jobsByCount.set(count, jobs);
  return jobs;
}

/**
 * Sessions in creation order, with the fields a report reads: round-robin over the jobs, one
 * every WINDOW_MS / count ms. About 5 % fail and 3 % warn; a failed run is retried in the job's
 * next slot 70 % of the time; 1 % of the last round is still running. A run takes its job's usual
 * duration ± 20 %, and 1 % take three times as long. Deterministic. Each session gets its own
 * object, UID string and Dates. `onExhausted` runs after the last session was taken,
 * while the consumer still holds its state.
 */
export function* generateSessions(count, jobCount, onExhausted = () => {}) {
  const jobs = jobsOf(jobCount);
  const lastFailed = new Uint8Array(jobCount);
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
    const job = jobs[i % jobCount];
    const creationMs = Math.floor(startMs + i * stepMs);
    const retry = lastFailed[i % jobCount] === 1 && next() < 0.7;
    const roll = next();
    const result = roll < 0.05 ? 'Failed' : roll < 0.08 ? 'Warning' : 'Success';
    const running = i >= count - jobCount && next() < 0.01;
    lastFailed[i % jobCount] = result === 'Failed' ? 1 : 0;
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
