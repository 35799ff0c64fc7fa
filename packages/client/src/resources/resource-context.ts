import type { RootElementName, RootValue } from '@vbem/model';
import type { Filter } from '../query/filter.js';
import type { QueryCrawl } from '../query/query-crawl.js';
import type { QueryTypeName } from '../query/query-fields.js';
import type { QueryEntities } from '../query/query-items.js';

/** A call's own options. */
export interface CallOptions {
  readonly signal?: AbortSignal | undefined;
}

/** What resources need from the client: typed GETs and entity queries. */
export interface ResourceContext {
  /** GET `path` (relative to the API base, or an absolute EM href) expecting `root`. */
  get<Root extends RootElementName>(
    path: string,
    root: Root,
    options?: CallOptions,
  ): Promise<RootValue<Root>>;
  queryEntities<Type extends QueryTypeName>(
    type: Type,
    filter: Filter<Type>,
    options?: CallOptions,
  ): QueryCrawl<QueryEntities[Type]>;
}
