import type { Target } from './connection/target.js';
import { doctorAllCommand, doctorHintOf } from './doctor-hint.js';

/**
 * The hint of an `--all` run in which some EMs failed and the others answered: the doctor of the
 * EM that failed, or of every profile when several did. None when no EM failed.
 */
export function partialFailureHint(
  targets: readonly Target[],
  failed: readonly { readonly name: string }[],
): string | undefined {
  const names = new Set(failed.map(({ name }) => name));
  const [first, ...others] = targets.filter(({ name }) => names.has(name));
  if (first === undefined) return undefined;
  return others.length === 0
    ? doctorHintOf(first, ' to check it')
    : `run ${doctorAllCommand(first.profile, first.doctorFlags)} to check every profile (${names.size} failed)`;
}
