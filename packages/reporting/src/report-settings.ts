import type { GroupReport, SuccessPolicy } from './report.js';
import { ReportError } from './report-error.js';
import type { ReportOptions } from './report-options.js';
import { type ReportWindowBounds, resolveReportWindow, timeOfOption } from './report-window.js';
import { RpoPolicy } from './rpo-policy.js';

const POLICIES: readonly SuccessPolicy[] = ['strict', 'warning-is-success'];
const GROUPINGS: readonly GroupReport['by'][] = ['backupServer', 'jobType'];
const DEFAULT_TOP_REASONS = 5;

/** Report options, checked and with their defaults filled in. */
export interface ReportSettings extends ReportWindowBounds {
  /** The report's `generatedAt`, in ms since the epoch. */
  readonly generatedAtMs: number;
  readonly timeZone: string;
  readonly policy: SuccessPolicy;
  readonly rpo: RpoPolicy;
  readonly groupBy: GroupReport['by'] | undefined;
  readonly topReasons: number;
}

const describe = (value: unknown): string =>
  typeof value === 'string' ? JSON.stringify(value) : String(value);

/**
 * Checks every option before any input is read, so that a bad option fails fast and by name.
 * The policy defaults to `strict`: a warning is surfaced unless the caller decides otherwise. The
 * time zone is checked where the day buckets are made.
 */
export function resolveReportSettings(options: ReportOptions): ReportSettings {
  const policy = options.policy ?? 'strict';
  if (!POLICIES.includes(policy)) {
    throw new ReportError(
      'invalid-option',
      `policy: ${describe(policy)} is neither 'strict' nor 'warning-is-success'`,
    );
  }
  if (options.groupBy !== undefined && !GROUPINGS.includes(options.groupBy)) {
    throw new ReportError(
      'invalid-option',
      `groupBy: ${describe(options.groupBy)} is neither 'backupServer' nor 'jobType'`,
    );
  }
  const topReasons = options.topReasons ?? DEFAULT_TOP_REASONS;
  if (!Number.isInteger(topReasons) || topReasons < 1) {
    throw new ReportError(
      'invalid-option',
      `topReasons: ${describe(topReasons)} is not a whole number of at least 1`,
    );
  }
  const window = resolveReportWindow(options);
  return {
    ...window,
    generatedAtMs:
      options.generatedAt === undefined
        ? window.nowMs
        : timeOfOption(options.generatedAt, 'generatedAt'),
    timeZone: options.timeZone ?? 'UTC',
    policy,
    rpo: new RpoPolicy(options.rpo),
    groupBy: options.groupBy,
    topReasons,
  };
}
