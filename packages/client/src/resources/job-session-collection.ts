import type {
  BackupJobSession,
  BackupTaskSession,
  EntityReference,
  ReplicaJobSession,
  ReplicaTaskSession,
} from '@vbem/model';
import { formatUid } from '@vbem/model';
import { where } from '../query/filter.js';
import type { QueryCrawl } from '../query/query-crawl.js';
import { type EntityCollection, entityCollection } from './entity-collection.js';
import type { CallOptions, ResourceContext } from './resource-context.js';
import { resourceId } from './resource-id.js';

/** Job sessions, with their task sessions. */
export interface JobSessionCollection<Session, TaskSession> extends EntityCollection<Session> {
  /** References to the task sessions of one job session (one per VM), as EM links them. */
  taskSessions(idOrUid: string, options?: CallOptions): Promise<EntityReference[]>;
  /** The task sessions of one job session as entities, in one query rather than one request each. */
  taskSessionEntities(idOrUid: string, options?: CallOptions): QueryCrawl<TaskSession>;
}

export function backupSessionCollection(
  context: ResourceContext,
): JobSessionCollection<BackupJobSession, BackupTaskSession> {
  return {
    ...entityCollection(context, {
      path: 'backupSessions',
      kind: 'BackupJobSession',
      entityRoot: 'BackupJobSession',
      listRoot: 'BackupJobSessions',
      itemsOf: (list) => list.BackupJobSessions,
    }),
    taskSessions: async (idOrUid, options) =>
      (
        await context.get(
          `backupSessions/${resourceId(idOrUid, 'BackupJobSession')}/taskSessions`,
          'EntityReferences',
          options,
        )
      ).Refs,
    taskSessionEntities: (idOrUid, options) =>
      context.queryEntities(
        'BackupTaskSession',
        where<'BackupTaskSession'>(
          'JobSessionUid',
          '==',
          formatUid('BackupJobSession', resourceId(idOrUid, 'BackupJobSession')),
        ),
        options,
      ),
  };
}

export function replicaSessionCollection(
  context: ResourceContext,
): JobSessionCollection<ReplicaJobSession, ReplicaTaskSession> {
  return {
    ...entityCollection(context, {
      path: 'replicaSessions',
      kind: 'ReplicaJobSession',
      entityRoot: 'ReplicaJobSession',
      listRoot: 'ReplicaJobSessions',
      itemsOf: (list) => list.ReplicaJobSessions,
    }),
    taskSessions: async (idOrUid, options) =>
      (
        await context.get(
          `replicaSessions/${resourceId(idOrUid, 'ReplicaJobSession')}/replicaTaskSessions`,
          'EntityReferences',
          options,
        )
      ).Refs,
    taskSessionEntities: (idOrUid, options) =>
      context.queryEntities(
        'ReplicaTaskSession',
        where<'ReplicaTaskSession'>(
          'JobSessionUid',
          '==',
          formatUid('ReplicaJobSession', resourceId(idOrUid, 'ReplicaJobSession')),
        ),
        options,
      ),
  };
}
