import type { TaskSessionRecord } from '../dataset/dataset.js';
import { lowerBound } from '../query/sorted-range.js';
import {
  backupServerEntity,
  backupServerReference,
  isReplicaRow,
  jobReference,
  jobSessionEntity,
  jobSessionName,
  jobSessionReference,
  restoreSessionEntity,
  restoreSessionReference,
  taskSessionEntity,
  taskSessionReference,
} from '../representation/entity-views.js';
import { isCopyJob, jobEntity } from '../representation/job-entity.js';
import { objectsInJob } from '../representation/job-info.js';
import { SESSION_LIST_WINDOW_MS } from '../session-list-window.js';
import { sendReferencesOrEntities } from './references-or-entities.js';
import { type RequestContext, type RouteHandler, wantsEntities } from './request-context.js';

/** The first time the session lists show: 30 days before the request's clock reading. */
const windowStart = (context: RequestContext): number =>
  context.atClock.reading - SESSION_LIST_WINDOW_MS;

/**
 * The job session rows `[start, end)` the lists show: those created in the last 30 days of the
 * clock (the dataset at the clock has none after it, as EM shows no session from the future).
 */
function listedRows(context: RequestContext): { start: number; end: number } {
  const { creationTime, count } = context.view.dataset.jobSessions;
  return { start: lowerBound(creationTime, windowStart(context)), end: count };
}

const notFound = (context: RequestContext, what: string) =>
  context.respond.error(404, `${what} ${context.params.id ?? ''} was not found.`);

/** Job session rows of one family created in the last 30 days of the clock, newest first. */
function recentRows(context: RequestContext, replica: boolean): number[] {
  const { dataset } = context.view;
  const { start, end } = listedRows(context);
  const rows: number[] = [];
  for (let row = end - 1; row >= start; row--)
    if (isReplicaRow(dataset, row) === replica) rows.push(row);
  return rows;
}

/** The row of the session the path names, if one of that family exists at the clock. */
function sessionRow(context: RequestContext, replica: boolean): number | undefined {
  const { dataset } = context.view;
  const row = dataset.jobSessions.rowOf((context.params.id ?? '').toLowerCase());
  return row >= 0 && isReplicaRow(dataset, row) === replica ? row : undefined;
}

/** `GET /backupSessions` or `/replicaSessions`: references, or entities with `?format=Entity`. */
export const listJobSessions =
  (replica: boolean): RouteHandler =>
  (context) =>
    sendReferencesOrEntities(
      context,
      recentRows(context, replica),
      replica ? 'ReplicaJobSessions' : 'BackupJobSessions',
      jobSessionReference,
      jobSessionEntity,
    );

export const getJobSession =
  (replica: boolean): RouteHandler =>
  (context) => {
    const row = sessionRow(context, replica);
    if (row === undefined)
      return notFound(context, replica ? 'Replica job session' : 'Backup job session');
    if (!wantsEntities(context))
      return context.respond.send(200, 'EntityRef', jobSessionReference(context.view, row));
    const entity = jobSessionEntity(context.view, row);
    if (replica) context.respond.send(200, 'ReplicaJobSession', entity);
    else context.respond.send(200, 'BackupJobSession', entity as never);
  };

/** Task sessions as references, or (`?format=Entity`) as a BackupTaskSessions or ReplicaTaskSessions list. */
function sendTaskSessions(
  context: RequestContext,
  replica: boolean,
  tasks: Iterable<TaskSessionRecord>,
): void {
  sendReferencesOrEntities(
    context,
    tasks,
    replica ? 'ReplicaTaskSessions' : 'BackupTaskSessions',
    taskSessionReference,
    taskSessionEntity,
  );
}

/**
 * `GET /backupSessions/{id}/taskSessions` and `/replicaSessions/{id}/replicaTaskSessions`: the
 * session's task sessions created in the last 30 days, as EM's docs say of this list, even when
 * the session itself was created before them (it is still found by its id).
 */
export const listTasksOfSession =
  (replica: boolean): RouteHandler =>
  (context) => {
    const row = sessionRow(context, replica);
    if (row === undefined)
      return notFound(context, replica ? 'Replica job session' : 'Backup job session');
    const since = windowStart(context);
    sendTaskSessions(
      context,
      replica,
      context.view.dataset
        .taskSessionsOf(row)
        .filter((task) => task.creationTime >= since)
        .reverse(),
    );
  };

/** `GET /backupTaskSessions` or `/replicaTaskSessions`: every task session of the last 30 days. */
export const listTaskSessions =
  (replica: boolean): RouteHandler =>
  (context) => {
    sendTaskSessions(context, replica, recentTasks(context, replica));
  };

/**
 * The task sessions of one family created in the last 30 days of the clock, newest job session
 * first, each job session's generated as it is reached, last first: those of a job session
 * created up to the longest session before the window too.
 */
function* recentTasks(context: RequestContext, replica: boolean): Generator<TaskSessionRecord> {
  const { dataset } = context.view;
  const since = windowStart(context);
  const { creationTime, count } = dataset.jobSessions;
  const first = lowerBound(creationTime, since - context.state.stops.clock.longestSessionMs);
  for (let row = count - 1; row >= first; row--) {
    if (isReplicaRow(dataset, row) !== replica) continue;
    const tasks = dataset.taskSessionsOf(row);
    for (let index = tasks.length - 1; index >= 0; index--) {
      const task = tasks[index] as TaskSessionRecord;
      if (task.creationTime >= since) yield task;
    }
  }
}

export const getTaskSession =
  (replica: boolean): RouteHandler =>
  (context) => {
    const { dataset } = context.view;
    const task = dataset.taskSession((context.params.id ?? '').toLowerCase());
    if (!task || isReplicaRow(dataset, task.sessionRow) !== replica)
      return notFound(context, 'Task session');
    if (!wantsEntities(context))
      return context.respond.send(200, 'EntityRef', taskSessionReference(context.view, task));
    const entity = taskSessionEntity(context.view, task);
    if (replica) context.respond.send(200, 'ReplicaTaskSession', entity);
    else context.respond.send(200, 'BackupTaskSession', entity as never);
  };

/**
 * `POST /backupSessions/{id}?action=stop`: 202 with a Task to poll. The session is Stopping
 * until the task finishes (see `StopTasks`), then Stopped, Failed.
 */
export const stopJobSession: RouteHandler = (context) => {
  if (context.query('action')?.toLowerCase() !== 'stop') {
    return context.respond.error(
      400,
      `Unknown action ${context.query('action') ?? '(none)'}; supported: stop.`,
    );
  }
  const row = sessionRow(context, false);
  if (row === undefined) return notFound(context, 'Backup job session');
  const { state } = context;
  const name = jobSessionName(context.view, row);
  const notRunning = `Job Session "${name}" is not running.`;
  const requested = state.stops.requestStop(row, context.atClock.reading);
  let taskId: string;
  if (requested) {
    state.queries.invalidate();
    // Taken while the session ran, the stop succeeds: an earlier stop's task, or the session's
    // own end, may have ended it by the time this task finishes.
    taskId = state.stopTasks.add((time) => {
      state.stops.stop(row, time);
      state.queries.invalidate();
      return { success: true, message: `Job Session "${name}" triggered to stop.` };
    });
  } else taskId = state.stopTasks.addFinished(notRunning, false);
  const task = state.stopTasks.answer(taskId, context.apiBase, context.atClock.reading);
  if (task) context.respond.send(202, 'Task', task, { Location: task.Href });
};

export const getTask: RouteHandler = (context) => {
  const task = context.state.stopTasks.answer(
    context.params.id ?? '',
    context.apiBase,
    context.atClock.reading,
  );
  if (!task) return notFound(context, 'Task');
  context.respond.send(200, 'Task', task);
};

/** `DELETE /tasks/{id}` (a Task's Delete link): 204, and the task is gone (its stop done). */
export const deleteTask: RouteHandler = (context) => {
  if (!context.state.stopTasks.delete(context.params.id ?? '', context.atClock.reading))
    return notFound(context, 'Task');
  context.respond.noContent();
};

/** `GET /restoreSessions`: the restore sessions of the last 30 days, none after the clock. */
export const listRestoreSessions: RouteHandler = (context) => {
  const since = windowStart(context);
  const indexes = context.view.dataset.restoreSessions
    .flatMap((restore, index) => (restore.creationTime >= since ? [index] : []))
    .reverse();
  sendReferencesOrEntities(
    context,
    indexes,
    'RestoreSessions',
    restoreSessionReference,
    restoreSessionEntity,
  );
};

export const getRestoreSession: RouteHandler = (context) => {
  const index = context.view.dataset.restoreSessions.findIndex(
    (restore) => restore.id === context.params.id?.toLowerCase(),
  );
  if (index < 0) return notFound(context, 'Restore session');
  if (!wantsEntities(context))
    return context.respond.send(200, 'EntityRef', restoreSessionReference(context.view, index));
  context.respond.send(200, 'RestoreSession', restoreSessionEntity(context.view, index));
};

/** The jobs at `indexes`, as references or (`?format=Entity`) as a Jobs list. */
function sendJobs(context: RequestContext, indexes: readonly number[]): void {
  sendReferencesOrEntities(context, indexes, 'Jobs', jobReference, jobEntity);
}

export const listJobs: RouteHandler = (context) =>
  sendJobs(
    context,
    context.state.dataset.jobs.map((_, index) => index),
  );

const jobIndexOf = (context: RequestContext) =>
  context.state.dataset.jobs.findIndex((job) => job.id === context.params.id?.toLowerCase());

export const getJob: RouteHandler = (context) => {
  const index = jobIndexOf(context);
  if (index < 0) return notFound(context, 'Job');
  if (!wantsEntities(context))
    return context.respond.send(200, 'EntityRef', jobReference(context.view, index));
  context.respond.send(200, 'Job', jobEntity(context.view, index));
};

/**
 * `GET /jobs/{id}/includes`: the VMs a job processes. A copy job (VBR 12 and later) processes
 * none itself: its `ImmediateBackupCopyJobInfo` has linked jobs and repositories and no
 * `Includes`, so its list is empty, not a 404 for a job that exists.
 */
export const listJobIncludes: RouteHandler = (context) => {
  const index = jobIndexOf(context);
  const job = context.state.dataset.jobs[index];
  if (!job) return notFound(context, 'Job');
  if (isCopyJob(job)) return context.respond.send(200, 'ObjectsInJob', { ObjectsInJob: [] });
  const href = jobReference(context.view, index).Href;
  context.respond.send(200, 'ObjectsInJob', objectsInJob(context.state.dataset, index, href));
};

/** `GET /jobs/{id}/includes/{objectId}`: one VM of a job; a copy job has none to find. */
export const getJobInclude: RouteHandler = (context) => {
  const index = jobIndexOf(context);
  const job = context.state.dataset.jobs[index];
  if (!job) return notFound(context, 'Job');
  const href = jobReference(context.view, index).Href;
  const object = isCopyJob(job)
    ? undefined
    : objectsInJob(context.state.dataset, index, href).ObjectsInJob.find(
        (candidate) => candidate.ObjectInJobId === context.params.objectId?.toLowerCase(),
      );
  if (!object)
    return context.respond.error(404, `Object in job ${context.params.objectId} was not found.`);
  context.respond.send(200, 'ObjectInJob', object);
};

/** `GET /jobs/{id}/backupSessions`: that job's sessions of the last 30 days, as references or entities. */
export const listSessionsOfJob: RouteHandler = (context) => {
  const index = jobIndexOf(context);
  if (index < 0) return notFound(context, 'Job');
  const { dataset } = context.view;
  const { start, end } = listedRows(context);
  const rows: number[] = [];
  for (let row = end - 1; row >= start; row--)
    if (dataset.jobSessions.jobIndex[row] === index) rows.push(row);
  sendReferencesOrEntities(
    context,
    rows,
    // A replication job's sessions are replica sessions, in EM's list of them.
    dataset.jobs[index]?.jobType === 'Replica' ? 'ReplicaJobSessions' : 'BackupJobSessions',
    jobSessionReference,
    jobSessionEntity,
  );
};

export const listBackupServers: RouteHandler = (context) => {
  const indexes = context.state.dataset.backupServers.map((_, index) => index);
  sendReferencesOrEntities(
    context,
    indexes,
    'BackupServers',
    backupServerReference,
    backupServerEntity,
  );
};

/** `GET /backupServers/{id}/jobs`: the jobs of one backup server, as references or entities. */
export const listJobsOfServer: RouteHandler = (context) => {
  const { dataset } = context.state;
  const server = dataset.backupServers.findIndex(
    (candidate) => candidate.id === context.params.id?.toLowerCase(),
  );
  if (server < 0) return notFound(context, 'Backup server');
  sendJobs(
    context,
    dataset.jobs.flatMap((job, index) => (job.serverIndex === server ? [index] : [])),
  );
};

export const getBackupServer: RouteHandler = (context) => {
  const index = context.state.dataset.backupServers.findIndex(
    (server) => server.id === context.params.id?.toLowerCase(),
  );
  if (index < 0) return notFound(context, 'Backup server');
  if (!wantsEntities(context))
    return context.respond.send(200, 'EntityRef', backupServerReference(context.view, index));
  context.respond.send(200, 'BackupServer', backupServerEntity(context.view, index));
};
