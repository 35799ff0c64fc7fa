import { type EnumTypeName, enumTypeDescriptors } from '@vbem/model';
import type { Dataset, TaskSessionRecord } from '../dataset/dataset.js';
import { jobSessionName } from '../representation/entity-views.js';
import { sessionName } from '../representation/session-name.js';
import type { QueryField, QueryFieldTable, QueryValueKind } from './query-field.js';

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

const finite = (time: number): number | undefined => (Number.isNaN(time) ? undefined : time);

/** BackupJobSession and ReplicaJobSession fields (EM documents the same list for both), over job session rows. */
export function jobSessionFields(dataset: Dataset, emVersion: 12 | 13): QueryFieldTable<number> {
  const t = dataset.jobSessions;
  const jobOf = (row: number) => dataset.jobs[t.jobIndex[row] as number];
  const serverOf = (row: number) => dataset.backupServers[jobOf(row)?.serverIndex ?? -1];
  const context = { dataset, apiBase: '', emVersion };
  const kindOf = (row: number) =>
    jobOf(row)?.jobType === 'Replica' ? 'ReplicaJobSession' : 'BackupJobSession';
  const jobTypes = enumValues('JobType');
  return table<number>([
    field('UID', 'string', (row) => `urn:veeam:${kindOf(row)}:${t.id(row)}`),
    field('Name', 'string', (row) => jobSessionName(context, row)),
    field('JobType', 'enum', (row) => jobTypes.indexOf(jobOf(row)?.jobType ?? ''), 'JobType'),
    field('JobUid', 'string', (row) => `urn:veeam:Job:${jobOf(row)?.id}`),
    field('JobName', 'string', (row) => jobOf(row)?.name),
    field('CreationTime', 'dateTime', (row) => t.creationTime[row]),
    field('EndTime', 'dateTime', (row) => finite(t.endTime[row] as number)),
    field('State', 'enum', (row) => t.state[row], 'JobSessionState'),
    field('Result', 'enum', (row) => t.result[row], 'SessionResult'),
    field('IsRetry', 'boolean', (row) => t.isRetry[row] === 1),
    field('BackupServerUid', 'string', (row) => `urn:veeam:BackupServer:${serverOf(row)?.id}`),
    field('BackupServerName', 'string', (row) => serverOf(row)?.name),
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
  return table<TaskSessionRecord>([
    field(
      'UID',
      'string',
      (task) => `urn:veeam:${replica(task) ? 'Replica' : 'Backup'}TaskSession:${task.id}`,
    ),
    field('Name', 'string', (task) => sessionName(task.vmName, task.creationTime, emVersion)),
    field('CreationTime', 'dateTime', (task) => task.creationTime),
    field('EndTime', 'dateTime', (task) => finite(task.endTime)),
    field('State', 'enum', (task) => task.state, 'TaskSessionState'),
    field('Result', 'enum', (task) => task.result, 'SessionResult'),
    field('Reason', 'string', (task) => task.reason),
    field('TotalSize', 'number', (task) => task.totalSize),
    field(
      'JobSessionUid',
      'string',
      (task) =>
        `urn:veeam:${replica(task) ? 'Replica' : 'Backup'}JobSession:${t.id(task.sessionRow)}`,
    ),
    field('JobUid', 'string', (task) => `urn:veeam:Job:${jobOf(task)?.id}`),
    field('JobName', 'string', (task) => jobOf(task)?.name),
    field('BackupServerUid', 'string', (task) => `urn:veeam:BackupServer:${serverOf(task)?.id}`),
    field('BackupServerName', 'string', (task) => serverOf(task)?.name),
    field('VmDisplayName', 'string', (task) => task.vmName),
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
    field('CreationTime', 'dateTime', (index) => restoreOf(index)?.creationTime),
    field('EndTime', 'dateTime', (index) => finite(restoreOf(index)?.endTime ?? Number.NaN)),
    field('State', 'enum', (index) => restoreOf(index)?.state, 'JobSessionState'),
    field('Result', 'enum', (index) => restoreOf(index)?.result, 'SessionResult'),
    field('BackupServerUid', 'string', (index) => `urn:veeam:BackupServer:${serverOf(index)?.id}`),
    field('BackupServerName', 'string', (index) => serverOf(index)?.name),
    field('VmDisplayName', 'string', (index) => restoreOf(index)?.vmName),
  ]);
}

/** Job fields, over job indexes. */
export function jobFields(dataset: Dataset): QueryFieldTable<number> {
  const jobTypes = enumValues('JobType');
  return table<number>([
    field('UID', 'string', (index) => `urn:veeam:Job:${dataset.jobs[index]?.id}`),
    field('Name', 'string', (index) => dataset.jobs[index]?.name),
    field(
      'JobType',
      'enum',
      (index) => jobTypes.indexOf(dataset.jobs[index]?.jobType ?? ''),
      'JobType',
    ),
    field('Platform', 'string', (index) => dataset.jobs[index]?.platform),
    field('Description', 'string', (index) => dataset.jobs[index]?.description),
    field('ScheduleEnabled', 'boolean', (index) => dataset.jobs[index]?.scheduleEnabled),
    field(
      'BackupServerUid',
      'string',
      (index) =>
        `urn:veeam:BackupServer:${dataset.backupServers[dataset.jobs[index]?.serverIndex ?? -1]?.id}`,
    ),
  ]);
}

/** BackupServer fields, over server indexes. */
export function backupServerFields(dataset: Dataset): QueryFieldTable<number> {
  return table<number>([
    field('UID', 'string', (index) => `urn:veeam:BackupServer:${dataset.backupServers[index]?.id}`),
    field('Name', 'string', (index) => dataset.backupServers[index]?.name),
    field('Description', 'string', (index) => dataset.backupServers[index]?.description),
    field('Port', 'number', (index) => dataset.backupServers[index]?.port),
    field('Version', 'string', (index) => dataset.backupServers[index]?.version),
  ]);
}
