import { type EntityReference, INT32_MAX, type QueryResult } from '@vbem/model';
import { FilterSyntaxError } from '../query/filter-syntax-error.js';
import { pageOf, pagingInfo } from '../query/paging.js';
import { type QueryRows, queryTypeOf } from '../query/query-service.js';
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
import type { RouteHandler } from './request-context.js';

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
  const echo = {
    type: typeText,
    ...(format !== undefined && { format }),
    ...(sortAsc !== undefined && { sortAsc }),
    ...(sortDesc !== undefined && { sortDesc }),
    ...(filter !== undefined && { filter }),
  };
  const body: QueryResult = { Links: [], PagingInfo: pagingInfo(context.apiBase, echo, page) };
  const slice = (rows: readonly unknown[]) => rows.slice(page.start, page.start + page.length);
  if (entities) body.Entities = entitiesOf(context.view, result, slice);
  else body.Refs = { Refs: referencesOf(context.view, result, slice) };
  context.respond.send(200, 'QueryResult', body);
};

type Slice = (rows: readonly unknown[]) => unknown[];

function referencesOf(view: ViewContext, result: QueryRows, slice: Slice): EntityReference[] {
  const rows = slice(result.rows);
  switch (result.type) {
    case 'BackupJobSession':
    case 'ReplicaJobSession':
      return (rows as number[]).map((row) => jobSessionReference(view, row));
    case 'BackupTaskSession':
    case 'ReplicaTaskSession':
      return (rows as Parameters<typeof taskSessionReference>[1][]).map((task) =>
        taskSessionReference(view, task),
      );
    case 'RestoreSession':
      return (rows as number[]).map((index) => restoreSessionReference(view, index));
    case 'Job':
      return (rows as number[]).map((index) => jobReference(view, index));
    case 'BackupServer':
      return (rows as number[]).map((index) => backupServerReference(view, index));
  }
}

function entitiesOf(
  view: ViewContext,
  result: QueryRows,
  slice: Slice,
): NonNullable<QueryResult['Entities']> {
  const rows = slice(result.rows);
  switch (result.type) {
    case 'BackupJobSession':
      return {
        BackupJobSessions: {
          BackupJobSessions: (rows as number[]).map((row) => jobSessionEntity(view, row) as never),
        },
      };
    case 'ReplicaJobSession':
      return {
        ReplicaJobSessions: {
          ReplicaJobSessions: (rows as number[]).map((row) => jobSessionEntity(view, row)),
        },
      };
    case 'BackupTaskSession':
      return {
        BackupTaskSessions: {
          BackupTaskSessions: (rows as never[]).map(
            (task) => taskSessionEntity(view, task) as never,
          ),
        },
      };
    case 'ReplicaTaskSession':
      return {
        ReplicaTaskSessions: {
          ReplicaTaskSessions: (rows as never[]).map((task) => taskSessionEntity(view, task)),
        },
      };
    case 'RestoreSession':
      return {
        RestoreSessions: {
          RestoreSessions: (rows as number[]).map((index) => restoreSessionEntity(view, index)),
        },
      };
    case 'Job':
      return { Jobs: { Jobs: (rows as number[]).map((index) => jobEntity(view, index)) } };
    case 'BackupServer':
      return {
        BackupServers: {
          BackupServers: (rows as number[]).map((index) => backupServerEntity(view, index)),
        },
      };
  }
}
