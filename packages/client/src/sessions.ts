import type {
  BackupJobSession,
  JobSessionState,
  ReplicaJobSession,
  SessionResult,
} from '@vbem/model';
import { parseDuration, pointInTime } from './duration.js';
import { ClientOptionsError } from './errors/client-options-error.js';
import { anyOf, type Filter, where } from './query/filter.js';
import type { QueryUrlParts } from './query/query-url.js';

/** The job session families `sessions()` reads. */
export type SessionFamily = 'Backup' | 'Replica';

export interface SessionsOptions {
  /** Start of the window: a Date or a duration before now (`24h`, `7d`); default `24h`. */
  readonly since?: Date | string;
  /** End of the window (exclusive); default now. */
  readonly until?: Date;
  /** Only these jobs (exact names). */
  readonly jobName?: string | readonly string[];
  readonly result?: SessionResult | readonly SessionResult[];
  readonly state?: JobSessionState | readonly JobSessionState[];
  /** Default both families. Backup covers every backup-family job type (copy, agent, NAS...). */
  readonly types?: readonly SessionFamily[];
  /** Length of the slices the window is crawled in (default `1d`), so that no crawl goes deep. */
  readonly sliceBy?: string;
  /** Sessions per page (default 1000). */
  readonly pageSize?: number;
  /** Pages in flight at once (default: the client's `concurrency`). */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  /** The clock for `since` durations and the default `until` (default: the system clock). */
  readonly now?: () => Date;
}

export type JobSession = BackupJobSession | ReplicaJobSession;

export const DEFAULT_PAGE_SIZE = 1000;
const MAX_PAGE_SIZE = 100_000;

const asList = <T>(value: T | readonly T[] | undefined): readonly T[] =>
  value === undefined ? [] : Array.isArray(value) ? (value as readonly T[]) : [value as T];

export function checkPageSize(pageSize: number | undefined): number {
  const size = pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new ClientOptionsError(
      `pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${String(pageSize)}`,
    );
  }
  return size;
}

/**
 * The query crawls behind `sessions()`: the window cut into slices, each slice one query per
 * family with the filters applied by EM (`CreationTime` range, job names, results, states),
 * sorted by creation time so that pages are stable, entities in the page so that nothing is
 * fetched one by one.
 */
export function sessionQueryParts(options: SessionsOptions): QueryUrlParts[] {
  const now = (options.now ?? (() => new Date()))();
  const since = pointInTime(options.since ?? '24h', now, 'since');
  const until = options.until === undefined ? now : pointInTime(options.until, now, 'until');
  if (since.getTime() >= until.getTime()) {
    throw new ClientOptionsError(
      `since (${since.toISOString()}) must be before until (${until.toISOString()})`,
    );
  }
  const slice = parseDuration(options.sliceBy ?? '1d', 'sliceBy');
  const families = options.types ?? ['Backup', 'Replica'];
  if (families.length === 0 || families.some((f) => f !== 'Backup' && f !== 'Replica')) {
    throw new ClientOptionsError(
      `types must list Backup and/or Replica, got ${JSON.stringify(families)}`,
    );
  }
  const pageSize = checkPageSize(options.pageSize);
  const jobNames = asList(options.jobName);
  const results = asList(options.result);
  const states = asList(options.state);

  const parts: QueryUrlParts[] = [];
  for (let start = since.getTime(); start < until.getTime(); start += slice) {
    const end = Math.min(start + slice, until.getTime());
    let filter: Filter<'BackupJobSession'> = where<'BackupJobSession'>(
      'CreationTime',
      '>=',
      new Date(start),
    ).and('CreationTime', '<', new Date(end));
    if (jobNames.length > 0) filter = filter.and(anyOf<'BackupJobSession'>('JobName', jobNames));
    if (results.length > 0) filter = filter.and(anyOf<'BackupJobSession'>('Result', results));
    if (states.length > 0) filter = filter.and(anyOf<'BackupJobSession'>('State', states));
    const text = filter.toString();
    for (const family of families) {
      parts.push({
        type: family === 'Backup' ? 'BackupJobSession' : 'ReplicaJobSession',
        format: 'entities',
        filter: text,
        sortAsc: 'CreationTime',
        sortDesc: undefined,
        pageSize,
      });
    }
  }
  return parts;
}
