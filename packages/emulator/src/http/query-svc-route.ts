import type { Link } from '@vbem/model';
import type { RouteHandler } from './request-context.js';

/** The query types the emulator serves, as `/querySvc` lists them (the docs' order), each with its list type. */
const LISTED_QUERIES: readonly [type: string, listType: string][] = [
  ['Job', 'JobList'],
  ['BackupTaskSession', 'BackupTaskSessionList'],
  ['ReplicaTaskSession', 'ReplicaTaskSessionList'],
  ['RestoreSession', 'RestoreSessionList'],
  ['BackupJobSession', 'BackupJobSessionList'],
  ['ReplicaJobSession', 'ReplicaJobSessionList'],
  ['BackupServer', 'BackupServerList'],
];

/**
 * `GET /api/querySvc`: Up to the caller's logon session, then a preconfigured query per type, as
 * EM writes them (entities by name, 15 a page). EM lists more types; the emulator lists those it
 * serves.
 */
export const getQuerySvc: RouteHandler = (context) => {
  const up: Link = {
    Href: `${context.apiBase}logonSessions/${context.logonSession?.sessionId}`,
    Type: 'LogonSession',
    Rel: 'Up',
  };
  const queries = LISTED_QUERIES.map(
    ([type, listType]): Link => ({
      Href: `${context.apiBase}query?type=${type}&format=Entities&sortAsc=name&pageSize=15&page=1`,
      Type: listType,
      Rel: 'Down',
    }),
  );
  context.respond.send(200, 'QuerySvc', {
    Href: `${context.apiBase}querySvc`,
    Type: 'QueryService',
    Links: [up, ...queries],
  });
};
