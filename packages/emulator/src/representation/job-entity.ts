import { DATE_TIME_MAX_MS, type Job, JobType, type Link } from '@vbem/model';
import type { Dataset, JobRecord } from '../dataset/dataset.js';
import { copyJobInfo } from './copy-job-info.js';
import type { ViewContext } from './entity-views.js';
import { backupFamilyJobInfo } from './job-info.js';
import { immediateCopySchedule, nextScheduledRun, standardSchedule } from './job-schedule.js';

const link = (Href: string, Rel: string, Type?: string, Name?: string): Link => ({
  Href,
  ...(Name !== undefined && { Name }),
  ...(Type !== undefined && { Type }),
  Rel,
});

/** Whether a job copies backups (immediate or periodic): its schedule and links differ. */
export const isCopyJob = (job: JobRecord): boolean =>
  job.jobType === JobType.ImmediateBackupCopy || job.jobType === JobType.BackupCopy;

/** The links EM documents for a backup, agent, file share or replication job, in its order. */
function backupFamilyLinks(up: Link, href: string, name: string): Link[] {
  return [
    up,
    link(href, 'Alternate', 'JobReference', name),
    link(href, 'Edit', 'JobReference', name),
    link(`${href}?action=clone`, 'Clone'),
    link(`${href}?action=toggleScheduleEnabled`, 'ToggleScheduleEnabled'),
    link(`${href}/includes`, 'Down', 'ObjectInJobList'),
    link(`${href}/backupSessions`, 'Down', 'BackupJobSessionReferenceList'),
    link(`${href}/includes`, 'Create', 'ObjectInJob'),
    link(`${href}?action=start`, 'Start'),
    link(`${href}?action=stop`, 'Stop'),
    link(`${href}?action=retry`, 'Retry'),
  ];
}

/** The links EM documents for a copy job, in its order: no Edit, Start or Stop, but Sync. */
function copyJobLinks(up: Link, href: string, name: string): Link[] {
  return [
    up,
    link(href, 'Alternate', 'JobReference', name),
    link(`${href}?action=clone`, 'Clone'),
    link(`${href}?action=toggleScheduleEnabled`, 'ToggleScheduleEnabled'),
    link(`${href}/backupSessions`, 'Down', 'BackupJobSessionReferenceList'),
    link(`${href}?action=sync`, 'Sync'),
    link(`${href}/linkedJobs`, 'Down', 'LinkedJobObjectList'),
    link(`${href}/linkedBackupRepositories`, 'Down', 'LinkedBackupRepositoryObjectList'),
    link(`${href}/linkedJobs`, 'Create', 'LinkedJobObject'),
    link(`${href}/linkedBackupRepositories`, 'Create', 'LinkedBackupRepositoryObject'),
  ];
}

/**
 * When a job runs next after `now` (the emulator's clock, not the dataset's end), as its entity
 * and the query service's `NextRun` give it: for a job with an enabled `Standart` schedule; copy
 * jobs run on their source's schedule and have none. Nor does a job whose next start would fall
 * after the year 9999, where EM's dates end: VBR schedules no run it cannot represent, and EM
 * omits `NextRun` when there is none.
 */
export function jobNextRun(dataset: Dataset, job: JobRecord, now: Date): Date | undefined {
  if (isCopyJob(job) || !job.scheduleEnabled) return undefined;
  const next = nextScheduledRun(job.startMinute, dataset.options.sessionsPerDay, now);
  return next.getTime() > DATE_TIME_MAX_MS ? undefined : next;
}

/**
 * The entity form (`?format=Entity`) of a job, shaped as EM shows its kind: copy jobs with an
 * `ImmediateCopyMode` schedule and the job or repository they copy, every other job with a
 * `Standart` schedule, its next run and the VMs it processes.
 */
export function jobEntity(context: ViewContext, index: number): Job {
  const { dataset, apiBase } = context;
  const job = dataset.jobs[index];
  if (!job) throw new RangeError(`no job ${index}`);
  const href = `${apiBase}jobs/${job.id}`;
  const server = dataset.backupServers[job.serverIndex];
  const up = link(
    `${apiBase}backupServers/${server?.id}`,
    'Up',
    'BackupServerReference',
    server?.name,
  );
  const header = {
    Href: `${href}?format=Entity`,
    Type: 'Job',
    Name: job.name,
    UID: `urn:veeam:Job:${job.id}`,
    JobType: job.jobType,
    Platform: job.platform,
    Description: job.description,
    ScheduleConfigured: true,
    ScheduleEnabled: job.scheduleEnabled,
  };
  if (isCopyJob(job)) {
    return {
      ...header,
      Links: copyJobLinks(up, href, job.name),
      JobScheduleOptions: immediateCopySchedule(job.jobType === JobType.ImmediateBackupCopy),
      JobInfo: copyJobInfo(dataset, index),
    };
  }
  const nextRun = jobNextRun(dataset, job, context.now());
  return {
    ...header,
    Links: backupFamilyLinks(up, href, job.name),
    ...(nextRun && { NextRun: nextRun }),
    JobScheduleOptions: standardSchedule(job.startMinute, dataset.options.sessionsPerDay),
    JobInfo: backupFamilyJobInfo(dataset, index, href),
  };
}
