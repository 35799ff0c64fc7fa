import {
  type BackupJobSession,
  type BackupTaskSession,
  type Entities,
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
import { type ListItems, type ListRootName, listOf, mapped } from './list-answer.js';
import type { RequestContext, RouteHandler } from './request-context.js';

const positiveInteger = (text: string | undefined): number | undefined =>
  // EM's PageSize and PageNum are int32.
  text !== undefined && /^\d{1,10}$/.test(text) && Number(text) > 0 && Number(text) <= INT32_MAX
    ? Number(text)
    : undefined;

/** `GET /api/query?type=…[&format=Entities][&sortAsc|sortDesc=…][&pageSize=…&page=…][&filter=…]`. */
export const query: RouteHandler = async (context) => {
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

  let result: QueryRows | undefined;
  try {
    // Evaluated in turns: a query over millions of rows does not hold up other requests.
    result = await context.state.queries.runInTurns(
      {
        type,
        ...(filter !== undefined && { filter }),
        ...((sortAsc ?? sortDesc) !== undefined && { sortField: (sortAsc ?? sortDesc) as string }),
        descending: sortAsc === undefined && sortDesc !== undefined,
      },
      context.atClock,
      () => context.respond.isClosed,
    );
  } catch (error) {
    if (error instanceof FilterSyntaxError) return context.respond.error(400, error.message);
    throw error;
  }
  // The connection closed meanwhile: nobody to answer.
  if (!result) return;

  const page = pageOf(result.rows.length, pageSize, pageNumber);
  const body: QueryResult = {
    Links: [],
    PagingInfo: pagingInfo(context.apiBase, context.sentQuery, page),
  };
  const items = pageItems(context, result, page.start, page.start + page.length);
  if (entities) sendEntities(context, body, items);
  else
    context.respond.sendList(200, {
      root: 'QueryResult',
      list: 'EntityReferences',
      items: referencesOf(context.view, items),
      build: (Refs) => ({ ...body, Refs: { Refs } }),
    });
};

/**
 * The items of one page: row numbers, or the task session records, built for this page only
 * and as the body is written (a page may be the whole result).
 */
type PageItems =
  | {
      readonly type: Exclude<QueryTypeName, 'BackupTaskSession' | 'ReplicaTaskSession'>;
      readonly rows: Uint32Array;
    }
  | {
      readonly type: 'BackupTaskSession' | 'ReplicaTaskSession';
      readonly tasks: Iterable<TaskSessionRecord>;
    };

function pageItems(
  context: RequestContext,
  result: QueryRows,
  start: number,
  end: number,
): PageItems {
  if (result.type !== 'BackupTaskSession' && result.type !== 'ReplicaTaskSession')
    return { type: result.type, rows: result.rows.subarray(start, end) };
  return { type: result.type, tasks: pageTasks(context, result, start, end) };
}

function* pageTasks(
  context: RequestContext,
  result: Extract<QueryRows, { vmIndexes: Uint16Array }>,
  start: number,
  end: number,
): Generator<TaskSessionRecord> {
  const { dataset } = context.view;
  let sessionRow = -1;
  let sessionTasks: readonly TaskSessionRecord[] = [];
  for (let i = start; i < end; i++) {
    const row = result.rows[i] as number;
    // Neighbours on a page are often tasks of one session: generate its tasks once.
    if (row !== sessionRow) {
      sessionRow = row;
      sessionTasks = dataset.taskSessionsOf(row);
    }
    yield sessionTasks[result.vmIndexes[i] as number] as TaskSessionRecord;
  }
}

function referencesOf(view: ViewContext, items: PageItems): Iterable<EntityReference> {
  switch (items.type) {
    case 'BackupJobSession':
    case 'ReplicaJobSession':
      return mapped(items.rows, (row) => jobSessionReference(view, row));
    case 'BackupTaskSession':
    case 'ReplicaTaskSession':
      return mapped(items.tasks, (task) => taskSessionReference(view, task));
    case 'RestoreSession':
      return mapped(items.rows, (index) => restoreSessionReference(view, index));
    case 'Job':
      return mapped(items.rows, (index) => jobReference(view, index));
    case 'BackupServer':
      return mapped(items.rows, (index) => backupServerReference(view, index));
  }
}

/** A page of entities: the Entities member of the queried type, its list written item by item. */
function sendEntities(context: RequestContext, body: QueryResult, items: PageItems): void {
  const { view } = context;
  const send = <List extends Exclude<ListRootName, 'EntityReferences'>>(
    list: List,
    entities: Iterable<ListItems[List]>,
  ) => {
    const own = listOf(list, entities);
    context.respond.sendList(200, {
      root: 'QueryResult',
      list,
      items: entities,
      // Each member of Entities is named as its list type: `BackupJobSessions.BackupJobSessions`.
      build: (all) => ({ ...body, Entities: { [list]: own.build(all) } as Entities }),
    });
  };
  switch (items.type) {
    case 'BackupJobSession':
      send(
        'BackupJobSessions',
        mapped(items.rows, (row) => jobSessionEntity(view, row) as BackupJobSession),
      );
      break;
    case 'ReplicaJobSession':
      send(
        'ReplicaJobSessions',
        mapped(items.rows, (row) => jobSessionEntity(view, row)),
      );
      break;
    case 'BackupTaskSession':
      send(
        'BackupTaskSessions',
        mapped(items.tasks, (task) => taskSessionEntity(view, task) as BackupTaskSession),
      );
      break;
    case 'ReplicaTaskSession':
      send(
        'ReplicaTaskSessions',
        mapped(items.tasks, (task) => taskSessionEntity(view, task)),
      );
      break;
    case 'RestoreSession':
      send(
        'RestoreSessions',
        mapped(items.rows, (index) => restoreSessionEntity(view, index)),
      );
      break;
    case 'Job':
      send(
        'Jobs',
        mapped(items.rows, (index) => jobEntity(view, index)),
      );
      break;
    case 'BackupServer':
      send(
        'BackupServers',
        mapped(items.rows, (index) => backupServerEntity(view, index)),
      );
      break;
  }
}
