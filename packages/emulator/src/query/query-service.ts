import type { Dataset, TaskSessionRecord } from '../dataset/dataset.js';
import { isReplicaRow } from '../representation/entity-views.js';
import { compileFilter, timeRangeOf } from './compile-filter.js';
import type { FilterNode } from './filter-ast.js';
import { FilterSyntaxError } from './filter-syntax-error.js';
import { parseFilter } from './parse-filter.js';
import type { QueryFieldTable } from './query-field.js';
import {
  backupServerFields,
  jobFields,
  jobSessionFields,
  restoreSessionFields,
  taskSessionFields,
} from './query-types.js';
import { resolveSortField, sortComparator } from './sort-rows.js';
import { rowsInRange } from './sorted-range.js';

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

/** A query's whole result: job session rows, task session records, or indexes into the small lists. */
export type QueryRows =
  | { readonly type: 'BackupJobSession' | 'ReplicaJobSession'; readonly rows: readonly number[] }
  | {
      readonly type: 'BackupTaskSession' | 'ReplicaTaskSession';
      readonly rows: readonly TaskSessionRecord[];
    }
  | { readonly type: 'RestoreSession' | 'Job' | 'BackupServer'; readonly rows: readonly number[] };

const CACHE_SIZE = 16;

/**
 * Runs query-service requests over a dataset. Filters on CreationTime narrow a time-sorted
 * table by binary search before anything is scanned, and whole results are cached by query, so
 * paging through a result costs one evaluation, not one per page.
 */
export class QueryService {
  private readonly cache = new Map<string, QueryRows>();
  private readonly jobSessionTable: QueryFieldTable<number>;
  private readonly taskTable: QueryFieldTable<TaskSessionRecord>;
  private readonly restoreTable: QueryFieldTable<number>;
  private readonly jobTable: QueryFieldTable<number>;
  private readonly serverTable: QueryFieldTable<number>;
  private readonly longestSessionMs: number;

  constructor(
    private readonly dataset: Dataset,
    emVersion: 12 | 13,
  ) {
    this.jobSessionTable = jobSessionFields(dataset, emVersion);
    this.taskTable = taskSessionFields(dataset, emVersion);
    this.restoreTable = restoreSessionFields(dataset, emVersion);
    this.jobTable = jobFields(dataset);
    this.serverTable = backupServerFields(dataset);
    this.longestSessionMs = longestSession(dataset);
  }

  /** Parses, filters and sorts; throws `FilterSyntaxError` for a bad filter or sort field. */
  run(request: QueryRequest): QueryRows {
    const key = JSON.stringify([
      request.type,
      request.filter ?? '',
      request.sortField ?? '',
      request.descending ?? false,
    ]);
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const result = this.evaluate(request);
    this.cache.set(key, result);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    return result;
  }

  private evaluate(request: QueryRequest): QueryRows {
    switch (request.type) {
      case 'BackupJobSession':
      case 'ReplicaJobSession': {
        const replica = request.type === 'ReplicaJobSession';
        return { type: request.type, rows: this.jobSessionRows(request, replica) };
      }
      case 'BackupTaskSession':
      case 'ReplicaTaskSession': {
        const replica = request.type === 'ReplicaTaskSession';
        return { type: request.type, rows: this.taskRows(request, replica) };
      }
      case 'RestoreSession':
        return {
          type: request.type,
          rows: this.indexRows(request, this.restoreTable, this.dataset.restoreSessions.length),
        };
      case 'Job':
        return {
          type: request.type,
          rows: this.indexRows(request, this.jobTable, this.dataset.jobs.length),
        };
      case 'BackupServer':
        return {
          type: request.type,
          rows: this.indexRows(request, this.serverTable, this.dataset.backupServers.length),
        };
    }
  }

  private jobSessionRows(request: QueryRequest, replica: boolean): number[] {
    const fields = this.jobSessionTable;
    const filter = parseOptional(request.filter, fields);
    const matches = filter ? compileFilter<number>(filter) : undefined;
    const { start, end } = rowsInRange(
      this.dataset.jobSessions.creationTime,
      filter && timeRangeOf(filter, 'creationtime'),
    );
    const rows: number[] = [];
    for (let row = start; row < end; row++) {
      if (isReplicaRow(this.dataset, row) === replica && (!matches || matches(row))) rows.push(row);
    }
    return sortRows(rows, request, fields);
  }

  private taskRows(request: QueryRequest, replica: boolean): TaskSessionRecord[] {
    const fields = this.taskTable;
    const filter = parseOptional(request.filter, fields);
    const matches = filter ? compileFilter<TaskSessionRecord>(filter) : undefined;
    const range = filter && timeRangeOf(filter, 'creationtime');
    // A task starts inside its session, so its session started at most the longest session earlier.
    const sessionRange = range && {
      ...range,
      ...(range.from !== undefined && { from: range.from - this.longestSessionMs }),
      fromInclusive: true,
    };
    const { start, end } = rowsInRange(this.dataset.jobSessions.creationTime, sessionRange);
    const rows: TaskSessionRecord[] = [];
    for (let row = start; row < end; row++) {
      if (isReplicaRow(this.dataset, row) !== replica) continue;
      for (const task of this.dataset.taskSessionsOf(row))
        if (!matches || matches(task)) rows.push(task);
    }
    return sortRows(rows, request, fields, (a, b) => a.creationTime - b.creationTime);
  }

  private indexRows(
    request: QueryRequest,
    fields: QueryFieldTable<number>,
    count: number,
  ): number[] {
    const filter = parseOptional(request.filter, fields);
    const matches = filter ? compileFilter<number>(filter) : undefined;
    const rows: number[] = [];
    for (let index = 0; index < count; index++) if (!matches || matches(index)) rows.push(index);
    return sortRows(rows, request, fields);
  }
}

function parseOptional<Row>(
  filter: string | undefined,
  fields: QueryFieldTable<Row>,
): FilterNode | undefined {
  if (filter === undefined) return undefined;
  if (!filter.trim()) throw new FilterSyntaxError('the filter is empty', 0);
  return parseFilter(filter, fields);
}

function sortRows<Row>(
  rows: Row[],
  request: QueryRequest,
  fields: QueryFieldTable<Row>,
  natural?: (a: Row, b: Row) => number,
): Row[] {
  if (request.sortField)
    return rows.sort(
      sortComparator(resolveSortField(request.sortField, fields), request.descending ?? false),
    );
  return natural ? rows.sort(natural) : rows;
}

function longestSession(dataset: Dataset): number {
  const { creationTime, endTime, count } = dataset.jobSessions;
  let longest = 0;
  for (let row = 0; row < count; row++) {
    const end = endTime[row] as number;
    const duration =
      (Number.isNaN(end) ? dataset.now.getTime() : end) - (creationTime[row] as number);
    if (duration > longest) longest = duration;
  }
  return longest;
}
