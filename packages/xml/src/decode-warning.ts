/** Something in the document that the model does not know; decoding went on without it. */
export interface DecodeWarning {
  readonly code:
    | 'unknown-element'
    | 'unknown-attribute'
    | 'unknown-text'
    | 'unknown-enum-value'
    /** The last warning when there were more than `maxWarnings`: `value` is how many more were left out. */
    | 'warnings-omitted';
  /**
   * Element path of the unknown part: `/BackupJobSession/NewElement`, `/…/Link[2]/@Extra`. For
   * display: a name of more than 80 characters is cut to 80 and ends in `…`.
   */
  readonly path: string;
  /** Its qualified name, whole, as the document writes it; or the enum type for an unknown value. */
  readonly name: string;
  /** The unknown part, kept aside: attribute or text value, enum value, or the element as one parse gives it (a `preserveOrder` node). */
  readonly value: unknown;
}
