import type { EmFailure } from '../every-em-failed.js';
import { type ListedPart, listedWithin } from './listed-within.js';
import { STATUS_TEXT_MAX } from './nagios.js';

/** The failed EMs' list gets at least this much room, and leaves room for its `and N more`. */
const EMS_BUDGET_LEAST = 100;
const MORE_ROOM = 15;
/** One EM's error is cut past this length (stderr has it whole). */
const EM_ERROR_BUDGET = 100;

const cut = (text: string, budget: number): string =>
  text.length <= budget ? text : `${text.slice(0, budget - 1)}…`;

/**
 * What happened to the EMs that failed in an `--all` check, for its status line: each EM that
 * failed of itself with its own error (already free of secrets, as on stderr; without local file
 * paths: `statusError`), cut short, the EMs a time limit cut while they ran (with the last error
 * each met, if any), and how many were never started; within a budget, ending with `and N more`.
 */
export function emFailuresText(failures: readonly EmFailure[], budget: number): string {
  const parts: ListedPart[] = failures
    .filter((failure) => failure.how === 'failed')
    .map((failure) => ({
      text: cut(`EM ${failure.name}: ${failure.statusError ?? failure.error}`, EM_ERROR_BUDGET),
    }));
  // The EMs cut with the same line (the limit's, without a last error of their own) go together.
  const cutByLine = new Map<string, EmFailure[]>();
  for (const failure of failures) {
    if (failure.how !== 'cut') continue;
    const same = cutByLine.get(failure.error);
    if (same) same.push(failure);
    else cutByLine.set(failure.error, [failure]);
  }
  for (const [line, cutOnes] of cutByLine) {
    const names = cutOnes.map((failure) => failure.name).join(', ');
    parts.push({
      text: cut(`${cutOnes.length === 1 ? 'EM' : 'EMs'} ${names} ${line}`, budget),
      count: cutOnes.length,
    });
  }
  const notStarted = failures.filter((failure) => failure.how === 'not-started').length;
  if (notStarted > 0) {
    parts.push({
      text: `${notStarted} EM${notStarted === 1 ? '' : 's'} not started (raise --concurrency or --time-limit)`,
      count: notStarted,
    });
  }
  return listedWithin(parts, budget, '; ');
}

/**
 * `head` and then the EMs that failed (emFailuresText), in the status line's whole room
 * (STATUS_TEXT_MAX): EMs are counted (`and N more`) only when the next one would not fit.
 */
export const emFailuresAfter = (head: string, failures: readonly EmFailure[]): string =>
  `${head}${emFailuresText(failures, Math.max(EMS_BUDGET_LEAST, STATUS_TEXT_MAX - head.length - MORE_ROOM))}`;
