import type { Dataset } from '../dataset/dataset.js';
import { hex } from '../dataset/number-format.js';
import { hashKeys } from '../dataset/seeded-random.js';
import { vmUid } from '../dataset/vm-uid.js';

/** Kinds of the GUIDs only a job entity shows; they continue `GuidKind`'s numbering to stay apart. */
const EntityGuidKind = {
  ObjectInJob: 0x20,
  Credentials: 0x21,
  PasswordKey: 0x22,
  Repository: 0x23,
} as const;

/** A version-4-shaped GUID hashed from the dataset seed, a kind and keys; the same dataset gives the same GUID. */
function hashedGuid(seed: number, kind: number, keys: readonly number[]): string {
  const [first, second, third, fourth] = [0, 1, 2, 3].map((part) =>
    hashKeys([seed, kind, ...keys, part]),
  ) as [number, number, number, number];
  return (
    `${hex(first, 8)}-${hex(second >>> 16, 4)}-${hex(0x4000 | (second & 0x0fff), 4)}-` +
    `${hex(0x8000 | (third & 0x3fff), 4)}-${hex(third >>> 16, 4)}${hex(fourth, 8)}`
  );
}

/** `ObjectInJobId` of the object at `slot` of a job: a VM of a backup job, a link of a copy job. */
export const objectInJobId = (dataset: Dataset, jobIndex: number, slot: number): string =>
  hashedGuid(dataset.options.seed, EntityGuidKind.ObjectInJob, [jobIndex, slot]);

/** The guest OS credentials record of a backup server, which its jobs use for guest processing. */
export const guestCredentialsId = (dataset: Dataset, serverIndex: number): string =>
  hashedGuid(dataset.options.seed, EntityGuidKind.Credentials, [serverIndex]);

/** The backup encryption password of a backup server, which its jobs encrypt with. */
export const encryptionPasswordKeyId = (dataset: Dataset, serverIndex: number): string =>
  hashedGuid(dataset.options.seed, EntityGuidKind.PasswordKey, [serverIndex]);

/** The backup repository of a backup server that its copy jobs read from when no job is linked. */
export const copySourceRepositoryId = (dataset: Dataset, serverIndex: number): string =>
  hashedGuid(dataset.options.seed, EntityGuidKind.Repository, [serverIndex]);

/** The VM's `HierarchyObjRef`: the same URN as the `VmUid` of its task sessions. */
export function vmHierarchyObjRef(dataset: Dataset, jobIndex: number, vmIndex: number): string {
  const job = dataset.jobs[jobIndex];
  if (!job) throw new RangeError(`no job ${jobIndex}`);
  return vmUid(dataset.options.seed, job, jobIndex, vmIndex);
}
