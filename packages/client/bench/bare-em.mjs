// What the peers do with bare ky: log on by hand, list references, GET every entity one by one.
import { decode } from '@vbem/xml';
import ky from 'ky';

export const USER = { username: 'emulator', password: 'emulator' };
const BASIC = `Basic ${Buffer.from(`${USER.username}:${USER.password}`).toString('base64')}`;

/**
 * POST /api/sessionMngr/?v=latest with Basic credentials; the token is the X-RestSvcSessionId
 * header. Returns the headers to send and `logoff()` (DELETE /api/logonSessions/{id}).
 */
export async function bareLogon(url) {
  const response = await ky.post(`${url}/api/sessionMngr/?v=latest`, {
    headers: { Authorization: BASIC },
  });
  const body = await response.text();
  const token = response.headers.get('x-restsvcsessionid');
  if (!token) throw new Error(`logon to ${url} answered ${response.status} without a token`);
  const { SessionId } = decode(body, { root: 'LogonSession' }).value;
  const headers = { 'X-RestSvcSessionId': token };
  return {
    token,
    headers,
    logoff: () => ky.delete(`${url}/api/logonSessions/${SessionId}`, { headers }).text(),
  };
}

const FAMILIES = [
  { path: 'backupSessions', root: 'BackupJobSession' },
  { path: 'replicaSessions', root: 'ReplicaJobSession' },
];

/**
 * The N+1 walk: logon, GET /api/backupSessions and /api/replicaSessions (references), then
 * GET `{href}?format=Entity` for each, `concurrency` at a time, each decoded as the client would;
 * sessions created before `since` are dropped (EM lists replica sessions of any age). Logoff.
 * Returns the sessions kept and the requests sent.
 */
export async function nPlusOneWalk(url, { since, concurrency }) {
  const logon = await bareLogon(url);
  let requests = 1;
  let sessions = 0;
  try {
    const refs = [];
    for (const { path, root } of FAMILIES) {
      const body = await ky.get(`${url}/api/${path}`, { headers: logon.headers }).text();
      requests++;
      for (const ref of decode(body, { root: 'EntityReferences' }).value.Refs) {
        refs.push({ href: ref.Href, root });
      }
    }
    let next = 0;
    const worker = async () => {
      while (next < refs.length) {
        const { href, root } = refs[next++];
        const body = await ky.get(`${href}?format=Entity`, { headers: logon.headers }).text();
        requests++;
        const session = decode(body, { root }).value;
        if (session.CreationTimeUTC.getTime() >= since.getTime()) sessions++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await logon.logoff();
    requests++;
  }
  return { sessions, requests };
}
