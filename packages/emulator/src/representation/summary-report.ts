import {
  enumTypeDescriptors,
  type JobStatisticsReportFrame,
  type OverviewReportFrame,
  type ProcessedVmsReportFrame,
  type RepositoryReportFrame,
  type SummaryReport,
  type VmsOverviewReportFrame,
} from '@vbem/model';
import type { Dataset, TaskSessionRecord } from '../dataset/dataset.js';
import { lowerBound } from '../query/sorted-range.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Job statistics and processed VMs cover the last 7 days (the documented sample has 7 days). */
export const REPORT_PERIOD_DAYS = 7;
/** Restore points and repository use cover the 30 days that `/backupSessions` shows. */
const RETENTION_DAYS = 30;
const GiB = 2 ** 30;

const SUCCESS = enumTypeDescriptors.SessionResult.values.indexOf('Success');
const WARNING = enumTypeDescriptors.SessionResult.values.indexOf('Warning');
const FAILED = enumTypeDescriptors.SessionResult.values.indexOf('Failed');

/** `GET /reports/summary`: links to the five frames. */
export function summaryReport(apiBase: string): SummaryReport {
  const frame = (path: string, name: string) => ({
    Href: `${apiBase}reports/summary/${path}`,
    Name: name,
    Type: 'ReportFrame',
    Rel: 'Down',
  });
  return {
    Links: [
      frame('overview', 'Overview'),
      frame('vms_overview', 'VmsOverview'),
      frame('job_statistics', 'JobStatistics'),
      frame('processed_vms', 'ProcessedVms'),
      frame('repository', 'Repositories'),
    ],
  };
}

/** The figures behind the frames, computed once per clock reading from the dataset's sessions. */
export class SummaryFigures {
  private readonly isReplicaJob: boolean[];
  private latest: TaskSessionRecord[] | undefined;
  private readonly tasks = new Map<string, TaskSessionRecord[]>();

  constructor(
    private readonly dataset: Dataset,
    private readonly now: number,
  ) {
    this.isReplicaJob = dataset.jobs.map((job) => job.jobType === 'Replica');
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

  private runningJobs(): number {
    const jobs = new Set<number>();
    const { count, jobIndex } = this.dataset.jobSessions;
    for (let row = 0; row < count; row++)
      if (this.isRunning(row)) jobs.add(jobIndex[row] as number);
    return jobs.size;
  }

  private scheduled(replica?: boolean): number {
    return this.dataset.jobs.filter(
      (job, index) =>
        job.scheduleEnabled && (replica === undefined || this.isReplicaJob[index] === replica),
    ).length;
  }

  /**
   * The latest finished task of every VM of every job: what EM calls a VM's latest state. A job's
   * latest finished session has a task for each of its VMs, so one session per job is enough.
   */
  private latestTasks(): TaskSessionRecord[] {
    if (this.latest) return this.latest;
    const table = this.dataset.jobSessions;
    const done = new Set<number>();
    const latest: TaskSessionRecord[] = [];
    for (let row = table.count - 1; row >= 0 && done.size < this.dataset.jobs.length; row--) {
      const job = table.jobIndex[row] as number;
      if (done.has(job) || this.isRunning(row) || (table.creationTime[row] as number) > this.now)
        continue;
      done.add(job);
      latest.push(...this.dataset.taskSessionsOf(row));
    }
    this.latest = latest;
    return latest;
  }

  private tasksSince(days: number, replica: boolean): TaskSessionRecord[] {
    const key = `${days}/${replica}`;
    const cached = this.tasks.get(key);
    if (cached) return cached;
    const { start, end } = this.rowsSince(days);
    const tasks: TaskSessionRecord[] = [];
    for (let row = start; row < end; row++) {
      if (this.isReplicaJob[this.dataset.jobSessions.jobIndex[row] as number] !== replica) continue;
      tasks.push(...this.dataset.taskSessionsOf(row));
    }
    this.tasks.set(key, tasks);
    return tasks;
  }

  overview(): OverviewReportFrame {
    const latest = this.latestTasks();
    const servers = this.dataset.backupServers.length;
    return {
      Links: [],
      BackupServers: servers,
      ProxyServers: servers * 2,
      RepositoryServers: servers,
      RunningJobs: this.runningJobs(),
      ScheduledJobs: this.scheduled(),
      SuccessfulVmLastestStates: latest.filter((task) => task.result === SUCCESS).length,
      WarningVmLastestStates: latest.filter((task) => task.result === WARNING).length,
      FailedVmLastestStates: latest.filter((task) => task.result === FAILED).length,
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
    const days = Array.from({ length: REPORT_PERIOD_DAYS }, (_, index) => today - index * DAY_MS);
    const distinctVms = (replica: boolean, day: number) => {
      const vms = new Set<string>();
      for (const task of this.tasksSince(REPORT_PERIOD_DAYS + 1, replica)) {
        if (task.result !== FAILED && task.creationTime >= day && task.creationTime < day + DAY_MS)
          vms.add(task.vmName);
      }
      return vms.size;
    };
    return {
      Links: [],
      Day: days.map((day) => ({
        Timestamp: new Date(day),
        BackupedVms: distinctVms(false, day),
        ReplicatedVms: distinctVms(true, day),
      })),
    };
  }

  vmsOverview(reportId: string): VmsOverviewReportFrame {
    const latest = this.latestTasks().filter((task) => task.result !== FAILED);
    const isReplicaTask = (task: TaskSessionRecord) =>
      this.isReplicaJob[this.dataset.jobSessions.jobIndex[task.sessionRow] as number] === true;
    const protectedVms = new Set(latest.map((task) => task.vmName));
    const backups = this.tasksSince(RETENTION_DAYS, false).filter((task) => task.result !== FAILED);
    const replicas = this.tasksSince(RETENTION_DAYS, true).filter((task) => task.result !== FAILED);
    const latestBackups = latest.filter((task) => !isReplicaTask(task));
    const fullSize = latestBackups.reduce((sum, task) => sum + task.totalSize, 0);
    const incremental = backups.reduce((sum, task) => sum + Math.round(task.totalSize / 10), 0);
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
      ProtectedVms: protectedVms.size,
      BackedUpVms: new Set(latestBackups.map((task) => task.vmName)).size,
      ReplicatedVms: new Set(latest.filter(isReplicaTask).map((task) => task.vmName)).size,
      RestorePoints: backups.length + replicas.length,
      FullBackupPointsSize: fullSize,
      IncrementalBackupPointsSize: incremental,
      ReplicaRestorePointsSize: replicas.reduce(
        (sum, task) => sum + Math.round(task.totalSize / 10),
        0,
      ),
      SourceVmsSize: latest.reduce((sum, task) => sum + task.totalSize, 0),
      SuccessBackupPercents: finishedBackups
        ? Math.round((100 * goodBackups) / finishedBackups)
        : 100,
      ProtectedVmsReportLink: `Workspace/ViewReport.aspx?definition=${reportId}&ShowParams=1`,
    };
  }

  repository(reportId: string): RepositoryReportFrame {
    const used = this.dataset.backupServers.map(() => 0);
    for (const task of this.tasksSince(RETENTION_DAYS, false)) {
      if (task.result === FAILED) continue;
      const server =
        this.dataset.jobs[this.dataset.jobSessions.jobIndex[task.sessionRow] as number]
          ?.serverIndex ?? 0;
      used[server] = (used[server] ?? 0) + Math.round(task.totalSize / 2);
    }
    return {
      CapacityPlanningReportLink: `Workspace/ViewReport.aspx?definition=${reportId}&ShowParams=1`,
      Links: [],
      Period: [
        ...this.dataset.backupServers.map((server, index) => {
          const backupSize = used[index] ?? 0;
          const capacity = Math.max(2048 * GiB * (index + 1), backupSize * 2);
          return {
            Name: `Default Backup Repository (${server.name})`,
            Capacity: capacity,
            FreeSpace: capacity - backupSize,
            BackupSize: backupSize,
          };
        }),
        // EM's sample has a storage snapshot target whose size EM cannot know: -1, -1, 0.
        ...this.dataset.backupServers
          .slice(0, 1)
          .map(() => ({ Name: 'Storage Snapshots', Capacity: -1, FreeSpace: -1, BackupSize: 0 })),
      ],
    };
  }
}
