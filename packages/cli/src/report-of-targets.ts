import {
  AbortError,
  ClientOptionsError,
  type EmClient,
  type JobSession,
  NetworkError,
  type TaskSession,
  TimeoutError,
} from '@vbem/client';
import { isRunning } from '@vbem/model';
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
import { DEFAULT_EM_CONCURRENCY } from './em-concurrency.js';
import { type EmFailure, everyEmFailed } from './every-em-failed.js';
import { sameJobName } from './job-names.js';
import { type RunningBeforeCall, runningBefore } from './running-before.js';
import { TimeLimitError } from './time-limit-error.js';
import { lineWithoutLocalPaths } from './without-local-paths.js';

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
  /** EMs read at once when there are several (default DEFAULT_EM_CONCURRENCY). */
  readonly concurrency?: number;
  /**
   * Read job sessions from a week and a day before the window, for what is usual for a run's
   * duration (default true); false reads them from the RPO before it, as the task sessions: for
   * a caller that does not look at "slower than usual".
   */
  readonly history?: boolean;
  /**
   * When every EM fails, return the report of their failures (each a failed source, no data) and
   * the error in `everyEmFailed`, instead of throwing it: for an output that must say each EM is
   * down (Prometheus' `source_up 0`) rather than leave the last one in place (default false). An
   * abort or a bad option is still thrown: no EM failed of itself.
   */
  readonly reportEveryFailure?: boolean;
}

/**
 * The report over every target. The EMs whose task sessions could not be read are its
 * `sourcesWithoutVms`: their jobs are in it, their VMs are not (a VM's figures from part of its
 * tasks could hide a failure or a last success).
 */
export interface ReportOfTargets {
  readonly report: SessionReport;
  /** The EMs that failed (with --all), and how: the report lists them too, without the how. */
  readonly emFailures: readonly EmFailure[];
  /**
   * With `reportEveryFailure`, the error every EM failed with, as it would have been thrown: the
   * command ends with it once the report (of failed sources alone) is written.
   */
  readonly everyEmFailed?: unknown;
}

/**
 * Whether a session ran at `now`, the time the report is judged at: running still, or ended after
 * it (a report of the past, `--to`), as buildReport takes it.
 */
const runsAt = (session: JobSession, now: Date): boolean =>
  isRunning(session) || (session.EndTimeUTC !== undefined && session.EndTimeUTC > now);

/**
 * `tasks` until EM fails them: the failure is handed to `failed` and they end there, so that the
 * job sessions already read still make the report. An abort (the user's) or a bad option still
 * fails the report.
 */
async function* tasksUntilFailed(
  context: CommandContext,
  tasks: AsyncIterable<TaskSession>,
  failed: (error: unknown) => void,
): AsyncGenerator<TaskSession> {
  try {
    yield* tasks;
  } catch (error) {
    if (
      context.io.signal.aborted ||
      error instanceof AbortError ||
      error instanceof ClientOptionsError
    )
      throw error;
    failed(error);
  }
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
  // there), job sessions from a week and a day before it (what is usual for a run's duration on
  // its weekday): what the report reads, no more.
  const range = reportInputRange({ ...request.options, now });
  const { sessionsFrom, to } = range;
  const historyFrom = request.history === false ? sessionsFrom : range.historyFrom;
  const crawl = { until: to, signal: context.io.signal, now: () => now };
  const filters =
    request.jobNames && request.jobNames.length > 0 ? { jobName: request.jobNames } : {};
  context.verbose(
    flags,
    `${target.name}: reading the job list, the job sessions still running from before ${historyFrom.toISOString()}, then job sessions created from then${request.tasks ? ` and task sessions from ${sessionsFrom.toISOString()}` : ''} to ${to.toISOString()}${request.jobNames?.length ? ` of ${request.jobNames.length} named jobs` : ''}`,
  );
  const progress = context.progress(
    `${target.name}: sessions`,
    showsProgress ? flags : { ...flags, quiet: true },
  );
  try {
    const jobs = await client.jobs.listEntities({ signal: context.io.signal });
    const carried = await carriedRuns(context, client, target, historyFrom, {
      signal: crawl.signal,
      now: crawl.now,
      ...filters,
    });
    let count = 0;
    const sessions = client.sessions({ ...crawl, since: historyFrom, ...filters });
    /**
     * Per job, its latest session created before `sessionsFrom` while it runs and no later one of
     * the job came: a run the report may carry in, whose tasks from before `sessionsFrom` the task
     * crawl does not read.
     */
    const runningBeforeTasks = new Map<string, JobSession>();
    for (const session of carried) runningBeforeTasks.set(session.JobUid, session);
    async function* counted() {
      yield* carried;
      for await (const page of sessions.pages()) {
        count += page.items.length;
        progress.update(count, `${sessions.stats.pages} pages`);
        for (const session of page.items) {
          runningBeforeTasks.delete(session.JobUid);
          if (session.CreationTimeUTC < sessionsFrom && runsAt(session, now)) {
            runningBeforeTasks.set(session.JobUid, session);
          }
        }
        yield* page.items;
      }
    }
    const taskCrawl = request.tasks
      ? client.taskSessions({ ...crawl, since: sessionsFrom, ...filters })
      : undefined;
    // Read once every job session is in: the tasks of a run carried in, when it is still its job's latest.
    async function* withCarriedTasks(crawled: AsyncIterable<TaskSession>) {
      yield* crawled;
      const stillRunning = [...runningBeforeTasks.values()];
      for await (const { taskSessions } of client.taskSessionsOf(stillRunning, {
        signal: context.io.signal,
      })) {
        // Those created from `sessionsFrom` on came with the task crawl already.
        for (const task of taskSessions) if (task.CreationTimeUTC < sessionsFrom) yield task;
      }
    }
    let tasksFailed: { error: unknown } | undefined;
    const tasks = taskCrawl
      ? tasksUntilFailed(context, withCarriedTasks(taskCrawl), (error) => {
          tasksFailed = { error };
        })
      : undefined;
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
    if (tasksFailed) {
      const line = describeError(tasksFailed.error).line;
      context.warn(
        `${target.name}: could not read the task sessions (${line}); the jobs are in the report, the VMs are not`,
      );
      // As without task sessions: how many VMs breach the RPO is not known. The report says so
      // itself, for a reader of the saved file (or of Prometheus) who sees no warning.
      return {
        ...report,
        vms: [],
        totals: { ...report.totals, vmsBreachingRpo: null },
        sourcesWithoutVms: [{ name: target.name, error: line }],
      };
    }
    return report;
  } finally {
    progress.done();
  }
}

/**
 * runningBefore the start of the job crawl, or none with a warning when EM fails it: the report stands without
 * them, such a run then showing as a missed job, as before they were asked for.
 */
async function carriedRuns(
  context: CommandContext,
  client: EmClient,
  target: Target,
  crawlFrom: Date,
  call: RunningBeforeCall,
): Promise<JobSession[]> {
  try {
    return await runningBefore(client, crawlFrom, call);
  } catch (error) {
    // A bad option (a job name no filter can hold) fails the report, as the crawl itself would;
    // an abort (the user's, or check's --time-limit through the client's signal) stops it; an EM
    // that does not answer in time or at all would only stall the crawl after it the same way.
    // EM's answered refusal (a 500) is the one worth going on without.
    if (
      context.io.signal.aborted ||
      error instanceof ClientOptionsError ||
      error instanceof AbortError ||
      error instanceof TimeoutError ||
      error instanceof NetworkError
    )
      throw error;
    context.warn(
      `${target.name}: could not read the sessions still running from before ${crawlFrom.toISOString()} (${describeError(error).line}); a run that began before then shows as a missed job`,
    );
    return [];
  }
}

/**
 * The report over every target: one EM directly; several (`--all`) `concurrency` at a time, merged,
 * with the EMs that failed listed in the report (without the local file paths of their errors)
 * instead of failing it. Fails only when every EM failed, unless `reportEveryFailure` asks for the
 * report of their failures. An EM whose task sessions fail keeps its jobs in the report, without
 * its VMs.
 */
export async function reportOfTargets(
  context: CommandContext,
  targets: readonly Target[],
  request: ReportRequest,
  flags: OutputFlags,
): Promise<ReportOfTargets> {
  // A window that ended in the past is judged at its end: ages, RPOs and running sessions as they
  // stood then (buildReport takes sessions as of `now`), not as they stand now without the
  // sessions after it, which are not fetched.
  const clock = context.io.now();
  const to = request.options.to;
  const now = to !== undefined && to.getTime() < clock.getTime() ? to : clock;
  // Made now, whatever time it is judged at.
  const stamped = { ...request, options: { ...request.options, generatedAt: clock } };
  const [only] = targets;
  const reportOfTarget = (target: Target, showsProgress: boolean) =>
    reportOf(context, context.client(target), target, stamped, flags, now, showsProgress);
  /** The report of the EMs that failed: their names and errors, without local file paths. */
  const reportOfFailures = (failures: readonly EmFailure[]) =>
    buildReport(
      {
        sessions: [],
        failedSources: failures.map(({ name, error, statusError }) => ({
          name,
          error: statusError ?? error,
        })),
      },
      { ...stamped.options, now },
    );
  if (targets.length === 1 && only) {
    try {
      return { report: await reportOfTarget(only, true), emFailures: [] };
    } catch (error) {
      if (
        !request.reportEveryFailure ||
        context.io.signal.aborted ||
        error instanceof ClientOptionsError
      )
        throw error;
      // Stopped by the command's --time-limit: the error names the limit, not the abort it made.
      const cut = error instanceof AbortError ? context.cutOff?.(true, only.name) : undefined;
      const failure: EmFailure = {
        name: only.name,
        error: cut ?? describeError(error).line,
        how: cut === undefined ? 'failed' : 'cut',
      };
      return {
        report: await reportOfFailures([failure]),
        emFailures: [failure],
        everyEmFailed: cut === undefined ? error : new TimeLimitError(cut, error, only),
      };
    }
  }
  // By the targets' place in the config file, whichever finished first: the report's sources and
  // failed sources, and the EM an all-failed error names, are the same from run to run.
  const settled: ({ report: SessionReport } | { failure: EmFailure; error?: unknown })[] = [];
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < targets.length; index = next++) {
      const target = targets[index] as Target;
      // Past the command's own limit, an EM still queued is not started: its requests would
      // only be aborted, and it did not fail of itself.
      const notStarted = context.cutOff?.(false, target.name);
      if (notStarted !== undefined) {
        settled[index] = { failure: { name: target.name, error: notStarted, how: 'not-started' } };
        context.warn(`${target.name}: ${notStarted}`);
        continue;
      }
      try {
        settled[index] = { report: await reportOfTarget(target, false) };
        context.verbose(flags, `${target.name}: done`);
      } catch (error) {
        if (context.io.signal.aborted) throw error;
        const cut = error instanceof AbortError ? context.cutOff?.(true, target.name) : undefined;
        const line = cut ?? describeError(error).line;
        // The local files an error names stay out of text others read (check's status line).
        const local = lineWithoutLocalPaths(error, line);
        settled[index] = {
          failure: {
            name: target.name,
            error: line,
            ...(local === line ? {} : { statusError: local }),
            how: cut === undefined ? 'failed' : 'cut',
          },
          // An every-EM-failed error names the limit, not the abort it made.
          error: cut === undefined ? error : new TimeLimitError(cut, error, target),
        };
        context.warn(`${target.name}: ${line}`);
      }
    }
  };
  const concurrency = request.concurrency ?? DEFAULT_EM_CONCURRENCY;
  await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));
  const reports: SessionReport[] = [];
  const failures: EmFailure[] = [];
  let firstFailed: { target: Target; error: unknown } | undefined;
  settled.forEach((each, index) => {
    if ('report' in each) reports.push(each.report);
    else {
      failures.push(each.failure);
      if ('error' in each) firstFailed ??= { target: targets[index] as Target, error: each.error };
    }
  });
  if (reports.length === 0 && firstFailed) {
    const error = everyEmFailed(
      firstFailed.target,
      firstFailed.error,
      failures,
      context.hasAnswered,
    );
    // A bad option fails every EM alike: none of them is down.
    if (!request.reportEveryFailure || firstFailed.error instanceof ClientOptionsError) throw error;
    return { report: await reportOfFailures(failures), emFailures: failures, everyEmFailed: error };
  }
  if (failures.length > 0) reports.push(await reportOfFailures(failures));
  return { report: mergeReports(reports), emFailures: failures };
}
