import { shownValue, timeOfDate } from '@vbem/model';
import { ClockReadingError } from './clock-reading-error.js';

/**
 * The emulator's clock with every reading checked: a fresh Date of this realm, or a
 * ClockReadingError for a reading that is no valid Date, so that nothing proceeds with NaN (idle
 * expiry would never come) or a string. `onBad` hears of the first bad reading of each run of
 * them: once while the clock stays bad, again if it goes bad after reading well.
 */
export function checkedClock(
  now: () => unknown,
  onBad: (error: ClockReadingError) => void,
): () => Date {
  let bad = false;
  return () => {
    const reading = now();
    const time = timeOfDate(reading);
    if (time === undefined || Number.isNaN(time)) {
      const error = new ClockReadingError(shownValue(reading));
      if (!bad) {
        bad = true;
        // The request hears of the clock even when onWarning throws (warnings made failures).
        try {
          onBad(error);
        } catch {}
      }
      throw error;
    }
    bad = false;
    return new Date(time);
  };
}
