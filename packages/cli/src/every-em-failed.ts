import { CliError } from './cli-error.js';
import type { Target } from './connection/target.js';
import { describeError } from './describe-error.js';

/**
 * The error of an `--all` run in which no EM answered: the first EM's failure, named, with how
 * many others failed too; its exit code and hint (naming that profile's password source).
 */
export function everyEmFailed(first: Target, error: unknown, others: number): CliError {
  const report = describeError(error, 'command', first.passwordSource);
  const rest = others === 0 ? '' : ` (and ${others} other EM${others === 1 ? '' : 's'} failed too)`;
  return new CliError(`EM ${first.name}: ${report.line}${rest}`, {
    exitCode: report.exitCode,
    ...(report.hint === undefined ? {} : { hint: report.hint }),
    cause: error,
  });
}
