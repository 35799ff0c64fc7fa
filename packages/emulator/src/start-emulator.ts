import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { type RootElementName, shownValue, timeOfDate } from '@vbem/model';
import { bindAddressOf } from './bind-address.js';
import { checkEmulatorOptions } from './check-emulator-options.js';
import { checkedClock } from './checked-clock.js';
import { ClockReadingError } from './clock-reading-error.js';
import { connectionTimeouts } from './connection-timeouts.js';
import type { Dataset } from './dataset/dataset.js';
import { generateDataset } from './dataset/generate-dataset.js';
import { SessionStops } from './dataset/session-stops.js';
import { DEFAULT_USER, type EmulatorOptions } from './emulator-options.js';
import { EmulatorOptionsError } from './emulator-options-error.js';
import { type EmulatorStats, StatsCounter } from './emulator-stats.js';
import { UNAUTHORIZED_MESSAGE } from './http/auth-routes.js';
import { type Answer, EmResponder } from './http/em-responder.js';
import { ActiveFaultPlan, type FaultPlan } from './http/fault-plan.js';
import type { AnswerFault, Fault } from './http/fault-rule.js';
import { injectedStatusMessage } from './http/injected-status-message.js';
import { LogonSessions } from './http/logon-sessions.js';
import { PendingDelays } from './http/pending-delays.js';
import { queryParameters } from './http/query-parameters.js';
import type { EmulatorState, RequestContext } from './http/request-context.js';
import { requestTarget } from './http/request-target.js';
import { decodedParams, matchRoute } from './http/route-table.js';
import { answerRootOf, ROUTES } from './http/routes.js';
import { statusText } from './http/status-text.js';
import { StopTasks } from './http/stop-tasks.js';
import { listenError } from './listen-error.js';
import { QueryService } from './query/query-service.js';
import { staleDatasetWarning } from './stale-dataset-warning.js';
import { tlsServerOptions } from './tls-server-options.js';

export interface RunningEmulator {
  /** Base URL without `/api`, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly dataset: Dataset;
  /** Faults to inject from now on: `add(rule)`, `remove(rule)`, `clear()`. */
  readonly faults: FaultPlan;
  stats(): EmulatorStats;
  /** Stops listening and ends every connection, stalled ones included, and every pending latency. */
  close(): Promise<void>;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/i;

/** Starts a faithful EM on loopback: the same URLs, status codes, headers, XML and JSON bodies. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  checkEmulatorOptions(options);
  const host = bindAddressOf(options.host ?? '127.0.0.1') as string;
  const clock = options.now ?? (() => new Date());
  const reading: unknown = clock();
  const startedAtMs = timeOfDate(reading);
  if (startedAtMs === undefined || Number.isNaN(startedAtMs))
    throw new EmulatorOptionsError(
      'now',
      `must return a valid Date, returned ${shownValue(reading)}`,
    );
  const startedAt = new Date(startedAtMs);
  const warn = options.onWarning ?? ((message: string) => console.warn(message));
  // Every later reading is checked too: a request that reads a bad one is answered 500.
  const now = checkedClock(clock, (error) => warn(`vbem emulator: ${error.message}`));
  const emVersion = options.emVersion ?? 13;
  // `dataset.now` given as undefined is not given: the history still ends at the clock's time.
  const stops = new SessionStops(
    generateDataset({ ...options.dataset, now: options.dataset?.now ?? startedAt }),
  );
  const { dataset } = stops;
  const stale = staleDatasetWarning(dataset.now, startedAt);
  if (stale) warn(stale);
  const stats = new StatsCounter();
  const state: EmulatorState = {
    dataset,
    stops,
    stats,
    sessions: new LogonSessions(
      options.idleTimeoutMs ?? 15 * 60 * 1000,
      now,
      () => stats.expiredLogonSessions++,
    ),
    queries: new QueryService(dataset, emVersion, stops.clock, now),
    stopTasks: new StopTasks(options.stopTaskPolls ?? 1),
    users: options.users ?? [DEFAULT_USER],
    emVersion,
    now,
  };
  const faults = new ActiveFaultPlan(options.faults);
  const delays = new PendingDelays();
  const protocol = options.tls ? 'https' : 'http';
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    // The Date header by the emulator's clock, as EM's is by its own, so that a client that
    // compares clocks (vbem doctor) sees the skew of a fixed `now`. A bad reading leaves Node's:
    // handleRequest answers 500 for it.
    try {
      response.setHeader('Date', now().toUTCString());
      response.sendDate = false;
    } catch {}
    void handleRequest(state, faults, delays, protocol, request, response).catch(
      (error: unknown) => {
        if (!response.headersSent) {
          new EmResponder(response, false, emVersion).error(
            500,
            error instanceof ClockReadingError
              ? error.message
              : `Emulator failure: ${(error as Error).message}`,
          );
        } else {
          response.destroy();
        }
      },
    );
  };
  const timeouts = connectionTimeouts(options);
  // A TLS handshake is held to the headers' limit too: Node's own is 120 s.
  const server: Server = options.tls
    ? createHttpsServer(
        {
          ...tlsServerOptions(options.tls),
          ...timeouts,
          handshakeTimeout: timeouts.headersTimeout,
        },
        handle,
      )
    : createHttpServer(timeouts, handle);
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(listenError(error, host, options.port ?? 0)));
    server.listen(options.port ?? 0, host, () => resolve());
  });
  // Said once listening: a host it cannot listen on is an error, not an exposed emulator.
  if (!LOOPBACK.test(host)) {
    try {
      warn(
        `vbem emulator: listening on ${host}, which is not a loopback address; anyone who reaches it can log on with the emulator's accounts.`,
      );
    } catch (error) {
      // An onWarning that throws (a test making warnings failures) gets no emulator to close.
      await new Promise<void>((resolve) => server.close(() => resolve()));
      throw error;
    }
  }
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `${protocol}://${urlHost}:${port}`,
    dataset,
    faults: faults.view,
    stats: () => stats.snapshot(state.sessions.size),
    close: () =>
      new Promise<void>((resolve) => {
        delays.cancelAll();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

async function handleRequest(
  state: EmulatorState,
  faults: ActiveFaultPlan,
  delays: PendingDelays,
  protocol: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const method = request.method ?? 'GET';
  const accept = request.headers.accept ?? '';
  const respond = new EmResponder(response, /application\/json/i.test(accept), state.emVersion);
  const url = requestTarget(request);
  if (!url) {
    state.stats.countRoute(`${method} (bad request)`);
    return respond.error(400, 'The request URL or its Host header is malformed.');
  }
  const apiBase = `${protocol}://${url.host}/api/`;
  if (url.apiPath === undefined) {
    state.stats.countRoute(`${method} (outside /api)`);
    return respond.error(404, `${url.pathname} is not an EM resource.`);
  }
  const match = matchRoute(ROUTES, method, url.apiPath);
  // A 405 counts under the pattern its path matched, with the method it was sent with.
  state.stats.countRoute(
    match.kind === 'found'
      ? `${method} /${match.route.pattern}`
      : match.kind === 'wrong-method'
        ? `${method} /${match.pattern}`
        : `${method} (unmatched)`,
  );

  const token = tokenOf(request);
  const fault = faults.faultFor(method, url.apiPath, url.search);
  if (fault) {
    state.stats.countFault(fault.kind);
    if ('acted' in fault && fault.acted === true) {
      respond.intercept((answer) => spoilAnswer(fault, answer, request, response));
    } else {
      // Unacted, a spoilt body is the start of what the route would answer (an Error off-route).
      const root =
        match.kind === 'found'
          ? answerRootOf(match.route.answers, queryParameters(url.search).get('format'))
          : 'Error';
      const handled = await applyFault(
        fault,
        state,
        delays,
        token,
        root,
        respond,
        request,
        response,
      );
      if (handled) return;
    }
  }
  if (match.kind === 'not-found') return respond.error(404, `${url.pathname} was not found.`);
  if (match.kind === 'wrong-method')
    return respond.error(405, `${method} is not allowed here.`, {
      Allow: match.allowed.join(', '),
    });

  const logonSession = match.route.anonymous || !token ? undefined : state.sessions.use(token);
  if (!match.route.anonymous && !logonSession) return respond.error(401, UNAUTHORIZED_MESSAGE);

  const params = decodedParams(match.params);
  if (!params) return respond.error(400, `${url.pathname} is not valid percent-encoding.`);
  const search = queryParameters(url.search);
  // One clock reading per request: every session in the answer stands as it did then.
  const reading = state.now();
  const atClock = state.stops.clock.at(reading.getTime());
  const context: RequestContext = {
    method,
    params,
    query: (name) => search.get(name.toLowerCase()),
    sentQuery: url.sentQuery,
    headers: request.headers,
    apiBase,
    respond,
    view: { dataset: atClock.dataset, apiBase, emVersion: state.emVersion, now: () => reading },
    atClock,
    state,
    logonSession,
  };
  await match.route.handler(context);
}

/** The caller's token: the cookie wins over the header when both are sent, as on EM. */
function tokenOf(request: IncomingMessage): string | undefined {
  const cookie = request.headers.cookie
    ?.split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith('X-RestSvcSessionId='));
  if (cookie) {
    // A token that is not valid percent-encoding is no token: 401, not a failure of the emulator.
    try {
      return decodeURIComponent(cookie.slice('X-RestSvcSessionId='.length));
    } catch {
      return undefined;
    }
  }
  const header = request.headers['x-restsvcsessionid'];
  return typeof header === 'string' ? header : undefined;
}

/** Applies a fault; returns true when the request is answered (or dropped) by it. */
async function applyFault(
  fault: Fault,
  state: EmulatorState,
  delays: PendingDelays,
  token: string | undefined,
  root: RootElementName | undefined,
  respond: EmResponder,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<boolean> {
  /** Ends the caller's session; false when it had none (or it had already expired). */
  const dropSession = (): boolean => {
    const session = token === undefined ? undefined : state.sessions.use(token);
    if (session) state.sessions.close(session);
    return session !== undefined;
  };
  switch (fault.kind) {
    case 'latency':
      // Cancelled by close(): the connection is gone, and the request must not act after it.
      return !(await delays.wait(fault.ms));
    case 'status':
      respond.error(fault.status, injectedStatusMessage(fault.status), {
        ...(fault.retryAfter !== undefined &&
          fault.retryAfter !== '' && { 'Retry-After': String(fault.retryAfter) }),
        // As EM refuses Basic credentials: a client tells a refused logon by this header.
        ...(fault.status === 401 &&
          /^basic /i.test(request.headers.authorization ?? '') && {
            'WWW-Authenticate': 'Basic Realm=RestSvc',
          }),
      });
      return true;
    case 'expire-token':
      if (dropSession()) state.stats.expiredLogonSessions++;
      respond.error(401, UNAUTHORIZED_MESSAGE);
      return true;
    case 'dead-session':
      // The session ends as if expired, so that logons = logoffs + expired + open still holds.
      if (dropSession()) state.stats.expiredLogonSessions++;
      respond.error(500, 'Session with the specified id was not found.');
      return true;
    case 'reset':
      request.socket.destroy();
      return true;
    case 'truncate': {
      const { type, text } = respond.brokenStart(root);
      response.writeHead(200, {
        'Content-Type': type,
        'Content-Length': Buffer.byteLength(text) * 2,
      });
      response.write(text, () => request.socket.destroy());
      return true;
    }
    case 'malformed': {
      const { type, text } = respond.brokenStart(root);
      respond.write(200, type, text);
      return true;
    }
    case 'stall':
      return true;
  }
}

/** What an `acted` fault makes of the answer the route gave (see AnswerFault). */
function spoilAnswer(
  fault: AnswerFault,
  answer: Answer,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  const headers = {
    ...(answer.type === undefined ? {} : { 'Content-Type': answer.type }),
    Server: 'Microsoft-HTTPAPI/2.0',
    ...answer.headers,
  };
  // Half the body is never well-formed: it ends inside the root element (or is just its start).
  const half = answer.text.slice(0, Math.ceil(answer.text.length / 2)) || '<';
  // A 204 carries no body, so a spoilt one is a 200 with the broken body (HTTP drops a 204's).
  const status = answer.status === 204 ? 200 : answer.status;
  switch (fault.kind) {
    case 'reset':
      request.socket.destroy();
      return;
    case 'stall':
      return;
    case 'truncate':
      response.writeHead(status, statusText(status), {
        ...headers,
        'Content-Length': Math.max(1, Buffer.byteLength(answer.text)) * 2,
      });
      response.write(half, () => request.socket.destroy());
      return;
    case 'malformed':
      response.writeHead(status, statusText(status), {
        ...headers,
        'Content-Length': Buffer.byteLength(half),
      });
      response.end(half);
      return;
  }
}
