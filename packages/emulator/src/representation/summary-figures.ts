import type {
  JobStatisticsReportFrame,
  OverviewReportFrame,
  ProcessedVmsReportFrame,
  RepositoryReportFrame,
  VmsOverviewReportFrame,
} from '@vbem/model';
import type { Dataset } from '../dataset/dataset.js';
import { FAILED, SUCCESS, WARNING } from '../dataset/enum-ordinals.js';
import {
  generateTaskRuns,
  hasTaskSessions,
  TaskRuns,
  type TaskSessionSource,
} from '../dataset/task-runs.js';
import { vmSizeOf } from '../dataset/task-sessions.js';
import { DAY_MS } from '../dataset/time-units.js';
import { lowerBound } from '../query/sorted-range.js';
import { SESSION_LIST_DAYS } from '../session-list-window.js';
import {
  addBytes,
  incrementBytes,
  repositoryCapacity,
  retainedPoints,
  timesBytes,
  vmBackupBytes,
} from './backup-footprint.js';

/** Job statistics and processed VMs cover the last 7 days (the documented sample has 7 days). */
export const REPORT_PERIOD_DAYS = 7;
/** Restore points and repository use come from the days that `/backupSessions` shows. */
const RETENTION_DAYS = SESSION_LIST_DAYS;
/** EM's sample lists a storage-snapshot repository whose capacity EM does not know: -1. */
export const UNKNOWN_SIZE = -1;
export const SNAPSHOT_REPOSITORY_NAME = 'NetApp SnapShot';

/** The latest finished task of each VM slot of each job: what EM calls a VM's latest state. */
interface LatestStates {
  readonly byResult: readonly number[];
  readonly protectedVms: ReadonlySet<string>;
  readonly backedUpVms: ReadonlySet<string>;
  readonly replicatedVms: ReadonlySet<string>;
  /** Source size of the VMs whose latest state is not failed. */
  readonly sourceBytes: number;
}

/** What the 30-day window leaves: the restore points and bytes each repository and VM keeps. */
interface Retention {
  readonly restorePoints: number;
  readonly fullBytes: number;
  readonly incrementalBytes: number;
  readonly replicaBytes: number;
  /** Backup bytes per backup server's repository. */
  readonly repositoryBytes: readonly number[];
  /** Distinct VMs processed without failure on each of the last 7 days, newest first. */
  readonly processedBackups: readonly number[];
  readonly processedReplicas: readonly number[];
}

/**
 * The figures behind the frames at one clock reading, from the dataset's sessions. Task sessions
 * are generated into one reused buffer while scanned; each aggregate is computed once.
 */
export class SummaryFigures {
  private readonly isReplicaJob: boolean[];
  private latest: LatestStates | undefined;
  private retention: Retention | undefined;
  private readonly runs = new TaskRuns();

  constructor(
    private readonly dataset: Dataset,
    private readonly taskSource: TaskSessionSource,
    private readonly now: number,
  ) {
    this.isReplicaJob = dataset.jobs.map((job) => job.jobType === 'Replica');
  }

  /**
   * What the figures depend on besides the dataset's stops: the rows of each window and the day.
   * Two clock readings with the same inputs give the same figures.
   */
  static inputsAt(dataset: Dataset, now: number): string {
    const { creationTime } = dataset.jobSessions;
    const since = (days: number) => lowerBound(creationTime, now - days * DAY_MS);
    return [
      since(REPORT_PERIOD_DAYS),
      since(REPORT_PERIOD_DAYS + 1),
      since(RETENTION_DAYS),
      lowerBound(creationTime, now, true),
      Math.floor(now / DAY_MS),
    ].join('/');
  }

  private rowsSince(days: number): { start: number; end: number } {
    const { creationTime, count } = this.dataset.jobSessions;
    return {
      start: lowerBound(creationTime, this.now - days * DAY_MS),
      end: Math.min(count, lowerBound(creationTime, this.now, true)),
    };
  }

  private isRunning(row: number): boolean {
    return Number.isNaN(this.dataset.jobSessions.endTime[row] as number);
  }

  /** The jobs with a session running at the clock: one created after it has not started yet. */
  private runningJobs(): number {
    const jobs = new Set<number>();
    const { creationTime, jobIndex } = this.dataset.jobSessions;
    const end = lowerBound(creationTime, this.now, true);
    for (let row = 0; row < end; row++) if (this.isRunning(row)) jobs.add(jobIndex[row] as number);
    return jobs.size;
  }

  private scheduled(replica?: boolean): number {
    return this.dataset.jobs.filter(
      (job, index) =>
        job.scheduleEnabled && (replica === undefined || this.isReplicaJob[index] === replica),
    ).length;
  }

  /** A job's latest finished session has a task for each of its VMs, so one session per job is enough. */
  private latestStates(): LatestStates {
    if (this.latest) return this.latest;
    const { dataset, runs } = this;
    const table = dataset.jobSessions;
    const byResult = [0, 0, 0, 0];
    const protectedVms = new Set<string>();
    const backedUpVms = new Set<string>();
    const replicatedVms = new Set<string>();
    let sourceBytes = 0;
    const done = new Set<number>();
    for (let row = table.count - 1; row >= 0 && done.size < dataset.jobs.length; row--) {
      const jobIndex = table.jobIndex[row] as number;
      if (
        done.has(jobIndex) ||
        this.isRunning(row) ||
        (table.creationTime[row] as number) > this.now
      )
        continue;
      done.add(jobIndex);
      const job = dataset.jobs[jobIndex];
      if (!job || !hasTaskSessions(job)) continue;
      generateTaskRuns(this.taskSource, row, runs);
      for (let vm = 0; vm < runs.count; vm++) {
        const result = runs.result[vm] as number;
        byResult[result] = (byResult[result] ?? 0) + 1;
        if (result === FAILED) continue;
        const name = job.vmNames[vm] as string;
        protectedVms.add(name);
        (this.isReplicaJob[jobIndex] ? replicatedVms : backedUpVms).add(name);
        sourceBytes = addBytes(sourceBytes, vmSizeOf(dataset.options.seed, jobIndex, vm));
      }
    }
    this.latest = { byResult, protectedVms, backedUpVms, replicatedVms, sourceBytes };
    return this.latest;
  }

  /** One pass over the 30-day window: good runs per VM slot, and the VMs processed each day. */
  private retained(): Retention {
    if (this.retention) return this.retention;
    const { dataset, runs } = this;
    const table = dataset.jobSessions;
    const firstSlot: number[] = [];
    let slots = 0;
    for (const job of dataset.jobs) {
      firstSlot.push(slots);
      slots += hasTaskSessions(job) ? job.vmNames.length : 0;
    }
    const goodRuns = new Uint32Array(slots);
    const today = Math.floor(this.now / DAY_MS) * DAY_MS;
    const oldestDay = today - (REPORT_PERIOD_DAYS - 1) * DAY_MS;
    const processed = Array.from({ length: REPORT_PERIOD_DAYS }, () => ({
      backups: new Set<string>(),
      replicas: new Set<string>(),
    }));
    const { start, end } = this.rowsSince(RETENTION_DAYS);
    const processedFrom = this.rowsSince(REPORT_PERIOD_DAYS + 1).start;
    for (let row = start; row < end; row++) {
      const jobIndex = table.jobIndex[row] as number;
      const job = dataset.jobs[jobIndex];
      if (!job || !hasTaskSessions(job)) continue;
      generateTaskRuns(this.taskSource, row, runs);
      const first = firstSlot[jobIndex] as number;
      for (let vm = 0; vm < runs.count; vm++) {
        const result = runs.result[vm] as number;
        if (result === SUCCESS || result === WARNING)
          goodRuns[first + vm] = (goodRuns[first + vm] as number) + 1;
        if (row < processedFrom || result === FAILED) continue;
        const created = runs.creationTime[vm] as number;
        if (created < oldestDay || created >= today + DAY_MS) continue;
        const day = processed[Math.floor((today - Math.floor(created / DAY_MS) * DAY_MS) / DAY_MS)];
        (this.isReplicaJob[jobIndex] ? day?.replicas : day?.backups)?.add(
          job.vmNames[vm] as string,
        );
      }
    }
    let restorePoints = 0;
    let fullBytes = 0;
    let incrementalBytes = 0;
    let replicaBytes = 0;
    const repositoryBytes = dataset.backupServers.map(() => 0);
    dataset.jobs.forEach((job, jobIndex) => {
      if (!hasTaskSessions(job)) return;
      const first = firstSlot[jobIndex] as number;
      for (let vm = 0; vm < job.vmNames.length; vm++) {
        const runsOfVm = goodRuns[first + vm] as number;
        if (runsOfVm === 0) continue;
        const vmSize = vmSizeOf(dataset.options.seed, jobIndex, vm);
        restorePoints += retainedPoints(runsOfVm);
        if (this.isReplicaJob[jobIndex]) {
          replicaBytes = addBytes(
            replicaBytes,
            timesBytes(incrementBytes(vmSize), retainedPoints(runsOfVm)),
          );
          continue;
        }
        const { full, incremental } = vmBackupBytes(vmSize, runsOfVm);
        fullBytes = addBytes(fullBytes, full);
        incrementalBytes = addBytes(incrementalBytes, incremental);
        repositoryBytes[job.serverIndex] = addBytes(
          repositoryBytes[job.serverIndex] ?? 0,
          full + incremental,
        );
      }
    });
    this.retention = {
      restorePoints,
      fullBytes,
      incrementalBytes,
      replicaBytes,
      repositoryBytes,
      processedBackups: processed.map((day) => day.backups.size),
      processedReplicas: processed.map((day) => day.replicas.size),
    };
    return this.retention;
  }

  overview(): OverviewReportFrame {
    const { byResult } = this.latestStates();
    const servers = this.dataset.backupServers.length;
    return {
      Links: [],
      BackupServers: servers,
      ProxyServers: servers * 2,
      RepositoryServers: servers,
      RunningJobs: this.runningJobs(),
      ScheduledJobs: this.scheduled(),
      SuccessfulVmLastestStates: byResult[SUCCESS] ?? 0,
      WarningVmLastestStates: byResult[WARNING] ?? 0,
      FailedVmLastestStates: byResult[FAILED] ?? 0,
    };
  }

  jobStatistics(reportId: string): JobStatisticsReportFrame {
    const table = this.dataset.jobSessions;
    const { start, end } = this.rowsSince(REPORT_PERIOD_DAYS);
    let total = 0;
    const byResult = [0, 0, 0];
    const longest = { backup: { seconds: 0, name: '' }, replica: { seconds: 0, name: '' } };
    for (let row = start; row < end; row++) {
      if (this.isRunning(row)) continue;
      total++;
      const result = table.result[row] as number;
      byResult[result] = (byResult[result] ?? 0) + 1;
      const job = table.jobIndex[row] as number;
      const seconds = Math.round(
        ((table.endTime[row] as number) - (table.creationTime[row] as number)) / 1000,
      );
      const slot = this.isReplicaJob[job] ? longest.replica : longest.backup;
      if (seconds > slot.seconds) {
        slot.seconds = seconds;
        slot.name = this.dataset.jobs[job]?.name ?? '';
      }
    }
    return {
      Links: [],
      RunningJobs: this.runningJobs(),
      ScheduledJobs: this.scheduled(),
      ScheduledBackupJobs: this.scheduled(false),
      ScheduledReplicaJobs: this.scheduled(true),
      TotalJobRuns: total,
      SuccessfulJobRuns: byResult[SUCCESS] ?? 0,
      WarningsJobRuns: byResult[WARNING] ?? 0,
      FailedJobRuns: byResult[FAILED] ?? 0,
      MaxJobDuration: Math.max(longest.backup.seconds, longest.replica.seconds),
      MaxBackupJobDuration: longest.backup.seconds,
      MaxReplicaJobDuration: longest.replica.seconds,
      MaxDurationBackupJobName: longest.backup.name,
      MaxDurationReplicaJobName: longest.replica.name,
      BackupJobStatusReportLink: `Workspace/ViewReport.aspx?definition=${reportId}&ShowParams=1`,
    };
  }

  processedVms(): ProcessedVmsReportFrame {
    const today = Math.floor(this.now / DAY_MS) * DAY_MS;
    const { processedBackups, processedReplicas } = this.retained();
    return {
      Links: [],
      Day: processedBackups.map((backups, index) => ({
        Timestamp: new Date(today - index * DAY_MS),
        BackupedVms: backups,
        ReplicatedVms: processedReplicas[index] ?? 0,
      })),
    };
  }

  vmsOverview(reportId: string): VmsOverviewReportFrame {
    const latest = this.latestStates();
    const retention = this.retained();
    const { start, end } = this.rowsSince(REPORT_PERIOD_DAYS);
    let finishedBackups = 0;
    let goodBackups = 0;
    for (let row = start; row < end; row++) {
      if (
        this.isRunning(row) ||
        this.isReplicaJob[this.dataset.jobSessions.jobIndex[row] as number]
      )
        continue;
      finishedBackups++;
      if (this.dataset.jobSessions.result[row] !== FAILED) goodBackups++;
    }
    return {
      Links: [],
      ProtectedVms: latest.protectedVms.size,
      BackedUpVms: latest.backedUpVms.size,
      ReplicatedVms: latest.replicatedVms.size,
      RestorePoints: retention.restorePoints,
      FullBackupPointsSize: retention.fullBytes,
      IncrementalBackupPointsSize: retention.incrementalBytes,
      ReplicaRestorePointsSize: retention.replicaBytes,
      SourceVmsSize: latest.sourceBytes,
      SuccessBackupPercents: finishedBackups
        ? Math.round((100 * goodBackups) / finishedBackups)
        : 100,
      ProtectedVmsReportLink: `Workspace/ViewReport.aspx?definition=${reportId}&ShowParams=1`,
    };
  }

  repository(reportId: string): RepositoryReportFrame {
    const { repositoryBytes } = this.retained();
    const periods = this.dataset.backupServers.map((server, index) => {
      const backupSize = repositoryBytes[index] ?? 0;
      const capacity = repositoryCapacity(backupSize, index);
      return {
        Name: `Default Backup Repository (${server.name})`,
        Capacity: capacity,
        FreeSpace: capacity - backupSize,
        BackupSize: backupSize,
      };
    });
    if (periods.length > 0)
      periods.push({
        Name: SNAPSHOT_REPOSITORY_NAME,
        Capacity: UNKNOWN_SIZE,
        FreeSpace: UNKNOWN_SIZE,
        BackupSize: 0,
      });
    return {
      CapacityPlanningReportLink: `Workspace/ViewReport.aspx?definition=${reportId}&ShowParams=1`,
      Links: [],
      Period: periods,
    };
  }
}
