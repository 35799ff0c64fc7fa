import {
  type BackupJobSession,
  type BackupServer,
  type BackupTaskSession,
  type EntityReference,
  enumTypeDescriptors,
  type Link,
  type ReplicaJobSession,
  type ReplicaTaskSession,
  type RestoreSession,
} from '@vbem/model';
import type { Dataset, RestoreSessionRecord, TaskSessionRecord } from '../dataset/dataset.js';
import { emDate } from './em-time.js';
import { sessionName } from './session-name.js';

const JOB_SESSION_STATES = enumTypeDescriptors.JobSessionState.values;
const TASK_SESSION_STATES = enumTypeDescriptors.TaskSessionState.values;
const SESSION_RESULTS = enumTypeDescriptors.SessionResult.values;

/** How the emulator writes one representation: the API base of the request and the EM generation. */
export interface ViewContext {
  readonly dataset: Dataset;
  /** `https://host:port/api/` as the client reached it. */
  readonly apiBase: string;
  readonly emVersion: 12 | 13;
  /** The emulator's clock: what is next (a job's `NextRun`) is next after it. */
  readonly now: () => Date;
}

const link = (Href: string, Rel: string, Type?: string, Name?: string): Link => ({
  Href,
  ...(Name !== undefined && { Name }),
  ...(Type !== undefined && { Type }),
  Rel,
});

/** Whether a job session row belongs to a replication job (`/replicaSessions`) rather than the backup family. */
export const isReplicaRow = (dataset: Dataset, row: number): boolean =>
  dataset.jobs[dataset.jobSessions.jobIndex[row] as number]?.jobType === 'Replica';

function jobOf(dataset: Dataset, row: number) {
  const job = dataset.jobs[dataset.jobSessions.jobIndex[row] as number];
  if (!job) throw new RangeError(`no job for session row ${row}`);
  return job;
}

function serverLinks(context: ViewContext, serverIndex: number): Link {
  const server = context.dataset.backupServers[serverIndex];
  return link(
    `${context.apiBase}backupServers/${server?.id}`,
    'Up',
    'BackupServerReference',
    server?.name,
  );
}

/** Names, collections and reference types of the two job session families. */
function family(replica: boolean) {
  return replica
    ? {
        kind: 'ReplicaJobSession',
        collection: 'replicaSessions',
        // EM's samples write its own misspelling in these hrefs; the routes serve both spellings.
        tasks: 'repicaTaskSessions',
        taskList: 'ReplicaTaskSessionReferenceList',
      }
    : {
        kind: 'BackupJobSession',
        collection: 'backupSessions',
        tasks: 'taskSessions',
        taskList: 'BackupTaskSessionReferenceList',
      };
}

export function jobSessionName(
  context: Pick<ViewContext, 'dataset' | 'emVersion'>,
  row: number,
): string {
  return sessionName(
    jobOf(context.dataset, row).name,
    context.dataset.jobSessions.creationTime[row] as number,
    context.emVersion,
  );
}

/** What the reference and the entity of a job session share: identity and the links up. */
function jobSessionIdentity(context: ViewContext, row: number) {
  const { dataset, apiBase } = context;
  const job = jobOf(dataset, row);
  const id = dataset.jobSessions.id(row);
  const names = family(job.jobType === 'Replica');
  const href = `${apiBase}${names.collection}/${id}`;
  return {
    job,
    names,
    href,
    name: jobSessionName(context, row),
    uid: `urn:veeam:${names.kind}:${id}`,
    linksUp: [
      serverLinks(context, job.serverIndex),
      link(`${apiBase}jobs/${job.id}`, 'Up', 'JobReference', job.name),
    ],
    tasksLink: link(`${href}/${names.tasks}`, 'Down', names.taskList),
  };
}

/** The reference form (`EntityRef`, or an item of `EntityReferences`) of a job session. */
export function jobSessionReference(context: ViewContext, row: number): EntityReference {
  const { names, href, name, uid, linksUp, tasksLink } = jobSessionIdentity(context, row);
  return {
    UID: uid,
    Name: name,
    Href: href,
    Type: `${names.kind}Reference`,
    Links: [...linksUp, link(`${href}?format=Entity`, 'Alternate', names.kind, name), tasksLink],
  };
}

/** The entity form (`?format=Entity`) of a job session, backup family or replica. */
export function jobSessionEntity(
  context: ViewContext,
  row: number,
): BackupJobSession | ReplicaJobSession {
  const table = context.dataset.jobSessions;
  const { job, names, href, name, uid, linksUp, tasksLink } = jobSessionIdentity(context, row);
  const end = table.endTime[row] as number;
  const links = [...linksUp, link(href, 'Alternate', `${names.kind}Reference`, name), tasksLink];
  if (!names.kind.startsWith('Replica')) links.push(link(`${href}?action=stop`, 'Stop'));
  return {
    Href: `${href}?format=Entity`,
    Type: names.kind,
    Name: name,
    UID: uid,
    Links: links,
    JobUid: `urn:veeam:Job:${job.id}`,
    JobName: job.name,
    JobType: job.jobType,
    CreationTimeUTC: emDate(table.creationTime[row] as number, context.emVersion),
    ...(Number.isNaN(end) ? {} : { EndTimeUTC: emDate(end, context.emVersion) }),
    State: JOB_SESSION_STATES[table.state[row] as number] as string,
    Result: SESSION_RESULTS[table.result[row] as number] as string,
    Progress: table.progress[row] as number,
    IsRetry: table.isRetry[row] === 1,
  };
}

function taskFamily(replica: boolean) {
  return replica
    ? {
        kind: 'ReplicaTaskSession',
        // As above: every documented replica task session href says `repicaTaskSessions`.
        collection: 'repicaTaskSessions',
        parent: 'ReplicaJobSession',
        parentCollection: 'replicaSessions',
      }
    : {
        kind: 'BackupTaskSession',
        collection: 'backupTaskSessions',
        parent: 'BackupJobSession',
        parentCollection: 'backupSessions',
      };
}

/** What the reference and the entity of a task session share: identity and the links up. */
function taskSessionIdentity(context: ViewContext, task: TaskSessionRecord) {
  const { dataset, apiBase } = context;
  const job = jobOf(dataset, task.sessionRow);
  const replica = job.jobType === 'Replica';
  const names = taskFamily(replica);
  const href = `${apiBase}${names.collection}/${task.id}`;
  const parentId = dataset.jobSessions.id(task.sessionRow);
  const parentHref = `${apiBase}${names.parentCollection}/${parentId}`;
  return {
    replica,
    names,
    href,
    parentId,
    name: sessionName(task.vmName, task.creationTime, context.emVersion),
    uid: `urn:veeam:${names.kind}:${task.id}`,
    linksUp: [
      serverLinks(context, job.serverIndex),
      link(parentHref, 'Up', `${names.parent}Reference`, jobSessionName(context, task.sessionRow)),
    ],
  };
}

export function taskSessionReference(
  context: ViewContext,
  task: TaskSessionRecord,
): EntityReference {
  const { names, href, name, uid, linksUp } = taskSessionIdentity(context, task);
  return {
    UID: uid,
    Name: name,
    Href: href,
    Type: `${names.kind}Reference`,
    Links: [...linksUp, link(`${href}?format=Entity`, 'Alternate', names.kind, name)],
  };
}

export function taskSessionEntity(
  context: ViewContext,
  task: TaskSessionRecord,
): BackupTaskSession | ReplicaTaskSession {
  const { replica, names, href, parentId, name, uid, linksUp } = taskSessionIdentity(context, task);
  return {
    Href: `${href}?format=Entity`,
    Type: names.kind,
    Name: name,
    UID: uid,
    VmDisplayName: task.vmName,
    Links: [...linksUp, link(href, 'Alternate', `${names.kind}Reference`, name)],
    JobSessionUid: `urn:veeam:${names.parent}:${parentId}`,
    CreationTimeUTC: emDate(task.creationTime, context.emVersion),
    ...(Number.isNaN(task.endTime) ? {} : { EndTimeUTC: emDate(task.endTime, context.emVersion) }),
    State: TASK_SESSION_STATES[task.state] as string,
    Result: SESSION_RESULTS[task.result] as string,
    Reason: task.reason,
    TotalSize: task.totalSize,
    ...(replica ? {} : { VmUid: task.vmUid }),
  };
}

export function restoreSessionReference(context: ViewContext, index: number): EntityReference {
  const restore = context.dataset.restoreSessions[index];
  if (!restore) throw new RangeError(`no restore session ${index}`);
  const href = `${context.apiBase}restoreSessions/${restore.id}`;
  const name = sessionName(
    restore.jobType === 'FileLevelRestore' ? `FLR_[${restore.vmName}]` : restore.vmName,
    restore.creationTime,
    context.emVersion,
  );
  return {
    UID: `urn:veeam:RestoreSession:${restore.id}`,
    Name: name,
    Href: href,
    Type: 'RestoreSessionReference',
    Links: [
      serverLinks(context, restore.serverIndex),
      link(`${href}?format=Entity`, 'Alternate', 'RestoreSession', name),
    ],
  };
}

/**
 * A finished file-level restore shows Progress 0, as EM's sample of one (Stopped, Success) does:
 * it browses a backup rather than copies one. A finished VM restore shows 100, a running one 50.
 */
function restoreProgress(restore: RestoreSessionRecord): number {
  if (Number.isNaN(restore.endTime)) return 50;
  return restore.jobType === 'FileLevelRestore' ? 0 : 100;
}

export function restoreSessionEntity(context: ViewContext, index: number): RestoreSession {
  const restore = context.dataset.restoreSessions[index];
  if (!restore) throw new RangeError(`no restore session ${index}`);
  const reference = restoreSessionReference(context, index);
  return {
    Href: `${reference.Href}?format=Entity`,
    Type: 'RestoreSession',
    Name: reference.Name,
    UID: reference.UID,
    VmDisplayName: restore.vmName,
    Links: [
      serverLinks(context, restore.serverIndex),
      link(reference.Href, 'Alternate', 'RestoreSessionReference', reference.Name),
    ],
    JobType: restore.jobType,
    CreationTimeUTC: emDate(restore.creationTime, context.emVersion),
    ...(Number.isNaN(restore.endTime)
      ? {}
      : { EndTimeUTC: emDate(restore.endTime, context.emVersion) }),
    State: JOB_SESSION_STATES[restore.state] as string,
    Result: SESSION_RESULTS[restore.result] as string,
    Progress: restoreProgress(restore),
  };
}

export function jobReference(context: ViewContext, index: number): EntityReference {
  const job = context.dataset.jobs[index];
  if (!job) throw new RangeError(`no job ${index}`);
  const href = `${context.apiBase}jobs/${job.id}`;
  return {
    UID: `urn:veeam:Job:${job.id}`,
    Name: job.name,
    Href: href,
    Type: 'JobReference',
    Links: [
      serverLinks(context, job.serverIndex),
      link(`${href}?format=Entity`, 'Alternate', 'Job', job.name),
      link(`${href}/backupSessions`, 'Down', 'BackupJobSessionReferenceList'),
    ],
  };
}

export function backupServerReference(context: ViewContext, index: number): EntityReference {
  const server = context.dataset.backupServers[index];
  if (!server) throw new RangeError(`no backup server ${index}`);
  const href = `${context.apiBase}backupServers/${server.id}`;
  return {
    UID: `urn:veeam:BackupServer:${server.id}`,
    Name: server.name,
    Href: href,
    Type: 'BackupServerReference',
    // EM's order (pagesize_and_page.md), less its repositories, credentials, passwords and
    // managed servers: the emulator serves none of them, and a link that 404s misleads.
    Links: [
      link(`${href}/jobs`, 'Down', 'JobReferenceList'),
      link(`${href}?format=Entity`, 'Alternate', 'BackupServer', server.name),
    ],
  };
}

export function backupServerEntity(context: ViewContext, index: number): BackupServer {
  const server = context.dataset.backupServers[index];
  if (!server) throw new RangeError(`no backup server ${index}`);
  const reference = backupServerReference(context, index);
  const href = reference.Href;
  // The links EM documents for a backup server entity, in its order.
  return {
    Href: `${href}?format=Entity`,
    Type: 'BackupServer',
    Name: server.name,
    UID: reference.UID,
    Links: [
      link(href, 'Alternate', 'BackupServerReference', server.name),
      link(href, 'Edit', 'BackupServerReference'),
      link(href, 'Delete', 'BackupServerReference'),
      link(`${href}/jobs`, 'Down', 'JobReferenceList'),
      link(`${href}/managedServers`, 'Down', 'ManagedServerReferenceList'),
      link(`${href}/repositories`, 'Down', 'RepositoryReferenceList'),
      link(`${href}/credentials`, 'Down', 'CredentialsList'),
      link(`${href}/credentials?action=create`, 'Create'),
      link(`${href}/passwords`, 'Down', 'PasswordKeyList'),
      link(`${href}/passwords?action=create`, 'Create'),
      link(`${href}?action=veeamzip`, 'VeeamZip'),
      link(`${href}?action=quickbackup`, 'QuickBackup'),
      link(`${href}?action=collect`, 'Start'),
    ],
    Description: server.description,
    Port: server.port,
    Version: server.version,
  };
}
