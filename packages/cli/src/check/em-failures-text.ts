import type { EmFailure } from '../every-em-failed.js';
import { type ListedPart, listedWithin } from './listed-within.js';

/** The EMs' list stops past this length unless told, with `and N more`. */
const EMS_BUDGET = 250;
/** One EM's error is cut past this length (stderr has it whole). */
const EM_ERROR_BUDGET = 100;

const cut = (text: string, budget: number): string =>
  text.length <= budget ? text : `${text.slice(0, budget - 1)}…`;

/**
 * What happened to the EMs that failed in an `--all` check, for its status line: each EM that
 * failed of itself with its own error (already free of secrets, as on stderr; without local file
 * paths: `statusError`), cut short, the EMs a time limit cut while they ran, and how many were
 * never started; within a budget, ending with `and N more`.
 */
export function emFailuresText(failures: readonly EmFailure[], budget = EMS_BUDGET): string {
  const parts: ListedPart[] = failures
    .filter((failure) => failure.how === 'failed')
    .map((failure) => ({
      text: cut(`EM ${failure.name}: ${failure.statusError ?? failure.error}`, EM_ERROR_BUDGET),
    }));
  const cutOnes = failures.filter((failure) => failure.how === 'cut');
  const [firstCut] = cutOnes;
  if (firstCut) {
    const names = cutOnes.map((failure) => failure.name).join(', ');
    // Every cut EM's line is the same: the limit's.
    parts.push({
      text: cut(`${cutOnes.length === 1 ? 'EM' : 'EMs'} ${names} ${firstCut.error}`, budget),
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
