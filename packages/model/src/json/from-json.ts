import {
  objectTypeDescriptors,
  type RootElementName,
  type RootValue,
} from '../generated/index.gen.js';
import { jsonReaders } from '../generated/json-readers.gen.js';
import { JsonDecodeError } from '../json-decode-error.js';
import { typeOfRoot } from '../root-type.js';
import { shownValue } from '../shown-value.js';
import { keepJsonShapes } from './json-shapes.js';
import type { JsonWarning } from './json-warning.js';
import { readObject } from './object-reader.js';
import { newReadContext } from './read-context.js';

/** A decoded JSON document: the typed value and what the model did not know. */
export interface FromJsonResult<Root extends RootElementName> {
  readonly root: Root;
  readonly value: RootValue<Root>;
  readonly warnings: readonly JsonWarning[];
}

/**
 * Reads EM's JSON (already parsed) into the model value of a root element, as the descriptors
 * say: the root name is dropped, attributes are properties, lists sit under their own name,
 * `null` means absent. Accepts PascalCase (EM 12) and camelCase (EM 13) keys without being told.
 * Unknown keys with a value are reported in `warnings`; unknown keys with `null` (EM lists every
 * entity-list type of a query result that way) are ignored.
 */
export interface FromJsonOptions {
  /**
   * Most warnings kept (default 1,000; 0 keeps none). Those past it are counted, not kept, and one
   * more warning, `warnings-omitted`, says how many.
   */
  readonly maxWarnings?: number | undefined;
}

/** The default of `maxWarnings`, for `fromJson` and for `@vbem/xml`'s `decode`. */
export const DEFAULT_MAX_WARNINGS = 1000;

export function fromJson<Root extends RootElementName>(
  root: Root,
  json: unknown,
  options: FromJsonOptions = {},
): FromJsonResult<Root> {
  if (typeof options !== 'object' || options === null) {
    throw new JsonDecodeError(
      'invalid-option',
      `options must be an object, got ${shownValue(options)}`,
      '',
    );
  }
  const maxWarnings = options.maxWarnings ?? DEFAULT_MAX_WARNINGS;
  if (!Number.isSafeInteger(maxWarnings) || maxWarnings < 0) {
    throw new JsonDecodeError(
      'invalid-option',
      `maxWarnings must be a whole number of at least 0, got ${shownValue(maxWarnings)}`,
      '',
    );
  }
  const type = typeOfRoot(root);
  if (!type)
    throw new JsonDecodeError(
      'unexpected-root',
      `no EM type has the root element ${shownValue(root)}`,
      '',
    );
  const fast = jsonReaders[type](json);
  if (fast !== undefined) {
    keepJsonShapes(json, objectTypeDescriptors[type]);
    return { root, value: fast as unknown as RootValue<Root>, warnings: [] };
  }
  // Whatever the fast reader would not read exactly as readObject does (an unknown key or enum
  // value, a field under two keys, an error) is read again by readObject, which says what it is.
  const context = newReadContext(maxWarnings);
  const value = readObject(json, objectTypeDescriptors[type], context);
  if (context.omittedWarnings > 0) {
    context.warnings.push({
      code: 'warnings-omitted',
      path: '',
      name: 'maxWarnings',
      value: context.omittedWarnings,
    });
  }
  return { root, value: value as unknown as RootValue<Root>, warnings: context.warnings };
}
