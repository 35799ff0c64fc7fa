import type {
  BackupJobSession,
  BackupTaskSession,
  EntityReference,
  ReplicaJobSession,
  ReplicaTaskSession,
  RootElementName,
  RootValue,
} from '@vbem/model';
import { formatUid } from '@vbem/model';
import { where } from '../query/filter.js';
import type { QueryCrawl } from '../query/query-crawl.js';
import {
  type CollectionSpec,
  type EntityCollection,
  entityCollection,
} from './entity-collection.js';
import { type CallOptions, checkedCallOptions, type ResourceContext } from './resource-context.js';
import { resourceId } from './resource-id.js';

/** Job sessions, with their task sessions. */
export interface JobSessionCollection<Session, TaskSession> extends EntityCollection<Session> {
  /** References to the task sessions of one job session (one per VM), as EM links them. */
  taskSessions(idOrUid: string, options?: CallOptions): Promise<EntityReference[]>;
  /** The task sessions of one job session as entities, in one query rather than one request each. */
  taskSessionEntities(idOrUid: string, options?: CallOptions): QueryCrawl<TaskSession>;
}

interface JobSessionSpec<EntityRoot extends RootElementName, ListRoot extends RootElementName>
  extends CollectionSpec<EntityRoot, ListRoot> {
  /** The task list below one session: `taskSessions` or `replicaTaskSessions`. */
  readonly tasksPath: string;
  readonly taskType: 'BackupTaskSession' | 'ReplicaTaskSession';
}

function jobSessionCollection<
  EntityRoot extends RootElementName,
  ListRoot extends RootElementName,
  TaskSession,
>(
  context: ResourceContext,
  spec: JobSessionSpec<EntityRoot, ListRoot>,
): JobSessionCollection<RootValue<EntityRoot>, TaskSession> {
  const idOf = (idOrUid: string) => resourceId(idOrUid, spec.kind);
  const optionsOf = (
    method: 'taskSessions' | 'taskSessionEntities',
    options: CallOptions | undefined,
  ) => checkedCallOptions(options, `${spec.path}.${method}()`);
  return {
    ...entityCollection(context, spec),
    taskSessions: async (idOrUid, options) =>
      (
        await context.get(
          `${spec.path}/${idOf(idOrUid)}/${spec.tasksPath}`,
          'EntityReferences',
          optionsOf('taskSessions', options),
        )
      ).Refs,
    taskSessionEntities: (idOrUid, options) =>
      context.queryEntities(
        spec.taskType,
        where<typeof spec.taskType>('JobSessionUid', '==', formatUid(spec.kind, idOf(idOrUid))),
        optionsOf('taskSessionEntities', options),
      ) as unknown as QueryCrawl<TaskSession>,
  };
}

export const backupSessionCollection = (
  context: ResourceContext,
): JobSessionCollection<BackupJobSession, BackupTaskSession> =>
  jobSessionCollection(context, {
    path: 'backupSessions',
    kind: 'BackupJobSession',
    entityRoot: 'BackupJobSession',
    listRoot: 'BackupJobSessions',
    itemsOf: (list) => list.BackupJobSessions,
    tasksPath: 'taskSessions',
    taskType: 'BackupTaskSession',
  });

export const replicaSessionCollection = (
  context: ResourceContext,
): JobSessionCollection<ReplicaJobSession, ReplicaTaskSession> =>
  jobSessionCollection(context, {
    path: 'replicaSessions',
    kind: 'ReplicaJobSession',
    entityRoot: 'ReplicaJobSession',
    listRoot: 'ReplicaJobSessions',
    itemsOf: (list) => list.ReplicaJobSessions,
    tasksPath: 'replicaTaskSessions',
    taskType: 'ReplicaTaskSession',
  });
