import { runInNewContext } from 'node:vm';
import type { BackupJobSession, QueryResult } from '@vbem/model';
import { decode, EM_NAMESPACE, encode, XmlEncodeError } from '@vbem/xml';
import { describe, expect, it } from 'vitest';

const session: BackupJobSession = {
  Href: 'https://em/api/backupSessions/1?format=Entity',
  Name: 'Nightly <SQL> & "Exchange"@2025-09-24 20:00:09',
  UID: 'urn:veeam:BackupJobSession:1',
  Links: [{ Href: 'https://em/api/query?type=Job&filter=name=="a b"&page=2', Rel: 'Next' }],
  JobUid: 'urn:veeam:Job:1',
  JobName: 'Nightly <SQL> & "Exchange"',
  JobType: 'Backup',
  CreationTimeUTC: new Date('2025-09-24T20:00:09.560Z'),
  State: 'Working',
  Result: 'Success',
  Progress: 42,
  IsRetry: false,
};

function encodeError(run: () => unknown): XmlEncodeError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(XmlEncodeError);
    return error as XmlEncodeError;
  }
  throw new Error('encode did not throw');
}

describe('encode', () => {
  it('writes namespace-qualified XML with elements in XSD order and escaped values', () => {
    const xml = encode('BackupJobSession', session);
    expect(xml).toBe(
      `<?xml version="1.0" encoding="utf-8"?><BackupJobSession xmlns="${EM_NAMESPACE}" Href="https://em/api/backupSessions/1?format=Entity" Name="Nightly &lt;SQL&gt; &amp; &quot;Exchange&quot;@2025-09-24 20:00:09" UID="urn:veeam:BackupJobSession:1">` +
        '<Links><Link Href="https://em/api/query?type=Job&amp;filter=name==&quot;a b&quot;&amp;page=2" Rel="Next" /></Links>' +
        '<JobUid>urn:veeam:Job:1</JobUid><JobName>Nightly &lt;SQL&gt; &amp; "Exchange"</JobName><JobType>Backup</JobType>' +
        '<CreationTimeUTC>2025-09-24T20:00:09.56Z</CreationTimeUTC><State>Working</State><Result>Success</Result>' +
        '<Progress>42</Progress><IsRetry>false</IsRetry></BackupJobSession>',
    );
    expect(decode(xml, { root: 'BackupJobSession' }).value).toEqual(session);
  });

  it('writes a Date of another realm (vm, a worker) as any Date', () => {
    const foreign = runInNewContext("new Date('2025-09-24T20:00:09.560Z')") as Date;
    expect(foreign instanceof Date).toBe(false);
    const xml = encode('BackupJobSession', { ...session, CreationTimeUTC: foreign });
    expect(xml).toContain('<CreationTimeUTC>2025-09-24T20:00:09.56Z</CreationTimeUTC>');
    expect(decode(xml, { root: 'BackupJobSession' }).value).toEqual(session);
  });

  it('writes elements in XSD order whatever the property order', () => {
    const shuffled = Object.fromEntries(
      Object.entries(session).reverse(),
    ) as unknown as BackupJobSession;
    expect(encode('BackupJobSession', shuffled)).toBe(encode('BackupJobSession', session));
  });

  it('can leave out the declaration, and writes empty strings and lists as EM does', () => {
    const xml = encode(
      'BackupTaskSession',
      {
        Href: 'h',
        Name: 'n',
        UID: 'u',
        Links: [],
        JobSessionUid: 'j',
        CreationTimeUTC: new Date(0),
        State: 'Completed',
        Result: 'Success',
        Reason: '',
        TotalSize: 0,
      },
      { declaration: false },
    );
    expect(xml).toBe(
      `<BackupTaskSession xmlns="${EM_NAMESPACE}" Href="h" Name="n" UID="u"><JobSessionUid>j</JobSessionUid>` +
        '<CreationTimeUTC>1970-01-01T00:00:00Z</CreationTimeUTC><State>Completed</State><Result>Success</Result>' +
        '<Reason /><TotalSize>0</TotalSize></BackupTaskSession>',
    );
  });

  it('keeps line breaks and tabs through attributes and CR through text', () => {
    const tricky = { ...session, Name: 'a\tb\nc\r\nd', JobName: 'x\r\ny' };
    expect(decode(encode('BackupJobSession', tricky), { root: 'BackupJobSession' }).value).toEqual(
      tricky,
    );
  });

  it('writes a required wrapper even when its list is empty', () => {
    const xml = encode('EnterpriseManager', {
      Links: [],
      SupportedVersions: { SupportedVersions: [{ Name: 'v1_7', Links: [] }] },
    });
    expect(xml).toContain('<SupportedVersion Name="v1_7"><Links /></SupportedVersion>');
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    [
      'a missing required property',
      { JobName: undefined },
      'required property JobName is missing',
      '/BackupJobSession',
    ],
    [
      'a string where a number belongs',
      { Progress: '42' },
      'Progress must be a safe integer',
      '/BackupJobSession/Progress',
    ],
    [
      'a fraction',
      { Progress: 4.2 },
      'Progress must be a safe integer',
      '/BackupJobSession/Progress',
    ],
    [
      'an int32 overflow',
      { Progress: 2 ** 31 },
      'Progress must fit in an int32',
      '/BackupJobSession/Progress',
    ],
    [
      'an invalid date',
      { CreationTimeUTC: new Date('x') },
      'CreationTimeUTC must be a valid Date between years 1 and 9999',
      '/BackupJobSession/CreationTimeUTC',
    ],
    [
      'a date as a string',
      { CreationTimeUTC: '2025-01-01' },
      'CreationTimeUTC must be a valid Date between years 1 and 9999',
      '/BackupJobSession/CreationTimeUTC',
    ],
    [
      'an unknown property',
      { Extra: 1 },
      'BackupJobSession has no property Extra',
      '/BackupJobSession',
    ],
    [
      'a control character',
      { JobName: 'a\u0001b' },
      'JobName holds a character that XML cannot carry',
      '/BackupJobSession/JobName',
    ],
    [
      'a lone surrogate',
      { Name: 'a\uD800' },
      'Name holds a character that XML cannot carry',
      '/BackupJobSession/@Name',
    ],
    ['a list that is not an array', { Links: {} }, 'Links must be an array', '/BackupJobSession'],
    [
      'a bad list item',
      {
        Links: [
          { Href: 'h', Rel: 'Up' },
          { Href: 1, Rel: 'Up' },
        ],
      },
      'Href must be a string',
      '/BackupJobSession/Links/Link[2]/@Href',
    ],
  ])('refuses %s, naming the path', (_case, change, reason, path) => {
    const error = encodeError(() =>
      encode('BackupJobSession', { ...session, ...change } as BackupJobSession),
    );
    expect(error.reason).toBe(reason);
    expect(error.path).toBe(path);
  });

  it('refuses two members of a choice and an unknown root', () => {
    const both = {
      Refs: { Refs: [] },
      Entities: {},
      Links: [],
      PagingInfo: { PageNum: 1, PageSize: 1, PagesCount: 1, Links: [] },
    };
    expect(encodeError(() => encode('QueryResult', both as QueryResult)).reason).toBe(
      'only one of Refs, Entities may be set',
    );
    expect(encodeError(() => encode('Nope' as 'Task', {} as never)).reason).toBe(
      'no EM type has the root element Nope',
    );
  });
});
