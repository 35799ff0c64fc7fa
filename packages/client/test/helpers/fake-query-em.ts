/** A tiny EM in a fetch, JSON only: enough to log on and page through BackupJobSession queries. */

export const FAKE_EM_ORIGIN = 'http://em.test:9399';

/** What the test does when a query page is asked for: change `sessions`, or answer 503 instead. */
export type OnQueryPage = (
  page: number,
  sessions: object[],
) => 'busy' | undefined | Promise<'busy' | undefined>;

const uuidOf = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;

/** Job session number `n`, created `minute` minutes into 2026. */
export function fakeSession(n: number, minute: number): object {
  const id = uuidOf(n);
  return {
    Href: `${FAKE_EM_ORIGIN}/api/backupSessions/${id}?format=Entity`,
    Type: 'BackupJobSession',
    Name: `J@${minute}`,
    UID: `urn:veeam:BackupJobSession:${id}`,
    Links: [],
    JobUid: 'urn:veeam:Job:00000000-0000-0000-0000-000000000001',
    JobName: 'J',
    JobType: 'Backup',
    CreationTimeUTC: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(),
    EndTimeUTC: null,
    State: 'Stopped',
    Result: 'Success',
    Progress: 100,
    FailureMessage: null,
    IsRetry: false,
  };
}

/** The session number of a UID made by `fakeSession`. */
export const sessionNumber = (uid: string): number => Number(uid.slice(-12));

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

/** A fetch serving `sessions` (changed by `onPage` as the test wishes) as EM's query service. */
export function fakeQueryEm(sessions: object[], onPage: OnQueryPage): typeof globalThis.fetch {
  return (async (input: Request | string | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const path = url.pathname;
    if (path === '/api/') {
      return json(200, {
        Links: [],
        SupportedVersions: { SupportedVersions: [{ Name: 'v1_7', Links: [] }] },
      });
    }
    if (path === '/api/sessionMngr/') {
      const session = {
        Href: `${FAKE_EM_ORIGIN}/api/logonSessions/s1`,
        Type: 'LogonSession',
        Links: [],
        UserName: 'u',
        SessionId: 's1',
      };
      return json(201, session, { 'X-RestSvcSessionId': 'token' });
    }
    if (path === '/api/logonSessions/s1') return new Response(null, { status: 204 });
    if (path === '/api/query') {
      const size = Number(url.searchParams.get('pageSize'));
      const page = Number(url.searchParams.get('page'));
      if ((await onPage(page, sessions)) === 'busy') {
        return json(503, { Message: 'busy', StatusCode: 503, Status: 'ServiceUnavailable' });
      }
      const items = sessions.slice((page - 1) * size, page * size);
      const count = Math.max(1, Math.ceil(sessions.length / size));
      const link = (n: number, rel: string) => ({
        Href: `${FAKE_EM_ORIGIN}/api/query?type=BackupJobSession&format=Entities&sortAsc=CreationTime&pageSize=${size}&page=${n}`,
        Rel: rel,
        Name: null,
        Type: null,
      });
      return json(200, {
        Refs: null,
        Entities: { BackupJobSessions: { BackupJobSessions: items } },
        Resources: null,
        Links: [],
        PagingInfo: {
          Links: [link(1, 'First'), link(count, 'Last')],
          PageNum: page,
          PageSize: size,
          PagesCount: count,
        },
      });
    }
    return json(404, { Message: `${path} was not found.`, StatusCode: 404, Status: 'NotFound' });
  }) as typeof globalThis.fetch;
}
