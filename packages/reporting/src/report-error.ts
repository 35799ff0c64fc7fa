import { VbemError } from '@vbem/model';

/** Options or input a report cannot be built or rendered from: a bad duration, time zone, window or render option, or sessions out of order. */
export class ReportError extends VbemError {
  override readonly name = 'ReportError';

  constructor(
    readonly code: 'invalid-option' | 'invalid-input',
    reason: string,
  ) {
    super(reason);
  }
}
