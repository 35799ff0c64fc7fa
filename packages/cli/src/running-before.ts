import { type EmClient, type JobSession, where } from '@vbem/client';
import { isRunningState, JobSessionStateDescriptor, parseUid } from '@vbem/model';
import { eitherSignal } from './either-signal.js';

/** Job session states of a session still running, as @vbem/model tells them. */
const RUNNING_STATES = JobSessionStateDescriptor.values.filter(isRunningState);

/**
 * How far back sessions still running are looked for. No Veeam session is older (VBR 1.0 shipped
 * in 2008), and a filter date before 1753 may not fit EM's database (SQL Server's datetime).
 */
const RUNNING_SESSIONS_SINCE = new Date('2000-01-01T00:00:00Z');

/** Queries for later sessions on their way at once (see withoutLaterSessions). */
export const CONCURRENT_CHECKS = 4;

export interface RunningBeforeCall {
  readonly signal: AbortSignal;
  readonly now: () => Date;
  readonly jobName?: readonly string[];
}

/**
 * Whether EM has a session of `session`'s job created after it and before `until`: then `session`
 * is not its job's run in progress but one VBR lost, left Working while the job ran on.
 */
async function hasLaterSession(
  client: EmClient,
  session: JobSession,
  until: Date,
  signal: AbortSignal,
): Promise<boolean> {
  const type =
    parseUid(session.UID).kind === 'ReplicaJobSession' ? 'ReplicaJobSession' : 'BackupJobSession';
  // EM may keep creation times finer than it writes (EM 12 writes milliseconds): `>` the
  // session's own time as written would match the session itself. So `>=`, and itself skipped.
  const later = client.query(type, {
    filter: where<typeof type>('JobUid', '==', session.JobUid)
      .and('CreationTime', '>=', session.CreationTimeUTC)
      .and('CreationTime', '<', until),
    format: 'references',
    pageSize: 2,
    concurrency: 1,
    signal,
  });
  for await (const reference of later) if (reference.UID !== session.UID) return true;
  return false;
}

/**
 * The job sessions still running that were created before `sessionsFrom` and are their job's
 * latest session, in creation order: a run longer than the crawl reaches back (a backup copy
 * interval, a full backup of days) is its job's run in progress, which the report shows as
 * running rather than the job as missed. One query by state finds them; one more per job checks
 * that no later session of the job came before `sessionsFrom` (which the crawl does not read).
 * EM says whether a session still runs, so only one that runs now is found: a report of a past
 * window misses a run that spanned its start and has ended since.
 */
export async function runningBefore(
  client: EmClient,
  sessionsFrom: Date,
  call: RunningBeforeCall,
): Promise<JobSession[]> {
  if (sessionsFrom.getTime() <= RUNNING_SESSIONS_SINCE.getTime()) return [];
  const latestOfJob = new Map<string, JobSession>();
  const running = client.sessions({
    ...call,
    since: RUNNING_SESSIONS_SINCE,
    until: sessionsFrom,
    state: RUNNING_STATES,
  });
  for await (const session of running) {
    // Creation order: a later one of the job replaces the one before.
    latestOfJob.delete(session.JobUid);
    latestOfJob.set(session.JobUid, session);
  }
  const candidates = [...latestOfJob.values()];
  const isLatest = await withoutLaterSessions(client, candidates, sessionsFrom, call.signal);
  return candidates
    .filter((_, index) => isLatest[index])
    .sort((a, b) => a.CreationTimeUTC.getTime() - b.CreationTimeUTC.getTime());
}

/**
 * hasLaterSession for each candidate, CONCURRENT_CHECKS at a time: an EM with hundreds of backup
 * copy jobs has as many sessions that never stop, and one query after another would use up
 * `vbem check`'s time limit. The first failure aborts the queries still on their way.
 */
async function withoutLaterSessions(
  client: EmClient,
  candidates: readonly JobSession[],
  until: Date,
  signal: AbortSignal,
): Promise<boolean[]> {
  const isLatest = candidates.map(() => false);
  const failed = new AbortController();
  const stop = eitherSignal(signal, failed.signal);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < candidates.length && !stop.signal.aborted) {
      const index = next++;
      const session = candidates[index] as JobSession;
      isLatest[index] = !(await hasLaterSession(client, session, until, stop.signal));
    }
  };
  const failFast = (error: unknown): never => {
    failed.abort(error);
    throw error;
  };
  try {
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENT_CHECKS, candidates.length) }, () =>
        worker().catch(failFast),
      ),
    );
  } finally {
    stop.dispose();
  }
  return isLatest;
}
