import { CliError } from './cli-error.js';
import type { Target } from './connection/target.js';
import { DOCTOR_CONNECTION_HINT, describeError } from './describe-error.js';
import { doctorAllCommand, doctorProfileHint } from './doctor-hint.js';

/**
 * How one EM of an `--all` run failed: its own error, cut by the command's own limit (check's
 * --time-limit) while it ran, or never started because the limit had passed.
 */
export interface EmFailure {
  readonly name: string;
  readonly error: string;
  /** `error` for text others read (check's status line, a report's failed sources), when it differs: without local file paths. */
  readonly statusError?: string;
  readonly how: 'failed' | 'cut' | 'not-started';
}

/** The error of an `--all` run in which no EM answered, with how each of them failed. */
export class EveryEmFailedError extends CliError {
  override readonly name: string = 'EveryEmFailedError';
  readonly failures: readonly EmFailure[];

  constructor(
    message: string,
    failures: readonly EmFailure[],
    options: ConstructorParameters<typeof CliError>[1],
  ) {
    super(message, options);
    this.failures = failures;
  }
}

/**
 * The error of an `--all` run in which no EM answered: the first EM's failure, named, with how
 * many others failed too; its exit code and hint (naming that profile's password source).
 * `hasAnswered` (the command context's) tells whether an origin answered earlier in the run.
 */
export function everyEmFailed(
  first: Target,
  error: unknown,
  failures: readonly EmFailure[],
  hasAnswered?: (url: string) => boolean,
): EveryEmFailedError {
  // The doctor of the EM is named below; whether its origin answered decides a reset's hint.
  const report = describeError(error, 'command', {
    passwordSource: first.passwordSource,
    profile: first.profile,
    hasAnswered,
  });
  const others = failures.length - 1;
  // The doctor of the profile named, whose error is shown; `doctor --all` when others failed too.
  const hint =
    report.hint === DOCTOR_CONNECTION_HINT
      ? doctorProfileHint(
          first.name,
          ` to check the connection${others > 0 ? `, or ${doctorAllCommand(first.profile, first.doctorFlags)} for every profile` : ''}`,
          first.profile,
        )
      : report.hint;
  const rest = others <= 0 ? '' : ` (and ${others} other EM${others === 1 ? '' : 's'} failed too)`;
  // The local files the first EM's error names stay out of check's status line, as in EmFailure.
  const localPaths = error instanceof CliError ? error.localPaths : [];
  return new EveryEmFailedError(`EM ${first.name}: ${report.line}${rest}`, failures, {
    exitCode: report.exitCode,
    localPaths,
    ...(hint === undefined ? {} : { hint }),
    cause: error,
  });
}
