export { type AnyDecoded, type Decoded, decode } from './decode.js';
export {
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_WARNINGS,
  type DecodeOptions,
} from './decode-options.js';
export type { DecodeWarning } from './decode-warning.js';
export { EM_NAMESPACE } from './em-namespace.js';
export { type EncodeOptions, encode } from './encode.js';
export { XmlDecodeError, type XmlDecodeErrorCode } from './xml-decode-error.js';
export { XmlEncodeError } from './xml-encode-error.js';
export { XmlLimitError } from './xml-limit-error.js';
