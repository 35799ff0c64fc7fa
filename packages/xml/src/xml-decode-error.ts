import { VbemError } from '@vbem/model';

/** Why a document could not be decoded. */
export type XmlDecodeErrorCode =
  /** Not well-formed XML: truncated, mismatched tags, garbage, empty, a bad reference. */
  | 'malformed'
  /** A `<!DOCTYPE` or `<!ENTITY`: refused before parsing, nothing is expanded. */
  | 'forbidden-declaration'
  /** An element or attribute named `__proto__`, `constructor` or `prototype`. */
  | 'forbidden-name'
  /** Bytes that are not valid in their encoding (UTF-8 unless a byte order mark or declaration says otherwise), or an encoding no decoder knows. */
  | 'invalid-encoding'
  /** A root element that no EM type declares, or another root than the caller asked for. */
  | 'unexpected-root'
  /** A value that does not fit its type: a date, number or boolean that does not parse. */
  | 'invalid-value'
  /** A required element or attribute is absent, or a single one appears twice. */
  | 'invalid-structure'
  /** With `strict`: an element or attribute the model does not know. */
  | 'unknown-content'
  /** An option of the call that is not usable: a limit that is not a whole number of at least 1. */
  | 'invalid-option';

/**
 * The document could not be decoded. Nothing is returned when this is thrown: there is no
 * partial value. `path` is the element path (`/QueryResult/Entities/…/CreationTimeUTC`); `line`
 * and `column` (1-based) are given where the position is known.
 */
export class XmlDecodeError extends VbemError {
  override readonly name = 'XmlDecodeError';

  constructor(
    readonly code: XmlDecodeErrorCode,
    readonly reason: string,
    readonly path: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    const where = line === undefined ? '' : ` at line ${line}, column ${column}`;
    super(`${reason}${where}${path ? ` (${path})` : ''}`);
  }
}
