import { fromJson, subMillisecondTicks, TICKS_PER_MILLISECOND } from '@vbem/model';
import { decode } from '@vbem/xml';
import { describe, expect, it } from 'vitest';
import { type EmulatorOptions, EmulatorOptionsError, startEmulator } from '../src/index.js';
import { basic, emulatorForTest, get, logOn, NOW, rawRequest } from './emulator-harness.js';

const DAY = 24 * 60 * 60 * 1000;

/** The newest job session still running whose job's type `type` accepts; -1 when none is. */
function lastRunningRow(
  emulator: Awaited<ReturnType<typeof emulatorForTest>>,
  accepts: (type: string | undefined) => boolean,
): number {
  const table = emulator.dataset.jobSessions;
  for (let row = table.count - 1; row >= 0; row--) {
    const job = emulator.dataset.jobs[table.jobIndex[row] as number];
    if (Number.isNaN(table.endTime[row] as number) && accepts(job?.jobType)) return row;
  }
  return -1;
}

describe('emulator: entry point and logon', () => {
  it('serves the API root without authentication, with links built from the request host', async () => {
    const emulator = await emulatorForTest();
    const response = await get(emulator, '');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/xml/);
    const { value } = decode(await response.text(), { root: 'EnterpriseManager' });
    expect(value.SupportedVersions.SupportedVersions.map((version) => version.Name)).toEqual([
      'v1_5',
      'v1_6',
      'v1_7',
    ]);
    expect(value.Links[1]?.Href).toBe(`${emulator.url}/api/sessionMngr/?v=latest`);
  });

  it('logs on with Basic auth: 201, token header and cookie, LogonSession body', async () => {
    const emulator = await emulatorForTest();
    const response = await fetch(`${emulator.url}/api/sessionMngr/?v=v1_7`, {
      method: 'POST',
      headers: { Authorization: basic() },
    });
    expect(response.status).toBe(201);
    const token = response.headers.get('x-restsvcsessionid') ?? '';
    expect(token).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(response.headers.get('set-cookie')).toBe(`X-RestSvcSessionId=${token}; Path=/api;`);
    const { value } = decode(await response.text(), { root: 'LogonSession' });
    expect(value.UserName).toBe('emulator');
    expect(value.Links.at(-1)).toEqual({
      Href: `${emulator.url}/api/logonSessions/${value.SessionId}`,
      Rel: 'Delete',
    });
    expect(emulator.stats()).toMatchObject({ openLogonSessions: 1, logons: 1 });
  });

  it('refuses bad credentials with 401 and WWW-Authenticate, and unknown versions with 400', async () => {
    const emulator = await emulatorForTest();
    for (const headers of [
      { Authorization: basic('emulator', 'wrong') },
      {} as Record<string, string>,
    ]) {
      const response = await fetch(`${emulator.url}/api/sessionMngr/?v=latest`, {
        method: 'POST',
        headers,
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Basic Realm=RestSvc');
      expect(decode(await response.text(), { root: 'Error' }).value.StatusCode).toBe(401);
    }
    const old = await fetch(`${emulator.url}/api/sessionMngr/?v=v1_2`, {
      method: 'POST',
      headers: { Authorization: basic() },
    });
    expect(old.status).toBe(400);
    expect(emulator.stats()).toMatchObject({ openLogonSessions: 0, failedLogons: 2 });
  });

  it('compares account names in any case, as Windows does, and passwords exactly', async () => {
    const emulator = await emulatorForTest({
      users: [{ username: 'CORP\\svc', password: 'pa:ss' }],
    });
    const logOnAs = (username: string, password: string) =>
      fetch(`${emulator.url}/api/sessionMngr/?v=latest`, {
        method: 'POST',
        headers: { Authorization: basic(username, password) },
      }).then((response) => response.status);
    expect(await logOnAs('corp\\SVC', 'pa:ss')).toBe(201);
    expect(await logOnAs('CORP\\svc', 'PA:SS')).toBe(401);
  });

  it('refuses options that cannot work with an EmulatorOptionsError naming the option', async () => {
    for (const [options, message] of [
      [
        { idleTimeoutMs: -5 },
        'EmulatorOptions.idleTimeoutMs must be a whole number of milliseconds of at least 1, got -5',
      ],
      [{ idleTimeoutMs: Number.NaN }, 'EmulatorOptions.idleTimeoutMs must be'],
      [{ emVersion: 11 }, 'EmulatorOptions.emVersion must be 12 or 13, got 11'],
      [{ port: 70_000 }, 'EmulatorOptions.port must be a whole number from 0 to 65535, got 70000'],
      [{ users: [] }, 'EmulatorOptions.users must list at least one account'],
      [{ users: [{ username: 'a:b', password: '' }] }, 'EmulatorOptions.users[0].username must be'],
    ] as const) {
      const error = await startEmulator(options as EmulatorOptions).catch((e: unknown) => e);
      expect(error, message).toBeInstanceOf(EmulatorOptionsError);
      expect((error as Error).message).toContain(message);
    }
  });

  it('needs a token everywhere else, takes it from the header or the cookie, and logs off with 204', async () => {
    const emulator = await emulatorForTest();
    const anonymous = await get(emulator, 'backupSessions');
    expect(anonymous.status).toBe(401);
    expect(decode(await anonymous.text(), { root: 'Error' }).value.Message).toMatch(
      /Authorization header expected/,
    );
    const token = await logOn(emulator);
    expect((await get(emulator, 'backupSessions', token)).status).toBe(200);
    const byCookie = await fetch(`${emulator.url}/api/jobs`, {
      headers: { Cookie: `X-RestSvcSessionId=${token}` },
    });
    expect(byCookie.status).toBe(200);
    const sessions = decode(await (await get(emulator, 'logonSessions', token)).text(), {
      root: 'LogonSessions',
    }).value.LogonSessions;
    const logoff = await fetch(`${emulator.url}/api/logonSessions/${sessions[0]?.SessionId}`, {
      method: 'DELETE',
      headers: { 'X-RestSvcSessionId': token },
    });
    expect(logoff.status).toBe(204);
    expect((await get(emulator, 'jobs', token)).status).toBe(401);
    expect(emulator.stats()).toMatchObject({ openLogonSessions: 0, logons: 1, logoffs: 1 });
  });

  it('expires a token after the idle timeout on the emulator clock', async () => {
    let now = NOW;
    const emulator = await emulatorForTest({ now: () => now, idleTimeoutMs: 60_000 });
    const token = await logOn(emulator);
    now = new Date(NOW.getTime() + 59_000);
    expect((await get(emulator, 'jobs', token)).status).toBe(200);
    now = new Date(now.getTime() + 59_000);
    expect((await get(emulator, 'jobs', token)).status).toBe(200);
    now = new Date(now.getTime() + 61_000);
    expect((await get(emulator, 'jobs', token)).status).toBe(401);
    expect(emulator.stats()).toMatchObject({ openLogonSessions: 0, expiredLogonSessions: 1 });
  });

  it('sweeps and counts abandoned sessions once each, at the next logon or stats', async () => {
    let now = NOW;
    const emulator = await emulatorForTest({ now: () => now, idleTimeoutMs: 60_000 });
    for (let i = 0; i < 50; i++) await logOn(emulator);
    now = new Date(NOW.getTime() + 120_000);
    expect(emulator.stats()).toMatchObject({ openLogonSessions: 0, expiredLogonSessions: 50 });
    expect(emulator.stats().expiredLogonSessions).toBe(50);
    // Abandoned one after another: each logon ends the one before it.
    for (let i = 0; i < 20; i++) {
      const token = await logOn(emulator);
      now = new Date(now.getTime() + 120_000);
      if (i === 19) expect((await get(emulator, 'jobs', token)).status).toBe(401);
    }
    const list = await get(emulator, 'logonSessions', await logOn(emulator));
    const { value } = decode(await list.text(), { root: 'LogonSessions' });
    expect(value.LogonSessions).toHaveLength(1);
    expect(emulator.stats()).toMatchObject({ openLogonSessions: 1, expiredLogonSessions: 70 });
  });

  it('has an expired session gone by its id too, and takes a malformed cookie for no token', async () => {
    let now = NOW;
    const emulator = await emulatorForTest({ now: () => now, idleTimeoutMs: 60_000 });
    const first = await logOn(emulator);
    const sessionId = decode(await (await get(emulator, 'logonSessions', first)).text(), {
      root: 'LogonSessions',
    }).value.LogonSessions[0]?.SessionId;
    now = new Date(NOW.getTime() + 61_000);
    const second = await logOn(emulator);
    expect((await get(emulator, `logonSessions/${sessionId}`, second)).status).toBe(404);
    const logoff = await fetch(`${emulator.url}/api/logonSessions/${sessionId}`, {
      method: 'DELETE',
      headers: { 'X-RestSvcSessionId': second },
    });
    expect(logoff.status).toBe(404);
    expect(emulator.stats()).toMatchObject({ logoffs: 0, expiredLogonSessions: 1 });

    const badCookie = await fetch(`${emulator.url}/api/jobs`, {
      headers: { Cookie: 'X-RestSvcSessionId=%E0%A4%A' },
    });
    expect(badCookie.status).toBe(401);
  });

  it("sends the bare media type, and for an error .NET's status name as reason phrase and XML Status (400 BadRequest), JSON's null", async () => {
    const emulator = await emulatorForTest();
    const token = await logOn(emulator);
    const cases = [
      ['jobs', token, 'application/xml', 200, 'OK'],
      ['jobs', token, 'application/json', 200, 'OK'],
      ['jobs', '', 'application/xml', 401, 'Unauthorized'],
      [`jobs/${'0'.repeat(32)}`, token, 'application/json', 404, 'NotFound'],
      ['query?type=Nope', token, 'application/xml', 400, 'BadRequest'],
      ['sessionMngr/?v=latest', token, 'application/json', 405, 'MethodNotAllowed'],
    ] as const;
    for (const [path, session, accept, status, reason] of cases) {
      const answer = await rawRequest(emulator.url, `/api/${path}`, {
        Accept: accept,
        ...(session && { 'X-RestSvcSessionId': session }),
      });
      expect([answer.status, answer.statusMessage], path).toEqual([status, reason]);
      expect(answer.headers['content-type'], path).toBe(accept);
      if (status >= 400) {
        if (accept === 'application/json')
          // As EM's captured JSON error: every key there, Status null.
          expect(JSON.parse(answer.body), path).toEqual({
            message: expect.any(String),
            statusCode: status,
            status: null,
            firstChanceExceptionMessage: null,
            stackTrace: null,
          });
        else expect(decode(answer.body, { root: 'Error' }).value.Status, path).toBe(reason);
      }
    }
  });

  it('answers 404 and 405 with Error bodies', async () => {
    const emulator = await emulatorForTest();
    const token = await logOn(emulator);
    expect((await get(emulator, 'nothingHere', token)).status).toBe(404);
    expect(
      (await get(emulator, 'backupSessions/00000000-0000-0000-0000-000000000000', token)).status,
    ).toBe(404);
    const wrong = await fetch(`${emulator.url}/api/jobs`, {
      method: 'DELETE',
      headers: { 'X-RestSvcSessionId': token },
    });
    expect(wrong.status).toBe(405);
    await wrong.text();
    // A 405 counts under the route its path matched, with the method sent.
    expect(emulator.stats().requestsByRoute).toMatchObject({ 'DELETE /jobs': 1 });
    expect(Object.keys(emulator.stats().requestsByRoute)).not.toContain('DELETE (unmatched)');
  });

  it('answers an id or parameter with characters XML cannot carry as any other, echoing U+FFFD for them', async () => {
    const emulator = await emulatorForTest();
    const token = await logOn(emulator);
    const filter = encodeURIComponent('\uFFFF==1');
    for (const [path, status] of [
      ['backupSessions/%01', 404],
      ['logonSessions/%1F', 404],
      ['jobs/%01/includes/x%0Bz', 404],
      ['query?type=%01', 400],
      ['query?type=Job&format=%EF%BF%BE', 400],
      [`query?type=Job&filter=${filter}`, 400],
      ['backupSessions/%01?action=%08', 400],
    ] as const) {
      const method = path.includes('action=') ? 'POST' : 'GET';
      for (const accept of ['application/xml', 'application/json']) {
        const response = await fetch(`${emulator.url}/api/${path}`, {
          method,
          headers: { 'X-RestSvcSessionId': token, Accept: accept },
        });
        const text = await response.text();
        expect(response.status, `${method} ${path} ${text}`).toBe(status);
        expect(text).not.toMatch(/Emulator failure/);
        expect(text).toContain('\uFFFD');
      }
    }
  });

  it('answers a malformed URL or Host with 400 and an Error body, and a missing token with 401 first', async () => {
    const emulator = await emulatorForTest();
    const token = await logOn(emulator);
    const badId = 'backupSessions/%E0%A4%A';
    expect((await get(emulator, badId)).status).toBe(401);
    const response = await get(emulator, badId, token);
    expect(response.status).toBe(400);
    expect(decode(await response.text(), { root: 'Error' }).value.StatusCode).toBe(400);
    for (const [host, path] of [
      ['a b', '/api/'],
      ['127.0.0.1:1/x', '/api/'],
      ['"><x', '/api/'],
      ['127.0.0.1', '*'],
    ] as const) {
      const raw = await rawRequest(emulator.url, path, { Host: host });
      expect(raw.status, `${host} ${path}`).toBe(400);
      expect(decode(raw.body, { root: 'Error' }).value.StatusCode).toBe(400);
    }
    // A target that looks like another origin stays a path on this one.
    expect((await rawRequest(emulator.url, '//example.com/api/', {})).status).toBe(404);
    expect(emulator.stats().requestsByRoute['GET (bad request)']).toBe(4);
  });

  it('decodes query parameters as .NET does: a stray % stays, bytes that are not UTF-8 are U+FFFD', async () => {
    const emulator = await emulatorForTest();
    const token = await logOn(emulator);
    const names = async (query: string) => {
      const response = await get(emulator, `query?type=BackupServer&${query}`, token);
      const text = await response.text();
      expect(response.status, text).toBe(200);
      return [...text.matchAll(/<Ref [^>]*Name="([^"]*)"/g)].map((match) => match[1]);
    };
    const all = await names('');
    expect(all.length).toBeGreaterThan(0);
    expect(await names('filter=Name!="100%"')).toEqual(all);
    expect(await names('filter=Name==%E0%A4%A')).toEqual([]);
    expect(await names('junk=%&filter=Name%3D%3D%22no+such%22')).toEqual([]);
    expect(await names(`filter=Name==%22${encodeURIComponent(all[0] as string)}%22`)).toEqual([
      all[0],
    ]);
  });

  it('pages past a parameter whose name starts with ?, which is not page', async () => {
    const emulator = await emulatorForTest();
    const token = await logOn(emulator);
    const first = await (
      await get(emulator, 'query?type=BackupServer&pageSize=1&?page=2', token)
    ).text();
    expect(first).toMatch(/PageNum="1"/);
    const next = /<Link Href="[^"]*\/api\/(query\?[^"]*)"[^>]*Rel="Next"/.exec(first)?.[1];
    expect(next).toBe('query?type=BackupServer&amp;pageSize=1&amp;?page=2&amp;page=2');
    const second = await (
      await get(emulator, (next as string).replaceAll('&amp;', '&'), token)
    ).text();
    expect(second).toMatch(/PageNum="2"/);
  });

  it('accepts an absolute-form target (RFC 9112 §3.2.2), its authority taking the place of Host', async () => {
    const emulator = await emulatorForTest();
    const token = await logOn(emulator);
    const root = await rawRequest(emulator.url, `${emulator.url}/api/`, {});
    expect(root.status).toBe(200);
    expect(root.body).toContain(`Href="${emulator.url}/api/sessionMngr/?v=latest"`);
    const jobs = await rawRequest(emulator.url, 'HTTP://em.example:9398/api/jobs?format=Entity', {
      Host: 'other.example',
      'X-RestSvcSessionId': token,
    });
    expect(jobs.status).toBe(200);
    expect(decode(jobs.body, { root: 'Jobs' }).value.Jobs[0]?.Href).toMatch(
      /^http:\/\/em\.example:9398\/api\/jobs\//,
    );
    // No path is the path "/", which is outside /api.
    expect((await rawRequest(emulator.url, 'https://em.example', {})).status).toBe(404);
    for (const target of ['http://user@em.example/api/', 'http:///api/', 'ftp://em.example/api/']) {
      const refused = await rawRequest(emulator.url, target, {});
      expect(refused.status, target).toBe(400);
      expect(decode(refused.body, { root: 'Error' }).value.StatusCode).toBe(400);
    }
  });
});

describe('emulator: sessions', () => {
  it('lists only the last 30 days of backup sessions, as references or entities', async () => {
    const emulator = await emulatorForTest();
    const token = await logOn(emulator);
    const { dataset } = emulator;
    const table = dataset.jobSessions;
    const expected: string[] = [];
    for (let row = 0; row < table.count; row++) {
      const job = dataset.jobs[table.jobIndex[row] as number];
      if (
        job?.jobType !== 'Replica' &&
        (table.creationTime[row] as number) >= NOW.getTime() - 30 * DAY
      )
        expected.push(table.id(row));
    }
    expect(expected.length).toBeGreaterThan(50);
    const refs = decode(await (await get(emulator, 'backupSessions', token)).text(), {
      root: 'EntityReferences',
    }).value.Refs;
    // Newest first, as EM's captured lists come.
    expect(refs.map((ref) => ref.UID.split(':')[3])).toEqual(expected.reverse());
    expect(refs[0]?.Type).toBe('BackupJobSessionReference');
    expect(refs[0]?.Links.map((link) => [link.Rel, link.Type])).toEqual([
      ['Up', 'BackupServerReference'],
      ['Up', 'JobReference'],
      ['Alternate', 'BackupJobSession'],
      ['Down', 'BackupTaskSessionReferenceList'],
    ]);
    const entities = decode(
      await (await get(emulator, 'backupSessions?format=Entity', token)).text(),
      { root: 'BackupJobSessions' },
    );
    expect(entities.warnings).toEqual([]);
    expect(entities.value.BackupJobSessions).toHaveLength(expected.length);
  });

  it('lists only the last 30 days of replica sessions, their task sessions and restore sessions', async () => {
    const emulator = await emulatorForTest();
    const token = await logOn(emulator);
    const { dataset } = emulator;
    const table = dataset.jobSessions;
    const since = NOW.getTime() - 30 * DAY;
    const replicaRows: number[] = [];
    for (let row = 0; row < table.count; row++)
      if (dataset.jobs[table.jobIndex[row] as number]?.jobType === 'Replica') replicaRows.push(row);
    const isRecent = (row: number) => (table.creationTime[row] as number) >= since;
    const oldRow = replicaRows.find((row) => !isRecent(row)) as number;
    expect(oldRow).toBeDefined();
    expect(dataset.restoreSessions.some((restore) => restore.creationTime < since)).toBe(true);
    const uidsOf = async (path: string) =>
      decode(await (await get(emulator, path, token)).text(), {
        root: 'EntityReferences',
      }).value.Refs.map((ref) => ref.UID.split(':')[3]);

    // Newest first, as EM's captured lists come; a session's tasks last first too.
    const recentRows = replicaRows.filter(isRecent).reverse();
    expect(await uidsOf('replicaSessions')).toEqual(recentRows.map((row) => table.id(row)));
    expect(await uidsOf('replicaTaskSessions')).toEqual(
      recentRows.flatMap((row) =>
        dataset
          .taskSessionsOf(row)
          .map((task) => task.id)
          .reverse(),
      ),
    );
    expect(await uidsOf(`replicaSessions/${table.id(oldRow)}/replicaTaskSessions`)).toEqual([]);
    expect(await uidsOf('restoreSessions')).toEqual(
      dataset.restoreSessions
        .filter((restore) => restore.creationTime >= since)
        .map((restore) => restore.id)
        .reverse(),
    );
    // One session by its id is still served, however old.
    expect((await get(emulator, `replicaSessions/${table.id(oldRow)}`, token)).status).toBe(200);
  });

  it('serves one session as reference, entity and task sessions, with consistent data', async () => {
    const emulator = await emulatorForTest();
    const token = await logOn(emulator);
    const { dataset } = emulator;
    let row = dataset.jobSessions.count - 1;
    while (dataset.jobs[dataset.jobSessions.jobIndex[row] as number]?.jobType !== 'Backup') row--;
    const id = dataset.jobSessions.id(row);
    const reference = decode(await (await get(emulator, `backupSessions/${id}`, token)).text(), {
      root: 'EntityRef',
    }).value;
    expect(reference.UID).toBe(`urn:veeam:BackupJobSession:${id}`);
    const entity = decode(
      await (await get(emulator, `backupSessions/${id}?format=Entity`, token)).text(),
      { root: 'BackupJobSession' },
    ).value;
    const creation = entity.CreationTimeUTC;
    expect(creation.getTime() + subMillisecondTicks(creation) / TICKS_PER_MILLISECOND).toBe(
      dataset.jobSessions.creationTime[row],
    );
    expect(entity.Name).toBe(reference.Name);
    expect(entity.Links.map((link) => link.Rel)).toEqual(['Up', 'Up', 'Alternate', 'Down', 'Stop']);
    const tasks = decode(
      await (await get(emulator, `backupSessions/${id}/taskSessions`, token)).text(),
      { root: 'EntityReferences' },
    ).value.Refs;
    expect(tasks.map((task) => task.UID.split(':')[3])).toEqual(
      dataset
        .taskSessionsOf(row)
        .map((task) => task.id)
        .reverse(),
    );
    expect(tasks).toHaveLength(
      dataset.jobs[dataset.jobSessions.jobIndex[row] as number]?.vmNames.length ?? -1,
    );
    // File share and backup copy sessions have no task sessions, as EM documents.
    for (const type of ['NasBackup', 'BackupCopy', 'ImmediateBackupCopy']) {
      let other = dataset.jobSessions.count - 1;
      while (dataset.jobs[dataset.jobSessions.jobIndex[other] as number]?.jobType !== type) other--;
      const none = await get(
        emulator,
        `backupSessions/${dataset.jobSessions.id(other)}/taskSessions`,
        token,
      );
      expect(decode(await none.text(), { root: 'EntityReferences' }).value.Refs, type).toEqual([]);
    }
    const first = dataset.taskSessionsOf(row)[0];
    const task = decode(
      await (await get(emulator, `backupTaskSessions/${first?.id}?format=Entity`, token)).text(),
      { root: 'BackupTaskSession' },
    ).value;
    expect(task).toMatchObject({
      VmDisplayName: first?.vmName,
      Reason: first?.reason,
      JobSessionUid: `urn:veeam:BackupJobSession:${id}`,
    });
  });

  it('stops a session with 202 and a Task to poll: Running and Stopping, then Finished and Stopped', async () => {
    const emulator = await emulatorForTest();
    const token = await logOn(emulator);
    const table = emulator.dataset.jobSessions;
    const running = lastRunningRow(emulator, (type) => type !== 'Replica');
    expect(running).toBeGreaterThanOrEqual(0);
    const id = table.id(running);
    const sessionState = async () =>
      decode(await (await get(emulator, `backupSessions/${id}?format=Entity`, token)).text(), {
        root: 'BackupJobSession',
      }).value;
    const stop = await fetch(`${emulator.url}/api/backupSessions/${id}?action=stop`, {
      method: 'POST',
      headers: { 'X-RestSvcSessionId': token },
    });
    expect(stop.status).toBe(202);
    const task = decode(await stop.text(), { root: 'Task' }).value;
    expect(task).toMatchObject({ TaskId: 'task-1', State: 'Running', Operation: 'StopJobSession' });
    expect(await sessionState()).toMatchObject({ State: 'Stopping', Result: 'None' });
    const stopping = decode(
      await (
        await get(emulator, 'query?type=BackupJobSession&filter=State==Stopping', token)
      ).text(),
      { root: 'QueryResult' },
    ).value.Refs?.Refs;
    expect(stopping?.map((ref) => ref.UID.split(':')[3])).toEqual([id]);
    const polled = decode(await (await get(emulator, 'tasks/task-1', token)).text(), {
      root: 'Task',
    }).value;
    expect(polled).toMatchObject({ State: 'Finished', Result: { Success: true } });
    expect(polled.Result?.Message).toMatch(/triggered to stop/);
    expect(await sessionState()).toMatchObject({ State: 'Stopped', Result: 'Failed' });
  });

  it('succeeds every stop asked while the session ran, whichever task is read first', async () => {
    for (const order of [
      ['task-1', 'task-2'],
      ['task-2', 'task-1'],
    ]) {
      const emulator = await emulatorForTest();
      const token = await logOn(emulator);
      const table = emulator.dataset.jobSessions;
      const running = lastRunningRow(emulator, (type) => type !== 'Replica');
      const stop = () =>
        fetch(`${emulator.url}/api/backupSessions/${table.id(running)}?action=stop`, {
          method: 'POST',
          headers: { 'X-RestSvcSessionId': token },
        });
      // The second comes while the session is Stopping: still running, so it is taken too.
      for (const answer of [await stop(), await stop()]) expect(answer.status).toBe(202);
      for (const taskId of order) {
        const task = decode(await (await get(emulator, `tasks/${taskId}`, token)).text(), {
          root: 'Task',
        }).value;
        expect(task, `${order.join(', ')}: ${taskId}`).toMatchObject({
          State: 'Finished',
          Result: { Success: true },
        });
        expect(task.Result?.Message).toMatch(/triggered to stop/);
      }
    }
  });

  it('keeps a stop task Running for stopTaskPolls answers, and finishes it at once with 0', async () => {
    for (const stopTaskPolls of [0, 3]) {
      const emulator = await emulatorForTest({ stopTaskPolls });
      const token = await logOn(emulator);
      const table = emulator.dataset.jobSessions;
      const running = lastRunningRow(emulator, (type) => type !== 'Replica');
      const stop = await fetch(
        `${emulator.url}/api/backupSessions/${table.id(running)}?action=stop`,
        { method: 'POST', headers: { 'X-RestSvcSessionId': token } },
      );
      const states = [decode(await stop.text(), { root: 'Task' }).value.State];
      while (states.at(-1) !== 'Finished' && states.length < 10)
        states.push(
          decode(await (await get(emulator, 'tasks/task-1', token)).text(), { root: 'Task' }).value
            .State,
        );
      expect(states).toEqual([...Array(stopTaskPolls).fill('Running'), 'Finished']);
    }
    await expect(emulatorForTest({ stopTaskPolls: -1 })).rejects.toThrow(
      'stopTaskPolls must be a whole number of at least 0, got -1',
    );
  });

  it("deletes a Task by its Delete link, lists a backup server's jobs and a job's VMs", async () => {
    const emulator = await emulatorForTest();
    const token = await logOn(emulator);
    const { dataset } = emulator;
    const id = dataset.jobSessions.id(0);
    const stop = await fetch(`${emulator.url}/api/backupSessions/${id}?action=stop`, {
      method: 'POST',
      headers: { 'X-RestSvcSessionId': token },
    });
    const task = decode(await stop.text(), { root: 'Task' }).value;
    const remove = task.Links.find((link) => link.Rel === 'Delete');
    const deleted = await fetch(remove?.Href ?? '', {
      method: 'DELETE',
      headers: { 'X-RestSvcSessionId': token },
    });
    expect(deleted.status).toBe(204);
    expect((await get(emulator, `tasks/${task.TaskId}`, token)).status).toBe(404);

    const server = dataset.backupServers[1];
    const jobs = decode(
      await (await get(emulator, `backupServers/${server?.id}/jobs`, token)).text(),
      { root: 'EntityReferences' },
    ).value.Refs;
    expect(jobs.map((ref) => ref.UID.split(':')[3])).toEqual(
      dataset.jobs.filter((job) => job.serverIndex === 1).map((job) => job.id),
    );

    const backup = dataset.jobs.findIndex((job) => job.jobType === 'Backup');
    const includes = decode(
      await (await get(emulator, `jobs/${dataset.jobs[backup]?.id}/includes`, token)).text(),
      { root: 'ObjectsInJob' },
    ).value.ObjectsInJob;
    expect(includes.map((object) => object.Name)).toEqual(dataset.jobs[backup]?.vmNames);
    const one = await fetch(includes[0]?.Href ?? '', { headers: { 'X-RestSvcSessionId': token } });
    expect(decode(await one.text(), { root: 'ObjectInJob' }).value).toEqual(includes[0]);
  });

  it('leaves a stopped session Stopped and Failed, everywhere, and says so to a second stop', async () => {
    // Every job has a session running, the backup jobs too.
    const emulator = await emulatorForTest({ dataset: { runningSessions: 10 } });
    const token = await logOn(emulator);
    const table = emulator.dataset.jobSessions;
    const row = lastRunningRow(emulator, (type) => type === 'Backup');
    expect(row).toBeGreaterThanOrEqual(0);
    const id = table.id(row);
    const working = `query?type=BackupJobSession&filter=State==Working`;
    const uids = async (query: string) =>
      (
        decode(await (await get(emulator, query, token)).text(), { root: 'QueryResult' }).value.Refs
          ?.Refs ?? []
      ).map((ref) => ref.UID.split(':')[3]);
    expect(await uids(working)).toContain(id);
    const stop = () =>
      fetch(`${emulator.url}/api/backupSessions/${id}?action=stop`, {
        method: 'POST',
        headers: { 'X-RestSvcSessionId': token },
      });
    expect((await stop()).status).toBe(202);
    // The stop is done when its task is read Finished.
    expect(
      decode(await (await get(emulator, 'tasks/task-1', token)).text(), { root: 'Task' }).value
        .State,
    ).toBe('Finished');

    const session = decode(
      await (await get(emulator, `backupSessions/${id}?format=Entity`, token)).text(),
      { root: 'BackupJobSession' },
    ).value;
    expect(session).toMatchObject({ State: 'Stopped', Result: 'Failed', EndTimeUTC: NOW });
    expect(await uids(working)).not.toContain(id);
    expect(emulator.dataset.jobSessions.endTime[row]).toBe(NOW.getTime());
    const tasks = decode(
      await (
        await get(
          emulator,
          `query?type=BackupTaskSession&format=Entities&filter=${encodeURIComponent(`JobSessionUid=="urn:veeam:BackupJobSession:${id}"`)}`,
          token,
        )
      ).text(),
      { root: 'QueryResult' },
    ).value.Entities?.BackupTaskSessions?.BackupTaskSessions;
    expect(tasks?.length).toBeGreaterThan(0);
    for (const task of tasks ?? []) {
      expect(task.State).toBe('Completed');
      expect(task.EndTimeUTC).toBeDefined();
    }
    expect(tasks?.some((task) => task.Reason === 'Job session was stopped by user.')).toBe(true);

    const again = await stop();
    expect(again.status).toBe(202);
    const task = decode(await again.text(), { root: 'Task' }).value;
    expect(task).toMatchObject({ State: 'Finished', Result: { Success: false } });
    expect(task.Result?.Message).toMatch(/is not running/);
  });

  it('writes camelCase JSON for EM 13 and PascalCase JSON for EM 12, equal to the XML', async () => {
    for (const emVersion of [12, 13] as const) {
      const emulator = await emulatorForTest({ emVersion });
      const token = await logOn(emulator);
      const table = emulator.dataset.jobSessions;
      let row = table.count - 1;
      while (emulator.dataset.jobs[table.jobIndex[row] as number]?.jobType === 'Replica') row--;
      const id = table.id(row);
      const jsonResponse = await get(
        emulator,
        `backupSessions/${id}?format=Entity`,
        token,
        'application/json',
      );
      expect(jsonResponse.headers.get('content-type')).toMatch(/^application\/json/);
      const json = (await jsonResponse.json()) as Record<string, unknown>;
      expect(Object.keys(json)).toContain(emVersion === 13 ? 'creationTimeUTC' : 'CreationTimeUTC');
      const created = String(json[emVersion === 13 ? 'creationTimeUTC' : 'CreationTimeUTC']);
      expect(created).toMatch(emVersion === 13 ? /\.\d{6}Z$/ : /:\d\d(\.\d{1,3})?Z$/);
      const xml = decode(
        await (await get(emulator, `backupSessions/${id}?format=Entity`, token)).text(),
        { root: 'BackupJobSession' },
      );
      expect(fromJson('BackupJobSession', json).value).toEqual(xml.value);
      expect(xml.value.Name).toMatch(
        emVersion === 13
          ? /@\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d*[1-9])?$/
          : /@\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/,
      );
    }
  });
});
