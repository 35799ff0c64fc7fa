import {
  type BackupJobSession,
  type BackupTaskSession,
  type EntityReference,
  INT32_MAX,
  type QueryResult,
} from '@vbem/model';
import type { TaskSessionRecord } from '../dataset/dataset.js';
import { FilterSyntaxError } from '../query/filter-syntax-error.js';
import { pageOf, pagingInfo } from '../query/paging.js';
import { type QueryRows, type QueryTypeName, queryTypeOf } from '../query/query-service.js';
import {
  backupServerEntity,
  backupServerReference,
  jobReference,
  jobSessionEntity,
  jobSessionReference,
  restoreSessionEntity,
  restoreSessionReference,
  taskSessionEntity,
  taskSessionReference,
  type ViewContext,
} from '../representation/entity-views.js';
import { jobEntity } from '../representation/job-entity.js';
import type { RequestContext, RouteHandler } from './request-context.js';

const positiveInteger = (text: string | undefined): number | undefined =>
  // EM's PageSize and PageNum are int32.
  text !== undefined && /^\d{1,10}$/.test(text) && Number(text) > 0 && Number(text) <= INT32_MAX
    ? Number(text)
    : undefined;

/** `GET /api/query?type=…[&format=Entities][&sortAsc|sortDesc=…][&pageSize=…&page=…][&filter=…]`. */
export const query: RouteHandler = (context) => {
  const typeText = context.query('type');
  const type = typeText === undefined ? undefined : queryTypeOf(typeText);
  if (!typeText || !type)
    return context.respond.error(400, `Unknown query type ${typeText ?? '(none)'}.`);
  const format = context.query('format');
  const entities = format?.toLowerCase() === 'entities';
  if (format !== undefined && !entities && format.toLowerCase() !== 'references') {
    return context.respond.error(400, `Unknown format ${format}; use References or Entities.`);
  }
  const pageSizeText = context.query('pageSize');
  const pageSize = positiveInteger(pageSizeText);
  if (pageSizeText !== undefined && pageSize === undefined)
    return context.respond.error(400, `pageSize must be a positive integer up to ${INT32_MAX}.`);
  const pageText = context.query('page');
  const pageNumber = pageText === undefined ? 1 : positiveInteger(pageText);
  if (pageNumber === undefined)
    return context.respond.error(400, `page must be a positive integer up to ${INT32_MAX}.`);
  const sortAsc = context.query('sortAsc');
  const sortDesc = context.query('sortDesc');
  if (sortAsc !== undefined && sortDesc !== undefined)
    return context.respond.error(400, 'Give sortAsc or sortDesc, not both.');
  const filter = context.query('filter');

  let result: QueryRows;
  try {
    result = context.state.queries.run({
      type,
      ...(filter !== undefined && { filter }),
      ...((sortAsc ?? sortDesc) !== undefined && { sortField: (sortAsc ?? sortDesc) as string }),
      descending: sortAsc === undefined && sortDesc !== undefined,
    });
  } catch (error) {
    if (error instanceof FilterSyntaxError) return context.respond.error(400, error.message);
    throw error;
  }

  const page = pageOf(result.rows.length, pageSize, pageNumber);
  const body: QueryResult = {
    Links: [],
    PagingInfo: pagingInfo(context.apiBase, context.sentQuery, page),
  };
  const items = pageItems(context, result, page.start, page.start + page.length);
  if (entities) body.Entities = entitiesOf(context.view, items);
  else body.Refs = { Refs: referencesOf(context.view, items) };
  context.respond.send(200, 'QueryResult', body);
};

/** The items of one page: row numbers, or the task session records, built for this page only. */
type PageItems =
  | {
      readonly type: Exclude<QueryTypeName, 'BackupTaskSession' | 'ReplicaTaskSession'>;
      readonly rows: Uint32Array;
    }
  | {
      readonly type: 'BackupTaskSession' | 'ReplicaTaskSession';
      readonly tasks: TaskSessionRecord[];
    };

function pageItems(
  context: RequestContext,
  result: QueryRows,
  start: number,
  end: number,
): PageItems {
  if (result.type !== 'BackupTaskSession' && result.type !== 'ReplicaTaskSession')
    return { type: result.type, rows: result.rows.subarray(start, end) };
  const { dataset } = context.state;
  const tasks: TaskSessionRecord[] = [];
  let sessionRow = -1;
  let sessionTasks: readonly TaskSessionRecord[] = [];
  for (let i = start; i < end; i++) {
    const row = result.rows[i] as number;
    // Neighbours on a page are often tasks of one session: generate its tasks once.
    if (row !== sessionRow) {
      sessionRow = row;
      sessionTasks = dataset.taskSessionsOf(row);
    }
    tasks.push(sessionTasks[result.vmIndexes[i] as number] as TaskSessionRecord);
  }
  return { type: result.type, tasks };
}

function referencesOf(view: ViewContext, items: PageItems): EntityReference[] {
  switch (items.type) {
    case 'BackupJobSession':
    case 'ReplicaJobSession':
      return Array.from(items.rows, (row) => jobSessionReference(view, row));
    case 'BackupTaskSession':
    case 'ReplicaTaskSession':
      return items.tasks.map((task) => taskSessionReference(view, task));
    case 'RestoreSession':
      return Array.from(items.rows, (index) => restoreSessionReference(view, index));
    case 'Job':
      return Array.from(items.rows, (index) => jobReference(view, index));
    case 'BackupServer':
      return Array.from(items.rows, (index) => backupServerReference(view, index));
  }
}

function entitiesOf(view: ViewContext, items: PageItems): NonNullable<QueryResult['Entities']> {
  switch (items.type) {
    case 'BackupJobSession':
      return {
        BackupJobSessions: {
          BackupJobSessions: Array.from(
            items.rows,
            (row) => jobSessionEntity(view, row) as BackupJobSession,
          ),
        },
      };
    case 'ReplicaJobSession':
      return {
        ReplicaJobSessions: {
          ReplicaJobSessions: Array.from(items.rows, (row) => jobSessionEntity(view, row)),
        },
      };
    case 'BackupTaskSession':
      return {
        BackupTaskSessions: {
          BackupTaskSessions: items.tasks.map(
            (task) => taskSessionEntity(view, task) as BackupTaskSession,
          ),
        },
      };
    case 'ReplicaTaskSession':
      return {
        ReplicaTaskSessions: {
          ReplicaTaskSessions: items.tasks.map((task) => taskSessionEntity(view, task)),
        },
      };
    case 'RestoreSession':
      return {
        RestoreSessions: {
          RestoreSessions: Array.from(items.rows, (index) => restoreSessionEntity(view, index)),
        },
      };
    case 'Job':
      return { Jobs: { Jobs: Array.from(items.rows, (index) => jobEntity(view, index)) } };
    case 'BackupServer':
      return {
        BackupServers: {
          BackupServers: Array.from(items.rows, (index) => backupServerEntity(view, index)),
        },
      };
  }
}
