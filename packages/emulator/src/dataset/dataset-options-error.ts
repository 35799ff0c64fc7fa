/**
 * A dataset option out of its range, or options that contradict each other. A RangeError, as
 * before it had a type of its own; `option` names the option (the first one, for a combination).
 */
export class DatasetOptionsError extends RangeError {
  override readonly name = 'DatasetOptionsError';

  constructor(
    readonly option: string,
    /** What is wrong, after the option's name: `must be …, got …`. */
    readonly problem: string,
  ) {
    super(`DatasetOptions.${option} ${problem}`);
  }
}
