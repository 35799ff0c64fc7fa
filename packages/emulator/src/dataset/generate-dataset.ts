import type { Dataset, DatasetOptions } from './dataset.js';
import { GuidKind, guidCodec } from './dataset-guid.js';
import { resolveOptions } from './dataset-options.js';
import { generateBackupServers } from './generate-backup-servers.js';
import { generateJobSessions } from './generate-job-sessions.js';
import { generateJobs } from './generate-jobs.js';
import { generateRestoreSessions } from './generate-restore-sessions.js';
import { jobSessionTable } from './job-session-columns.js';
import { taskSessionSource } from './task-runs.js';
import { findTaskSession, generateTaskSessions } from './task-sessions.js';

export { DEFAULT_DATASET_OPTIONS } from './dataset-options.js';

/**
 * A deterministic EM: the same options (including `now`) always give the same dataset. Job
 * sessions are generated up front into typed-array columns; their GUIDs and task sessions are
 * derived on demand from the seed and the row.
 */
export function generateDataset(options: DatasetOptions = {}): Dataset {
  const resolved = resolveOptions(options);
  const { seed } = resolved;
  const nowMs = resolved.now.getTime();
  const backupServers = generateBackupServers(
    resolved.servers,
    guidCodec(seed, GuidKind.BackupServer),
  );
  const { jobs, behaviours } = generateJobs(resolved, nowMs, guidCodec(seed, GuidKind.Job));
  const jobSessions = jobSessionTable(
    generateJobSessions(resolved, nowMs, jobs, behaviours),
    guidCodec(seed, GuidKind.JobSession),
  );
  const restoreSessions = generateRestoreSessions(
    resolved,
    nowMs,
    jobs,
    guidCodec(seed, GuidKind.RestoreSession),
  );
  const taskSource = taskSessionSource({
    options: resolved,
    now: resolved.now,
    jobs,
    jobSessions,
  });
  return {
    options: resolved,
    now: new Date(nowMs),
    backupServers,
    jobs,
    jobSessions,
    restoreSessions,
    taskSessionsOf: (sessionRow) => generateTaskSessions(taskSource, sessionRow),
    taskSession: (id) => findTaskSession(taskSource, id),
  };
}
