/**
 * The base class of every error that vbem packages throw on purpose, so that callers can tell
 * them from programming errors with one `instanceof`. Each subclass has a literal `name`.
 */
export abstract class VbemError extends Error {
  abstract override readonly name: string;
}
