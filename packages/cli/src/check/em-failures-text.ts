import type { EmFailure } from '../every-em-failed.js';

/**
 * What happened to the EMs that failed in an `--all` check, for its status line: each EM that
 * failed of itself with its own error (already free of secrets, as on stderr), the EMs a time
 * limit cut while they ran, and how many were never started.
 */
export function emFailuresText(failures: readonly EmFailure[]): string {
  const parts = failures
    .filter((failure) => failure.how === 'failed')
    .map((failure) => `EM ${failure.name}: ${failure.error}`);
  const cut = failures.filter((failure) => failure.how === 'cut');
  const [firstCut] = cut;
  if (firstCut) {
    const names = cut.map((failure) => failure.name).join(', ');
    // Every cut EM's line is the same: the limit's.
    parts.push(`${cut.length === 1 ? 'EM' : 'EMs'} ${names} ${firstCut.error}`);
  }
  const notStarted = failures.filter((failure) => failure.how === 'not-started').length;
  if (notStarted > 0) {
    parts.push(
      `${notStarted} EM${notStarted === 1 ? '' : 's'} not started (raise --concurrency or --time-limit)`,
    );
  }
  return parts.join('; ');
}
