/**
 * What the reports say a repository holds, in bytes as EM reports them: per VM, the restore points
 * its retention keeps (a full and increments), not every transfer of the history.
 */

const GiB = 2 ** 30;
const TiB = 2 ** 40;

/** Restore points kept per VM: VBR's default retention of 7 daily points. */
export const RETAINED_RESTORE_POINTS = 7;
/** The largest byte count a report carries: EM's long goes further, but JSON numbers and @vbem/model stop here. */
export const MAX_REPORTED_BYTES = Number.MAX_SAFE_INTEGER;
/** The smallest repository: an empty one still has a volume (the sample's volumes are 10 GiB to 1 TiB). */
const MIN_CAPACITY = 2 * TiB;

/** `a + b`, held at `MAX_REPORTED_BYTES` so that no sum of a dataset's sizes leaves the safe integers. */
export const addBytes = (a: number, b: number): number => Math.min(a + b, MAX_REPORTED_BYTES);

/** `bytes × count`, held at `MAX_REPORTED_BYTES`. */
export const timesBytes = (bytes: number, count: number): number =>
  Math.min(bytes * count, MAX_REPORTED_BYTES);

/** A full backup of a VM: half its size, VBR's typical compression and deduplication. */
export const fullBackupBytes = (vmSize: number): number => Math.round(vmSize / 2);

/** An increment (or a replica restore point): 10% of the VM changed, compressed by half. */
export const incrementBytes = (vmSize: number): number => Math.round(vmSize / 20);

/** The restore points a VM keeps after `runs` successful runs in the window. */
export const retainedPoints = (runs: number): number => Math.min(runs, RETAINED_RESTORE_POINTS);

/** A backup VM's share of its repository: its retained full and increments, none without a good run. */
export function vmBackupBytes(vmSize: number, runs: number): { full: number; incremental: number } {
  const points = retainedPoints(runs);
  if (points === 0) return { full: 0, incremental: 0 };
  return { full: fullBackupBytes(vmSize), incremental: (points - 1) * incrementBytes(vmSize) };
}

/**
 * A repository's capacity: room for its backups and 50% to 125% more (by repository), whole
 * GiB, at least 2 TiB, never below the backups it holds nor past `MAX_REPORTED_BYTES`.
 */
export function repositoryCapacity(backupBytes: number, repositoryIndex: number): number {
  const headroom = 1.5 + (repositoryIndex % 4) * 0.25;
  const wanted = Math.ceil((backupBytes * headroom) / GiB) * GiB;
  return Math.max(backupBytes, Math.min(Math.max(wanted, MIN_CAPACITY), MAX_REPORTED_BYTES));
}
