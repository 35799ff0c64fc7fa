import { timingSafeEqual } from 'node:crypto';
import type { EnterpriseManager, Link, LogonSession as LogonSessionBody } from '@vbem/model';
import type { LogonSession } from './logon-sessions.js';
import type { RequestContext, RouteHandler } from './request-context.js';

/** API versions the emulator offers, oldest first; `latest` is the last. */
export const SUPPORTED_VERSIONS = ['v1_5', 'v1_6', 'v1_7'] as const;
export const UNAUTHORIZED_MESSAGE =
  'Authorization header expected but not found (or found but is expired).';

/** The LogonSession's Down links to what the emulator serves, in the documented order. */
const COLLECTIONS: readonly [type: string, path: string, name?: string][] = [
  ['BackupServerReferenceList', 'backupServers'],
  ['JobReferenceList', 'jobs'],
  ['BackupJobSessionReferenceList', 'backupSessions'],
  ['RestoreSessionReferenceList', 'restoreSessions'],
  ['ReplicaJobSessionReferenceList', 'replicaSessions'],
  ['BackupTaskSessionReferenceList', 'backupTaskSessions'],
  ['ReplicaTaskSessionReferenceList', 'replicaTaskSessions'],
  ['QueryService', 'querySvc'],
  ['Report', 'reports/summary', 'Summary'],
  ['BackupServerList', 'backupServers?format=Entity'],
  ['JobList', 'jobs?format=Entity'],
  ['BackupJobSessionList', 'backupSessions?format=Entity'],
  ['RestoreSessionList', 'restoreSessions?format=Entity'],
  ['ReplicaJobSessionList', 'replicaSessions?format=Entity'],
  ['BackupTaskSessionList', 'backupTaskSessions?format=Entity'],
  ['ReplicaTaskSessionList', 'replicaTaskSessions?format=Entity'],
];

/** `GET /api/`: no authentication; the logon links and the supported versions. */
export const apiRoot: RouteHandler = (context) => {
  const create = (version: string): Link => ({
    Href: `${context.apiBase}sessionMngr/?v=${version}`,
    Type: 'LogonSession',
    Rel: 'Create',
  });
  const body: EnterpriseManager = {
    Links: [
      { Href: `${context.apiBase}logonSessions`, Type: 'LogonSessionList', Rel: 'Down' },
      create('latest'),
    ],
    SupportedVersions: {
      SupportedVersions: SUPPORTED_VERSIONS.map((Name) => ({ Name, Links: [create(Name)] })),
    },
  };
  context.respond.send(200, 'EnterpriseManager', body);
};

const sameText = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

function credentialsOf(
  context: RequestContext,
): { username: string; password: string } | undefined {
  const header = context.headers.authorization;
  if (typeof header !== 'string' || !/^Basic /i.test(header)) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0
    ? undefined
    : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function logonSessionBody(context: RequestContext, session: LogonSession): LogonSessionBody {
  const href = `${context.apiBase}logonSessions/${session.sessionId}`;
  return {
    Href: href,
    Type: 'LogonSession',
    Links: [
      { Href: context.apiBase, Type: 'EnterpriseManager', Rel: 'Up' },
      ...COLLECTIONS.map(
        ([Type, path, Name]): Link => ({
          Href: `${context.apiBase}${path}`,
          ...(Name !== undefined && { Name }),
          Type,
          Rel: 'Down',
        }),
      ),
      { Href: href, Rel: 'Delete' },
    ],
    UserName: session.userName,
    SessionId: session.sessionId,
  };
}

/** `POST /api/sessionMngr/?v=…`: Basic auth; 201 with the token in `X-RestSvcSessionId` and a cookie. */
export const logon: RouteHandler = (context) => {
  const { state } = context;
  const version = context.query('v') ?? 'latest';
  if (version !== 'latest' && !(SUPPORTED_VERSIONS as readonly string[]).includes(version)) {
    context.respond.error(
      400,
      `API version ${version} is not supported. Supported: ${SUPPORTED_VERSIONS.join(', ')}.`,
    );
    return;
  }
  const credentials = credentialsOf(context);
  const user =
    credentials &&
    // Windows account names (CORP\\svc, Administrator) are compared in any case, as EM does;
    // passwords exactly.
    state.users.find(
      (candidate) =>
        sameText(candidate.username.toLowerCase(), credentials.username.toLowerCase()) &&
        sameText(candidate.password, credentials.password),
    );
  if (!user) {
    state.stats.failedLogons++;
    context.respond.error(401, 'Invalid credentials.', {
      'WWW-Authenticate': 'Basic Realm=RestSvc',
    });
    return;
  }
  const session = state.sessions.open(user.username);
  state.stats.logons++;
  const body = logonSessionBody(context, session);
  context.respond.send(201, 'LogonSession', body, {
    'X-RestSvcSessionId': session.token,
    'Set-Cookie': `X-RestSvcSessionId=${session.token}; Path=/api;`,
    Location: body.Href,
  });
};

export const listLogonSessions: RouteHandler = (context) => {
  const sessions = context.state.sessions.openSessions();
  context.respond.send(200, 'LogonSessions', {
    LogonSessions: sessions.map((session) => logonSessionBody(context, session)),
  });
};

export const getLogonSession: RouteHandler = (context) => {
  const session = context.state.sessions.byIdOf(context.params.id ?? '');
  if (!session) context.respond.error(404, `Logon session ${context.params.id} was not found.`);
  else context.respond.send(200, 'LogonSession', logonSessionBody(context, session));
};

/** `DELETE /api/logonSessions/{id}`: 204; the token stops working. */
export const logoff: RouteHandler = (context) => {
  const session = context.state.sessions.byIdOf(context.params.id ?? '');
  if (!session) {
    context.respond.error(404, `Logon session ${context.params.id} was not found.`);
    return;
  }
  context.state.sessions.close(session);
  context.state.stats.logoffs++;
  context.respond.noContent();
};
