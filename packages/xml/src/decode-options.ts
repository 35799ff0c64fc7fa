import type { RootElementName } from '@vbem/model';

/** Defaults of the decoding limits; every limit is explicit and can be changed per call. */
export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
export const DEFAULT_MAX_DEPTH = 64;
// One default for both decoders: the same document in XML or JSON keeps the same warnings.
export { DEFAULT_MAX_WARNINGS } from '@vbem/model';

export interface DecodeOptions {
  /** The root element the caller expects; another root is an `XmlDecodeError` (`unexpected-root`). */
  readonly root?: RootElementName | undefined;
  /** Unknown elements and attributes are errors instead of warnings. Unknown enum values stay warnings. */
  readonly strict?: boolean | undefined;
  /** Largest document accepted, in UTF-8 bytes (default 256 MiB). */
  readonly maxBytes?: number | undefined;
  /**
   * Deepest element nesting accepted, the root being at depth 1 and self-closing elements counted
   * like any other (default 64; EM documents nest about 12 deep).
   */
  readonly maxDepth?: number | undefined;
  /**
   * Most warnings kept (default 1,000; 0 keeps none). Those past it are counted, not kept, and one
   * more warning, `warnings-omitted`, says how many: a body of a million unknown elements must not
   * hold a million copies of them.
   */
  readonly maxWarnings?: number | undefined;
}
