import { parseEmDateTime, subMillisecondTicks, TICKS_PER_MILLISECOND } from '@vbem/model';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A filter's date value as epoch milliseconds with the fraction it gives (`…:10.659559Z` is
 * microseconds past the millisecond, as the dataset's times hold them), or undefined: an EM
 * DateTime, or a date alone (`2025-06-15`) as midnight UTC, which EM's docs use in a filter
 * (get_query_cdpreplicatasksession.md).
 */
export function parseFilterDateTime(raw: string): number | undefined {
  const date = parseEmDateTime(DATE_ONLY.test(raw) ? `${raw}T00:00:00Z` : raw);
  return date && date.getTime() + subMillisecondTicks(date) / TICKS_PER_MILLISECOND;
}

/**
 * Whether a filter's date value is one EM takes: a date alone, or a DateTime in UTC (`…Z`). EM's
 * docs: "The parameter accepts only UTC-formatted DateTime values"; an offset (`+02:00`) or no
 * zone at all is a bad value.
 */
export function isUtcFilterDateTime(raw: string): boolean {
  return DATE_ONLY.test(raw) || /z$/i.test(raw);
}
