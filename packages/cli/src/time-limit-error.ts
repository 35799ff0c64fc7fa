import { CliError } from './cli-error.js';
import { type DoctorOf, doctorHintOf } from './doctor-hint.js';

/**
 * Raise the limit, or see whether the EM answers at all: its doctor, with only the options the
 * doctor takes (it refuses --time-limit and the command's own).
 */
const timeLimitHint = (em: DoctorOf | undefined): string =>
  em === undefined
    ? 'raise --time-limit, or run vbem doctor with the same --profile or --url if the EM is not answering'
    : `raise --time-limit, or ${doctorHintOf(em, ' if the EM is not answering')}`;

/** A run (or an EM of `--all`) that the limit stopped: `not done within --time-limit 20s`. */
export class TimeLimitError extends CliError {
  override readonly name = 'TimeLimitError';

  /** `em`: the EM the limit stopped, whose doctor the hint names. */
  constructor(line: string, cause: unknown, em?: DoctorOf) {
    super(line, { hint: timeLimitHint(em), cause });
  }
}
