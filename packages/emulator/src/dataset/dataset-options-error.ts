import { VbemError } from '@vbem/model';

/**
 * A dataset option out of its range, or options that contradict each other; `option` names the
 * option (the first one, for a combination) and `problem` says what is wrong with it.
 */
export class DatasetOptionsError extends VbemError {
  override readonly name = 'DatasetOptionsError';

  constructor(
    /** The option, or empty for the options as a whole. */
    readonly option: string,
    /** What is wrong, after the option's name: `must be …, got …`. */
    readonly problem: string,
  ) {
    super(`DatasetOptions${option ? `.${option}` : ''} ${problem}`);
  }
}
