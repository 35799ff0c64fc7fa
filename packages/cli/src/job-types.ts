import type { SessionFamily } from '@vbem/client';
import { JobType, type KnownJobType } from '@vbem/model';
import { listOf } from './option-values.js';

/** The job types of the sessions `vbem sessions` lists: all but the restore kinds, which it does not list. */
export const LISTED_JOB_TYPES: readonly KnownJobType[] = Object.values(JobType).filter(
  (type) => type !== JobType.FileLevelRestore && type !== JobType.RestoreVm,
);

/** The session family (the query type EM is asked) whose sessions carry this job type. */
export const familyOfJobType = (type: KnownJobType): SessionFamily =>
  type === JobType.Replica ? 'Replica' : 'Backup';

/** `--type`'s job types, in any case, each one of LISTED_JOB_TYPES; none when it is absent. */
export const jobTypesOf = (value: readonly string[] | undefined): KnownJobType[] =>
  listOf('--type', value, LISTED_JOB_TYPES) as KnownJobType[];
