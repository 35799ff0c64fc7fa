import type { JobType, Platform } from '@vbem/model';

/** How big and how healthy the generated EM is. Every field has a documented default. */
export interface DatasetOptions {
  /** Seed of the pseudo-random generator: the same options give the same dataset (default 1). */
  readonly seed?: number | undefined;
  /** End of the generated history, the emulator's "now" (default: the time of generation). */
  readonly now?: Date | undefined;
  /** Backup servers connected to EM (default 2). */
  readonly servers?: number | undefined;
  /** Jobs over all servers; every JobType that has job sessions appears when jobs >= 8 (default 24). */
  readonly jobs?: number | undefined;
  /** Days of history before `now` (default 45: more than the 30 days `/backupSessions` shows). */
  readonly days?: number | undefined;
  /** Scheduled runs per job per day (default 1). Retries come on top. */
  readonly sessionsPerDay?: number | undefined;
  /** VMs per job, so task sessions per Backup, AgentBackup or Replica session (default 4). */
  readonly vmsPerJob?: number | undefined;
  /** Share of runs that fail (default 0.06) and that end with a warning (default 0.05). */
  readonly failureRate?: number | undefined;
  readonly warningRate?: number | undefined;
  /** Share of failed runs that are retried automatically, each retry being its own session (default 0.7). */
  readonly retryRate?: number | undefined;
  /** Sessions still running at `now`: no end time, State Working (default 2, or `jobs` when fewer). */
  readonly runningSessions?: number | undefined;
  /** Restore sessions over the whole history (default 20, or 0 without jobs). */
  readonly restoreSessions?: number | undefined;
}

/** Every dataset option with its default filled in: what a generated dataset was made with. */
export type ResolvedDatasetOptions = {
  readonly [Key in keyof DatasetOptions]-?: Exclude<DatasetOptions[Key], undefined>;
};

export interface BackupServerRecord {
  /** GUID; the UID is `urn:veeam:BackupServer:<id>`. */
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly port: number;
  readonly version: string;
}

export interface JobRecord {
  /** GUID; the UID is `urn:veeam:Job:<id>`. */
  readonly id: string;
  readonly name: string;
  readonly jobType: JobType;
  readonly platform: Platform;
  readonly serverIndex: number;
  readonly description: string;
  readonly scheduleEnabled: boolean;
  /** Local time of day the scheduled runs start, in minutes after midnight UTC. */
  readonly startMinute: number;
  /** VM names this job processes; task sessions are one per VM. */
  readonly vmNames: readonly string[];
  /** Typical run length in seconds; real runs spread around it. */
  readonly typicalDurationSeconds: number;
}

/**
 * Every job session (backup family and replica), columnar so that a million of them fit in a
 * few tens of megabytes. Row `i` is one session; rows are sorted by creation time, ascending.
 */
export interface JobSessionTable {
  readonly count: number;
  readonly jobIndex: Uint32Array;
  /** Milliseconds since the epoch, ascending. */
  readonly creationTime: Float64Array;
  /** Milliseconds since the epoch; NaN while the session runs. */
  readonly endTime: Float64Array;
  /** Index into `JobSessionState` values (model declaration order). */
  readonly state: Uint8Array;
  /** Index into `SessionResult` values (model declaration order). */
  readonly result: Uint8Array;
  readonly progress: Uint8Array;
  /** 1 when the session is an automatic retry. */
  readonly isRetry: Uint8Array;
  /** The session's GUID, derived from the seed and the row (computed, not stored). */
  id(row: number): string;
  /** The row of a session GUID, or -1. */
  rowOf(id: string): number;
}

export interface TaskSessionRecord {
  /** GUID; the UID is `urn:veeam:BackupTaskSession:<id>` or `urn:veeam:ReplicaTaskSession:<id>`. */
  readonly id: string;
  /** Row of the parent job session in `jobSessions`. */
  readonly sessionRow: number;
  /** The VM's index in its job's `vmNames`: the task's place in its session. */
  readonly vmIndex: number;
  readonly vmName: string;
  /** `urn:VMware:Vm:<host>.vm-<n>` style URN of the VM. */
  readonly vmUid: string;
  readonly creationTime: number;
  /** NaN while running. */
  readonly endTime: number;
  /** Index into `TaskSessionState` values. */
  readonly state: number;
  /** Index into `SessionResult` values. */
  readonly result: number;
  /** Empty on success; a realistic failure or warning message otherwise. */
  readonly reason: string;
  readonly totalSize: number;
}

export interface RestoreSessionRecord {
  readonly id: string;
  readonly serverIndex: number;
  readonly vmName: string;
  readonly jobType: 'FileLevelRestore' | 'RestoreVm';
  readonly creationTime: number;
  readonly endTime: number;
  readonly state: number;
  readonly result: number;
}

/** A generated EM: what the emulator serves, and what tests compute expected answers from. */
export interface Dataset {
  readonly options: ResolvedDatasetOptions;
  readonly now: Date;
  readonly backupServers: readonly BackupServerRecord[];
  readonly jobs: readonly JobRecord[];
  readonly jobSessions: JobSessionTable;
  readonly restoreSessions: readonly RestoreSessionRecord[];
  /** The task sessions of one job session, generated deterministically on demand (one per VM of its job). */
  taskSessionsOf(sessionRow: number): readonly TaskSessionRecord[];
  /** The task session with this GUID, or undefined (found without generating them all). */
  taskSession(id: string): TaskSessionRecord | undefined;
}
