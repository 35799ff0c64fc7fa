import { AuthenticationError, createClient, HttpError } from '@vbem/client';
import type { EmError } from '@vbem/model';
import { describe, expect, it } from 'vitest';
import { isDeadSessionError } from '../src/dead-session.js';

const emError = (Message: string): EmError =>
  ({ Message, StatusCode: 500, Status: 'InternalServerError' }) as EmError;

describe('isDeadSessionError', () => {
  it("takes EM's 500 about the logon session for a dead session", () => {
    for (const message of [
      'Session with the specified id was not found.',
      'Logon session 6f1c0c5e-0000-0000-0000-000000000001 was not found.',
      'The session has expired.',
      'Session expired',
      'Invalid session id.',
      'X-RestSvcSessionId is invalid or expired.',
      'Could not process the request. Session does not exist.',
    ]) {
      expect(isDeadSessionError(500, emError(message)), message).toBe(true);
    }
  });

  it('does not take a 500 about another kind of session, or another status, for one', () => {
    for (const message of [
      'Backup session with id 6f1c0c5e-0000-0000-0000-000000000001 was not found.',
      'Replica session 6f1c0c5e-0000-0000-0000-000000000001 does not exist.',
      'Restore session with the specified id was not found.',
      'Task session 6f1c0c5e is invalid.',
      'Job Session "Nightly" is not running.',
      'Object [vm01] was not found.',
    ]) {
      expect(isDeadSessionError(500, emError(message)), message).toBe(false);
    }
    expect(isDeadSessionError(404, emError('Session with the specified id was not found.'))).toBe(
      false,
    );
    expect(isDeadSessionError(500, undefined)).toBe(false);
  });
});

/** A JSON EM in a fetch whose first `refusals` resource GETs answer 500 with `message`. */
function emAnswering500(message: string, refusals: number) {
  const ORIGIN = 'http://em.test:9399';
  const log: string[] = [];
  let logons = 0;
  let refused = 0;
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });
  const fetch = (async (input: Request | string | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const path = new URL(request.url).pathname;
    log.push(`${request.method} ${path}`);
    if (path === '/api/') {
      return json(200, {
        Links: [],
        SupportedVersions: { SupportedVersions: [{ Name: 'v1_7', Links: [] }] },
      });
    }
    if (path === '/api/sessionMngr/') {
      logons++;
      const session = {
        Href: `${ORIGIN}/api/logonSessions/s${logons}`,
        Type: 'LogonSession',
        Links: [],
        UserName: 'u',
        SessionId: `s${logons}`,
      };
      return json(201, session, { 'X-RestSvcSessionId': `token${logons}` });
    }
    if (path.startsWith('/api/logonSessions/')) return new Response(null, { status: 204 });
    if (refused++ < refusals) {
      return json(500, { Message: message, StatusCode: 500, Status: 'InternalServerError' });
    }
    return json(200, { Refs: [], Links: [] });
  }) as typeof globalThis.fetch;
  const client = createClient({ url: ORIGIN, username: 'u', password: 'p', format: 'json', fetch });
  return { client, log };
}

describe("EM's 500 on a call", () => {
  it('about a backup session that is not there is an HttpError: no new logon, nothing left open', async () => {
    const { client, log } = emAnswering500(
      'Backup session with id 6f1c0c5e-0000-0000-0000-000000000001 was not found.',
      Number.POSITIVE_INFINITY,
    );
    const error = await client.backupSessions
      .get('6f1c0c5e-0000-0000-0000-000000000001')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).not.toBeInstanceOf(AuthenticationError);
    expect((error as HttpError).status).toBe(500);
    expect((error as HttpError).message).toMatch(/Backup session with id .* was not found/);
    await client.close();
    expect(log.filter((line) => line.startsWith('POST'))).toHaveLength(1);
    expect(log.filter((line) => line.startsWith('DELETE'))).toEqual([
      'DELETE /api/logonSessions/s1',
    ]);
  });

  it('about the logon session logs that session off, then logs on again and replays', async () => {
    const { client, log } = emAnswering500('Session with the specified id was not found.', 1);
    expect(await client.jobs.list()).toEqual([]);
    await client.close();
    expect(log).toEqual([
      'GET /api/',
      'POST /api/sessionMngr/',
      'GET /api/jobs',
      'DELETE /api/logonSessions/s1',
      'POST /api/sessionMngr/',
      'GET /api/jobs',
      'DELETE /api/logonSessions/s2',
    ]);
  });
});
