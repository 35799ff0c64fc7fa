import { VbemError } from '@vbem/model';

/**
 * An option of `startEmulator` out of its range; `option` names it and `problem` says what is
 * wrong with it. Dataset options have their own DatasetOptionsError.
 */
export class EmulatorOptionsError extends VbemError {
  override readonly name = 'EmulatorOptionsError';

  constructor(
    /** The option, or empty for the options as a whole. */
    readonly option: string,
    /** What is wrong, after the option's name: `must be …, got …`. */
    readonly problem: string,
  ) {
    super(`EmulatorOptions${option ? `.${option}` : ''} ${problem}`);
  }
}
