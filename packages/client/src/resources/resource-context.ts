import type { RootElementName, RootValue } from '@vbem/model';
import { checkOptionKeys } from '../option-keys.js';
import type { Filter } from '../query/filter.js';
import type { QueryCrawl } from '../query/query-crawl.js';
import type { QueryTypeName } from '../query/query-fields.js';
import type { QueryEntities } from '../query/query-items.js';
import { checkSignalOption } from '../signal-option.js';

/** A call's own options. */
export interface CallOptions {
  readonly signal?: AbortSignal | undefined;
}

// A record, so that the compiler says when an option is added to CallOptions and not here.
const CALL_OPTIONS = Object.keys({ signal: true } satisfies Record<keyof CallOptions, true>);

/**
 * The options given to `call` (`jobs.list()`), empty when none were; refused when they are not
 * an object, hold a key other than `signal`, or a `signal` that is no AbortSignal.
 */
export function checkedCallOptions(options: CallOptions | undefined, call: string): CallOptions {
  if (options === undefined) return {};
  checkOptionKeys(options, CALL_OPTIONS, call);
  checkSignalOption(options.signal, `${call}.signal`);
  return options;
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
