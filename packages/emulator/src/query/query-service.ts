import type { Dataset, TaskSessionRecord } from '../dataset/dataset.js';
import { type DatasetAtClock, DatasetClock } from '../dataset/dataset-clock.js';
import { generateTaskRuns, TaskRuns, taskSessionSource } from '../dataset/task-runs.js';
import { isReplicaRow } from '../representation/entity-views.js';
import { compileFilter, type TimeRange, timeRangeOf } from './compile-filter.js';
import type { FilterNode } from './filter-ast.js';
import { filterFields } from './filter-fields.js';
import { FilterSyntaxError } from './filter-syntax-error.js';
import { parseFilter } from './parse-filter.js';
import type { QueryField, QueryFieldTable } from './query-field.js';
import {
  backupServerFields,
  jobFields,
  jobSessionFields,
  restoreSessionFields,
  taskSessionFields,
} from './query-types.js';
import { ResultCache } from './result-cache.js';
import { RowList } from './row-list.js';
import { SortKeys } from './sort-keys.js';
import { resolveSortField } from './sort-rows.js';
import { rowsInRange } from './sorted-range.js';
import { completed, completedInTurns, type Stepwise } from './stepwise.js';
import { TaskCursor } from './task-cursor.js';

/** The query types the emulator serves, as EM names them. */
export const QUERY_TYPES = [
  'BackupJobSession',
  'ReplicaJobSession',
  'BackupTaskSession',
  'ReplicaTaskSession',
  'RestoreSession',
  'Job',
  'BackupServer',
] as const;
export type QueryTypeName = (typeof QUERY_TYPES)[number];

/** The canonical query type of a `type` parameter (EM matches it case-insensitively), or undefined. */
export const queryTypeOf = (type: string): QueryTypeName | undefined =>
  QUERY_TYPES.find((name) => name.toLowerCase() === type.toLowerCase());

export interface QueryRequest {
  readonly type: QueryTypeName;
  readonly filter?: string;
  readonly sortField?: string;
  readonly descending?: boolean;
}

/** A query's whole result, in order: job session rows, task sessions as session rows and VM indexes, or indexes into the small lists. */
export type QueryRows =
  | {
      readonly type: Exclude<QueryTypeName, 'BackupTaskSession' | 'ReplicaTaskSession'>;
      readonly rows: Uint32Array;
    }
  | {
      readonly type: 'BackupTaskSession' | 'ReplicaTaskSession';
      /** The job session row of each task session. */
      readonly rows: Uint32Array;
      /** The VM index of each task session in its job session. */
      readonly vmIndexes: Uint16Array;
    };

/** Results are cached up to this many bytes in all: a million task sessions take 6 MB. */
export const RESULT_CACHE_BYTES = 64 * 2 ** 20;

const bytesOf = (result: QueryRows): number =>
  result.rows.byteLength + ('vmIndexes' in result ? result.vmIndexes.byteLength : 0);

/**
 * A range of a time field's values as a range of the stored times it reads: EM 12's values are
 * the stored times cut to the millisecond, so a stored time lies up to 1 ms above its value.
 * Reaching 1 ms further up keeps the range conservative for both versions.
 */
function storedTimeRange(range: TimeRange | undefined): TimeRange | undefined {
  return range?.to === undefined ? range : { ...range, to: range.to + 1, toInclusive: false };
}

/** The field tables of the session query types over one dataset (as shown at a clock reading). */
interface SessionFieldTables {
  readonly dataset: Dataset;
  readonly jobSessions: QueryFieldTable<number>;
  readonly tasks: QueryFieldTable<TaskSessionRecord>;
  readonly restores: QueryFieldTable<number>;
}

/**
 * Runs query-service requests over a dataset as it stands at a reading of the clock (see
 * DatasetClock: no session created after it, and those running then as they stood). Filters on
 * CreationTime narrow a time-sorted table by binary search before anything is scanned, and whole
 * results are cached by query, so paging through a result costs one evaluation, not one per page.
 * A result is held as typed arrays of row numbers: task sessions are generated into a reused
 * buffer while scanned, and each page builds only its own records.
 */
export class QueryService {
  private readonly cache = new ResultCache<QueryRows>(RESULT_CACHE_BYTES, bytesOf);
  /** The session field tables of the dataset shown last: one per dataset, as a sort builds ranks. */
  private sessionFields: SessionFieldTables;
  /** The Job fields a request is parsed with; an evaluation reads NextRun at its own reading. */
  private readonly jobTable: QueryFieldTable<number>;
  private readonly serverTable: QueryFieldTable<number>;
  /** How many times the results were forgotten: one evaluated meanwhile is not kept. */
  private invalidations = 0;

  /**
   * `clock` shows the dataset at a clock reading (the emulator's applies its stops); `now` is the
   * emulator's clock (by default, the dataset's end).
   */
  constructor(
    private readonly dataset: Dataset,
    private readonly emVersion: 12 | 13,
    private readonly clock = new DatasetClock(dataset, taskSessionSource(dataset)),
    private readonly now: () => Date = () => dataset.now,
  ) {
    this.sessionFields = this.sessionFieldsOf(dataset);
    this.jobTable = jobFields(dataset, () => dataset.now);
    this.serverTable = backupServerFields(dataset);
  }

  /**
   * Parses, filters and sorts at a clock reading (by default, the clock's now); throws
   * `FilterSyntaxError` for a bad filter or sort field.
   */
  run(request: QueryRequest, shown = this.clock.at(this.now().getTime())): QueryRows {
    const key = this.keyOf(request, shown);
    const cached = this.cache.get(key);
    if (cached) return cached;
    const result = completed(this.evaluation(request, shown));
    this.cache.set(key, result);
    return result;
  }

  /**
   * `run`, evaluated a few milliseconds at a time, one turn of the event loop after another, so
   * that other requests are answered meanwhile; undefined, and the rest never evaluated, once
   * `isAbandoned` says nobody waits for the result (the client left).
   */
  async runInTurns(
    request: QueryRequest,
    shown: DatasetAtClock,
    isAbandoned: () => boolean,
  ): Promise<QueryRows | undefined> {
    const key = this.keyOf(request, shown);
    const cached = this.cache.get(key);
    if (cached) return cached;
    const invalidations = this.invalidations;
    const result = await completedInTurns(this.evaluation(request, shown), isAbandoned);
    // A stop meanwhile may have changed rows already read: the answer stands, the cache forgets it.
    if (result && invalidations === this.invalidations) this.cache.set(key, result);
    return result;
  }

  /** Forgets every result: the sessions changed (a stop). */
  invalidate(): void {
    this.cache.clear();
    this.invalidations++;
  }

  /** Bytes the cached results hold now. */
  get cachedBytes(): number {
    return this.cache.bytes;
  }

  /** What a result depends on; throws `FilterSyntaxError` for a bad filter or sort field. */
  private keyOf(request: QueryRequest, shown: DatasetAtClock): string {
    return JSON.stringify([
      request.type,
      request.filter ?? '',
      request.sortField ?? '',
      request.descending ?? false,
      readsNextRun(request, this.jobTable) ? shown.reading : null,
      request.type === 'Job' || request.type === 'BackupServer'
        ? null
        : request.type === 'BackupTaskSession' || request.type === 'ReplicaTaskSession'
          ? shown.tasksKey()
          : shown.sessionsKey,
    ]);
  }

  private sessionFieldsOf(dataset: Dataset): SessionFieldTables {
    return {
      dataset,
      jobSessions: jobSessionFields(dataset, this.emVersion),
      tasks: taskSessionFields(dataset, this.emVersion),
      restores: restoreSessionFields(dataset, this.emVersion),
    };
  }

  /** A request's whole result over the dataset `shown`, which every row is read from. */
  private *evaluation(request: QueryRequest, shown: DatasetAtClock): Stepwise<QueryRows> {
    if (this.sessionFields.dataset !== shown.dataset)
      this.sessionFields = this.sessionFieldsOf(shown.dataset);
    const fields = this.sessionFields;
    const { dataset } = shown;
    switch (request.type) {
      case 'BackupJobSession':
      case 'ReplicaJobSession': {
        const replica = request.type === 'ReplicaJobSession';
        return {
          type: request.type,
          rows: yield* this.jobSessionRows(request, replica, shown, fields.jobSessions),
        };
      }
      case 'BackupTaskSession':
      case 'ReplicaTaskSession': {
        const replica = request.type === 'ReplicaTaskSession';
        return {
          type: request.type,
          ...(yield* this.taskRows(request, replica, shown, fields.tasks)),
        };
      }
      case 'RestoreSession':
        return {
          type: request.type,
          rows: yield* indexRows(request, fields.restores, dataset.restoreSessions.length, true),
        };
      case 'Job': {
        // NextRun at this evaluation's reading, whatever others evaluated meanwhile read.
        const reading = new Date(shown.reading);
        const jobTable = jobFields(this.dataset, () => reading);
        return {
          type: request.type,
          rows: yield* indexRows(request, jobTable, dataset.jobs.length),
        };
      }
      case 'BackupServer':
        return {
          type: request.type,
          rows: yield* indexRows(request, this.serverTable, dataset.backupServers.length),
        };
    }
  }

  private *jobSessionRows(
    request: QueryRequest,
    replica: boolean,
    { dataset }: DatasetAtClock,
    fields: QueryFieldTable<number>,
  ): Stepwise<Uint32Array> {
    const filter = parseOptional(request.filter, fields);
    const keys = sortKeysOf(request, fields);
    const matches = filter ? compileFilter<number>(filter) : undefined;
    const { start, end } = rowsInRange(
      dataset.jobSessions.creationTime,
      storedTimeRange(filter && timeRangeOf(filter, 'creationtime')),
    );
    const rows = new RowList((length) => new Uint32Array(length));
    const scan = (from: number, to: number) => {
      for (let row = from; row < to; row++) {
        if (isReplicaRow(dataset, row) === replica && (!matches || matches(row))) {
          rows.push(row);
          keys?.add(row);
        }
      }
    };
    yield* inSteps(start, end, ROWS_PER_STEP, scan);
    // Unsorted, newest first, as EM's captured lists come (rows are in creation order).
    return keys
      ? rows.toArray(yield* keys.orderSteps(request.descending ?? false))
      : rows.toArray().reverse();
  }

  private *taskRows(
    request: QueryRequest,
    replica: boolean,
    { dataset, taskSource }: DatasetAtClock,
    fields: QueryFieldTable<TaskSessionRecord>,
  ): Stepwise<{ rows: Uint32Array; vmIndexes: Uint16Array }> {
    const filter = parseOptional(request.filter, fields);
    // Without a sort field, task sessions come newest first, by creation, as job sessions do.
    const keys =
      sortKeysOf(request, fields) ??
      new SortKeys(fields.get('creationtime') as QueryField<TaskSessionRecord>);
    const matches = filter ? compileFilter<TaskSessionRecord>(filter) : undefined;
    const range = storedTimeRange(filter && timeRangeOf(filter, 'creationtime'));
    // A task starts inside its session, so its session started at most the longest session earlier.
    const sessionRange = range && {
      ...range,
      ...(range.from !== undefined && { from: range.from - this.clock.longestSessionMs }),
      fromInclusive: true,
    };
    const { start, end } = rowsInRange(dataset.jobSessions.creationTime, sessionRange);
    const rows = new RowList((length) => new Uint32Array(length));
    const vmIndexes = new RowList((length) => new Uint16Array(length));
    const runs = new TaskRuns();
    const task = new TaskCursor(taskSource, runs);
    const scan = (from: number, to: number) => {
      for (let row = from; row < to; row++) {
        if (isReplicaRow(dataset, row) !== replica) continue;
        generateTaskRuns(taskSource, row, runs);
        for (let vmIndex = 0; vmIndex < runs.count; vmIndex++) {
          const current = task.at(row, vmIndex);
          if (matches && !matches(current)) continue;
          rows.push(row);
          vmIndexes.push(vmIndex);
          keys.add(current);
        }
      }
    };
    yield* inSteps(start, end, SESSIONS_PER_STEP, scan);
    const order = yield* keys.orderSteps(
      request.sortField === undefined ? true : (request.descending ?? false),
    );
    return { rows: rows.toArray(order), vmIndexes: vmIndexes.toArray(order) };
  }
}

/**
 * Calls `scan` over `[start, end)`, `size` at a time, pausing in between. The loops stay in
 * `scan`, a plain function: V8 optimizes a long loop inside a generator far less.
 */
function* inSteps(
  start: number,
  end: number,
  size: number,
  scan: (from: number, to: number) => void,
): Stepwise<void> {
  for (let from = start; from < end; from += size) {
    scan(from, Math.min(end, from + size));
    yield;
  }
}

/** Rows scanned between pauses of an evaluation: about a millisecond's work. */
const ROWS_PER_STEP = 4096;
/** Job sessions whose task sessions are scanned between pauses. */
const SESSIONS_PER_STEP = 256;

/**
 * The indexes `[0, count)` of a small list (restore sessions, jobs, servers) that a request
 * selects, in order; unsorted, last first when `newestFirst` (sessions, in creation order).
 */
function* indexRows(
  request: QueryRequest,
  fields: QueryFieldTable<number>,
  count: number,
  newestFirst = false,
): Stepwise<Uint32Array> {
  const filter = parseOptional(request.filter, fields);
  const keys = sortKeysOf(request, fields);
  const matches = filter ? compileFilter<number>(filter) : undefined;
  const rows = new RowList((length) => new Uint32Array(length));
  const scan = (from: number, to: number) => {
    for (let index = from; index < to; index++) {
      if (!matches || matches(index)) {
        rows.push(index);
        keys?.add(index);
      }
    }
  };
  yield* inSteps(0, count, ROWS_PER_STEP, scan);
  if (keys) return rows.toArray(yield* keys.orderSteps(request.descending ?? false));
  return newestFirst ? rows.toArray().reverse() : rows.toArray();
}

/**
 * Whether a query reads a job's `NextRun`, which moves with the clock, so that its result holds
 * for one clock reading only: a Job query whose parsed filter compares the field or that sorts by
 * it, whatever case names it (a value that only quotes the word, `Name=="NextRun"`, does not).
 *
 * @throws FilterSyntaxError for a bad filter or sort field, as evaluating the query would.
 */
function readsNextRun(request: QueryRequest, fields: QueryFieldTable<number>): boolean {
  if (request.type !== 'Job') return false;
  const nextRun = fields.get('nextrun');
  const filter = parseOptional(request.filter, fields);
  if (filter && nextRun && filterFields(filter).has(nextRun)) return true;
  return request.sortField ? resolveSortField(request.sortField, fields) === nextRun : false;
}

function parseOptional<Row>(
  filter: string | undefined,
  fields: QueryFieldTable<Row>,
): FilterNode<Row> | undefined {
  if (filter === undefined) return undefined;
  if (!filter.trim()) throw new FilterSyntaxError('the filter is empty', 0);
  return parseFilter(filter, fields);
}

/** The keys to collect for `sortAsc`/`sortDesc`, or undefined without one; throws for an unknown field. */
function sortKeysOf<Row>(
  request: QueryRequest,
  fields: QueryFieldTable<Row>,
): SortKeys<Row> | undefined {
  return request.sortField ? new SortKeys(resolveSortField(request.sortField, fields)) : undefined;
}
