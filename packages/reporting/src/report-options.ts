import { optionKeys } from './options-object.js';
import type { SuccessPolicy } from './report.js';

export interface ReportOptions {
  /** Start of the window (inclusive). Default: `now` minus `since`. */
  readonly from?: Date | undefined;
  /** End of the window (exclusive). Default: `now`. */
  readonly to?: Date | undefined;
  /** Window length back from `to`, as `30m`, `24h`, `7d` or `2w` (default `7d`); ignored with `from`. */
  readonly since?: string | undefined;
  /** The clock the report is judged at: running sessions' elapsed time, ages (default: the system clock). */
  readonly now?: Date | undefined;
  /**
   * When the report was made, its `generatedAt` (default: `now`): the real time when `now` is set
   * to the end of a past window, so that the report does not claim to be made then.
   */
  readonly generatedAt?: Date | undefined;
  /** IANA time zone of day buckets and display (default `UTC`); day buckets follow DST. */
  readonly timeZone?: string | undefined;
  /** RPO for every job (`24h`, the default), or a default plus overrides by job name or UID. */
  readonly rpo?:
    | string
    | {
        readonly default: string;
        readonly jobs?: Readonly<Record<string, string>> | undefined;
      }
    | undefined;
  readonly policy?: SuccessPolicy | undefined;
  /** Add totals per backup server or per job type. */
  readonly groupBy?: 'backupServer' | 'jobType' | undefined;
  /** Failure reasons kept per VM (default 5). */
  readonly topReasons?: number | undefined;
}

/** Every key of ReportOptions: any other is refused (a misspelled option). */
export const REPORT_OPTION_KEYS = optionKeys<ReportOptions>({
  from: true,
  to: true,
  since: true,
  now: true,
  generatedAt: true,
  timeZone: true,
  rpo: true,
  policy: true,
  groupBy: true,
  topReasons: true,
});
