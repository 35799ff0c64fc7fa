import type { FailureReason, VmReport } from '../report.js';

const byCountThenText = (a: FailureReason, b: FailureReason): number =>
  b.count - a.count || (a.normalized < b.normalized ? -1 : a.normalized > b.normalized ? 1 : 0);

/**
 * The failure reasons of all VMs, alike ones (same normalized text) counted together, most
 * frequent first. The report keeps only each VM's most frequent reasons, so rare reasons may be
 * missing and counts are a lower bound.
 */
export function topFailureReasons(vms: readonly VmReport[]): FailureReason[] {
  const byNormalized = new Map<string, FailureReason>();
  for (const vm of vms) {
    for (const reason of vm.failureReasons) {
      const seen = byNormalized.get(reason.normalized);
      byNormalized.set(
        reason.normalized,
        seen === undefined ? { ...reason } : { ...seen, count: seen.count + reason.count },
      );
    }
  }
  return [...byNormalized.values()].sort(byCountThenText);
}
