import { ReasonTally } from '../reason-tally.js';
import type { FailureReason, SessionReport } from '../report.js';

/**
 * The report's failure reasons, most frequent first, and how many kinds there are (more than the
 * list holds when it was cut). A report of an earlier version has no overall list: the VMs' lists
 * are summed, which hold only each VM's most frequent reasons, so counts are then a lower bound.
 */
export function topFailureReasons(report: SessionReport): {
  reasons: FailureReason[];
  kinds: number;
} {
  if (report.failureReasons !== undefined) {
    const reasons = report.failureReasons;
    return { reasons, kinds: Math.max(report.failureReasonKinds ?? 0, reasons.length) };
  }
  const tally = new ReasonTally();
  for (const vm of report.vms) tally.addAll(vm.failureReasons);
  return { reasons: tally.top(), kinds: tally.kinds };
}
