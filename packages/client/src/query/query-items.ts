import type {
  BackupJobSession,
  BackupServer,
  BackupTaskSession,
  EntityReference,
  Job,
  QueryResult,
  ReplicaJobSession,
  ReplicaTaskSession,
  RestoreSession,
} from '@vbem/model';
import type { QueryTypeName } from './query-fields.js';

/** The entity each query type returns with `format=Entities`. */
export interface QueryEntities {
  BackupJobSession: BackupJobSession;
  ReplicaJobSession: ReplicaJobSession;
  BackupTaskSession: BackupTaskSession;
  ReplicaTaskSession: ReplicaTaskSession;
  RestoreSession: RestoreSession;
  Job: Job;
  BackupServer: BackupServer;
}

/** `entities` (the default) yields typed entities, `references` yields `EntityReference`s. */
export type QueryFormat = 'entities' | 'references';

export type QueryItem<
  Type extends QueryTypeName,
  Format extends QueryFormat,
> = Format extends 'references' ? EntityReference : QueryEntities[Type];

/** The list element under `Entities` for each type; the item element has the same name. */
const ENTITY_LISTS = {
  BackupJobSession: 'BackupJobSessions',
  ReplicaJobSession: 'ReplicaJobSessions',
  BackupTaskSession: 'BackupTaskSessions',
  ReplicaTaskSession: 'ReplicaTaskSessions',
  RestoreSession: 'RestoreSessions',
  Job: 'Jobs',
  BackupServer: 'BackupServers',
} as const satisfies Record<QueryTypeName, string>;

/** The items of one query page, in the order EM sent them. */
export function itemsOfPage(
  result: QueryResult,
  type: QueryTypeName,
  format: QueryFormat,
): readonly (EntityReference | QueryEntities[QueryTypeName])[] {
  if (format === 'references') return result.Refs?.Refs ?? [];
  const list = ENTITY_LISTS[type];
  const entities = result.Entities?.[list] as Record<string, unknown[]> | undefined;
  return (entities?.[list] ?? []) as QueryEntities[QueryTypeName][];
}

/** Where a page's items are for the format asked: `Refs`, or the type's list under `Entities`. */
export function itemsWrapperOf(type: QueryTypeName, format: QueryFormat): string {
  return format === 'references' ? 'Refs' : `Entities/${ENTITY_LISTS[type]}`;
}

/**
 * Where a page holds items other than those asked for (`Refs` on a `format=Entities` page,
 * another type's list, tasks), or undefined. Such a page would read as empty; empty wrappers
 * (EM's empty list, or null in JSON) hold nothing and are not misplaced.
 */
export function misplacedItemsOf(
  result: QueryResult,
  type: QueryTypeName,
  format: QueryFormat,
): string | undefined {
  const asked = itemsWrapperOf(type, format);
  if (asked !== 'Refs' && (result.Refs?.Refs.length ?? 0) > 0) return 'Refs';
  for (const [list, wrapper] of Object.entries(result.Entities ?? {})) {
    const items = (wrapper as Record<string, unknown[] | undefined> | undefined)?.[list];
    if (`Entities/${list}` !== asked && (items?.length ?? 0) > 0) return `Entities/${list}`;
  }
  if ((result.Resources?.Tasks?.Tasks.length ?? 0) > 0) return 'Resources/Tasks';
  return undefined;
}

/** The sort that makes a crawl stable when the caller names none. */
export const DEFAULT_SORT: Readonly<Record<QueryTypeName, string>> = {
  BackupJobSession: 'CreationTime',
  ReplicaJobSession: 'CreationTime',
  BackupTaskSession: 'CreationTime',
  ReplicaTaskSession: 'CreationTime',
  RestoreSession: 'CreationTime',
  Job: 'Name',
  BackupServer: 'Name',
};
