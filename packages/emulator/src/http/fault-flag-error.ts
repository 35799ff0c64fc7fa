import { VbemError } from '@vbem/model';

/**
 * A `--fault` rule (`status:200,path=/jobs`) that cannot be read or would not work as asked;
 * `rule` is the text given and `problem` says what is wrong, in the syntax's own words.
 */
export class FaultFlagError extends VbemError {
  override readonly name = 'FaultFlagError';

  constructor(
    /** The rule as given to `--fault`. */
    readonly rule: string,
    /** What is wrong: `status must be one of 401, 403, 429, 500, 502, 503, 504, got 200`. */
    readonly problem: string,
  ) {
    super(`--fault ${JSON.stringify(rule)}: ${problem}`);
  }
}
