import type {
  BackupJobSession,
  BackupServer,
  BackupTaskSession,
  Job,
  Link,
  ReplicaJobSession,
  ReplicaTaskSession,
  RestoreSession,
  RootElementName,
  RootValue,
  Task,
} from '@vbem/model';
import { shownValue, typeOfRoot } from '@vbem/model';
import pLimit from 'p-limit';
import { bodyOf } from './body-of.js';
import type { ClientOptions, ResponseFormat } from './client-options.js';
import { EmConnection } from './em-connection.js';
import { AbortError } from './errors/abort-error.js';
import { ClientOptionsError } from './errors/client-options-error.js';
import { requestInfo } from './errors/request-info.js';
import { TimeoutError } from './errors/timeout-error.js';
import { checkedLink } from './followed-link.js';
import { checkJobSessionInput, type JobSessionKind, jobSessionKindOf } from './job-session-kind.js';
import { rootOfLink } from './link-root.js';
import { type ActiveLogon, LogonManager } from './logon-manager.js';
import { checkOptionKeys } from './option-keys.js';
import { didYouMean, fieldNamed } from './query/field-name.js';
import type { Filter } from './query/filter.js';
import { filterText } from './query/filter-text.js';
import type { FetchQueryPage, PageFetch, QueryCrawl } from './query/query-crawl.js';
import { QUERY_FIELDS, type QueryField, type QueryTypeName } from './query/query-fields.js';
import {
  DEFAULT_SORT,
  type QueryEntities,
  type QueryFormat,
  type QueryItem,
} from './query/query-items.js';
import { type QueryUrlParts, queryUrl } from './query/query-url.js';
import { ScrubbedCrawl } from './query/scrubbed-crawl.js';
import { resolveOptions } from './resolved-options.js';
import { type EntityCollection, entityCollection } from './resources/entity-collection.js';
import {
  backupSessionCollection,
  type JobSessionCollection,
  replicaSessionCollection,
} from './resources/job-session-collection.js';
import { type Reports, reports } from './resources/reports.js';
import {
  type CallOptions,
  checkedCallOptions,
  type ResourceContext,
} from './resources/resource-context.js';
import { resourceId } from './resources/resource-id.js';
import {
  checkPageSize,
  type JobSession,
  planSessions,
  type SessionLevel,
  type SessionsOptions,
  slicePartsOf,
  type TaskSession,
  type TaskSessionsOptions,
} from './sessions.js';
import { checkSignalOption } from './signal-option.js';
import { type StopSessionOptions, stopAndWait } from './stop-session.js';
import { beforeDeadline, unlessAborted } from './transport/abortable.js';
import { SignalFollower } from './transport/follow-signal.js';

export interface QueryOptions<Type extends QueryTypeName, Format extends QueryFormat> {
  readonly filter?: Filter<NoInfer<Type>> | Filter | string | undefined;
  /** Default: `CreationTime` for sessions, `Name` for jobs and servers, so that pages are stable. */
  readonly sortAsc?: QueryField<Type> | undefined;
  readonly sortDesc?: QueryField<Type> | undefined;
  /** Items per page (default 250). */
  readonly pageSize?: number | undefined;
  /** `entities` (default) or `references`. */
  readonly format?: Format | undefined;
  /** Pages in flight at once (default: the client's `concurrency`). */
  readonly concurrency?: number | undefined;
  readonly signal?: AbortSignal | undefined;
}

// A record, so that the compiler says when an option is added to QueryOptions and not here.
const QUERY_OPTIONS = Object.keys({
  filter: true,
  sortAsc: true,
  sortDesc: true,
  pageSize: true,
  format: true,
  concurrency: true,
  signal: true,
} satisfies Record<keyof QueryOptions<QueryTypeName, QueryFormat>, true>);

/** What `follow` returns: the root element it found and its typed value. */
export interface Followed<Root extends RootElementName = RootElementName> {
  readonly root: Root;
  readonly value: RootValue<Root>;
}

/** `follow`'s options: `root` names the root element when the link does not. */
interface FollowOptions extends CallOptions {
  readonly root?: RootElementName | undefined;
}

const FOLLOW_OPTIONS = Object.keys({
  signal: true,
  root: true,
} satisfies Record<keyof FollowOptions, true>);

export interface TaskSessionsOfOptions extends CallOptions {
  /** Sessions whose task sessions are fetched at once (default: the client's `concurrency`). */
  readonly concurrency?: number | undefined;
}

const TASK_SESSIONS_OF_OPTIONS = Object.keys({
  concurrency: true,
  signal: true,
} satisfies Record<keyof TaskSessionsOfOptions, true>);

/** The logon session the client holds, without its token. */
export interface LogonInfo {
  readonly sessionId: string;
  readonly apiVersion: string;
  readonly userName: string;
}

/** A client of one Enterprise Manager. Log off with `close()` or `await using`. */
export interface EmClient extends AsyncDisposable {
  /** The API base, e.g. `https://em.example.com:9398/api/`. */
  readonly apiBase: string;
  readonly format: ResponseFormat;
  /** Logs on now (otherwise the first request does) and tells with which version and account. */
  logon(options?: CallOptions): Promise<LogonInfo>;
  readonly backupSessions: JobSessionCollection<BackupJobSession, BackupTaskSession>;
  readonly replicaSessions: JobSessionCollection<ReplicaJobSession, ReplicaTaskSession>;
  readonly backupTaskSessions: EntityCollection<BackupTaskSession>;
  readonly replicaTaskSessions: EntityCollection<ReplicaTaskSession>;
  readonly restoreSessions: EntityCollection<RestoreSession>;
  readonly jobs: EntityCollection<Job>;
  readonly backupServers: EntityCollection<BackupServer>;
  readonly reports: Reports;
  /** GETs any EM link or href; `root` is needed in JSON mode when the link's Type does not tell. */
  follow<Root extends RootElementName>(
    link: Link | string,
    options: CallOptions & { readonly root: Root },
  ): Promise<Followed<Root>>;
  follow(link: Link | string, options?: FollowOptions): Promise<Followed>;
  /** Stops a running job session and waits for EM's stop task to finish. */
  stopSession(idOrUid: string, options?: StopSessionOptions): Promise<Task>;
  /** Every item of a query-service query, over all pages, each once. */
  query<Type extends QueryTypeName, Format extends QueryFormat = 'entities'>(
    type: Type,
    options?: QueryOptions<Type, Format>,
  ): QueryCrawl<QueryItem<Type, Format>>;
  /** Job sessions of a time window, filtered by EM, for reports: see `SessionsOptions`. */
  sessions(options?: SessionsOptions): QueryCrawl<JobSession>;
  /** Task sessions (one per VM and run) of a time window, the same way: no request per session. */
  taskSessions(options?: TaskSessionsOptions): QueryCrawl<TaskSession>;
  /** The task sessions of many job sessions, a bounded number of sessions at a time, in input order. */
  taskSessionsOf(
    sessions: Iterable<JobSession> | AsyncIterable<JobSession>,
    options?: TaskSessionsOfOptions,
  ): AsyncIterable<{
    readonly session: JobSession;
    readonly taskSessions: readonly (BackupTaskSession | ReplicaTaskSession)[];
  }>;
  /**
   * Logs off (best-effort, 5 s at most), then stops the calls still in flight (they fail with
   * `ClientClosedError`) and releases the connections. Safe to call twice.
   */
  close(): Promise<void>;
}

/**
 * A client of one Enterprise Manager. Nothing is sent until the first call; then it logs on once
 * (with the newest API version EM offers unless `apiVersion` says otherwise) and keeps the
 * session until `close()`.
 */
export function createClient(options: ClientOptions): EmClient {
  const resolved = resolveOptions(options);
  const connection = new EmConnection(resolved);
  const logons = new LogonManager(connection);
  connection.useTokens(logons);

  const get = async <Root extends RootElementName>(
    path: string,
    root: Root,
    call: CallOptions = {},
    page: Omit<PageFetch, 'signal'> = {},
  ): Promise<RootValue<Root>> => {
    try {
      const url = connection.resolve(path);
      const answer = await connection.send({
        method: 'GET',
        url,
        root,
        credentials: 'session',
        idempotent: true,
        signal: call.signal,
        cancel: page.cancel,
        decodeAfter: page.decodeAfter,
        onAnswered: page.onAnswered,
      });
      return bodyOf(answer, requestInfo('GET', url)).value;
    } catch (error) {
      // `path` may be an href from EM (a paging link), which a hostile EM can make carry the token.
      throw connection.scrubError(error);
    }
  };

  const fetchPage: FetchQueryPage = (url, { signal, ...page } = {}) =>
    get(url, 'QueryResult', signal ? { signal } : {}, page);

  const query = <Type extends QueryTypeName, Format extends QueryFormat = 'entities'>(
    type: Type,
    query: QueryOptions<Type, Format> = {},
  ): QueryCrawl<QueryItem<Type, Format>> => {
    if (typeof type !== 'string' || !Object.hasOwn(DEFAULT_SORT, type)) {
      throw new ClientOptionsError(
        `query type ${JSON.stringify(type)} is not one of ${Object.keys(DEFAULT_SORT).join(', ')}`,
      );
    }
    checkOptionKeys(query, QUERY_OPTIONS, 'query()');
    checkSignalOption(query.signal, 'query().signal');
    // Only undefined is not given: a JavaScript caller's null is refused, not taken as none.
    // A field of the type, in any case as EM takes it, sent as EM spells it: EM's answer to an
    // unknown one is a 400.
    const fields: readonly string[] = QUERY_FIELDS[type];
    const [sortAsc, sortDesc] = (['sortAsc', 'sortDesc'] as const).map((sort) => {
      const given: unknown = query[sort];
      if (given === undefined) return undefined;
      const field = typeof given === 'string' ? fieldNamed(given, fields) : undefined;
      if (field === undefined) {
        const hint = typeof given === 'string' ? didYouMean(given, fields) : '';
        throw new ClientOptionsError(
          `${sort} must be a field of ${type} (${fields.join(', ')}), got ${shownValue(given)}${hint}`,
        );
      }
      return field;
    });
    if (sortAsc !== undefined && sortDesc !== undefined) {
      throw new ClientOptionsError('give sortAsc or sortDesc, not both');
    }
    const format = query.format === undefined ? 'entities' : query.format;
    if (format !== 'entities' && format !== 'references') {
      throw new ClientOptionsError(
        `format must be 'entities' or 'references', got ${shownValue(format)}`,
      );
    }
    return new ScrubbedCrawl(
      connection,
      fetchPage,
      resolved.apiBase,
      [
        {
          type,
          format,
          filter: filterText(query.filter),
          sortAsc: sortDesc === undefined ? (sortAsc ?? DEFAULT_SORT[type]) : undefined,
          sortDesc,
          pageSize: checkPageSize(query.pageSize),
        },
      ],
      concurrencyOf(query.concurrency, resolved.concurrency),
      query.signal,
    );
  };

  const context: ResourceContext = {
    get,
    queryEntities: (type, filter, call = {}) =>
      query(type, { filter, ...(call.signal ? { signal: call.signal } : {}) }) as never,
  };

  const follow = (link: Link | string, call: FollowOptions = {}) =>
    followLink(link, call).catch((error: unknown) => {
      // The href is EM's, and may carry the token.
      throw connection.scrubError(error);
    });

  const followLink = async (link: Link | string, call: FollowOptions) => {
    const checked = checkedLink(link);
    checkOptionKeys(call, FOLLOW_OPTIONS, 'follow()');
    checkSignalOption(call.signal, 'follow().signal');
    const href = typeof checked === 'string' ? checked : checked.Href;
    if (call.root !== undefined && typeOfRoot(call.root) === undefined) {
      throw new ClientOptionsError(
        `root must be the name of an EM root element such as BackupJobSession, got ${shownValue(call.root)}`,
      );
    }
    const root =
      call.root === undefined
        ? typeof checked === 'string'
          ? undefined
          : rootOfLink(checked)
        : call.root;
    if (root === undefined && resolved.format === 'json') {
      throw new ClientOptionsError(
        `follow(${href}): a JSON body does not name its type; pass { root } (e.g. 'BackupJobSession')`,
      );
    }
    const url = connection.resolve(href);
    const answer = await connection.send({
      method: 'GET',
      url,
      root: root ?? 'any',
      credentials: 'session',
      idempotent: true,
      signal: call.signal,
    });
    const body = bodyOf(answer, requestInfo('GET', url));
    return { root: body.root, value: body.value } as Followed;
  };

  const stopSession = async (idOrUid: string, stop: StopSessionOptions = {}) => {
    // EM documents a Stop for backup job sessions only: a replica session has no Stop link.
    if (typeof idOrUid === 'string' && idOrUid.startsWith('urn:veeam:ReplicaJobSession:')) {
      throw new ClientOptionsError(
        `stopSession: ${idOrUid} is a replica job session; EM can stop backup job sessions only (POST /backupSessions/{id}?action=stop)`,
      );
    }
    const path = `backupSessions/${resourceId(idOrUid, 'BackupJobSession')}`;
    return stopAndWait(connection, connection.resolve(path), stop).catch((error: unknown) => {
      // The stop task's Href is EM's, and may carry the token.
      throw connection.scrubError(error);
    });
  };

  async function* taskSessionsOf(
    sessions: Iterable<JobSession> | AsyncIterable<JobSession>,
    call: TaskSessionsOfOptions = {},
  ) {
    checkJobSessionInput(sessions);
    checkOptionKeys(call, TASK_SESSIONS_OF_OPTIONS, 'taskSessionsOf()');
    const limit = pLimit(concurrencyOf(call.concurrency, resolved.concurrency));
    const window: Promise<{
      session: JobSession;
      taskSessions: (BackupTaskSession | ReplicaTaskSession)[];
    }>[] = [];
    // Aborted by the caller's signal, or once the caller stops reading (a `break`): the crawls
    // still on their way for sessions never handed out are then cancelled.
    checkSignalOption(call.signal, 'taskSessionsOf().signal');
    const stop = new AbortController();
    // The caller's signal is followed only while crawls are on their way: a reader that walks away
    // without return() must not leave the sessions fetched ahead reachable from a long-lived signal.
    const follower = new SignalFollower(call.signal);
    follower.signal?.addEventListener('abort', () => stop.abort(call.signal?.reason), {
      once: true,
    });
    const crawlCall = { signal: stop.signal };
    const crawlOf = (session: JobSession, kind: JobSessionKind) => {
      const collection = kind === 'ReplicaJobSession' ? replicaSessions : backupSessions;
      return collection.taskSessionEntities(session.UID, crawlCall) as QueryCrawl<
        BackupTaskSession | ReplicaTaskSession
      >;
    };
    const tasksOf = (session: JobSession, kind: JobSessionKind) =>
      limit(async () => {
        const release = follower.hold();
        try {
          return { session, taskSessions: await crawlOf(session, kind).toArray() };
        } finally {
          release();
        }
      });
    let index = 0;
    try {
      for await (const session of sessions) {
        const kind = jobSessionKindOf(session, index++);
        if (call.signal?.aborted) stop.abort(call.signal.reason);
        // Given the aborted signal, the session's crawl sends nothing and fails with the
        // AbortError of the request it would have sent.
        if (stop.signal.aborted) await crawlOf(session, kind).toArray();
        const next = tasksOf(session, kind);
        next.catch(() => {});
        window.push(next);
        // Keep at most `concurrency` sessions waiting, so an endless input never piles up.
        if (window.length >= limit.concurrency) yield await (window.shift() as (typeof window)[0]);
      }
      while (window.length > 0) yield await (window.shift() as (typeof window)[0]);
    } finally {
      stop.abort();
    }
  }

  const crawlSessions = <Session>(
    sessions: SessionsOptions | TaskSessionsOptions,
    level: SessionLevel,
  ): QueryCrawl<Session> => {
    const plan = planSessions(sessions, level);
    const concurrency = concurrencyOf(sessions.concurrency, resolved.concurrency);
    const parts = async () => {
      // Counting costs tiny requests (one a family and chunk of names, more for a slice cut in
      // two) and tells how finely to slice; no more of them in flight than the crawl's pages.
      const limit = pLimit(concurrency);
      // Once a count fails the others are of no use: those queued send nothing, those in flight stop.
      const stop = new AbortController();
      const forward = () => stop.abort();
      if (sessions.signal?.aborted) forward();
      else sessions.signal?.addEventListener('abort', forward, { once: true });
      const count = (parts: QueryUrlParts) =>
        limit(async () => {
          try {
            const url = queryUrl(resolved.apiBase, parts, 1);
            return (await fetchPage(url, { signal: stop.signal })).PagingInfo.PagesCount;
          } catch (error) {
            // At once, before the queue hands the freed slot to the next count.
            stop.abort();
            throw error;
          }
        });
      try {
        const perFamily = await Promise.all(
          plan.types.flatMap((type) =>
            Array.from({ length: plan.filterCount }, (_, filter) =>
              slicePartsOf(plan, type, filter, count, resolved.apiBase),
            ),
          ),
        );
        return perFamily.flat();
      } catch (error) {
        // A slicing that failed on counts that do not add up stops the other slicings' counts too.
        stop.abort();
        throw error;
      } finally {
        sessions.signal?.removeEventListener('abort', forward);
      }
    };
    return new ScrubbedCrawl<Session>(
      connection,
      fetchPage,
      resolved.apiBase,
      parts,
      concurrency,
      sessions.signal,
    );
  };

  const backupSessions = backupSessionCollection(context);
  const replicaSessions = replicaSessionCollection(context);

  // Every close() (and asyncDispose) is the first one: none resolves before the logoff is done.
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      try {
        await logons.close();
      } finally {
        await connection.close();
      }
    })();
    return closing;
  };

  return {
    apiBase: resolved.apiBase,
    format: resolved.format,
    logon: async (call) => {
      const { signal } = checkedCallOptions(call, 'logon()');
      const aborted = () => {
        const request = logons.logonRequest();
        return new AbortError(`the logon was aborted (${request.method} ${request.url})`, {
          request,
        });
      };
      // As every call: a closed client says so first, whatever the signal.
      logons.throwIfClosing();
      if (signal?.aborted) throw aborted();
      const deadlineAt =
        resolved.deadline === undefined ? undefined : Date.now() + resolved.deadline;
      const pending = beforeDeadline(logons.active(), deadlineAt, () => {
        const request = logons.logonRequest();
        return new TimeoutError(
          `the logon ran past the call's deadline (${request.method} ${request.url})`,
          { request },
        );
      });
      // The logon is shared: this caller's abort stops its wait, not the logon (close() logs it off).
      const active: ActiveLogon = signal
        ? await unlessAborted(pending, signal).catch((error: unknown) => {
            throw signal.aborted ? aborted() : error;
          })
        : await pending;
      return {
        sessionId: active.sessionId,
        apiVersion: active.apiVersion,
        userName: active.userName,
      };
    },
    backupSessions,
    replicaSessions,
    backupTaskSessions: entityCollection(context, {
      path: 'backupTaskSessions',
      kind: 'BackupTaskSession',
      entityRoot: 'BackupTaskSession',
      listRoot: 'BackupTaskSessions',
      itemsOf: (list) => list.BackupTaskSessions,
    }),
    replicaTaskSessions: entityCollection(context, {
      path: 'replicaTaskSessions',
      kind: 'ReplicaTaskSession',
      entityRoot: 'ReplicaTaskSession',
      listRoot: 'ReplicaTaskSessions',
      itemsOf: (list) => list.ReplicaTaskSessions,
    }),
    restoreSessions: entityCollection(context, {
      path: 'restoreSessions',
      kind: 'RestoreSession',
      entityRoot: 'RestoreSession',
      listRoot: 'RestoreSessions',
      itemsOf: (list) => list.RestoreSessions,
    }),
    jobs: entityCollection(context, {
      path: 'jobs',
      kind: 'Job',
      entityRoot: 'Job',
      listRoot: 'Jobs',
      itemsOf: (list) => list.Jobs,
    }),
    backupServers: entityCollection(context, {
      path: 'backupServers',
      kind: 'BackupServer',
      entityRoot: 'BackupServer',
      listRoot: 'BackupServers',
      itemsOf: (list) => list.BackupServers,
    }),
    reports: reports(context),
    follow: follow as EmClient['follow'],
    stopSession,
    query,
    sessions: (sessions: SessionsOptions = {}) => crawlSessions<JobSession>(sessions, 'job'),
    taskSessions: (tasks: TaskSessionsOptions = {}) => crawlSessions<TaskSession>(tasks, 'task'),
    taskSessionsOf,
    close,
    [asyncDisposeKey()]: close,
  };
}

/**
 * `Symbol.asyncDispose` as `await using` looks it up: read at each createClient, so that a
 * polyfill loaded after this module counts; on Node 20.0 to 20.3, which lack it, the symbol Node
 * 20.4 and later define, rather than a property named "undefined".
 */
const asyncDisposeKey = (): typeof Symbol.asyncDispose =>
  Symbol.asyncDispose ?? (Symbol.for('nodejs.asyncDispose') as typeof Symbol.asyncDispose);

function concurrencyOf(asked: number | undefined, fallback: number): number {
  const value = asked === undefined ? fallback : asked;
  if (!Number.isInteger(value) || value < 1) {
    throw new ClientOptionsError(`concurrency must be an integer >= 1, got ${shownValue(asked)}`);
  }
  return value;
}

export type { QueryEntities };
