import { ReportError } from '../report-error.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      throw new ReportError(
        'invalid-input',
        `the report's time zone ${JSON.stringify(timeZone)} is not an IANA time zone this runtime knows`,
      );
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * An ISO 8601 instant of the report as wall-clock time in the report's time zone, to the minute:
 * `2025-09-24 10:00`. A string that is not an instant is returned unchanged.
 */
export function formatInstant(iso: string, timeZone: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const parts = new Map(
    formatterFor(timeZone)
      .formatToParts(time)
      .map((p) => [p.type, p.value]),
  );
  // Four digits, as the day rows write a date: Intl writes the year 1 as `1`.
  const year = (parts.get('year') ?? '').padStart(4, '0');
  return `${year}-${parts.get('month')}-${parts.get('day')} ${parts.get('hour')}:${parts.get('minute')}`;
}
