export type {
  EnumTypeDescriptor,
  FieldDescriptor,
  ListLayout,
  ObjectTypeDescriptor,
  ScalarKind,
  TypeDescriptor,
} from './descriptor.js';
export {
  DATE_TIME_MAX_MS,
  DATE_TIME_MIN_MS,
  formatEmDateTime,
  parseEmDateTime,
} from './em-date-time.js';
export * from './generated/index.gen.js';
export { InvalidDateError } from './invalid-date-error.js';
export {
  type IsoInstantProblem,
  type IsoInstantReading,
  readIsoInstant,
} from './iso-instant.js';
export {
  DEFAULT_MAX_WARNINGS,
  type FromJsonOptions,
  type FromJsonResult,
  fromJson,
} from './json/from-json.js';
export type { JsonCasing } from './json/json-casing.js';
export type { JsonWarning } from './json/json-warning.js';
export { type ToJsonOptions, toJson } from './json/to-json.js';
export { JsonDecodeError } from './json-decode-error.js';
export { JsonEncodeError } from './json-encode-error.js';
export { JsonLimitError } from './json-limit-error.js';
export { findLink, findLinks, type HasLinks, type LinkQuery } from './links.js';
export { ownString } from './own-string.js';
export { typeOfRoot } from './root-type.js';
export { INT32_MAX, INT32_MIN, scalarValueProblem } from './scalar-check.js';
export {
  hasPlaceholderEnd,
  isPlaceholderEnd,
  isRunning,
  type SessionDuration,
  type SessionTimes,
  sessionDuration,
} from './session-duration.js';
export { isFinishedState, isRunningState } from './session-state.js';
export { shownValue } from './shown-value.js';
export {
  subMillisecondTicks,
  TICKS_PER_MILLISECOND,
  withSubMillisecondTicks,
} from './sub-millisecond-ticks.js';
export { timeOfDate } from './time-of-date.js';
export {
  collectionOfKind,
  formatUid,
  hrefOfUid,
  idOfUid,
  type ParsedUid,
  parseUid,
  type UidKind,
  uidOfHref,
} from './uid.js';
export { UidError } from './uid-error.js';
export { VbemError } from './vbem-error.js';
