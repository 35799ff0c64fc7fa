import { type JobInfo, JobType } from '@vbem/model';
import type { Dataset } from '../dataset/dataset.js';
import { copySourceRepositoryId, objectInJobId } from './job-object-ids.js';

/**
 * The Backup job a copy job copies: one of its own server's, the same for every request.
 * Undefined when that server has no Backup job.
 */
function linkedBackupJob(dataset: Dataset, copyJobIndex: number, serverIndex: number) {
  const sameServerBackups = dataset.jobs.filter(
    (job) => job.jobType === JobType.Backup && job.serverIndex === serverIndex,
  );
  if (sameServerBackups.length === 0) return undefined;
  return sameServerBackups[copyJobIndex % sameServerBackups.length];
}

/**
 * What a copy job (immediate or periodic) copies: a linked Backup job of its server, or when
 * that server has none, a repository of it, as EM shows a copy job that reads a repository.
 */
export function copyJobInfo(dataset: Dataset, jobIndex: number): JobInfo {
  const job = dataset.jobs[jobIndex];
  if (!job) throw new RangeError(`no job ${jobIndex}`);
  const ObjectInJobId = objectInJobId(dataset, jobIndex, 0);
  const linkedJob = linkedBackupJob(dataset, jobIndex, job.serverIndex);
  return {
    ImmediateBackupCopyJobInfo: {
      LinkedJobIncludes: {
        LinkedJobObject: linkedJob
          ? [{ ObjectInJobId, LinkedJobUid: `urn:veeam:Job:${linkedJob.id}` }]
          : [],
      },
      LinkedBackupIncludes: {},
      LinkedBackupRepositoryIncludes: {
        LinkedBackupRepository: linkedJob
          ? []
          : [
              {
                ObjectInJobId,
                LinkedBackupRepositoryUid: `urn:veeam:Repository:${copySourceRepositoryId(dataset, job.serverIndex)}`,
              },
            ],
      },
    },
  };
}
