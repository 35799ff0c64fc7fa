import type { EmClient, JobSession, TaskSession } from '@vbem/client';
import { JobSessionStateDescriptor } from '@vbem/model';
import {
  buildReport,
  mergeReports,
  type ReportOptions,
  reportInputRange,
  type SessionReport,
} from '@vbem/reporting';
import type { CommandContext, OutputFlags } from './command-context.js';
import type { Target } from './connection/target.js';
import { describeError } from './describe-error.js';
import { sameJobName } from './job-names.js';

/** EMs reported on at once with `--all`. */
export const EM_CONCURRENCY = 4;

export interface ReportRequest {
  /**
   * The report's window and rules; `now` is set from the CLI's clock, or `to` when that is
   * earlier, and `generatedAt` from the CLI's clock.
   */
  readonly options: ReportOptions;
  /** Read task sessions too, for the per-VM part (default true). */
  readonly tasks: boolean;
  /** Only these jobs (names in any case, as EM's filter matches them). */
  readonly jobNames?: readonly string[];
}

/** Job session states of a session still running: every one but Stopped. */
const RUNNING_STATES = JobSessionStateDescriptor.values.filter((state) => state !== 'Stopped');

/**
 * How far back sessions still running are looked for. No Veeam session is older (VBR 1.0 shipped
 * in 2008), and a filter date before 1753 may not fit EM's database (SQL Server's datetime).
 */
const RUNNING_SESSIONS_SINCE = new Date('2000-01-01T00:00:00Z');

/**
 * The job sessions still running that were created before `sessionsFrom`, each job's latest, in
 * creation order: a run longer than the crawl reaches back (a backup copy interval, a full backup
 * of days) is its job's run in progress, which the report shows as running rather than the job as
 * missed. EM says whether a session still runs, so only one that runs now is found: a report of a
 * past window misses a run that spanned its start and has ended since.
 */
async function runningBefore(
  client: EmClient,
  sessionsFrom: Date,
  crawl: { readonly signal: AbortSignal; readonly now: () => Date },
  filters: { readonly jobName?: readonly string[] },
): Promise<JobSession[]> {
  if (sessionsFrom.getTime() <= RUNNING_SESSIONS_SINCE.getTime()) return [];
  const latestOfJob = new Map<string, JobSession>();
  const running = client.sessions({
    ...crawl,
    since: RUNNING_SESSIONS_SINCE,
    until: sessionsFrom,
    state: RUNNING_STATES,
    ...filters,
  });
  for await (const session of running) {
    // Creation order: a later one of the job replaces the one before.
    latestOfJob.delete(session.JobUid);
    latestOfJob.set(session.JobUid, session);
  }
  return [...latestOfJob.values()].sort(
    (a, b) => a.CreationTimeUTC.getTime() - b.CreationTimeUTC.getTime(),
  );
}

/** One EM's report, streamed: sessions, task sessions and the job list, each one crawl. */
async function reportOf(
  context: CommandContext,
  client: EmClient,
  target: Target,
  request: ReportRequest,
  flags: OutputFlags,
  now: Date,
  showsProgress: boolean,
): Promise<SessionReport> {
  // Job and task sessions from the RPO before the window (a job's or a VM's last success may be
  // there): what the report reads, no more.
  const { sessionsFrom, to } = reportInputRange({ ...request.options, now });
  const crawl = { until: to, signal: context.io.signal, now: () => now };
  const filters =
    request.jobNames && request.jobNames.length > 0 ? { jobName: request.jobNames } : {};
  context.verbose(
    flags,
    `${target.name}: reading the job list, the job sessions still running from before ${sessionsFrom.toISOString()}, then job${request.tasks ? ' and task' : ''} sessions created from then to ${to.toISOString()}${request.jobNames?.length ? ` of ${request.jobNames.length} named jobs` : ''}`,
  );
  const progress = context.progress(
    `${target.name}: sessions`,
    showsProgress ? flags : { ...flags, quiet: true },
  );
  const jobs = await client.jobs.listEntities({ signal: context.io.signal });
  const carried = await runningBefore(client, sessionsFrom, crawl, filters);
  let count = 0;
  const sessions = client.sessions({ ...crawl, since: sessionsFrom, ...filters });
  /** Jobs with a session from `sessionsFrom` on: their runs from before are over. */
  const jobsInCrawl = new Set<string>();
  async function* counted() {
    yield* carried;
    for await (const page of sessions.pages()) {
      count += page.items.length;
      progress.update(count, `${sessions.stats.pages} pages`);
      for (const session of page.items) jobsInCrawl.add(session.JobUid);
      yield* page.items;
    }
  }
  const taskCrawl = request.tasks
    ? client.taskSessions({ ...crawl, since: sessionsFrom, ...filters })
    : undefined;
  // Read once every job session is in: the tasks of a run carried in, when it is still its job's latest.
  async function* withCarriedTasks(crawled: AsyncIterable<TaskSession>) {
    yield* crawled;
    const stillRunning = carried.filter((session) => !jobsInCrawl.has(session.JobUid));
    for await (const { taskSessions } of client.taskSessionsOf(stillRunning, {
      signal: context.io.signal,
    })) {
      yield* taskSessions;
    }
  }
  const tasks = taskCrawl ? withCarriedTasks(taskCrawl) : undefined;
  try {
    const report = await buildReport(
      {
        sessions: counted(),
        ...(tasks ? { taskSessions: tasks } : {}),
        jobs:
          request.jobNames && request.jobNames.length > 0
            ? jobs.filter((job) => request.jobNames?.some((name) => sameJobName(name, job.Name)))
            : jobs,
        source: target.name,
      },
      { ...request.options, now },
    );
    context.verbose(
      flags,
      `${target.name}: ${count} job sessions in ${sessions.stats.pages} page${sessions.stats.pages === 1 ? '' : 's'}${taskCrawl ? `, ${taskCrawl.stats.items} task sessions` : ''}, ${carried.length} still running from before, ${jobs.length} jobs in the job list`,
    );
    return report;
  } finally {
    progress.done();
  }
}

/**
 * The report over every target: one EM directly; several (`--all`) a few at a time, merged,
 * with the EMs that failed listed in the report instead of failing it. Fails only when every
 * EM failed.
 */
export async function reportOfTargets(
  context: CommandContext,
  targets: readonly Target[],
  request: ReportRequest,
  flags: OutputFlags,
): Promise<SessionReport> {
  // A window that ended in the past is judged at its end: ages, RPOs and running sessions as they
  // stood then (buildReport takes sessions as of `now`), not as they stand now without the
  // sessions after it, which are not fetched.
  const clock = context.io.now();
  const to = request.options.to;
  const now = to !== undefined && to.getTime() < clock.getTime() ? to : clock;
  // Made now, whatever time it is judged at.
  const stamped = { ...request, options: { ...request.options, generatedAt: clock } };
  const [only] = targets;
  if (targets.length === 1 && only)
    return reportOf(context, context.client(only), only, stamped, flags, now, true);
  const reports: SessionReport[] = [];
  const failures: { name: string; error: string }[] = [];
  let firstError: unknown;
  const queue = [...targets];
  const worker = async () => {
    for (let target = queue.shift(); target; target = queue.shift()) {
      try {
        reports.push(
          await reportOf(context, context.client(target), target, stamped, flags, now, false),
        );
        context.verbose(flags, `${target.name}: done`);
      } catch (error) {
        if (context.io.signal.aborted) throw error;
        firstError ??= error;
        failures.push({ name: target.name, error: describeError(error).line });
        context.warn(`${target.name}: ${describeError(error).line}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(EM_CONCURRENCY, targets.length) }, worker));
  if (reports.length === 0) throw firstError;
  if (failures.length > 0) {
    reports.push(
      await buildReport({ sessions: [], failedSources: failures }, { ...stamped.options, now }),
    );
  }
  return mergeReports(reports);
}
