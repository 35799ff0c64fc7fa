/** Something in EM JSON that the model does not know; decoding went on without it. */
export interface JsonWarning {
  readonly code: 'unknown-property' | 'unknown-enum-value';
  /** `/Links/2/NewKey`. */
  readonly path: string;
  /** The key, or the enum type for an unknown value. */
  readonly name: string;
  /** The unknown value, kept aside. */
  readonly value: unknown;
}
