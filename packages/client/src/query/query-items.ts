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
