import type { BackupJobSession, BackupTaskSession, Job } from '@vbem/model';

/** The job session fields a report reads (backup, replica, or any job type the model knows). */
export type ReportJobSession = Pick<
  BackupJobSession,
  | 'UID'
  | 'JobUid'
  | 'JobName'
  | 'JobType'
  | 'CreationTimeUTC'
  | 'EndTimeUTC'
  | 'State'
  | 'Result'
  | 'Links'
  | 'FailureMessage'
> & { readonly IsRetry?: boolean };

/** The task session fields a report reads. */
export type ReportTaskSession = Pick<
  BackupTaskSession,
  | 'UID'
  | 'VmDisplayName'
  | 'JobSessionUid'
  | 'CreationTimeUTC'
  | 'EndTimeUTC'
  | 'State'
  | 'Result'
  | 'Reason'
>;

/**
 * The job fields a report reads: the job list's entities. Their Links, when given, name the
 * backup server of a job with no session in the window (its Up link to its BackupServerReference).
 */
export type ReportJob = Pick<Job, 'UID' | 'Name' | 'JobType' | 'ScheduleEnabled'> & {
  readonly Links?: Job['Links'] | undefined;
};

export type Source<T> = AsyncIterable<T> | Iterable<T>;

/**
 * What a report is built from. Sessions must arrive in creation order within each job (the
 * client's `sessions()` crawls in that order); that is what lets one streaming pass fold retries
 * with memory bounded by jobs and VMs.
 */
export interface ReportInput {
  readonly sessions: Source<ReportJobSession>;
  /** Task sessions of those job sessions, in creation order per VM; enables the per-VM part. */
  readonly taskSessions?: Source<ReportTaskSession> | undefined;
  /** The job list; enables missed jobs (jobs with no session in the window). */
  readonly jobs?: Source<ReportJob> | undefined;
  /** Name of the EM the input came from, shown in merged reports; '' is none, as undefined. */
  readonly source?: string | undefined;
  /**
   * Sources that failed to answer (a multi-EM crawl); the report says so. A `source` names the
   * source that answered and this one is a part of, such as a backup server an EM could not reach
   * ('' is none, as undefined): Prometheus labels it `backup_server` of that source, not an EM.
   */
  readonly failedSources?:
    | readonly {
        readonly name: string;
        readonly error: string;
        readonly source?: string | undefined;
      }[]
    | undefined;
  /**
   * Sources whose task sessions could not be read, and why: the report says their VMs are
   * missing. Their jobs may be in the report; leave their task sessions out of it.
   */
  readonly sourcesWithoutVms?:
    | readonly { readonly name: string; readonly error: string }[]
    | undefined;
}
