import { compareText } from './compare-text.js';
import type { Health, JobReport, VmReport } from './report.js';

const LEVEL: Readonly<Record<Health, number>> = { critical: 0, warning: 1, ok: 2 };

/** How far the last success is past the RPO, in seconds: Infinity without one, negative while within it. */
const rpoOvershootSeconds = (report: JobReport | VmReport): number =>
  report.lastSuccessAgeSeconds === null
    ? Number.POSITIVE_INFINITY
    : report.lastSuccessAgeSeconds - report.rpoSeconds;

const descending = (a: number, b: number): number => (a > b ? -1 : a < b ? 1 : 0);

/**
 * Most urgent first: critical, warning, ok; within a level the furthest past its RPO (no success
 * at all first, then the closest to breaching it), then the most failures in a row, then by name.
 * Source and UID settle the rest, so that the order never depends on the input's.
 */
export const compareJobsByUrgency = (a: JobReport, b: JobReport): number =>
  LEVEL[a.health] - LEVEL[b.health] ||
  descending(rpoOvershootSeconds(a), rpoOvershootSeconds(b)) ||
  b.consecutiveFailures - a.consecutiveFailures ||
  compareText(a.jobName, b.jobName) ||
  compareText(a.source ?? '', b.source ?? '') ||
  compareText(a.jobUid, b.jobUid);

/**
 * Most urgent first, as jobs: level, RPO overshoot, then VM and job name. Source and job UID
 * settle the rest (two EMs, or two jobs of one name, each with the VM), as for jobs.
 */
export const compareVmsByUrgency = (a: VmReport, b: VmReport): number =>
  LEVEL[a.health] - LEVEL[b.health] ||
  descending(rpoOvershootSeconds(a), rpoOvershootSeconds(b)) ||
  compareText(a.vmName, b.vmName) ||
  compareText(a.jobName, b.jobName) ||
  compareText(a.source ?? '', b.source ?? '') ||
  compareText(a.jobUid, b.jobUid);
