import {
  type BackupJobSession,
  type BackupServer,
  type BackupTaskSession,
  type EntityReference,
  type Job,
  objectTypeDescriptors,
  type ReplicaJobSession,
  type ReplicaTaskSession,
  type RestoreSession,
  type RootElementName,
  type RootValue,
  typeOfRoot,
} from '@vbem/model';

/** The item type of each list the emulator writes item by item: each type holds that list alone. */
export interface ListItems {
  EntityReferences: EntityReference;
  BackupJobSessions: BackupJobSession;
  ReplicaJobSessions: ReplicaJobSession;
  BackupTaskSessions: BackupTaskSession;
  ReplicaTaskSessions: ReplicaTaskSession;
  RestoreSessions: RestoreSession;
  Jobs: Job;
  BackupServers: BackupServer;
}

export type ListRootName = keyof ListItems;

/**
 * A list answer as a route gives it: a `root` body that holds one list of `list`'s type, with
 * its items still to be made. `items` is read once, item by item, as the body is written; `build`
 * makes the whole body from the items (all of them for a small list, one to find where items go).
 */
export interface ListAnswer<Root extends RootElementName, List extends ListRootName> {
  readonly root: Root;
  readonly list: List;
  readonly items: Iterable<ListItems[List]>;
  readonly build: (items: ListItems[List][]) => RootValue<Root>;
}

/**
 * How list answers are written: lists of up to `wholeBodyItems` items as one body with a
 * Content-Length, as EM sends them; longer ones chunked, in chunks of about `chunkCharacters`.
 * Tests change these to stream small lists or to write large ones whole.
 */
export const LIST_STREAMING = {
  wholeBodyItems: 1000,
  chunkCharacters: 64 * 1024,
};

/** The one property of a list type (`Refs` of EntityReferences); an error for a type with more. */
export function listFieldOf(list: ListRootName): string {
  const descriptor = objectTypeDescriptors[typeOfRoot(list) as keyof typeof objectTypeDescriptors];
  const [field, ...others] = descriptor.elements;
  if (!field?.list || field.list.wrapper || others.length || descriptor.attributes.length)
    throw new Error(`${list} is not a list alone: its items cannot be written one by one`);
  return field.name;
}

/** A list type's own body (`<Jobs>` of jobs, `<EntityReferences>` of references) as an answer. */
export function listOf<List extends ListRootName>(
  list: List,
  items: Iterable<ListItems[List]>,
): ListAnswer<List, List> {
  const field = listFieldOf(list);
  return {
    root: list,
    list,
    items,
    build: (all) => ({ [field]: all }) as unknown as RootValue<List>,
  };
}

/** `map` applied to each of `items`, one at a time, as they are read. */
export function* mapped<T, U>(items: Iterable<T>, map: (item: T) => U): Generator<U, void> {
  for (const item of items) yield map(item);
}
