import { VbemError } from '@vbem/model';

/** A document exceeded a configured limit; decoding stopped before any value was built. */
export class XmlLimitError extends VbemError {
  override readonly name = 'XmlLimitError';

  constructor(
    readonly limit: 'maxBytes' | 'maxDepth',
    /** The configured maximum. */
    readonly max: number,
    readonly path: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    const what =
      limit === 'maxBytes'
        ? `the document is larger than ${max} bytes`
        : `elements nest deeper than ${max}`;
    const where = line === undefined ? '' : ` at line ${line}, column ${column}`;
    super(`${what} (${limit})${where}${path ? ` (${path})` : ''}`);
  }
}
