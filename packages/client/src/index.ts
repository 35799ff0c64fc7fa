export { VbemError } from '@vbem/model';
export {
  createClient,
  type EmClient,
  type Followed,
  type LogonInfo,
  type QueryOptions,
  type TaskSessionsOfOptions,
} from './client.js';
export type {
  ClientEvent,
  ClientOptions,
  ResponseFormat,
  RetryOptions,
  TlsOptions,
} from './client-options.js';
export { AbortError } from './errors/abort-error.js';
export { AuthenticationError } from './errors/authentication-error.js';
export { ClientClosedError } from './errors/client-closed-error.js';
export { ClientError, type ClientErrorOptions } from './errors/client-error.js';
export { ClientOptionsError } from './errors/client-options-error.js';
export { HttpError, type HttpErrorOptions } from './errors/http-error.js';
export { NetworkError } from './errors/network-error.js';
export { NotEnterpriseManagerError } from './errors/not-enterprise-manager-error.js';
export { NotFoundError } from './errors/not-found-error.js';
export { PermissionError } from './errors/permission-error.js';
export { ProxyAuthenticationError } from './errors/proxy-authentication-error.js';
export { RateLimitedError } from './errors/rate-limited-error.js';
export type { RequestInfo } from './errors/request-info.js';
export { ResponseError } from './errors/response-error.js';
export { ResponseTooLargeError } from './errors/response-too-large-error.js';
export { TaskFailedError } from './errors/task-failed-error.js';
export { TimeoutError } from './errors/timeout-error.js';
export { TlsError } from './errors/tls-error.js';
export { sessionFamilyOf } from './job-type-family.js';
export { plainHttpWarning } from './loopback-host.js';
export { anyOf, Filter, FilterError, type FilterOperator, where } from './query/filter.js';
export type { QueryPage, QueryStats } from './query/query-crawl.js';
export { QueryCrawl } from './query/query-crawl.js';
export {
  QUERY_FIELDS,
  type QueryField,
  type QueryFieldValues,
  type QueryTypeName,
} from './query/query-fields.js';
export type { QueryEntities, QueryFormat, QueryItem } from './query/query-items.js';
export type { EntityCollection } from './resources/entity-collection.js';
export type { JobSessionCollection } from './resources/job-session-collection.js';
export type { Reports } from './resources/reports.js';
export type { CallOptions } from './resources/resource-context.js';
export {
  type JobSession,
  MAX_COUNTED_SLICES,
  MAX_FILTER_LENGTH,
  MAX_FILTERS,
  MAX_NAMES_PER_FILTER,
  MAX_PAGE_SIZE,
  type SessionFamily,
  type SessionsOptions,
  type TaskSession,
  type TaskSessionsOptions,
} from './sessions.js';
export type { StopSessionOptions } from './stop-session.js';
export type { ProxyRoute } from './transport/proxy-route.js';
export { isTlsFailureCode } from './transport/tls-failure-code.js';
