import type { Dataset } from '../dataset/dataset.js';
import type { DatasetAtClock } from '../dataset/dataset-clock.js';
import type { SessionStops } from '../dataset/session-stops.js';
import type { EmulatorUser } from '../emulator-options.js';
import type { StatsCounter } from '../emulator-stats.js';
import type { QueryService } from '../query/query-service.js';
import type { ViewContext } from '../representation/entity-views.js';
import type { EmResponder } from './em-responder.js';
import { isEntityFormat } from './entity-format.js';
import type { LogonSession, LogonSessions } from './logon-sessions.js';
import type { StopTasks } from './stop-tasks.js';

/** What lives as long as the emulator: the dataset and everything that changes while it runs. */
export interface EmulatorState {
  /** The dataset as served: generated, with the stops applied (see `RequestContext.atClock`). */
  readonly dataset: Dataset;
  readonly stops: SessionStops;
  readonly sessions: LogonSessions;
  readonly stats: StatsCounter;
  readonly queries: QueryService;
  readonly stopTasks: StopTasks;
  readonly users: readonly EmulatorUser[];
  readonly emVersion: 12 | 13;
  readonly now: () => Date;
}

/** One request, as a route handler sees it. */
export interface RequestContext {
  readonly method: string;
  readonly params: Readonly<Record<string, string>>;
  /** A query parameter by case-insensitive name, as EM reads them. */
  query(name: string): string | undefined;
  /** The query string exactly as sent, without `?`: EM repeats it in paging links. */
  readonly sentQuery: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** `http(s)://host:port/api/` as the client reached it. */
  readonly apiBase: string;
  readonly respond: EmResponder;
  /** The dataset at the request's reading of the clock; `view.dataset` is its dataset. */
  readonly atClock: DatasetAtClock;
  readonly view: ViewContext;
  readonly state: EmulatorState;
  /** The caller's logon session; set for every route but the API root and the logon. */
  readonly logonSession: LogonSession | undefined;
}

/** Answers a request through `context.respond`, at once or (a query) once it has evaluated. */
export type RouteHandler = (context: RequestContext) => void | Promise<void>;

/** Whether `?format=Entity` (any case) asks for entities instead of references. */
export const wantsEntities = (context: RequestContext): boolean =>
  isEntityFormat(context.query('format'));
