import { fromJson, JsonDecodeError, JsonEncodeError, type QueryResult, toJson } from '@vbem/model';
import { decode, EM_NAMESPACE, encode, XmlDecodeError, XmlEncodeError } from '@vbem/xml';
import { describe, expect, it } from 'vitest';
import { xmlFixtures } from './fixture-files.js';

// XML and JSON are two wire forms of one model: a value with two members of a choice (XSD
// xs:choice) is refused by both, for the same reason.

const NS = `xmlns="${EM_NAMESPACE}"`;
const PAGING_XML = '<PagingInfo PageNum="1" PageSize="100" PagesCount="1" />';
const paging = { PageNum: 1, PageSize: 100, PagesCount: 1, Links: [] };

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('accepted two members of a choice');
}

/** The JSON reason and path of `json` refused, after checking that it is a typed structure error. */
function jsonRefusal(root: 'QueryResult' | 'Jobs', json: unknown) {
  const error = thrown(() => fromJson(root, json));
  expect(error).toBeInstanceOf(JsonDecodeError);
  const { code, reason, path } = error as JsonDecodeError;
  expect(code).toBe('invalid-structure');
  return { reason, path };
}

function xmlRefusal(xml: string) {
  const error = thrown(() => decode(xml));
  expect(error).toBeInstanceOf(XmlDecodeError);
  const { code, reason } = error as XmlDecodeError;
  expect(code).toBe('invalid-structure');
  return reason;
}

/** EM 13's keys: the first letter lower-case, all the way down (these keys have no acronyms). */
function camel(json: unknown): unknown {
  if (Array.isArray(json)) return json.map(camel);
  if (json === null || typeof json !== 'object') return json;
  return Object.fromEntries(
    Object.entries(json).map(([key, value]) => [
      key.charAt(0).toLowerCase() + key.slice(1),
      camel(value),
    ]),
  );
}

describe('XML and JSON agree on choices', () => {
  it('decode and fromJson refuse the same two members of a choice, for the same reason', () => {
    const cases = [
      {
        xml: `<QueryResult ${NS}><Refs /><Entities><BackupJobSessions /><Jobs /></Entities>${PAGING_XML}</QueryResult>`,
        json: {
          Refs: { Refs: [] },
          Entities: { BackupJobSessions: { BackupJobSessions: [] }, Jobs: { Jobs: [] } },
          Links: [],
          PagingInfo: paging,
        },
        reason: 'only one of Jobs, BackupJobSessions may appear in Entities',
        path: '/Entities',
      },
      {
        xml: `<QueryResult ${NS}><Refs /><Resources><Tasks /></Resources>${PAGING_XML}</QueryResult>`,
        json: {
          Refs: { Refs: [] },
          Entities: null,
          Resources: { Tasks: { Tasks: [] } },
          Links: [],
          PagingInfo: paging,
        },
        reason: 'only one of Refs, Resources may appear in QueryResult',
        path: '',
      },
    ];
    for (const { xml, json, reason, path } of cases) {
      expect(xmlRefusal(xml)).toBe(reason);
      expect(jsonRefusal('QueryResult', json)).toEqual({ reason, path });
      expect(jsonRefusal('QueryResult', camel(json))).toEqual({
        reason,
        path: path.replace('/E', '/e'),
      });
    }
  });

  it("decode and fromJson refuse a job's JobInfo with two members, in both casings", () => {
    const jobs = xmlFixtures.find(({ file }) => file === 'jobs-entity-list.xml')?.xml as string;
    const value = decode(jobs, { root: 'Jobs' }).value;
    const damaged = jobs.replace('<JobInfo>', '<JobInfo><FileCopyJobInfo />');
    const reason = xmlRefusal(damaged);
    expect(reason).toBe('only one of BackupJobInfo, FileCopyJobInfo may appear in JobInfo');
    for (const casing of ['pascal', 'camel'] as const) {
      const json = JSON.parse(JSON.stringify(toJson('Jobs', value, { casing })));
      expect(fromJson('Jobs', json).value).toEqual(value);
      if (casing === 'pascal') json.Jobs[0].JobInfo.FileCopyJobInfo = {};
      else json.jobs[0].jobInfo.fileCopyJobInfo = {};
      expect(jsonRefusal('Jobs', json)).toEqual({
        reason,
        path: casing === 'pascal' ? '/Jobs/0/JobInfo' : '/jobs/0/jobInfo',
      });
    }
  });

  it('encode and toJson refuse the same value with two members of a choice', () => {
    const values = [
      { Refs: { Refs: [] }, Entities: { Jobs: { Jobs: [] } }, Links: [], PagingInfo: paging },
      {
        Entities: { Jobs: { Jobs: [] }, SystemSessions: { SystemSessions: [] } },
        Links: [],
        PagingInfo: paging,
      },
    ] satisfies QueryResult[];
    for (const value of values) {
      const xmlError = thrown(() => encode('QueryResult', value));
      expect(xmlError).toBeInstanceOf(XmlEncodeError);
      for (const casing of ['pascal', 'camel'] as const) {
        const jsonError = thrown(() => toJson('QueryResult', value, { casing }));
        expect(jsonError).toBeInstanceOf(JsonEncodeError);
        expect((jsonError as JsonEncodeError).reason).toBe((xmlError as XmlEncodeError).reason);
      }
    }
  });
});
