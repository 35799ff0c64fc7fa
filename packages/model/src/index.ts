export type {
  EnumTypeDescriptor,
  FieldDescriptor,
  ListLayout,
  ObjectTypeDescriptor,
  ScalarKind,
  TypeDescriptor,
} from './descriptor.js';
export * from './generated/index.gen.js';
export { findLink, findLinks, type HasLinks, type LinkQuery } from './links.js';
export {
  isRunning,
  type SessionDuration,
  type SessionTimes,
  sessionDuration,
} from './session-duration.js';
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
