import {
  type BackupJobSession,
  type BackupTaskSession,
  formatEmDateTime,
  type JobSessionState,
  type JobType,
  type ReplicaJobSession,
  type ReplicaTaskSession,
  type SessionResult,
  shownValue,
  subMillisecondTicks,
  type TaskSessionState,
  timeOfDate,
  withSubMillisecondTicks,
} from '@vbem/model';
import { dateOption } from './date-option.js';
import { parseDuration, pointInTime } from './duration.js';
import { ClientOptionsError } from './errors/client-options-error.js';
import { requestInfo } from './errors/request-info.js';
import { ResponseError } from './errors/response-error.js';
import { checkJobTypes, familiesOfJobTypes } from './job-type-family.js';
import { notNull } from './not-null-option.js';
import { checkOptionKeys } from './option-keys.js';
import { anyOf, type Filter, where } from './query/filter.js';
import type { QueryTypeName } from './query/query-fields.js';
import { type QueryUrlParts, queryUrl } from './query/query-url.js';
import { checkSignalOption } from './signal-option.js';

/** The job session families `sessions()` reads. */
export type SessionFamily = 'Backup' | 'Replica';

export interface SessionsOptions {
  /** Start of the window: a Date or a duration before now (`24h`, `7d`); default `24h`. */
  readonly since?: Date | string | undefined;
  /** End of the window (exclusive); default now. */
  readonly until?: Date | undefined;
  /** Only these jobs (exact names). */
  readonly jobName?: string | readonly string[] | undefined;
  readonly result?: SessionResult | readonly SessionResult[] | undefined;
  readonly state?: JobSessionState | readonly JobSessionState[] | undefined;
  /** Default both families. Backup covers every backup-family job type (copy, agent, NAS...). */
  readonly types?: readonly SessionFamily[] | undefined;
  /**
   * Only sessions of these job types (`BackupCopy`, `NasBackup`...), filtered by EM. Without
   * `types`, only the families that hold them are asked. An empty list filters nothing.
   */
  readonly jobTypes?: readonly JobType[] | undefined;
  /**
   * Slices the window is crawled in, e.g. `1d`. By default the client counts the sessions first
   * (one small request per family) and slices so that no crawl is deeper than `maxPagesPerSlice`.
   */
  readonly sliceBy?: string | undefined;
  /** Deepest crawl, in pages, before the window is sliced (default 20). */
  readonly maxPagesPerSlice?: number | undefined;
  /** Sessions per page (default 250). */
  readonly pageSize?: number | undefined;
  /** Pages in flight at once (default: the client's `concurrency`). */
  readonly concurrency?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  /** The clock for `since` durations and the default `until` (default: the system clock). */
  readonly now?: (() => Date) | undefined;
}

export type JobSession = BackupJobSession | ReplicaJobSession;

export type TaskSession = BackupTaskSession | ReplicaTaskSession;

/**
 * `taskSessions()` takes the same window and filters but `jobTypes` (EM's task sessions have no
 * JobType field to filter on); `state` is a task state there.
 */
export interface TaskSessionsOptions extends Omit<SessionsOptions, 'state' | 'jobTypes'> {
  readonly state?: TaskSessionState | readonly TaskSessionState[] | undefined;
  /** Only these VMs (whole `VmDisplayName`s, in any case, as EM compares; a few dozen at most). */
  readonly vmName?: string | readonly string[] | undefined;
}

/**
 * 250: a page small enough that decoding it does not balloon the heap (streaming a million
 * sessions in XML peaks at 188 MB RSS, 194 MB with pages of 500: a page's decoded sessions live
 * through the collections its decoding triggers), large enough that a 2,000-session month takes a
 * handful of requests. Pages are fetched ahead, so the extra requests cost little wall time.
 */
export const DEFAULT_PAGE_SIZE = 250;
/** Largest page a query asks EM for. */
export const MAX_PAGE_SIZE = 100_000;
const DEFAULT_MAX_PAGES_PER_SLICE = 20;
/**
 * Names of one list (job or VM names) that one EM filter holds. Each adds 20 characters and its
 * own length to the filter, and EM refuses a query past its URL limit: longer lists are split,
 * one crawl per chunk of names, and so are lists of long names (see MAX_FILTER_LENGTH).
 */
export const MAX_NAMES_PER_FILTER = 25;
/** Characters of the longest filter sent, as EM reads it (the emulator refuses one past 4,096). */
export const MAX_FILTER_LENGTH = 4096;
/** The longest a date is written in a filter: seven fraction digits (a `since` of EM 13's microseconds keeps them). */
const WIDEST_DATE = withSubMillisecondTicks(new Date('2000-01-01T00:00:00.001Z'), 1);
/**
 * Filters one crawl sends at most (chunks of job names times chunks of VM names); a window cut by
 * `sliceBy` makes at most 100 times as many crawls.
 */
export const MAX_FILTERS = 100;

// Records, so that the compiler says when an option is added to the types and not here.
const SESSIONS_OPTION_NAMES = {
  since: true,
  until: true,
  jobName: true,
  result: true,
  state: true,
  types: true,
  jobTypes: true,
  sliceBy: true,
  maxPagesPerSlice: true,
  pageSize: true,
  concurrency: true,
  signal: true,
  now: true,
} satisfies Record<keyof SessionsOptions, true>;
const SESSIONS_OPTIONS = Object.keys(SESSIONS_OPTION_NAMES);
const TASK_SESSIONS_OPTIONS = Object.keys({
  ...SESSIONS_OPTION_NAMES,
  vmName: true,
} satisfies Record<keyof TaskSessionsOptions, true>).filter((name) => name !== 'jobTypes');

/** A bound as a message shows it: to the millisecond, or to the tick when it has ticks. */
const timeOf = (date: Date): string =>
  subMillisecondTicks(date) === 0
    ? date.toISOString()
    : (formatEmDateTime(date, { microseconds: true }) ?? date.toISOString());

const asList = <T>(value: T | readonly T[] | undefined): readonly T[] =>
  value === undefined ? [] : Array.isArray(value) ? (value as readonly T[]) : [value as T];

export function checkPageSize(pageSize: number | undefined): number {
  // Only undefined is not given: a JavaScript caller's null is refused, not taken as none.
  const size = pageSize === undefined ? DEFAULT_PAGE_SIZE : pageSize;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new ClientOptionsError(
      `pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${shownValue(pageSize)}`,
    );
  }
  return size;
}

/** A checked `sessions()` request: the window, the families and how to cut and filter it. */
export interface SessionPlan {
  readonly since: number;
  readonly until: number;
  readonly types: readonly QueryTypeName[];
  /** Fixed slice length in ms, or undefined to slice by count. */
  readonly sliceMs: number | undefined;
  readonly maxPagesPerSlice: number;
  readonly pageSize: number;
  /** How many filters a slice is read with: one, or one per chunk of job (and VM) names. */
  readonly filterCount: number;
  /** Filter `index` (below filterCount) of the slice [from, to), every other condition ANDed. */
  filterOf(index: number, from: number, to: number): string;
}

/** Which query types a plan reads: job sessions, or the task sessions (one per VM) of those jobs. */
export type SessionLevel = 'job' | 'task';

const QUERY_TYPES: Readonly<Record<SessionLevel, Readonly<Record<SessionFamily, QueryTypeName>>>> =
  {
    job: { Backup: 'BackupJobSession', Replica: 'ReplicaJobSession' },
    task: { Backup: 'BackupTaskSession', Replica: 'ReplicaTaskSession' },
  };

/** What the `now` option says the time is: it must be a function returning a valid Date. */
function nowOf(clock: unknown): Date {
  if (clock === undefined) return new Date();
  if (typeof clock !== 'function') {
    throw new ClientOptionsError(
      `now must be a function returning a Date, got ${shownValue(clock)}`,
    );
  }
  const now: unknown = clock();
  const time = timeOfDate(now);
  if (time === undefined || Number.isNaN(time)) {
    throw new ClientOptionsError(`now() must return a valid Date, got ${shownValue(now)}`);
  }
  return now as Date;
}

export function planSessions(
  options: SessionsOptions | TaskSessionsOptions,
  level: SessionLevel = 'job',
): SessionPlan {
  if (level === 'job') {
    if ((options as TaskSessionsOptions | null)?.vmName !== undefined)
      throw new ClientOptionsError('vmName filters task sessions: give it to taskSessions()');
    checkOptionKeys(options, SESSIONS_OPTIONS, 'sessions()');
  } else {
    if ((options as SessionsOptions | null)?.jobTypes !== undefined) {
      throw new ClientOptionsError(
        "jobTypes filters job sessions: EM's task sessions have no JobType to filter on; give it to sessions()",
      );
    }
    checkOptionKeys(options, TASK_SESSIONS_OPTIONS, 'taskSessions()');
  }
  checkSignalOption(options.signal, `${level === 'job' ? 'sessions' : 'taskSessions'}().signal`);
  const now = nowOf(options.now);
  // The bounds as given, with the ticks below the millisecond that a decoded EM 13 time carries:
  // the window is cut in milliseconds, and its outer bounds are sent as given.
  const sinceDate = pointInTime(options.since === undefined ? '24h' : options.since, now, 'since');
  const untilDate = options.until === undefined ? now : dateOption(options.until, 'until');
  const since = sinceDate.getTime();
  const until = untilDate.getTime();
  if (since >= until) {
    throw new ClientOptionsError(
      since === until && subMillisecondTicks(sinceDate) < subMillisecondTicks(untilDate)
        ? `since (${timeOf(sinceDate)}) must be at least a millisecond before until (${timeOf(untilDate)})`
        : `since (${timeOf(sinceDate)}) must be before until (${timeOf(untilDate)})`,
    );
  }
  const boundOf = (ms: number): Date =>
    ms === since ? sinceDate : ms === until ? untilDate : new Date(ms);
  const jobTypes = level === 'job' ? checkJobTypes((options as SessionsOptions).jobTypes) : [];
  // Without types, a family that cannot hold any of the job types is not asked at all.
  const families: readonly SessionFamily[] =
    options.types === undefined ? familiesOfJobTypes(jobTypes) : options.types;
  if (
    !Array.isArray(families as unknown) ||
    families.length === 0 ||
    families.some((f) => f !== 'Backup' && f !== 'Replica')
  ) {
    throw new ClientOptionsError(
      `types must list Backup and/or Replica, got ${JSON.stringify(families)}`,
    );
  }
  const maxPages =
    options.maxPagesPerSlice === undefined ? DEFAULT_MAX_PAGES_PER_SLICE : options.maxPagesPerSlice;
  if (!Number.isInteger(maxPages) || maxPages < 1) {
    throw new ClientOptionsError(
      `maxPagesPerSlice must be an integer >= 1, got ${shownValue(maxPages)}`,
    );
  }
  const jobNames = uniqueNames(
    asList(notNull(options.jobName, 'jobName', 'a job name or a list of them')),
  );
  const results = asList(
    notNull(options.result, 'result', 'a session result such as Failed, or a list of them'),
  );
  const states = asList<string>(
    notNull(options.state, 'state', 'a session state or a list of them'),
  );
  const vmNames = uniqueNames(
    asList(
      notNull(
        'vmName' in options ? options.vmName : undefined,
        'vmName',
        'a VM name or a list of them',
      ),
    ),
  );
  // Built now, so that a bad job name, job type, result, state or VM name fails the call, not its
  // first page. Job and task sessions share these fields (but JobType), typed here as a job
  // session's.
  const common: Filter<'BackupJobSession'>[] = [];
  if (jobTypes.length > 0) common.push(anyOf<'BackupJobSession'>('JobType', jobTypes));
  if (results.length > 0) common.push(anyOf<'BackupJobSession'>('Result', results));
  if (states.length > 0) {
    common.push(anyOf<'BackupJobSession'>('State', states as JobSessionState[]));
  }
  // What a filter holds besides names, at its widest; the rest is shared by the name lists.
  let fixed: Filter<'BackupJobSession'> = where<'BackupJobSession'>(
    'CreationTime',
    '>=',
    WIDEST_DATE,
  ).and('CreationTime', '<', WIDEST_DATE);
  for (const part of common) fixed = fixed.and(part);
  const lists = (jobNames.length > 0 ? 1 : 0) + (vmNames.length > 0 ? 1 : 0);
  // One ';' joins each list's part to the rest; the names share what is left.
  const room = MAX_FILTER_LENGTH - fixed.toString().length - lists;
  const vmPartOf = (names: readonly string[]) =>
    anyOf<'BackupTaskSession'>('VmDisplayName', names) as unknown as Filter<'BackupJobSession'>;
  // Job names first, leaving the VM names what their first chunk needs (half the room at most);
  // then the VM names get what the longest job chunk leaves.
  const vmNeeds =
    vmNames.length === 0
      ? 0
      : Math.min(
          vmPartOf(vmNames.slice(0, MAX_NAMES_PER_FILTER)).toString().length,
          Math.floor(room / 2),
        );
  const jobChunks = chunksOf(jobNames, room - vmNeeds, 'job name', (names) =>
    anyOf<'BackupJobSession'>('JobName', names),
  );
  const longestJobPart = jobChunks.reduce(
    (longest, part) => Math.max(longest, part.toString().length),
    0,
  );
  // A task session field: the filter renders alike whichever type it is typed for.
  const vmChunks = chunksOf(vmNames, room - longestJobPart, 'VM name', vmPartOf);
  const filterCount = Math.max(1, jobChunks.length) * Math.max(1, vmChunks.length);
  if (filterCount > MAX_FILTERS) {
    throw new ClientOptionsError(
      `${jobNames.length} job names and ${vmNames.length} VM names make ${filterCount} filters of at most ${MAX_NAMES_PER_FILTER} names and ${MAX_FILTER_LENGTH} characters each; at most ${MAX_FILTERS} are sent`,
    );
  }
  const types = [...new Set(families)].map((family) => QUERY_TYPES[level][family]);
  const sliceMs =
    options.sliceBy === undefined ? undefined : parseDuration(options.sliceBy, 'sliceBy');
  if (sliceMs !== undefined) {
    const sliceCount = Math.ceil((until - since) / sliceMs);
    const crawls = sliceCount * filterCount * types.length;
    if (crawls > MAX_FILTERS * 100) {
      throw new ClientOptionsError(
        `sliceBy ${options.sliceBy} cuts the window into ${sliceCount} slices: ${crawls} crawls with ${filterCount} filters and ${types.length} families; at most ${MAX_FILTERS * 100} are made`,
      );
    }
  }
  // One filter per pair of name chunks: a job's (or a VM's) sessions are all in one of them.
  const combinations = (jobChunks.length > 0 ? jobChunks : [undefined]).flatMap((job) =>
    (vmChunks.length > 0 ? vmChunks : [undefined]).map((vm) =>
      [...common, job, vm].filter((part) => part !== undefined),
    ),
  );
  return {
    since,
    until,
    types,
    sliceMs,
    maxPagesPerSlice: maxPages,
    pageSize: checkPageSize(options.pageSize),
    filterCount,
    filterOf(index, from, to) {
      let filter: Filter<'BackupJobSession'> = where<'BackupJobSession'>(
        'CreationTime',
        '>=',
        boundOf(from),
      ).and('CreationTime', '<', boundOf(to));
      for (const part of combinations[index] ?? []) filter = filter.and(part);
      return filter.toString();
    },
  };
}

/** Each name once, the first spelling kept: EM compares names in any case. */
function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.filter((name) => {
    const key = typeof name === 'string' ? name.toLowerCase() : name;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The filter parts of `names` in chunks of at most MAX_NAMES_PER_FILTER names and `budget`
 * characters, in order; none for no names. A name that does not fit a chunk by itself is refused.
 */
function chunksOf(
  names: readonly string[],
  budget: number,
  what: string,
  partOf: (names: readonly string[]) => Filter<'BackupJobSession'>,
): Filter<'BackupJobSession'>[] {
  const parts: Filter<'BackupJobSession'>[] = [];
  let chunk: string[] = [];
  let part: Filter<'BackupJobSession'> | undefined;
  for (const name of names) {
    const longer = chunk.length < MAX_NAMES_PER_FILTER ? partOf([...chunk, name]) : undefined;
    if (longer !== undefined && longer.toString().length <= budget) {
      chunk.push(name);
      part = longer;
      continue;
    }
    if (part !== undefined) parts.push(part);
    chunk = [name];
    part = partOf(chunk);
    if (part.toString().length > budget) {
      throw new ClientOptionsError(
        `a ${what} of ${name.length} characters makes a filter longer than the ${MAX_FILTER_LENGTH} characters sent at most`,
      );
    }
  }
  if (part !== undefined) parts.push(part);
  return parts;
}

/** Cuts [since, until) into `count` equal slices (the last one ends exactly at `until`). */
function slices(since: number, until: number, count: number): [number, number][] {
  const length = Math.ceil((until - since) / count);
  const result: [number, number][] = [];
  for (let start = since; start < until; start += length) {
    result.push([start, Math.min(start + length, until)]);
  }
  return result;
}

/**
 * The query crawl of one family, filter and slice [from, to): sorted by creation time so that
 * pages are stable, entities in the page so that nothing is fetched one by one.
 */
export function slicePart(
  plan: SessionPlan,
  type: QueryTypeName,
  filter: number,
  [from, to]: readonly [number, number],
): QueryUrlParts {
  return {
    type,
    format: 'entities',
    filter: plan.filterOf(filter, from, to),
    sortAsc: 'CreationTime',
    sortDesc: undefined,
    pageSize: plan.pageSize,
  };
}

/** The counting query of a slice: one reference per page, so PagesCount is its number of sessions. */
export function countPart(
  plan: SessionPlan,
  type: QueryTypeName,
  filter: number,
  slice: readonly [number, number],
): QueryUrlParts {
  const crawl = slicePart(plan, type, filter, slice);
  return { ...crawl, format: 'references', sortAsc: undefined, pageSize: 1 };
}

/** A slice is not cut finer than this, however many sessions it holds. */
const MIN_SLICE_MS = 60_000;
/**
 * Crawls a window is cut into at most, per family and filter: a year of ten million sessions
 * needs a few thousand; past this, slices are crawled deeper than `maxPagesPerSlice` instead of
 * being counted again (a hostile count would otherwise cut every minute of the window).
 */
export const MAX_COUNTED_SLICES = 10_000;

/**
 * The crawls of one family and filter, in creation order. With `sliceBy`, equal slices of that
 * length. Otherwise the window is counted, and a slice holding more sessions than
 * `maxPagesPerSlice` pages is cut in two and each half counted, so that no crawl goes deeper,
 * however unevenly the sessions spread (a year's window with six weeks of sessions). Halves whose
 * counts add up to more than their slice's, beyond what may have appeared meanwhile (a slice's
 * worth of sessions or half the slice's count, whichever is more), are a `ResponseError`. `count`
 * sends one counting query.
 */
export async function slicePartsOf(
  plan: SessionPlan,
  type: QueryTypeName,
  filter: number,
  count: (parts: QueryUrlParts) => Promise<number>,
  apiBase: string,
): Promise<QueryUrlParts[]> {
  if (plan.sliceMs !== undefined) {
    const sliceCount = Math.ceil((plan.until - plan.since) / plan.sliceMs);
    return slices(plan.since, plan.until, sliceCount).map((slice) =>
      slicePart(plan, type, filter, slice),
    );
  }
  const perSlice = plan.pageSize * plan.maxPagesPerSlice;
  const countOf = (slice: [number, number]) => count(countPart(plan, type, filter, slice));
  let slicesLeft = MAX_COUNTED_SLICES - 1;
  const cut = async (slice: [number, number], sessions: number): Promise<QueryUrlParts[]> => {
    const [from, to] = slice;
    if (sessions <= perSlice || to - from <= MIN_SLICE_MS || slicesLeft === 0) {
      return [{ ...slicePart(plan, type, filter, slice), countedItems: sessions }];
    }
    slicesLeft--;
    const middle = from + Math.ceil((to - from) / 2);
    const halves: [number, number][] = [
      [from, middle],
      [middle, to],
    ];
    const [early, late] = (await Promise.all(halves.map(countOf))) as [number, number];
    if (early + late > sessions + Math.max(perSlice, Math.ceil(sessions / 2))) {
      throw new ResponseError(
        `EM counted ${sessions} ${type}s from ${new Date(from).toISOString()} to ${new Date(to).toISOString()}, but ${early} and ${late} in its two halves; stopped rather than trust counts that do not add up`,
        {
          request: requestInfo('GET', queryUrl(apiBase, countPart(plan, type, filter, slice), 1)),
          retryable: false,
        },
      );
    }
    const [earlyParts, lateParts] = await Promise.all([
      cut(halves[0] as [number, number], early),
      cut(halves[1] as [number, number], late),
    ]);
    return [...earlyParts, ...lateParts];
  };
  const window: [number, number] = [plan.since, plan.until];
  return cut(window, await countOf(window));
}
