/**
 * Something in EM JSON that the model does not know, or a key that was dropped: of a field under
 * both casings (`Href` and `href`), the PascalCase one is read (unless it is null) and the other
 * is reported as `duplicate-property`. Decoding went on without it.
 */
export interface JsonWarning {
  readonly code:
    | 'unknown-property'
    | 'unknown-enum-value'
    | 'duplicate-property'
    /** The last warning when there were more than `maxWarnings`: `value` is how many more were left out. */
    | 'warnings-omitted';
  /** `/Links/2/NewKey`. */
  readonly path: string;
  /** The key, or the enum type for an unknown value. */
  readonly name: string;
  /** The unknown or dropped value, kept aside. */
  readonly value: unknown;
}
