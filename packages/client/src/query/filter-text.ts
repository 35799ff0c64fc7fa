import { shownValue } from '@vbem/model';
import { ClientOptionsError } from '../errors/client-options-error.js';
import { isFilter } from './filter-brand.js';

/**
 * The text of `query()`'s `filter`: a string as given, a `Filter` (from any copy of @vbem/client)
 * as it renders; undefined when not given. Anything else (a JavaScript caller's null, a number) is refused rather than sent
 * as its string conversion, which EM would read as a field named "null".
 */
export function filterText(filter: unknown): string | undefined {
  if (filter === undefined) return undefined;
  if (typeof filter === 'string') return filter;
  // Not instanceof: a Filter from another copy of @vbem/client is as good as one from this copy.
  if (isFilter(filter)) return filter.toString();
  throw new ClientOptionsError(
    `filter must be a string or a Filter (from where or anyOf), got ${shownValue(filter)}`,
  );
}
