/**
 * The session report: what `buildReport` returns and every renderer reads. It is a plain JSON
 * document (instants as ISO 8601 UTC strings, durations in seconds), and the source of
 * `schemas/report/session-report.schema.json` for consumers of `vbem report --format json`.
 */
export interface SessionReport {
  /** Version of this document's shape; bumped on breaking changes. */
  schemaVersion: 1;
  /**
   * When the report was made: buildReport's `generatedAt` option, by default its `now`. Ages and
   * running times are measured at `now`, which a report of a past window may set to the window's
   * end (`vbem report --to` does) while this stays the time it was made.
   * @format date-time
   */
  generatedAt: string;
  window: ReportWindow;
  policy: SuccessPolicy;
  /** The RPO every job is held to unless it has its own, in seconds. */
  defaultRpoSeconds: number;
  /** True when no job session started in the window; renderers then say so plainly. */
  empty: boolean;
  totals: ReportTotals;
  /** Per job, most urgent first. */
  jobs: JobReport[];
  /** Per VM (from task sessions), most urgent first; empty when no task sessions were given. */
  vms: VmReport[];
  /** Per calendar day of the window in its time zone, oldest first, days without runs included. */
  days: DayReport[];
  /** Jobs of the given job list with no session in the window; empty when no job list was given. */
  missedJobs: MissedJob[];
  /** Sources (EMs, backup servers) that failed to answer; the report is partial for them. */
  failedSources: FailedSource[];
  /**
   * Names of the sources (`input.source`) that answered, failed ones being in `failedSources`:
   * one for a report of buildReport given a source, every report's for a merged one, so that a
   * source that answered without a job still counts. Absent without a source (and in reports of
   * earlier versions, whose rows' sources stand for it).
   */
  sources?: string[];
  /**
   * Sources that answered but whose task sessions could not be read: their jobs are in the
   * report, their VMs are not (`vms`, `totals.vmsBreachingRpo` and the failure reasons lack them).
   * Absent when there are none (and in reports of earlier versions).
   */
  sourcesWithoutVms?: SourceWithoutVms[];
  /** Totals per group, when the report is grouped. */
  groups: GroupReport[];
  /**
   * The failure reasons of the whole report, alike ones (same normalized text) counted together,
   * most frequent first: every reason of the VMs (not only each VM's `topReasons`) and of the jobs
   * (`jobs[].failureReasons`), at most 100 kinds. Absent in reports of earlier versions, whose
   * renderers sum the VMs' lists.
   */
  failureReasons?: FailureReason[];
  /**
   * How many kinds of failure reason the report counted: more than `failureReasons` holds when
   * that list was cut. In a merged report, a kind cut from two reports' lists counts twice.
   */
  failureReasonKinds?: number;
}

/** `strict`: only Success is a success. `warning-is-success`: Warning counts as a success too. */
export type SuccessPolicy = 'strict' | 'warning-is-success';

export type RunResult = 'Success' | 'Warning' | 'Failed';

/** How a job or VM stands: `critical` needs action now, `warning` soon, `ok` none. */
export type Health = 'ok' | 'warning' | 'critical';

export interface ReportWindow {
  /** @format date-time */
  from: string;
  /** @format date-time */
  to: string;
  /** IANA time zone of the day buckets and of displayed times, e.g. `Europe/Berlin`. */
  timeZone: string;
}

export interface ReportTotals {
  jobs: number;
  /** Scheduled runs with their retries folded into one outcome each. */
  runs: number;
  /** Every session, retries included. */
  attempts: number;
  successfulRuns: number;
  warningRuns: number;
  failedRuns: number;
  /** Runs still running: one at most per job, the jobs whose `running` is set. */
  runningRuns: number;
  /**
   * Runs that never got an outcome: their session had no end time when the job's next run
   * started. Runs are the finished ones, the running ones and these.
   */
  runsWithoutOutcome: number;
  /** Finished runs that count as a success under the policy, over finished runs, from 0 to 1; null without finished runs. */
  successRate: number | null;
  jobsBreachingRpo: number;
  /**
   * Jobs of the job list with a schedule and no session in the window whose last success is older
   * than their RPO, or was not seen: jobs that stopped running. 0 without a job list.
   */
  missedJobsBreachingRpo: number;
  /** null when VMs were not assessed: no task sessions were given (`vbem report --no-tasks`). */
  vmsBreachingRpo: number | null;
}

export interface RunningSession {
  /**
   * When the run in progress started: its first attempt's start (a retry running now continues
   * the run its first attempt began), of the attempts the report counts: those before the window
   * count for the RPO only, so a retry whose first attempt came before the window starts its run.
   * @format date-time
   */
  since: string;
  /** How long the run had run at the report's `now` (see `generatedAt`); never negative. */
  elapsedSeconds: number;
}

export interface DurationStats {
  p50Seconds: number;
  p95Seconds: number;
  maxSeconds: number;
  /** Finished runs the figures come from. */
  samples: number;
}

export interface JobReport {
  jobUid: string;
  jobName: string;
  jobType: string;
  /** Name of the backup server the job runs on, when the sessions' links say. */
  backupServer: string | null;
  /** The EM the job came from, in merged reports. */
  source: string | null;
  health: Health;
  /** Why the job has its health, in plain words: `2 failed runs in a row`, `no success for 30 h (RPO 24 h)`. */
  reasons: string[];
  runs: number;
  attempts: number;
  successfulRuns: number;
  warningRuns: number;
  failedRuns: number;
  /**
   * Runs that never got an outcome: their session had no end time when the job's next run
   * started (see the totals). In `runs`, in none of the result counts, and not running.
   */
  runsWithoutOutcome: number;
  /** From 0 to 1, as in the totals; null without finished runs. */
  successRate: number | null;
  lastResult: RunResult | null;
  /** @format date-time */
  lastRunAt: string | null;
  /**
   * End of the latest run that counts as a success under the policy: in the window, or before it
   * when the input holds sessions from before the window.
   * @format date-time
   */
  lastSuccessAt: string | null;
  /** Age of the last success (its end) at the report's `now` (see `generatedAt`), never negative; null when there was none. */
  lastSuccessAgeSeconds: number | null;
  rpoSeconds: number;
  rpoBreached: boolean;
  /** Failed runs since the last run that counts as a success. */
  consecutiveFailures: number;
  /** The run in progress, if any (its latest attempt is running). */
  running: RunningSession | null;
  durations: DurationStats | null;
  /** The last finished run took much longer than usual (or the running one already does). */
  slowerThanUsual: boolean;
  /**
   * The job sessions' own messages (their FailureMessage), of failed and warning sessions none of
   * whose task sessions gave a reason: jobs without VMs (backup copy, NAS), reports without task
   * sessions, a session that failed before its VMs. Most frequent first, at most `topReasons`.
   */
  failureReasons: FailureReason[];
}

export interface FailureReason {
  /** The message with ids, numbers, paths and names replaced, so that alike failures group. */
  normalized: string;
  /** One real message of the group. */
  example: string;
  count: number;
}

export interface VmReport {
  vmName: string;
  jobName: string;
  /** The job's UID: two jobs, on two backup servers, may have one name. */
  jobUid: string;
  /** The EM the job's sessions came from (`input.source`), as for jobs; null when not given. */
  source: string | null;
  health: Health;
  lastResult: RunResult | null;
  /** @format date-time */
  lastRunAt: string | null;
  /**
   * End of the latest run that counts as a success under the policy.
   * @format date-time
   */
  lastSuccessAt: string | null;
  lastSuccessAgeSeconds: number | null;
  rpoSeconds: number;
  rpoBreached: boolean;
  /** Most frequent first, at most `topReasons`. */
  failureReasons: FailureReason[];
}

export interface DayReport {
  /** `YYYY-MM-DD` in the window's time zone. */
  date: string;
  successfulRuns: number;
  warningRuns: number;
  failedRuns: number;
}

/** A job of the job list without a session in the window. */
export interface MissedJob {
  jobUid: string;
  jobName: string;
  jobType: string;
  scheduleEnabled: boolean;
  /** Name of the backup server the job runs on, when the job list's links say (as for jobs). */
  backupServer: string | null;
  /** The EM the job list came from (`input.source`), as for jobs; null when not given. */
  source: string | null;
  /**
   * End of its latest success before the window (under the policy), from the sessions given
   * before it; null when none was seen.
   * @format date-time
   */
  lastSuccessAt: string | null;
  lastSuccessAgeSeconds: number | null;
  rpoSeconds: number;
  /**
   * Its last success is older than its RPO, or none was seen since the sessions given start: a
   * job that stopped running breaches its RPO like one that fails.
   */
  rpoBreached: boolean;
}

export interface FailedSource {
  name: string;
  error: string;
  /**
   * The source that answered and this one is a part of, such as a backup server its EM could not
   * reach (as the input's failed source named it). Absent for a source (EM) that failed itself,
   * and in reports of earlier versions.
   */
  source?: string;
}

/** A source whose VMs are not in the report, and why: its task sessions could not be read. */
export interface SourceWithoutVms {
  name: string;
  /** Why its task sessions could not be read. */
  error: string;
}

export interface GroupReport {
  /** `backupServer` or `jobType`. */
  by: 'backupServer' | 'jobType';
  /**
   * The backup server's name or the job type. Null for the jobs whose sessions named no backup
   * server (their `backupServer` is null), a group after every named server; the text, Markdown
   * and HTML tables label it `(no server)`.
   */
  key: string | null;
  /**
   * The source (EM) of a backup server's jobs: a server name is only unique within its EM, so a
   * merged report has a group per source and server. Null for job types, and without a source.
   */
  source: string | null;
  jobs: number;
  runs: number;
  failedRuns: number;
  successRate: number | null;
  jobsBreachingRpo: number;
}
