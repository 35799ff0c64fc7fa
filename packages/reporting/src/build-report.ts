import { ownString } from '@vbem/model';
import { jobSessionAsOf, taskOfFinishedSession, taskSessionAsOf } from './as-of.js';
import { backupServerLinkNameOf } from './backup-server-link.js';
import { compareText } from './compare-text.js';
import { CountPool } from './count-pool.js';
import { DayBuckets } from './day-buckets.js';
import { forEachItem } from './for-each-item.js';
import { assertFieldValid, checkReportInput, invalidItemError } from './input-problems.js';
import { JobAggregate } from './job-aggregate.js';
import { JobSessionOfTasks } from './job-session-of-tasks.js';
import { dateFormatterFor } from './local-date.js';
import { LocalDayNumbers } from './local-day-numbers.js';
import { checkOptionsObject } from './options-object.js';
import { MAX_REPORT_REASONS, ReasonTally } from './reason-tally.js';
import { RecentTasks } from './recent-tasks.js';
import { RecentDurationsPool } from './recent-weekday-durations.js';
import type { JobReport, MissedJob, SessionReport, VmReport } from './report.js';
import { ReportError } from './report-error.js';
import { groupsOf } from './report-groups.js';
import type { ReportInput, ReportJobSession } from './report-input.js';
import { REPORT_OPTION_KEYS, type ReportOptions } from './report-options.js';
import { resolveReportSettings } from './report-settings.js';
import { sourcesWithoutVmsOf } from './report-sources.js';
import { totalsOf } from './report-totals.js';
import { rpoStatusOf } from './rpo-status.js';
import { endMsOf } from './session-end.js';
import { UnprocessedTasks } from './unprocessed-tasks.js';
import { compareJobsByUrgency, compareVmsByUrgency } from './urgency.js';

/** Task sessions without a VM name, or with an empty or blank one, are reported under this one. */
const UNNAMED_VM = '(unnamed VM)';

const isoOf = (timeMs: number): string => new Date(timeMs).toISOString();

/**
 * Builds the session report in one streaming pass over the job sessions, then one over the task
 * sessions and one over the job list, each optional but the first. A session belongs to the
 * window `[from, to)` by its creation time. Sessions outside it are checked for order, and those
 * before it give a job its last success for the RPO when none in the window is later, as their
 * task sessions do for VMs; they count in nothing else, and a job with sessions only before the
 * window is not in `jobs`. One exception: a job's latest session, from before the window and
 * still running, is the job's run in progress (a long full backup spanning the window's start).
 *
 * Memory is bounded by jobs and VMs, not by sessions: each job keeps counters, its run in
 * progress, a fixed-size histogram of its window's durations and the durations of its latest runs
 * of each weekday. One exception, and only when task sessions are given: they name their job
 * session, not their job, so the UID of every job session given (in the window or before it) is
 * kept to find its job, with, for those in the window, its end and failure message (see
 * JobSessionOfTasks). That map grows with those sessions (about 180 bytes
 * each: 180 MB for a million); it cannot be avoided while task sessions do not name their job.
 *
 * Sessions are taken as they stood at `now`: one that ended after `now` (a report of the past)
 * counts as still running then, with no result yet, as does one whose State says it runs
 * (Working, …; InProgress, Pending) whatever its end, or, without a State it knows, one whose end is
 * before its start with no result (VBR's 1900-01-01 for "no end yet"). One whose State says it
 * finished (Stopped, Completed) has, with no end or one before its start, no duration (see as-of.ts).
 * A task not finished when its job session has was never processed in that run: it counts as a
 * failed run of its VM, ended with its session (see taskOfFinishedSession and UnprocessedTasks).
 *
 * A repeat of a session (same job, UID and creation time as one already seen) is skipped; one seen
 * running, then finished, counts once, as finished (see JobAggregate.observe). A task session
 * given again within the next 256 task sessions (a crawl repeats the item where two pages meet)
 * is skipped, unless it ran before and has ended since.
 *
 * Throws ReportError: `invalid-option` for a bad option, or options that are no object, before any
 * input is read; `invalid-input` for an input that is no object, or a list of it that is no
 * Iterable or AsyncIterable, before any list is read; for sessions out of creation order within a
 * job, or with an invalid date; and
 * for a session, task session or job outside the types (from JavaScript: a missing `Links`, a
 * `CreationTimeUTC` that is a string) that a report cannot read, naming its fields, UID and index.
 */
export async function buildReport(
  input: ReportInput,
  options: ReportOptions = {},
): Promise<SessionReport> {
  checkOptionsObject(options, 'buildReport', REPORT_OPTION_KEYS);
  const settings = resolveReportSettings(options);
  checkReportInput(input);
  const { nowMs, fromMs, toMs, policy } = settings;
  const days = new DayBuckets(fromMs, toMs, settings.timeZone);
  const localDays = new LocalDayNumbers(dateFormatterFor(settings.timeZone), fromMs);
  const context = {
    policy,
    days,
    durationCounts: new CountPool(),
    recentDurations: new RecentDurationsPool(),
    localDays,
  };
  const jobsByUid = new Map<string, JobAggregate>();
  const jobSessionByUid =
    input.taskSessions === undefined ? null : new Map<string, JobSessionOfTasks>();
  // The same for the sessions before the window: their task sessions give VMs their last success.
  const jobBySessionUidBeforeWindow =
    input.taskSessions === undefined ? null : new Map<string, JobAggregate>();

  await forEachItem(
    input.sessions,
    (given) => {
      const creationMs = given.CreationTimeUTC.getTime();
      if (Number.isNaN(creationMs)) {
        throw new ReportError(
          'invalid-input',
          `session ${given.UID} of job "${given.JobName}": CreationTimeUTC is an invalid Date`,
        );
      }
      const session = jobSessionAsOf(given, nowMs, creationMs);
      let job = jobsByUid.get(session.JobUid);
      if (job === undefined) {
        job = new JobAggregate(session, context);
        jobsByUid.set(job.jobUid, job);
      }
      const seen = job.observe(session, creationMs);
      if (seen === 'repeat') return;
      if (creationMs < fromMs) {
        job.addBeforeWindow(session, creationMs);
        jobBySessionUidBeforeWindow?.set(ownString(session.UID), job);
        return;
      }
      if (creationMs >= toMs) {
        // The job's next run had started by `now`: a run of the window still without an end never got one.
        if (creationMs <= nowMs) job.endRunWithoutOutcome();
        return;
      }
      if (seen === 'finished') {
        job.finishAttempt(session, creationMs);
        if (jobSessionByUid === null) addJobReason(job, session);
        else jobSessionByUid.get(session.UID)?.takeEnd(session);
        return;
      }
      job.addAttempt(session, creationMs);
      // Without task sessions the session's own message is its only reason; with them, it is one
      // when none of its task sessions gives one (after they are read).
      if (jobSessionByUid === null) addJobReason(job, session);
      else jobSessionByUid.set(ownString(session.UID), new JobSessionOfTasks(job, session));
    },
    (item, index) => invalidItemError('sessions', item, index),
  );

  for (const job of jobsByUid.values()) {
    const carriedIn = job.carryInRunningRun();
    if (carriedIn !== null) {
      jobBySessionUidBeforeWindow?.delete(carriedIn);
      // Running: its tasks that have not finished are running too.
      jobSessionByUid?.set(carriedIn, new JobSessionOfTasks(job, null));
    }
  }

  if (
    input.taskSessions !== undefined &&
    jobSessionByUid !== null &&
    jobBySessionUidBeforeWindow !== null
  ) {
    const recentTasks = new RecentTasks();
    const unprocessedTasks = new UnprocessedTasks(policy);
    await forEachItem(
      input.taskSessions,
      (given) => {
        const task = taskSessionAsOf(given, nowMs);
        const vmName = task.VmDisplayName;
        // Missing, empty or blank: a row named "" would be unreadable in every format.
        const name = vmName === undefined || vmName.trim() === '' ? UNNAMED_VM : vmName;
        const jobSession = jobSessionByUid.get(task.JobSessionUid);
        if (jobSession === undefined) {
          // Tasks of sessions before the window give their VM its last success; others (of sessions
          // after the window, or unknown ones) are left out.
          jobBySessionUidBeforeWindow.get(task.JobSessionUid)?.addTaskBeforeWindow(name, task);
          return;
        }
        const endMs = endMsOf(task);
        // A repeat where two pages of a crawl meet would count its failure reason twice.
        if (recentTasks.isRepeat(task.UID, endMs)) return;
        const vm = jobSession.job.vmNamed(name);
        // Adds the VM; a running task has no result yet.
        vm.add(task, policy);
        if (endMs !== Number.POSITIVE_INFINITY) {
          unprocessedTasks.drop(task.UID);
          if (isReasonOfFailure(task.Result, task.Reason)) jobSession.hasTaskReason = true;
        } else if (jobSession.endMs !== Number.POSITIVE_INFINITY) {
          const run = taskOfFinishedSession(task, jobSession.endMs, jobSession.failureMessage);
          unprocessedTasks.hold(task.UID, vm, run);
          if (isReasonOfFailure(run.Result, run.Reason)) jobSession.hasTaskReason = true;
        }
      },
      (item, index) => invalidItemError('taskSessions', item, index),
    );
    unprocessedTasks.releaseAll();
  }
  if (jobSessionByUid !== null) {
    for (const jobSession of jobSessionByUid.values()) {
      const reason = jobSession.jobReason;
      if (reason !== '') jobSession.job.addFailureMessage(reason);
    }
  }

  // An empty source is none: Prometheus writes both as source="", a merge must take them as one.
  const source = input.source === undefined || input.source === '' ? null : input.source;
  const missedJobs: MissedJob[] = [];
  if (input.jobs !== undefined) {
    // A job listed twice (a list crawled in pages, or merged from two calls) is one missed job.
    const listed = new Set<string>();
    await forEachItem(
      input.jobs,
      (job) => {
        // Read as a flag, a string such as 'false' (from JavaScript) would count as scheduled.
        assertFieldValid('jobs', 'ScheduleEnabled', job);
        const aggregate = jobsByUid.get(job.UID);
        if ((aggregate?.attempts ?? 0) > 0 || listed.has(job.UID)) return;
        const jobUid = ownString(job.UID);
        listed.add(jobUid);
        const jobName = ownString(job.Name);
        const rpoSeconds = settings.rpo.secondsFor(jobUid, jobName);
        const rpo = rpoStatusOf(aggregate?.lastSuccessEnd ?? null, nowMs, rpoSeconds);
        missedJobs.push({
          jobUid,
          jobName,
          // Both are optional in the job entity: an unknown type stays empty, an unknown schedule off.
          jobType: ownString(job.JobType ?? ''),
          scheduleEnabled: job.ScheduleEnabled ?? false,
          backupServer: job.Links === undefined ? null : serverNameOf({ Links: job.Links }),
          source,
          lastSuccessAt: rpo.lastSuccessAt,
          lastSuccessAgeSeconds: rpo.lastSuccessAgeSeconds,
          rpoSeconds,
          rpoBreached: rpo.rpoBreached,
        });
      },
      (item, index) => invalidItemError('jobs', item, index),
    );
    missedJobs.sort((a, b) => compareText(a.jobName, b.jobName) || compareText(a.jobUid, b.jobUid));
  }

  const jobs: JobReport[] = [];
  const vms: VmReport[] = [];
  // From every reason of each VM and job, not their reports' top ones: a reason rare in each VM may
  // be the most frequent of all.
  const reasons = new ReasonTally();
  for (const job of jobsByUid.values()) {
    if (job.attempts === 0) continue;
    const rpoSeconds = settings.rpo.secondsFor(job.jobUid, job.jobName);
    const jobReport = job.toReport(nowMs, rpoSeconds, source, settings.topReasons);
    jobs.push(jobReport);
    reasons.addAll(job.allFailureReasons());
    for (const vm of job.vmAggregates()) {
      vms.push(vm.toReport(jobReport, nowMs, rpoSeconds, policy, settings.topReasons));
      reasons.addAll(vm.allFailureReasons());
    }
  }
  jobs.sort(compareJobsByUrgency);
  vms.sort(compareVmsByUrgency);

  return {
    schemaVersion: 1,
    generatedAt: isoOf(settings.generatedAtMs),
    window: { from: isoOf(fromMs), to: isoOf(toMs), timeZone: days.timeZone },
    policy,
    defaultRpoSeconds: settings.rpo.defaultSeconds,
    empty: jobs.length === 0,
    // Unknown without task sessions, or when a source's could not be read: its VMs are missing.
    totals: totalsOf(
      jobs,
      input.taskSessions === undefined || (input.sourcesWithoutVms?.length ?? 0) > 0 ? null : vms,
      policy,
      missedJobs,
    ),
    jobs,
    vms,
    days: days.toReports(),
    missedJobs,
    failedSources: (input.failedSources ?? []).map(({ name, error, source: of }) =>
      of === undefined || of === null || of === '' ? { name, error } : { name, error, source: of },
    ),
    ...(source === null ? {} : { sources: [source] }),
    ...sourcesWithoutVmsOf(input.sourcesWithoutVms),
    groups: settings.groupBy === undefined ? [] : groupsOf(jobs, settings.groupBy, policy),
    failureReasons: reasons.top(MAX_REPORT_REASONS),
    failureReasonKinds: reasons.kinds,
  };
}

/**
 * The name of the backup server in a job's Up link, copied; null without one. A TypeError for
 * another type, which invalidItemError names.
 */
function serverNameOf(job: Pick<ReportJobSession, 'Links'>): string | null {
  const serverName = backupServerLinkNameOf(job);
  if (serverName === undefined || serverName === null) return null;
  if (typeof serverName !== 'string') throw new TypeError('backup server name is no string');
  return ownString(serverName);
}

/** Whether a finished session's or task's result and message make a failure reason. */
const isReasonOfFailure = (result: string, message: string | undefined): boolean =>
  (result === 'Failed' || result === 'Warning') &&
  typeof message === 'string' &&
  message.trim() !== '';

/** A finished failed or warning session's own message, as a reason of its job (no task sessions given). */
function addJobReason(job: JobAggregate, session: ReportJobSession): void {
  if (endMsOf(session) === Number.POSITIVE_INFINITY) return;
  const message = session.FailureMessage;
  if (isReasonOfFailure(session.Result, message)) job.addFailureMessage(message as string);
}
