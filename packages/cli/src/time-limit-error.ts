import { CliError } from './cli-error.js';

const TIME_LIMIT_HINT =
  'raise --time-limit, or run vbem doctor with the same options if the EM is not answering';

/** A run (or an EM of `--all`) that the limit stopped: `not done within --time-limit 20s`. */
export class TimeLimitError extends CliError {
  override readonly name = 'TimeLimitError';

  constructor(line: string, cause: unknown) {
    super(line, { hint: TIME_LIMIT_HINT, cause });
  }
}
