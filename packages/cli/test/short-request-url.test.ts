import { HttpError, NetworkError } from '@vbem/client';
import { describe, expect, it } from 'vitest';
import { debugDetail, describeError } from '../src/describe-error.js';
import { shortRequestUrl } from '../src/short-request-url.js';

const QUERY =
  'https://em:9398/api/query?type=BackupJobSession&format=Entities&pageSize=500&page=1&filter=CreationTime%3E%3D%222026-11-14T07%3A55%3A52.296Z%22%3BCreationTime%3C%222026-11-29T07%3A55%3A52.296Z%22';

describe('shortRequestUrl', () => {
  it("cuts a long query to its type, marked with '…'", () => {
    expect(shortRequestUrl(QUERY)).toBe('https://em:9398/api/query?type=BackupJobSession…');
  });

  it('keeps a short query, or a URL without one, whole', () => {
    for (const url of [
      'https://em:9398/api/jobs?format=Entity',
      'https://em:9398/api/sessionMngr/?v=latest',
      'https://em:9398/api/',
    ])
      expect(shortRequestUrl(url)).toBe(url);
  });

  it('a long query without a type: the path alone', () => {
    const url = `https://em:9398/api/backupSessions/1/taskSessions?format=Entity&${'x'.repeat(40)}=1`;
    expect(shortRequestUrl(url)).toBe('https://em:9398/api/backupSessions/1/taskSessions…');
  });
});

describe('describeError of a request with a long query', () => {
  const request = { method: 'GET', url: QUERY };

  it('says the method, the path and the type; --debug still shows the URL whole', () => {
    const error = new HttpError(`GET ${QUERY} answered 500: Internal server error`, {
      status: 500,
      request,
    });
    expect(describeError(error).line).toBe(
      'GET https://em:9398/api/query?type=BackupJobSession… answered 500: Internal server error',
    );
    expect(debugDetail(error)).toContain(QUERY);
  });

  it('in a network failure too', () => {
    const error = new NetworkError(`GET ${QUERY} failed: other side closed (UND_ERR_SOCKET)`, {
      request,
    });
    expect(describeError(error).line).toBe(
      'GET https://em:9398/api/query?type=BackupJobSession… failed: other side closed (UND_ERR_SOCKET)',
    );
  });
});
