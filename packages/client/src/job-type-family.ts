import { JobType, shownValue } from '@vbem/model';
import { ClientOptionsError } from './errors/client-options-error.js';
import type { SessionFamily } from './sessions.js';

const FAMILY_OF_JOB_TYPE: ReadonlyMap<string, SessionFamily | undefined> = new Map(
  Object.values(JobType).map((type) => [
    type.toLowerCase(),
    type === JobType.Replica
      ? 'Replica'
      : type === JobType.FileLevelRestore || type === JobType.RestoreVm
        ? undefined
        : 'Backup',
  ]),
);

/**
 * The session family whose sessions carry `jobType`, in any case (as EM compares enum values):
 * Replica for Replica, Backup for every other job session type this version knows (copies,
 * agents, NAS...). Undefined for the restore kinds, which neither family holds, and for a job
 * type a newer EM added, which either may.
 */
export const sessionFamilyOf = (jobType: JobType): SessionFamily | undefined =>
  typeof jobType === 'string' ? FAMILY_OF_JOB_TYPE.get(jobType.toLowerCase()) : undefined;

/**
 * The `jobTypes` option of `sessions()`, checked: a list of non-empty strings, each once. Any
 * string is sent, as the enums are open (a newer EM adds job types); the filter refuses one that
 * is not an enum name, and EM one it does not know.
 */
export function checkJobTypes(jobTypes: unknown): readonly JobType[] {
  if (jobTypes === undefined) return [];
  if (!Array.isArray(jobTypes)) {
    throw new ClientOptionsError(
      `jobTypes must list job types such as BackupCopy, got ${shownValue(jobTypes)}`,
    );
  }
  jobTypes.forEach((jobType: unknown, index) => {
    if (typeof jobType !== 'string' || jobType === '') {
      throw new ClientOptionsError(
        `jobTypes[${index}] must be a job type such as BackupCopy, got ${shownValue(jobType)}`,
      );
    }
  });
  return [...new Set(jobTypes as JobType[])];
}

/**
 * The families that can hold sessions of `jobTypes`, for a call that names no `types`: every
 * family when one of them has no known family (a restore kind, a newer EM's job type).
 */
export function familiesOfJobTypes(jobTypes: readonly JobType[]): readonly SessionFamily[] {
  const families = jobTypes.map(sessionFamilyOf);
  if (jobTypes.length === 0 || families.includes(undefined)) return ['Backup', 'Replica'];
  return [...new Set(families as SessionFamily[])];
}
