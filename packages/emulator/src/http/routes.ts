import type { RootElementName } from '@vbem/model';
import { apiRoot, getLogonSession, listLogonSessions, logoff, logon } from './auth-routes.js';
import { isEntityFormat } from './entity-format.js';
import { query } from './query-route.js';
import { getQuerySvc } from './query-svc-route.js';
import {
  getJobStatisticsFrame,
  getOverviewFrame,
  getProcessedVmsFrame,
  getRepositoryFrame,
  getSummaryReport,
  getVmsOverviewFrame,
} from './report-routes.js';
import type { RouteHandler } from './request-context.js';
import type { Route } from './route-table.js';
import {
  deleteTask,
  getBackupServer,
  getJob,
  getJobInclude,
  getJobSession,
  getRestoreSession,
  getTask,
  getTaskSession,
  listBackupServers,
  listJobIncludes,
  listJobSessions,
  listJobs,
  listJobsOfServer,
  listRestoreSessions,
  listSessionsOfJob,
  listTaskSessions,
  listTasksOfSession,
  stopJobSession,
} from './session-routes.js';

/**
 * The root element of a route's answer: one, or one for references and one for `?format=Entity`;
 * `undefined` for a route that answers no body (204). What a fault that does not act on the
 * request sends the start of (see `brokenStart`).
 */
export type RouteAnswer =
  | RootElementName
  | { readonly references: RootElementName; readonly entities: RootElementName }
  | undefined;

export interface EmulatorRoute extends Route<RouteHandler> {
  readonly answers: RouteAnswer;
  /** Whether the route answers without a logon session (the API root and the logon itself). */
  readonly anonymous?: boolean;
}

const route = (
  method: string,
  pattern: string,
  handler: RouteHandler,
  answers: RouteAnswer,
  anonymous = false,
): EmulatorRoute => ({
  method,
  pattern,
  handler,
  answers,
  anonymous,
});

/** A collection: references, or with `?format=Entity` the typed list. */
const refsOr = (entities: RootElementName): RouteAnswer => ({
  references: 'EntityReferences',
  entities,
});
/** One item: its reference, or with `?format=Entity` the entity. */
const refOr = (entities: RootElementName): RouteAnswer => ({ references: 'EntityRef', entities });

/** The root element a route answers a request with, given its query's `format`. */
export const answerRootOf = (
  answers: RouteAnswer,
  format: string | undefined,
): RootElementName | undefined =>
  typeof answers === 'object'
    ? isEntityFormat(format)
      ? answers.entities
      : answers.references
    : answers;

/** Every URL the emulator serves, below `/api/`. */
export const ROUTES: readonly EmulatorRoute[] = [
  route('GET', '', apiRoot, 'EnterpriseManager', true),
  route('POST', 'sessionMngr', logon, 'LogonSession', true),
  route('GET', 'logonSessions', listLogonSessions, 'LogonSessions'),
  route('GET', 'logonSessions/{id}', getLogonSession, 'LogonSession'),
  route('DELETE', 'logonSessions/{id}', logoff, undefined),
  route('GET', 'backupSessions', listJobSessions(false), refsOr('BackupJobSessions')),
  route('GET', 'backupSessions/{id}', getJobSession(false), refOr('BackupJobSession')),
  route('POST', 'backupSessions/{id}', stopJobSession, 'Task'),
  route(
    'GET',
    'backupSessions/{id}/taskSessions',
    listTasksOfSession(false),
    refsOr('BackupTaskSessions'),
  ),
  route('GET', 'backupTaskSessions', listTaskSessions(false), refsOr('BackupTaskSessions')),
  route('GET', 'backupTaskSessions/{id}', getTaskSession(false), refOr('BackupTaskSession')),
  route('GET', 'replicaSessions', listJobSessions(true), refsOr('ReplicaJobSessions')),
  route('GET', 'replicaSessions/{id}', getJobSession(true), refOr('ReplicaJobSession')),
  route(
    'GET',
    'replicaSessions/{id}/replicaTaskSessions',
    listTasksOfSession(true),
    refsOr('ReplicaTaskSessions'),
  ),
  // The docs' samples link with this misspelling; EM clients follow links, so it is served too.
  route(
    'GET',
    'replicaSessions/{id}/repicaTaskSessions',
    listTasksOfSession(true),
    refsOr('ReplicaTaskSessions'),
  ),
  route('GET', 'replicaTaskSessions', listTaskSessions(true), refsOr('ReplicaTaskSessions')),
  route('GET', 'replicaTaskSessions/{id}', getTaskSession(true), refOr('ReplicaTaskSession')),
  route('GET', 'repicaTaskSessions/{id}', getTaskSession(true), refOr('ReplicaTaskSession')),
  route('GET', 'restoreSessions', listRestoreSessions, refsOr('RestoreSessions')),
  route('GET', 'restoreSessions/{id}', getRestoreSession, refOr('RestoreSession')),
  route('GET', 'jobs', listJobs, refsOr('Jobs')),
  route('GET', 'jobs/{id}', getJob, refOr('Job')),
  route('GET', 'jobs/{id}/backupSessions', listSessionsOfJob, refsOr('BackupJobSessions')),
  route('GET', 'jobs/{id}/includes', listJobIncludes, 'ObjectsInJob'),
  route('GET', 'jobs/{id}/includes/{objectId}', getJobInclude, 'ObjectInJob'),
  route('GET', 'backupServers', listBackupServers, refsOr('BackupServers')),
  route('GET', 'backupServers/{id}', getBackupServer, refOr('BackupServer')),
  route('GET', 'backupServers/{id}/jobs', listJobsOfServer, refsOr('Jobs')),
  route('GET', 'query', query, 'QueryResult'),
  route('GET', 'querySvc', getQuerySvc, 'QuerySvc'),
  route('GET', 'tasks/{id}', getTask, 'Task'),
  route('DELETE', 'tasks/{id}', deleteTask, undefined),
  route('GET', 'reports/summary', getSummaryReport, 'SummaryReport'),
  route('GET', 'reports/summary/overview', getOverviewFrame, 'OverviewReportFrame'),
  route('GET', 'reports/summary/vms_overview', getVmsOverviewFrame, 'VmsOverviewReportFrame'),
  route('GET', 'reports/summary/job_statistics', getJobStatisticsFrame, 'JobStatisticsReportFrame'),
  // One docs sample spells it this way.
  route(
    'GET',
    'reports/summary/jobs_statistics',
    getJobStatisticsFrame,
    'JobStatisticsReportFrame',
  ),
  route('GET', 'reports/summary/processed_vms', getProcessedVmsFrame, 'ProcessedVmsReportFrame'),
  route('GET', 'reports/summary/repository', getRepositoryFrame, 'RepositoryReportFrame'),
];
