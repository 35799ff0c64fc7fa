import { describe, expect, it } from 'vitest';
import { vmSizeOf } from '../src/dataset/task-sessions.js';
import {
  addBytes,
  incrementBytes,
  MAX_REPORTED_BYTES,
  repositoryCapacity,
  retainedPoints,
  timesBytes,
  vmBackupBytes,
} from '../src/representation/backup-footprint.js';

const GiB = 2 ** 30;
/** The largest VM the dataset makes (`vmSizeOf`: 16 to 1024 GiB). */
const LARGEST_VM = 1024 * GiB;
/** Today's dataset limits: 100,000 jobs of 65,535 VMs. */
const MOST_VMS = 100_000 * 65_535;

describe('backup footprint', () => {
  it('never sizes a VM above the largest the dataset makes', () => {
    for (let vm = 0; vm < 5000; vm++) expect(vmSizeOf(1, 0, vm)).toBeLessThanOrEqual(LARGEST_VM);
  });

  it('keeps the worst case of the dataset limits within the safe integers', () => {
    const { full, incremental } = vmBackupBytes(LARGEST_VM, Number.MAX_SAFE_INTEGER);
    expect(full + incremental).toBeLessThanOrEqual(0.8 * LARGEST_VM + 6);
    expect(timesBytes(incrementBytes(LARGEST_VM), retainedPoints(2 ** 32))).toBeLessThanOrEqual(
      0.35 * LARGEST_VM + 7,
    );
    // 2^53 / 0.8 TiB ≈ 10,240 such VMs fill the range: sums saturate, however many are added.
    let sum = 0;
    for (let vm = 0; vm < 20_000; vm++) sum = addBytes(sum, full + incremental);
    expect(sum).toBe(MAX_REPORTED_BYTES);
    expect(addBytes(MAX_REPORTED_BYTES, full + incremental)).toBe(MAX_REPORTED_BYTES);
    expect(timesBytes(LARGEST_VM, MOST_VMS)).toBe(MAX_REPORTED_BYTES);
    expect(Number.isSafeInteger(MOST_VMS * 7)).toBe(true); // RestorePoints, 7 per VM at most
  });

  it.each([0, 1, 3, 2 ** 40, 2 ** 52, MAX_REPORTED_BYTES - 1, MAX_REPORTED_BYTES])(
    'gives a repository holding %d bytes a safe capacity at least as large',
    (backup) => {
      for (let index = 0; index < 8; index++) {
        const capacity = repositoryCapacity(backup, index);
        expect(Number.isSafeInteger(capacity)).toBe(true);
        expect(capacity).toBeGreaterThanOrEqual(backup);
        expect(Number.isSafeInteger(capacity - backup)).toBe(true);
      }
    },
  );
});
