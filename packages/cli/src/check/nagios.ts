import { toSingleLine } from '@vbem/reporting';

/**
 * The Nagios plugin output format (also Icinga's, Naemon's, Centreon's): one status line
 * `VBEM <STATE> - <summary> | <perfdata>` and an exit code per state.
 * https://nagios-plugins.org/doc/guidelines.html#AEN200
 */

export type NagiosState = 'OK' | 'WARNING' | 'CRITICAL' | 'UNKNOWN';

export const NAGIOS_EXIT_CODE: Readonly<Record<NagiosState, number>> = {
  OK: 0,
  WARNING: 1,
  CRITICAL: 2,
  UNKNOWN: 3,
};

/** The worse of two states; UNKNOWN is worse than CRITICAL (the check could not look). */
export const worseState = (a: NagiosState, b: NagiosState): NagiosState =>
  NAGIOS_EXIT_CODE[a] >= NAGIOS_EXIT_CODE[b] ? a : b;

/** One performance value: `'label'=value[UOM];[warn];[crit];[min];[max]`. */
export interface PerfDatum {
  readonly label: string;
  /** null: the value could not be determined, written `U`. */
  readonly value: number | null;
  /** `s`, `%`, `B`, `c` or none. */
  readonly uom?: string;
  /** Threshold ranges in Nagios range syntax (`10`: alert above 10; `5:`: alert below 5). */
  readonly warn?: string | number;
  readonly crit?: string | number;
  readonly min?: number;
  readonly max?: number;
}

/** A label as the format wants it: quoted when it holds a space, `=` or `'`; quotes doubled inside. */
export function perfLabel(label: string): string {
  if (label !== '' && /^[^\s'=|]+$/.test(label)) return label;
  return `'${toSingleLine(label).replace(/'/g, "''").replace(/\|/g, ' ')}'`;
}

const number = (value: number): string =>
  Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000);

export function formatPerfDatum(datum: PerfDatum): string {
  const value = datum.value === null ? 'U' : `${number(datum.value)}${datum.uom ?? ''}`;
  const fields = [datum.warn, datum.crit, datum.min, datum.max].map((field) =>
    field === undefined ? '' : typeof field === 'number' ? number(field) : field,
  );
  // Trailing empty fields are left out, as plugins usually print them: `jobs=24;;;0`.
  while (fields.length > 0 && fields.at(-1) === '') fields.pop();
  return `${perfLabel(datum.label)}=${[value, ...fields].join(';')}`;
}

/** The status line's text is cut past this many characters. */
export const STATUS_TEXT_MAX = 400;

/**
 * Text for the status line: one line of inert characters (server text goes in it), no `|` (it
 * starts the perfdata), at most `max` characters.
 */
export function statusText(text: string, max = STATUS_TEXT_MAX): string {
  const flat = toSingleLine(text).replace(/ {2,}/g, ' ').replace(/\|/g, '/').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** The whole status line, newline included. */
export function statusLine(
  state: NagiosState,
  summary: string,
  perfdata: readonly PerfDatum[] = [],
): string {
  const perf = perfdata.length > 0 ? ` | ${perfdata.map(formatPerfDatum).join(' ')}` : '';
  return `VBEM ${state} - ${statusText(summary)}${perf}\n`;
}
