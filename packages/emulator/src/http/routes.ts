import { apiRoot, getLogonSession, listLogonSessions, logoff, logon } from './auth-routes.js';
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

export interface EmulatorRoute extends Route<RouteHandler> {
  /** Whether the route answers without a logon session (the API root and the logon itself). */
  readonly anonymous?: boolean;
}

const route = (
  method: string,
  pattern: string,
  handler: RouteHandler,
  anonymous = false,
): EmulatorRoute => ({
  method,
  pattern,
  handler,
  anonymous,
});

/** Every URL the emulator serves, below `/api/`. */
export const ROUTES: readonly EmulatorRoute[] = [
  route('GET', '', apiRoot, true),
  route('POST', 'sessionMngr', logon, true),
  route('GET', 'logonSessions', listLogonSessions),
  route('GET', 'logonSessions/{id}', getLogonSession),
  route('DELETE', 'logonSessions/{id}', logoff),
  route('GET', 'backupSessions', listJobSessions(false)),
  route('GET', 'backupSessions/{id}', getJobSession(false)),
  route('POST', 'backupSessions/{id}', stopJobSession),
  route('GET', 'backupSessions/{id}/taskSessions', listTasksOfSession(false)),
  route('GET', 'backupTaskSessions', listTaskSessions(false)),
  route('GET', 'backupTaskSessions/{id}', getTaskSession(false)),
  route('GET', 'replicaSessions', listJobSessions(true)),
  route('GET', 'replicaSessions/{id}', getJobSession(true)),
  route('GET', 'replicaSessions/{id}/replicaTaskSessions', listTasksOfSession(true)),
  // The docs' samples link with this misspelling; EM clients follow links, so it is served too.
  route('GET', 'replicaSessions/{id}/repicaTaskSessions', listTasksOfSession(true)),
  route('GET', 'replicaTaskSessions', listTaskSessions(true)),
  route('GET', 'replicaTaskSessions/{id}', getTaskSession(true)),
  route('GET', 'repicaTaskSessions/{id}', getTaskSession(true)),
  route('GET', 'restoreSessions', listRestoreSessions),
  route('GET', 'restoreSessions/{id}', getRestoreSession),
  route('GET', 'jobs', listJobs),
  route('GET', 'jobs/{id}', getJob),
  route('GET', 'jobs/{id}/backupSessions', listSessionsOfJob),
  route('GET', 'jobs/{id}/includes', listJobIncludes),
  route('GET', 'jobs/{id}/includes/{objectId}', getJobInclude),
  route('GET', 'backupServers', listBackupServers),
  route('GET', 'backupServers/{id}', getBackupServer),
  route('GET', 'backupServers/{id}/jobs', listJobsOfServer),
  route('GET', 'query', query),
  route('GET', 'querySvc', getQuerySvc),
  route('GET', 'tasks/{id}', getTask),
  route('DELETE', 'tasks/{id}', deleteTask),
  route('GET', 'reports/summary', getSummaryReport),
  route('GET', 'reports/summary/overview', getOverviewFrame),
  route('GET', 'reports/summary/vms_overview', getVmsOverviewFrame),
  route('GET', 'reports/summary/job_statistics', getJobStatisticsFrame),
  // One docs sample spells it this way.
  route('GET', 'reports/summary/jobs_statistics', getJobStatisticsFrame),
  route('GET', 'reports/summary/processed_vms', getProcessedVmsFrame),
  route('GET', 'reports/summary/repository', getRepositoryFrame),
];
