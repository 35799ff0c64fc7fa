import { VbemError } from './vbem-error.js';

/** A JSON body over a decoder's limit, refused before it is parsed: `XmlLimitError`'s JSON twin. */
export class JsonLimitError extends VbemError {
  override readonly name = 'JsonLimitError';

  constructor(
    readonly limit: 'maxDepth',
    /** The configured maximum. */
    readonly max: number,
    /** The character of the text (a UTF-16 index, from 0) where the limit was passed. */
    readonly offset: number,
  ) {
    super(`arrays and objects nest deeper than ${max} (${limit}) at character ${offset}`);
  }
}
