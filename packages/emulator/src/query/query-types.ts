import { type EnumTypeName, enumTypeDescriptors } from '@vbem/model';
import type { Dataset, JobRecord, TaskSessionRecord } from '../dataset/dataset.js';
import { GUID_ORDER_KEYS, type GuidCodec, GuidKind, guidCodec } from '../dataset/dataset-guid.js';
import { emTime } from '../representation/em-time.js';
import { jobSessionName } from '../representation/entity-views.js';
import { jobNextRun } from '../representation/job-entity.js';
import { sessionName } from '../representation/session-name.js';
import type { QueryField, QueryFieldTable, QueryValueKind, SortKey } from './query-field.js';
import { ranksOf } from './string-ranks.js';

const enumValues = (name: EnumTypeName) => enumTypeDescriptors[name].values;

function table<Row>(fields: QueryField<Row>[]): QueryFieldTable<Row> {
  return new Map(fields.map((field) => [field.name.toLowerCase(), field]));
}

const field = <Row>(
  name: string,
  kind: QueryValueKind,
  get: (row: Row) => string | number | boolean | undefined,
  enumName?: EnumTypeName,
): QueryField<Row> => ({ name, kind, get, ...(enumName && { enumValues: enumValues(enumName) }) });

/** A string field that sorts by the numbers of `sortKey` (when given) instead of by its strings. */
const keyedField = <Row>(
  name: string,
  get: (row: Row) => string | undefined,
  sortKey: SortKey<Row> | undefined,
): QueryField<Row> => ({ name, kind: 'string', get, ...(sortKey && { sortKey }) });

const finite = (time: number): number | undefined => (Number.isNaN(time) ? undefined : time);

/** A value made on first use: the rank tables cost nothing until a query sorts by them. */
function lazy<Value>(make: () => Value): () => Value {
  let value: Value | undefined;
  return () => {
    value ??= make();
    return value;
  };
}

/** Sorts by a rank computed once per job (its name, UID, server...) instead of by strings. */
function jobRankKey<Row>(
  jobs: readonly JobRecord[],
  textOf: (job: JobRecord) => string,
  jobIndexOf: (row: Row) => number,
): SortKey<Row> {
  const ranks = lazy(() => ranksOf(jobs.map(textOf)));
  return {
    width: 1,
    write: (row, keys, at) => {
      keys[at] = ranks()[jobIndexOf(row)] as number;
    },
  };
}

/**
 * Sorts `<prefix>@<yyyy-MM-dd HH:mm:ss[.ffffff]>` names (`sessionName`) by the rank of
 * `<prefix>@`, then by the time at the name's precision: the order of the strings, as long as no
 * prefix holds an `@` (then undefined: compare the strings).
 */
function sessionNameKey<Row>(
  prefixes: readonly string[],
  prefixOf: (row: Row) => number,
  timeOf: (row: Row) => number,
  emVersion: 12 | 13,
): SortKey<Row> | undefined {
  if (prefixes.some((prefix) => prefix.includes('@'))) return undefined;
  const ranks = lazy(() => ranksOf(prefixes.map((prefix) => `${prefix}@`)));
  return {
    width: 2,
    write: (row, keys, at) => {
      keys[at] = ranks()[prefixOf(row)] as number;
      // EM 13's names end in the microsecond, EM 12's in the second; whole numbers for the radix sort.
      keys[at + 1] =
        emVersion === 13 ? Math.round(timeOf(row) * 1000) : Math.floor(timeOf(row) / 1000);
    },
  };
}

/** Sorts GUIDs by the numbers of their codec (`row`, `sub`), within one UID prefix. */
function guidKey<Row>(
  codec: GuidCodec,
  indexOf: (row: Row) => number,
  subOf: (row: Row) => number,
): SortKey<Row> {
  return {
    width: GUID_ORDER_KEYS,
    write: (row, keys, at) => codec.writeOrderKeys(indexOf(row), subOf(row), keys, at),
  };
}

/** BackupJobSession and ReplicaJobSession fields (EM documents the same list for both), over job session rows. */
export function jobSessionFields(dataset: Dataset, emVersion: 12 | 13): QueryFieldTable<number> {
  const t = dataset.jobSessions;
  const jobOf = (row: number) => dataset.jobs[t.jobIndex[row] as number];
  const serverOf = (row: number) => dataset.backupServers[jobOf(row)?.serverIndex ?? -1];
  const context = { dataset, apiBase: '', emVersion };
  const kindOf = (row: number) =>
    jobOf(row)?.jobType === 'Replica' ? 'ReplicaJobSession' : 'BackupJobSession';
  const jobTypes = enumValues('JobType');
  const { jobs } = dataset;
  const jobIndexOf = (row: number) => t.jobIndex[row] as number;
  const serverOfJob = (job: JobRecord) => dataset.backupServers[job.serverIndex];
  return table<number>([
    // One query type's rows are all of one kind, so the UIDs differ only in their GUIDs.
    keyedField(
      'UID',
      (row) => `urn:veeam:${kindOf(row)}:${t.id(row)}`,
      guidKey(
        guidCodec(dataset.options.seed, GuidKind.JobSession),
        (row) => row,
        () => 0,
      ),
    ),
    keyedField(
      'Name',
      (row) => jobSessionName(context, row),
      sessionNameKey(
        jobs.map((job) => job.name),
        jobIndexOf,
        (row) => t.creationTime[row] as number,
        emVersion,
      ),
    ),
    field('JobType', 'enum', (row) => jobTypes.indexOf(jobOf(row)?.jobType ?? ''), 'JobType'),
    keyedField(
      'JobUid',
      (row) => `urn:veeam:Job:${jobOf(row)?.id}`,
      jobRankKey(jobs, (job) => `urn:veeam:Job:${job.id}`, jobIndexOf),
    ),
    keyedField(
      'JobName',
      (row) => jobOf(row)?.name,
      jobRankKey(jobs, (job) => job.name, jobIndexOf),
    ),
    field('CreationTime', 'dateTime', (row) => emTime(t.creationTime[row] as number, emVersion)),
    field('EndTime', 'dateTime', (row) => finite(emTime(t.endTime[row] as number, emVersion))),
    field('State', 'enum', (row) => t.state[row], 'JobSessionState'),
    field('Result', 'enum', (row) => t.result[row], 'SessionResult'),
    field('IsRetry', 'boolean', (row) => t.isRetry[row] === 1),
    keyedField(
      'BackupServerUid',
      (row) => `urn:veeam:BackupServer:${serverOf(row)?.id}`,
      jobRankKey(jobs, (job) => `urn:veeam:BackupServer:${serverOfJob(job)?.id}`, jobIndexOf),
    ),
    keyedField(
      'BackupServerName',
      (row) => serverOf(row)?.name,
      jobRankKey(jobs, (job) => serverOfJob(job)?.name ?? '', jobIndexOf),
    ),
  ]);
}

/** BackupTaskSession and ReplicaTaskSession fields, over task session records. */
export function taskSessionFields(
  dataset: Dataset,
  emVersion: 12 | 13,
): QueryFieldTable<TaskSessionRecord> {
  const t = dataset.jobSessions;
  const jobOf = (task: TaskSessionRecord) => dataset.jobs[t.jobIndex[task.sessionRow] as number];
  const serverOf = (task: TaskSessionRecord) =>
    dataset.backupServers[jobOf(task)?.serverIndex ?? -1];
  const replica = (task: TaskSessionRecord) => jobOf(task)?.jobType === 'Replica';
  const { jobs } = dataset;
  const { seed } = dataset.options;
  const jobIndexOf = (task: TaskSessionRecord) => t.jobIndex[task.sessionRow] as number;
  const serverOfJob = (job: JobRecord) => dataset.backupServers[job.serverIndex];
  // Every VM of every job in one list; a task's VM is at its job's offset plus its index.
  const vmOffsets: number[] = [];
  const vmNames: string[] = [];
  for (const job of jobs) {
    vmOffsets.push(vmNames.length);
    vmNames.push(...job.vmNames);
  }
  const vmOf = (task: TaskSessionRecord) => (vmOffsets[jobIndexOf(task)] as number) + task.vmIndex;
  const vmRanks = lazy(() => ranksOf(vmNames));
  return table<TaskSessionRecord>([
    // One query type's rows are all of one kind, so the UIDs differ only in their GUIDs.
    keyedField(
      'UID',
      (task) => `urn:veeam:${replica(task) ? 'Replica' : 'Backup'}TaskSession:${task.id}`,
      guidKey(
        guidCodec(seed, GuidKind.TaskSession),
        (task) => task.sessionRow,
        (task) => task.vmIndex,
      ),
    ),
    keyedField(
      'Name',
      (task) => sessionName(task.vmName, task.creationTime, emVersion),
      sessionNameKey(vmNames, vmOf, (task) => task.creationTime, emVersion),
    ),
    field('CreationTime', 'dateTime', (task) => emTime(task.creationTime, emVersion)),
    field('EndTime', 'dateTime', (task) => finite(emTime(task.endTime, emVersion))),
    field('State', 'enum', (task) => task.state, 'TaskSessionState'),
    field('Result', 'enum', (task) => task.result, 'SessionResult'),
    field('Reason', 'string', (task) => task.reason),
    field('TotalSize', 'number', (task) => task.totalSize),
    keyedField(
      'JobSessionUid',
      (task) =>
        `urn:veeam:${replica(task) ? 'Replica' : 'Backup'}JobSession:${t.id(task.sessionRow)}`,
      guidKey(
        guidCodec(seed, GuidKind.JobSession),
        (task) => task.sessionRow,
        () => 0,
      ),
    ),
    keyedField(
      'JobUid',
      (task) => `urn:veeam:Job:${jobOf(task)?.id}`,
      jobRankKey(jobs, (job) => `urn:veeam:Job:${job.id}`, jobIndexOf),
    ),
    keyedField(
      'JobName',
      (task) => jobOf(task)?.name,
      jobRankKey(jobs, (job) => job.name, jobIndexOf),
    ),
    keyedField(
      'BackupServerUid',
      (task) => `urn:veeam:BackupServer:${serverOf(task)?.id}`,
      jobRankKey(jobs, (job) => `urn:veeam:BackupServer:${serverOfJob(job)?.id}`, jobIndexOf),
    ),
    keyedField(
      'BackupServerName',
      (task) => serverOf(task)?.name,
      jobRankKey(jobs, (job) => serverOfJob(job)?.name ?? '', jobIndexOf),
    ),
    keyedField('VmDisplayName', (task) => task.vmName, {
      width: 1,
      write: (task, keys, at) => {
        keys[at] = vmRanks()[vmOf(task)] as number;
      },
    }),
  ]);
}

/** RestoreSession fields: `Type` (FileLevelRestore, RestoreVm) instead of JobType, over restore session indexes. */
export function restoreSessionFields(
  dataset: Dataset,
  emVersion: 12 | 13,
): QueryFieldTable<number> {
  const restoreOf = (index: number) => dataset.restoreSessions[index];
  const serverOf = (index: number) => dataset.backupServers[restoreOf(index)?.serverIndex ?? -1];
  const jobTypes = enumValues('JobType');
  return table<number>([
    field('UID', 'string', (index) => `urn:veeam:RestoreSession:${restoreOf(index)?.id}`),
    field('Name', 'string', (index) => {
      const restore = restoreOf(index);
      if (!restore) return undefined;
      const prefix =
        restore.jobType === 'FileLevelRestore' ? `FLR_[${restore.vmName}]` : restore.vmName;
      return sessionName(prefix, restore.creationTime, emVersion);
    }),
    field('Type', 'enum', (index) => jobTypes.indexOf(restoreOf(index)?.jobType ?? ''), 'JobType'),
    field('CreationTime', 'dateTime', (index) => {
      const restore = restoreOf(index);
      return restore && emTime(restore.creationTime, emVersion);
    }),
    field('EndTime', 'dateTime', (index) =>
      finite(emTime(restoreOf(index)?.endTime ?? Number.NaN, emVersion)),
    ),
    field('State', 'enum', (index) => restoreOf(index)?.state, 'JobSessionState'),
    field('Result', 'enum', (index) => restoreOf(index)?.result, 'SessionResult'),
    field('BackupServerUid', 'string', (index) => `urn:veeam:BackupServer:${serverOf(index)?.id}`),
    field('BackupServerName', 'string', (index) => serverOf(index)?.name),
    field('VmDisplayName', 'string', (index) => restoreOf(index)?.vmName),
  ]);
}

/** Job fields, over job indexes, in the documented order; `NextRun` is the next run after `now`. */
export function jobFields(dataset: Dataset, now: () => Date): QueryFieldTable<number> {
  const jobTypes = enumValues('JobType');
  const jobOf = (index: number) => dataset.jobs[index];
  const serverOf = (index: number) => dataset.backupServers[jobOf(index)?.serverIndex ?? -1];
  return table<number>([
    field('UID', 'string', (index) => `urn:veeam:Job:${jobOf(index)?.id}`),
    field('Name', 'string', (index) => jobOf(index)?.name),
    field('Description', 'string', (index) => jobOf(index)?.description),
    field('NextRun', 'dateTime', (index) => {
      const job = jobOf(index);
      return job && jobNextRun(dataset, job, now())?.getTime();
    }),
    field('JobType', 'enum', (index) => jobTypes.indexOf(jobOf(index)?.jobType ?? ''), 'JobType'),
    field('Platform', 'string', (index) => jobOf(index)?.platform),
    // Every generated job has its schedule options set, as its entity says.
    field('ScheduleConfigured', 'boolean', (index) => jobOf(index) !== undefined),
    field('ScheduleEnabled', 'boolean', (index) => jobOf(index)?.scheduleEnabled),
    field('BackupServerUid', 'string', (index) => `urn:veeam:BackupServer:${serverOf(index)?.id}`),
    field('BackupServerName', 'string', (index) => serverOf(index)?.name),
  ]);
}

/** BackupServer fields, over server indexes, in the documented order. */
export function backupServerFields(dataset: Dataset): QueryFieldTable<number> {
  const serverOf = (index: number) => dataset.backupServers[index];
  return table<number>([
    field('UID', 'string', (index) => `urn:veeam:BackupServer:${serverOf(index)?.id}`),
    field('Name', 'string', (index) => serverOf(index)?.name),
    field('Description', 'string', (index) => serverOf(index)?.description),
    // EM names a backup server by the address it was added with.
    field('IpOrDnsName', 'string', (index) => serverOf(index)?.name),
    field('Port', 'number', (index) => serverOf(index)?.port),
    field('Version', 'string', (index) => serverOf(index)?.version),
  ]);
}
