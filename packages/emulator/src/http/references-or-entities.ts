import type { EntityReference } from '@vbem/model';
import type { ViewContext } from '../representation/entity-views.js';
import { type ListItems, type ListRootName, listOf, mapped } from './list-answer.js';
import { type RequestContext, wantsEntities } from './request-context.js';

/** The typed entity lists (`Jobs`, `BackupJobSessions`): every list type but the references'. */
export type EntityListName = Exclude<ListRootName, 'EntityReferences'>;

/**
 * A collection as EM answers it: `EntityReferences` of each item's `reference`, or with
 * `?format=Entity` the typed `entityList` (`Jobs`) of each item's `entity`.
 */
export function sendReferencesOrEntities<Item, List extends EntityListName>(
  context: RequestContext,
  items: Iterable<Item>,
  entityList: List,
  reference: (view: ViewContext, item: Item) => EntityReference,
  entity: (view: ViewContext, item: Item) => ListItems[List],
): void {
  const { view, respond } = context;
  if (wantsEntities(context))
    respond.sendList(
      200,
      listOf(
        entityList,
        mapped(items, (item) => entity(view, item)),
      ),
    );
  else
    respond.sendList(
      200,
      listOf(
        'EntityReferences',
        mapped(items, (item) => reference(view, item)),
      ),
    );
}
