import { VbemError } from '@vbem/model';

/**
 * The emulator's `now` clock returned no valid Date while it ran (at start, that is an
 * EmulatorOptionsError of `now`). The request that read it is answered 500 with this message.
 */
export class ClockReadingError extends VbemError {
  override readonly name = 'ClockReadingError';

  constructor(
    /** What the clock returned, as shown in the message (`Invalid Date`, `"2025-06-15"`). */
    readonly reading: string,
  ) {
    super(`The emulator's now() returned no valid Date: got ${reading}.`);
  }
}
