import { ownString, sessionDuration } from '@vbem/model';
import { backupServerLinkNameOf } from './backup-server-link.js';
import type { CountPool } from './count-pool.js';
import type { DayBuckets } from './day-buckets.js';
import { DurationHistogram } from './duration-histogram.js';
import { FailureReasonCounts } from './failure-reason-counts.js';
import { assessJobHealth, type Slowness } from './health.js';
import { weekdayOfDayNumber } from './local-date.js';
import type { LocalDayNumbers } from './local-day-numbers.js';
import {
  ALL_RINGS,
  ALL_WEEKDAYS,
  LATER_RUNS,
  type RecentDurationsPool,
  RecentWeekdayDurations,
} from './recent-weekday-durations.js';
import type {
  DurationStats,
  FailureReason,
  JobReport,
  RunningSession,
  RunResult,
  SuccessPolicy,
} from './report.js';
import { ReportError } from './report-error.js';
import type { ReportJobSession, ReportTaskSession } from './report-input.js';
import { rpoStatusOf } from './rpo-status.js';
import { countsAsSuccess, runResultOf, successRateOf } from './run-result.js';
import { endMsOf, UNKNOWN_END_MS } from './session-end.js';
import { VmAggregate } from './vm-aggregate.js';

/** What "usual" is needs this many finished runs before the one compared with it. */
const MIN_RUNS_FOR_USUAL = 5;
/** Local days the runs known must reach back for a run to be compared with those of its weekday. */
const DAYS_IN_WEEK = 7;
/** A weekday whose runs' median is more than this times that of all runs usually takes longer. */
const SLOW_WEEKDAY = 1.5;

/** What every job of a report shares while the sessions stream by. */
export interface AggregationContext {
  readonly policy: SuccessPolicy;
  readonly days: DayBuckets;
  /** Where every job's duration counters live. */
  readonly durationCounts: CountPool;
  /** Where every job's durations of its latest runs by weekday live. */
  readonly recentDurations: RecentDurationsPool;
  /** Local dates in the report's time zone, for the weekday of runs. */
  readonly localDays: LocalDayNumbers;
}

const isoOf = (timeMs: number): string => new Date(timeMs).toISOString();
const secondsOf = (durationMs: number): number => Math.round(durationMs) / 1000;

/** How long something that started at `startMs` has been running at `now`; never negative. */
function elapsedMs(startMs: number, now: Date): number {
  const duration = sessionDuration({ CreationTimeUTC: new Date(startMs) }, now);
  return duration.running ? duration.elapsedMs : duration.durationMs;
}

/** What is usual for a run, and how long it must take to be much slower than that. */
interface Usual {
  /** The median of the runs it is compared with. */
  readonly medianMs: number;
  readonly limitMs: number;
  readonly weekday: number | null;
  readonly historySeconds: number | null;
}

/**
 * The streaming state of one job: counts, the run in progress and the figures of the runs before
 * it, in constant memory whatever the number of sessions.
 *
 * Runs: a session that is not a retry starts a run; a retry joins the job's latest run in the
 * window, or starts one when there is none (the run began before the window). A run's outcome is
 * its last attempt's; it is running while that attempt runs (see endMsOf). A run without an outcome
 * is in `runs` and in none of the result counts: it is the running one, or one whose session never
 * got an end time before a new run started (a run without outcome in the totals).
 *
 * Results: successfulRuns, warningRuns and failedRuns count what the runs ended with, whatever the
 * policy; the policy decides what counts as a success (successRate, lastSuccessAt, RPO).
 *
 * consecutiveFailures counts failed runs since the last run that counts as a success. A Warning
 * run under `strict` is not a success, so it does not end the count, and not a failure, so it
 * does not add to it; it only marks the failures as no longer in a row.
 */
export class JobAggregate {
  readonly jobUid: string;
  jobName: string;
  readonly jobType: string;
  backupServer: string | null = null;
  /** Creation time of the latest session seen, in the window or not: sessions must not go back. */
  private latestCreationMs = Number.NEGATIVE_INFINITY;
  /**
   * The end of the latest session, to know a repeat of it: the same creation and end times. EM
   * runs one session of a job at a time, so two of one job never start in the same millisecond.
   * Not its UID: a decoded UID is a slice of its whole response page and would keep the page
   * alive, and copying every session's UID would slow the session loop.
   */
  private latestEndMs = Number.NaN;
  /**
   * The UID of the latest session while it runs, copied (one per job at most): a crawl that
   * catches a session running on one page and finished on the next gives it twice, with two ends.
   */
  private latestRunningUid: string | null = null;
  /** UIDs of other sessions created at the same time as the latest (rare), copied. */
  private otherUidsAtLatest: string[] | null = null;

  runs = 0;
  attempts = 0;
  successfulRuns = 0;
  warningRuns = 0;
  failedRuns = 0;
  private consecutiveFailures = 0;
  private failuresInterrupted = false;

  private hasOpenRun = false;
  private runStartMs = 0;
  private attemptStartMs = 0;
  private attemptEndMs = 0;
  /**
   * False for an attempt that finished without an end (see endMsOf): it gives no duration, and
   * attemptEndMs is its start, which dates a success too early for the RPO, never too late.
   */
  private attemptEndKnown = true;
  private attemptRunning = false;
  private attemptResult: RunResult = 'Failed';

  private lastResult: RunResult | null = null;
  // Times are NaN until known rather than null: V8 then keeps the field a double updated in place;
  // a field that holds null or a number allocates a new number on every update.
  /** Start of the latest finished run: lastRunAt says when the job last ran, as EM's console does. */
  private lastRunStartMs = Number.NaN;
  private lastSuccessEndMs = Number.NaN;
  /** Durations of the window's finished runs: the report's figures. */
  private readonly durations: DurationHistogram;
  /**
   * Durations of the latest finished runs, in a ring for the first run of each weekday and one for
   * the later runs of a day, in the window and before it: what is usual. The latest run is kept out
   * until the next one finishes (latestDurationMs).
   */
  private readonly history: RecentWeekdayDurations;
  /**
   * Duration of the latest finished run, kept out of the figures until the next run finishes:
   * slowerThanUsual compares it with the runs before it. NaN before the first.
   */
  private latestDurationMs = Number.NaN;
  /** The ring of the latest finished run (see ringOfRunAt). */
  private latestRing = LATER_RUNS;
  /** The ring of the open run. */
  private runRing = LATER_RUNS;
  /** The local day number the job's latest run started on, before the window or in it; NaN before the first. */
  private lastRunDay = Number.NaN;
  /** Creation time of the job's first finished session given, in the window or not: how far back its runs are known. */
  private firstFinishedMs = Number.NaN;
  /**
   * The run before the window being read, for what is usual: its start (NaN: none, or one whose
   * start was not read), and the end of its latest attempt (NaN while it runs, or unknown).
   */
  private earlyRunStartMs = Number.NaN;
  private earlyRunEndMs = Number.NaN;
  private earlyRunRing = LATER_RUNS;

  /** Creation time of the job's first session from before the window: no success since then without one. */
  private firstBeforeWindowMs = Number.NaN;
  /** The latest session from before the window while it runs, copied: see carryInRunningRun. */
  private runningBeforeWindow: {
    readonly uid: string;
    readonly startMs: number;
    readonly jobName: string;
    readonly backupServer: string | null;
  } | null = null;

  /** The job's VMs by name, from the task sessions of its sessions in the window. */
  private vms: Map<string, VmAggregate> | null = null;
  /** Messages of its failed and warning sessions that no task session gave a reason for. */
  private failureReasons: FailureReasonCounts | null = null;

  constructor(
    session: ReportJobSession,
    private readonly context: AggregationContext,
  ) {
    this.jobUid = ownString(session.JobUid);
    this.jobName = ownString(session.JobName);
    this.jobType = ownString(session.JobType);
    this.durations = new DurationHistogram(context.durationCounts);
    this.history = new RecentWeekdayDurations(context.recentDurations);
  }

  /**
   * Checks that a session of this job, in the window or not, is not older than the one before it,
   * and says whether it is new. A crawl can yield a session twice, at a page boundary:
   * - `repeat`, to be skipped: created at the latest creation time, and it ended when the latest
   *   session did (both may be running), or it has the UID of another session created then, or it
   *   is running where the latest has ended (an older copy: a session never runs again).
   * - `finished`: the latest session, seen running before, now with its end and result. The caller
   *   takes them in place of the running copy's (see finishAttempt).
   */
  observe(session: ReportJobSession, creationMs: number): 'new' | 'repeat' | 'finished' {
    if (creationMs > this.latestCreationMs) {
      this.latestCreationMs = creationMs;
      // A later session, wherever it falls: the one from before the window is not running any more
      // (or never ended). addBeforeWindow takes this one if it runs.
      if (this.runningBeforeWindow !== null) this.runningBeforeWindow = null;
      const endMs = endMsOf(session);
      this.latestEndMs = endMs;
      this.latestRunningUid = endMs === Number.POSITIVE_INFINITY ? ownString(session.UID) : null;
      if (this.otherUidsAtLatest !== null) this.otherUidsAtLatest = null;
      return 'new';
    }
    if (creationMs < this.latestCreationMs) {
      throw new ReportError(
        'invalid-input',
        `sessions of job "${this.jobName}" (${this.jobUid}) are not in creation order: session ${session.UID} created at ${isoOf(creationMs)} came after a session created at ${isoOf(this.latestCreationMs)}`,
      );
    }
    const uid = session.UID;
    const endMs = endMsOf(session);
    if (endMs === this.latestEndMs || this.otherUidsAtLatest?.includes(uid) === true) {
      return 'repeat';
    }
    if (uid === this.latestRunningUid) {
      this.latestEndMs = endMs;
      this.latestRunningUid = null;
      return 'finished';
    }
    if (endMs === Number.POSITIVE_INFINITY && this.latestRunningUid === null) return 'repeat';
    this.otherUidsAtLatest ??= [];
    this.otherUidsAtLatest.push(ownString(uid));
    return 'new';
  }

  /**
   * Takes the end and result of the latest attempt from a later copy of its session (`observe`
   * said `finished`), when that attempt is still the one in progress.
   */
  finishAttempt(session: ReportJobSession, creationMs: number): void {
    const endMs = endMsOf(session);
    if (endMs === Number.POSITIVE_INFINITY || !this.hasOpenRun || !this.attemptRunning) return;
    if (this.attemptStartMs !== creationMs) return;
    this.attemptRunning = false;
    this.endAttempt(session, endMs, creationMs);
  }

  /** Adds a session that started in the window, as a new run or as a retry of the latest one. */
  addAttempt(session: ReportJobSession, creationMs: number): void {
    this.attempts++;
    // A job can be renamed: the latest session's name wins. Its type cannot change.
    if (session.JobName !== this.jobName) this.jobName = ownString(session.JobName);
    if (this.backupServer === null) this.backupServer = this.serverOf(session);
    if (!Number.isNaN(this.earlyRunStartMs)) {
      // A retry in the window continues the run before it, which so has no duration of its own.
      if (session.IsRetry === true) this.earlyRunStartMs = Number.NaN;
      else this.closeEarlyRun();
    }
    if (session.IsRetry !== true || !this.hasOpenRun) {
      if (this.hasOpenRun) this.closeRun();
      this.hasOpenRun = true;
      this.runStartMs = creationMs;
      this.runRing = this.ringOfRunAt(creationMs);
      this.runs++;
    }
    this.attemptStartMs = creationMs;
    const endMs = endMsOf(session);
    // Running (isRunning in @vbem/model, applied by as-of.ts), with no result yet.
    this.attemptRunning = endMs === Number.POSITIVE_INFINITY;
    if (!this.attemptRunning) this.endAttempt(session, endMs, creationMs);
  }

  /** The run before the window read last, ended: its duration is one of the runs known. */
  private closeEarlyRun(): void {
    const startMs = this.earlyRunStartMs;
    const endMs = this.earlyRunEndMs;
    this.earlyRunStartMs = Number.NaN;
    if (Number.isNaN(startMs) || Number.isNaN(endMs)) return;
    this.history.add(this.earlyRunRing, Math.max(0, endMs - startMs));
  }

  /**
   * The ring of a run that starts at `startMs`, the job's runs coming in order: its local weekday
   * when it is the first run of its local day, else LATER_RUNS. VBR makes a periodic full in the
   * first run of its day, so the later runs of a job that runs several times a day are incrementals
   * on its full's weekday too.
   */
  private ringOfRunAt(startMs: number): number {
    const day = this.context.localDays.dayNumberOf(startMs);
    const isFirst = day !== this.lastRunDay;
    this.lastRunDay = day;
    return isFirst ? weekdayOfDayNumber(day) : LATER_RUNS;
  }

  /** Takes the end (from endMsOf) and result of the latest attempt, created at `creationMs`. */
  private endAttempt(session: ReportJobSession, endMs: number, creationMs: number): void {
    if (Number.isNaN(this.firstFinishedMs)) this.firstFinishedMs = creationMs;
    this.attemptEndKnown = endMs !== UNKNOWN_END_MS;
    this.attemptEndMs = this.attemptEndKnown ? this.validEndMs(session, endMs) : creationMs;
    this.attemptResult = runResultOf(session.Result);
  }

  /**
   * A later session of the job, after the window, has started: the window's latest run, when its
   * attempt is still without an end, never got one and is a run without an outcome, not a running run.
   */
  endRunWithoutOutcome(): void {
    if (this.hasOpenRun && this.attemptRunning) this.closeRun();
  }

  /**
   * Takes a session that started before the window into account for the RPO: when it counts as a
   * success under the policy, its end may be the job's last success. It is not a run, unless it is
   * the job's latest session and still running at the end of the stream (see carryInRunningRun).
   */
  addBeforeWindow(session: ReportJobSession, creationMs: number): void {
    if (Number.isNaN(this.firstBeforeWindowMs)) this.firstBeforeWindowMs = creationMs;
    const endMs = endMsOf(session);
    // Runs as in the window (see addAttempt), for their durations only; a retry whose run began
    // before the sessions read has none.
    if (session.IsRetry !== true) {
      this.closeEarlyRun();
      this.earlyRunStartMs = creationMs;
      this.earlyRunRing = this.ringOfRunAt(creationMs);
    }
    this.earlyRunEndMs =
      endMs === Number.POSITIVE_INFINITY || endMs === UNKNOWN_END_MS ? Number.NaN : endMs;
    if (endMs !== Number.POSITIVE_INFINITY && Number.isNaN(this.firstFinishedMs)) {
      this.firstFinishedMs = creationMs;
    }
    if (endMs === Number.POSITIVE_INFINITY) {
      this.runningBeforeWindow = {
        uid: ownString(session.UID),
        startMs: creationMs,
        jobName: ownString(session.JobName),
        backupServer: this.serverOf(session),
      };
      return;
    }
    this.runningBeforeWindow = null;
    if (!countsAsSuccess(runResultOf(session.Result), this.context.policy)) return;
    const successEndMs = endMs === UNKNOWN_END_MS ? creationMs : this.validEndMs(session, endMs);
    if (Number.isNaN(this.lastSuccessEndMs) || successEndMs > this.lastSuccessEndMs) {
      this.lastSuccessEndMs = successEndMs;
    }
  }

  /**
   * Once every session is in: a job with no session in the window whose latest session, from
   * before the window, is still running has that run in progress, as its one run (a long full
   * backup that spans the window's start is running, not missed). Returns that session's UID, for
   * its task sessions, or null.
   */
  carryInRunningRun(): string | null {
    const carried = this.runningBeforeWindow;
    this.runningBeforeWindow = null;
    if (carried === null) return null;
    // The run before it ended; the carried one runs, with no duration.
    this.earlyRunStartMs = Number.NaN;
    this.runRing = this.earlyRunRing;
    this.jobName = carried.jobName;
    this.backupServer = carried.backupServer;
    this.attempts = 1;
    this.runs = 1;
    this.hasOpenRun = true;
    this.runStartMs = carried.startMs;
    this.attemptStartMs = carried.startMs;
    this.attemptRunning = true;
    return carried.uid;
  }

  /**
   * The name of the backup server in a session's Up link, copied; null without one (or, from
   * JavaScript, with a null Name). A TypeError for another type, which invalidItemError names.
   */
  private serverOf(session: ReportJobSession): string | null {
    const serverName = backupServerLinkNameOf(session);
    if (serverName === undefined || serverName === null) return null;
    if (typeof serverName !== 'string') throw new TypeError('backup server name is no string');
    return ownString(serverName);
  }

  /** `endMs` (the session's EndTimeUTC in ms); throws ReportError for an invalid Date. */
  private validEndMs(session: ReportJobSession, endMs: number): number {
    if (Number.isNaN(endMs)) {
      throw new ReportError(
        'invalid-input',
        `session ${session.UID} of job "${this.jobName}": EndTimeUTC is an invalid Date`,
      );
    }
    return endMs;
  }

  /** End of the latest success seen, in the window or before it; null before the first. */
  get lastSuccessEnd(): number | null {
    return Number.isNaN(this.lastSuccessEndMs) ? null : this.lastSuccessEndMs;
  }

  /** The VM of this job named `vmName`, made on first use. */
  vmNamed(vmName: string): VmAggregate {
    this.vms ??= new Map();
    let vm = this.vms.get(vmName);
    if (vm === undefined) {
      vm = new VmAggregate(vmName);
      this.vms.set(vm.vmName, vm);
    }
    return vm;
  }

  /** A failed or warning session's own message, when none of its task sessions gave a reason. */
  addFailureMessage(message: string): void {
    this.failureReasons ??= new FailureReasonCounts();
    this.failureReasons.add(message);
  }

  /** Every kind of the job's own failure reasons: the overall list. */
  allFailureReasons(): FailureReason[] {
    return this.failureReasons?.top() ?? [];
  }

  /** Ends the stream for this job: closes its latest run, or keeps it as the running one. Call once. */
  toReport(
    nowMs: number,
    rpoSeconds: number,
    source: string | null,
    topReasons: number,
  ): JobReport {
    const policy = this.context.policy;
    const now = new Date(nowMs);
    let running: RunningSession | null = null;
    let runElapsedMs = 0;
    if (this.hasOpenRun && this.attemptRunning) {
      // A run spans its attempts: a retry running now continues the run its first attempt began.
      runElapsedMs = elapsedMs(this.runStartMs, now);
      running = { since: isoOf(this.runStartMs), elapsedSeconds: runElapsedMs / 1000 };
    } else if (this.hasOpenRun) {
      this.closeRun();
    }
    this.hasOpenRun = false;

    const slowness: Slowness[] = [];
    if (!Number.isNaN(this.latestDurationMs)) {
      const usual = this.usualFor(this.lastRunStartMs, this.latestDurationMs, this.latestRing);
      if (usual !== null && this.latestDurationMs > usual.limitMs) {
        slowness.push(this.slownessOf('finished', this.latestDurationMs, usual));
      }
      this.addDuration(this.latestRing, this.latestDurationMs);
      this.latestDurationMs = Number.NaN;
    }
    if (running !== null) {
      const usual = this.usualFor(this.runStartMs, runElapsedMs, this.runRing);
      if (usual !== null && runElapsedMs > usual.limitMs) {
        slowness.push(this.slownessOf('running', runElapsedMs, usual));
      }
    }

    const successRate = successRateOf(this, policy);
    const rpo = rpoStatusOf(
      Number.isNaN(this.lastSuccessEndMs) ? null : this.lastSuccessEndMs,
      nowMs,
      rpoSeconds,
    );
    const { health, reasons } = assessJobHealth({
      policy,
      lastResult: this.lastResult,
      lastSuccessAgeSeconds: rpo.lastSuccessAgeSeconds,
      rpoSeconds,
      rpoBreached: rpo.rpoBreached,
      sessionsForSeconds: Number.isNaN(this.firstBeforeWindowMs)
        ? null
        : Math.max(0, nowMs - this.firstBeforeWindowMs) / 1000,
      consecutiveFailures: this.consecutiveFailures,
      failuresInterrupted: this.failuresInterrupted,
      successRate,
      slowness,
    });
    return {
      jobUid: this.jobUid,
      jobName: this.jobName,
      jobType: this.jobType,
      backupServer: this.backupServer,
      source,
      health,
      reasons,
      runs: this.runs,
      attempts: this.attempts,
      successfulRuns: this.successfulRuns,
      warningRuns: this.warningRuns,
      failedRuns: this.failedRuns,
      runsWithoutOutcome:
        this.runs -
        this.successfulRuns -
        this.warningRuns -
        this.failedRuns -
        (running === null ? 0 : 1),
      successRate,
      lastResult: this.lastResult,
      lastRunAt: Number.isNaN(this.lastRunStartMs) ? null : isoOf(this.lastRunStartMs),
      lastSuccessAt: rpo.lastSuccessAt,
      lastSuccessAgeSeconds: rpo.lastSuccessAgeSeconds,
      rpoSeconds,
      rpoBreached: rpo.rpoBreached,
      consecutiveFailures: this.consecutiveFailures,
      running,
      durations: this.durationStats(),
      slowerThanUsual: slowness.length > 0,
      failureReasons: this.failureReasons?.top(topReasons) ?? [],
    };
  }

  /**
   * A task session of one of the job's sessions from before the window: when it counts as a
   * success under the policy, its end may be its VM's last success. Nothing else of it counts, and
   * a VM with only such task sessions is not reported.
   */
  addTaskBeforeWindow(vmName: string, task: ReportTaskSession): void {
    if (endMsOf(task) === Number.POSITIVE_INFINITY) return;
    if (!countsAsSuccess(runResultOf(task.Result), this.context.policy)) return;
    this.vmNamed(vmName).addSuccessBeforeWindow(task);
  }

  /**
   * The job's VMs with a task session in the window, not those with successes before it only;
   * empty when no task sessions were given.
   */
  vmAggregates(): VmAggregate[] {
    return this.vms === null ? [] : [...this.vms.values()].filter((vm) => vm.inWindow);
  }

  /**
   * What is usual for a run that started at `startMs`, from the finished runs known before it, in
   * the window or before it (see RecentWeekdayDurations): those of its kind, the first runs of a
   * local day or the later ones (a job that runs several times a day: its first run of the day
   * carries the night's changes, and makes the periodic full), once MIN_RUNS_FOR_USUAL of them are
   * known, else all of them. Null with fewer than MIN_RUNS_FOR_USUAL, or when a run of
   * `durationMs` cannot be much slower than usual (no more than twice their median). Much slower
   * than usual is more than twice their median and 1.5 times their p95, except, for a first run,
   * when they reach back a week (the local date of the first is 7 or more days before the run's):
   * then the weekdays whose first runs usually take longer (a weekly full backup: their median
   * more than SLOW_WEEKDAY times that of all) are left out of the p95, so that their runs do not
   * hide a slow run of another weekday, and a run of such a weekday may take as much longer than
   * the limit as that weekday's p95 is than the median of all runs: a full is compared with the
   * fulls before it, with the spread of all runs, which a week or two of fulls alone cannot give.
   */
  private usualFor(startMs: number, durationMs: number, ring: number): Usual | null {
    const history = this.history;
    const ownKind = ring === LATER_RUNS ? 1 << LATER_RUNS : ALL_WEEKDAYS;
    const rings = history.countIn(ownKind) >= MIN_RUNS_FOR_USUAL ? ownKind : ALL_RINGS;
    if (history.countIn(rings) < MIN_RUNS_FOR_USUAL) return null;
    const medianMs = history.quantileMs(0.5, rings);
    // Every limit below is at least twice the median: most runs need no more than this.
    if (durationMs <= 2 * medianMs) return null;
    const days = this.context.localDays;
    const day = days.dayNumberOf(startMs);
    if (days.dayNumberOf(this.firstFinishedMs) > day - DAYS_IN_WEEK) {
      return {
        medianMs,
        limitMs: Math.max(2 * medianMs, 1.5 * history.quantileMs(0.95, rings)),
        weekday: null,
        historySeconds: Math.max(0, startMs - this.firstFinishedMs) / 1000,
      };
    }
    // The later runs of a day have no weekday of their own: no full among them.
    const slowWeekdays =
      rings === 1 << LATER_RUNS ? 0 : history.weekdaysAbove(SLOW_WEEKDAY * medianMs);
    // Every weekday's first runs slower than the runs compared with: none is a full's day.
    const usualRings = slowWeekdays === ALL_WEEKDAYS ? rings : rings & ~slowWeekdays;
    const limitMs = Math.max(2 * medianMs, 1.5 * history.quantileMs(0.95, usualRings));
    if (ring === LATER_RUNS || (slowWeekdays & (1 << ring)) === 0) {
      return { medianMs, limitMs, weekday: null, historySeconds: null };
    }
    return {
      medianMs: history.quantileMs(0.5, 1 << ring),
      limitMs: (limitMs * history.quantileMs(0.95, 1 << ring)) / medianMs,
      weekday: ring,
      historySeconds: null,
    };
  }

  private slownessOf(run: 'finished' | 'running', durationMs: number, usual: Usual): Slowness {
    return {
      run,
      seconds: secondsOf(durationMs),
      usualSeconds: secondsOf(usual.medianMs),
      weekday: usual.weekday,
      historySeconds: usual.historySeconds,
    };
  }

  /** A finished run of the window, of `ring`, in its figures and the runs known. */
  private addDuration(ring: number, durationMs: number): void {
    this.durations.add(durationMs);
    this.history.add(ring, durationMs);
  }

  private durationStats(): DurationStats | null {
    const durations = this.durations;
    if (durations.samples === 0) return null;
    return {
      p50Seconds: secondsOf(durations.quantileMs(0.5)),
      p95Seconds: secondsOf(durations.quantileMs(0.95)),
      maxSeconds: secondsOf(durations.maximumMs),
      samples: durations.samples,
    };
  }

  private closeRun(): void {
    this.hasOpenRun = false;
    // Superseded while running: it never finished, and stays a run without an outcome.
    if (this.attemptRunning) return;
    const result = this.attemptResult;
    if (result === 'Success') this.successfulRuns++;
    else if (result === 'Warning') this.warningRuns++;
    else this.failedRuns++;
    this.context.days.count(this.runStartMs, result);
    if (!Number.isNaN(this.latestDurationMs)) {
      this.addDuration(this.latestRing, this.latestDurationMs);
    }
    this.latestRing = this.runRing;
    // From the first attempt's start to the last one's end; clock skew counts as 0, as in
    // sessionDuration. Without an end there is no duration, rather than a run of 0 s.
    this.latestDurationMs = this.attemptEndKnown
      ? Math.max(0, this.attemptEndMs - this.runStartMs)
      : Number.NaN;
    this.lastResult = result;
    this.lastRunStartMs = this.runStartMs;
    if (countsAsSuccess(result, this.context.policy)) {
      if (Number.isNaN(this.lastSuccessEndMs) || this.attemptEndMs > this.lastSuccessEndMs) {
        this.lastSuccessEndMs = this.attemptEndMs;
      }
      this.consecutiveFailures = 0;
      this.failuresInterrupted = false;
    } else if (result === 'Failed') {
      this.consecutiveFailures++;
    } else if (this.consecutiveFailures > 0) {
      this.failuresInterrupted = true;
    }
  }
}
