import { JobType, type KnownJobType } from '@vbem/model';
import { listOf } from './option-values.js';

/**
 * The job types of the sessions `vbem sessions` lists: all but the restore kinds, which it does
 * not list; each of a session family (see sessionFamilyOf).
 */
export const LISTED_JOB_TYPES: readonly KnownJobType[] = Object.values(JobType).filter(
  (type) => type !== JobType.FileLevelRestore && type !== JobType.RestoreVm,
);

/** `--type`'s job types, in any case, each one of LISTED_JOB_TYPES; none when it is absent. */
export const jobTypesOf = (value: readonly string[] | undefined): KnownJobType[] =>
  listOf('--type', value, LISTED_JOB_TYPES) as KnownJobType[];
