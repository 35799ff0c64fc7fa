import { type IsoInstantProblem, readIsoInstant } from '@vbem/model';

const PROBLEMS: Readonly<Record<IsoInstantProblem, string>> = {
  'not-iso': 'must be an ISO 8601 date and time with a zone, such as 2026-11-20T06:00:00Z',
  'no-such-time': 'names a date or time that does not exist',
  'no-such-offset': 'has a zone offset that does not exist',
  'outside-em-years': 'must lie in the years 0001 to 9999 (UTC), where EM dates lie',
};

/**
 * The instant a flag gives (`--now 2026-11-20T06:00:00Z`, `…T07:00+01:00`), to the millisecond,
 * as `vbem` reads its own time flags (`readIsoInstant`: every field as it exists, so that
 * `2026-02-30` is not 2 March and a time without a zone is not the machine's, which would make
 * two machines serve other data). Anything else is an Error naming the flag and the text.
 */
export function instantOfFlag(flag: string, text: string): Date {
  const reading = readIsoInstant(text);
  if (reading.problem)
    throw new Error(`${flag} ${PROBLEMS[reading.problem]}, not ${JSON.stringify(text)}`);
  return new Date(reading.instant.getTime());
}
