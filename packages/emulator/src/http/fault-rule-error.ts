import { VbemError } from '@vbem/model';

/**
 * A fault rule given to `faults.add()` that cannot work as asked; `field` names its property
 * (`fault.status`) and `problem` says what is wrong. Given in `startEmulator`'s `faults`, the same
 * problem is an EmulatorOptionsError of `faults[i].…`.
 */
export class FaultRuleError extends VbemError {
  override readonly name = 'FaultRuleError';

  constructor(
    readonly field: string,
    /** What is wrong, after the field's name: `must be …, got …`. */
    readonly problem: string,
  ) {
    super(`FaultRule${field ? `.${field}` : ''} ${problem}`);
  }
}
