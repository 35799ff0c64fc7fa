import type { EntityReference, RootElementName, RootValue } from '@vbem/model';
import { type CallOptions, checkedCallOptions, type ResourceContext } from './resource-context.js';
import { resourceId } from './resource-id.js';

/** A collection of EM entities: `/x` (references), `/x?format=Entity`, `/x/{id}`. */
export interface EntityCollection<Entity> {
  /** The references EM lists (for session collections: sessions created in the last 30 days). */
  list(options?: CallOptions): Promise<EntityReference[]>;
  /** The same list as entities, in one request. */
  listEntities(options?: CallOptions): Promise<Entity[]>;
  /** One entity by GUID or UID. */
  get(idOrUid: string, options?: CallOptions): Promise<Entity>;
  /** The reference form of one entity. */
  reference(idOrUid: string, options?: CallOptions): Promise<EntityReference>;
}

export interface CollectionSpec<
  EntityRoot extends RootElementName,
  ListRoot extends RootElementName,
> {
  /** The path below `/api/`, e.g. `backupSessions`. */
  readonly path: string;
  /** The UID kind of its entities, e.g. `BackupJobSession`. */
  readonly kind: string;
  readonly entityRoot: EntityRoot;
  readonly listRoot: ListRoot;
  readonly itemsOf: (list: RootValue<ListRoot>) => RootValue<EntityRoot>[];
}

export function entityCollection<
  EntityRoot extends RootElementName,
  ListRoot extends RootElementName,
>(
  context: ResourceContext,
  spec: CollectionSpec<EntityRoot, ListRoot>,
): EntityCollection<RootValue<EntityRoot>> {
  const itemUrl = (idOrUid: string) => `${spec.path}/${resourceId(idOrUid, spec.kind)}`;
  const optionsOf = (method: keyof EntityCollection<unknown>, options: CallOptions | undefined) =>
    checkedCallOptions(options, `${spec.path}.${method}()`);
  return {
    list: async (options) =>
      (await context.get(spec.path, 'EntityReferences', optionsOf('list', options))).Refs,
    listEntities: async (options) =>
      spec.itemsOf(
        await context.get(
          `${spec.path}?format=Entity`,
          spec.listRoot,
          optionsOf('listEntities', options),
        ),
      ),
    get: async (idOrUid, options) =>
      context.get(`${itemUrl(idOrUid)}?format=Entity`, spec.entityRoot, optionsOf('get', options)),
    reference: async (idOrUid, options) =>
      context.get(itemUrl(idOrUid), 'EntityRef', optionsOf('reference', options)),
  };
}
