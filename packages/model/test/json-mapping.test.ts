import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  type BackupJobSession,
  fromJson,
  JsonDecodeError,
  JsonEncodeError,
  objectTypeDescriptors,
  type QueryResult,
  type ToJsonOptions,
  toJson,
} from '../src/index.js';

const session: BackupJobSession = {
  Href: 'https://em/api/backupSessions/1?format=Entity',
  Type: 'BackupJobSession',
  Name: 'Job@2026-06-16 06:33:10.659559',
  UID: 'urn:veeam:BackupJobSession:1',
  Links: [{ Href: 'https://em/api/jobs/2', Name: 'Job', Type: 'JobReference', Rel: 'Up' }],
  JobUid: 'urn:veeam:Job:2',
  JobName: 'Job',
  JobType: 'Backup',
  CreationTimeUTC: new Date('2026-06-16T06:33:10.659Z'),
  State: 'Working',
  Result: 'Success',
  Progress: 40,
  IsRetry: true,
};

// As EM 13 writes it: camelCase keys, microseconds, null for absent values.
const em13 = {
  isRetry: true,
  jobUid: 'urn:veeam:Job:2',
  jobName: 'Job',
  jobType: 'Backup',
  creationTimeUTC: '2026-06-16T06:33:10.659559Z',
  endTimeUTC: null,
  state: 'Working',
  result: 'Success',
  progress: 40,
  failureMessage: null,
  name: 'Job@2026-06-16 06:33:10.659559',
  uid: 'urn:veeam:BackupJobSession:1',
  links: [{ rel: 'Up', href: 'https://em/api/jobs/2', name: 'Job', type: 'JobReference' }],
  href: 'https://em/api/backupSessions/1?format=Entity',
  type: 'BackupJobSession',
};

describe('fromJson', () => {
  it('reads EM 13 camelCase and EM 12 PascalCase into the same value, without being told which', () => {
    expect(fromJson('BackupJobSession', em13)).toEqual({
      root: 'BackupJobSession',
      value: session,
      warnings: [],
    });
    const em12 = toJson('BackupJobSession', session);
    expect(em12).toMatchObject({
      IsRetry: true,
      CreationTimeUTC: '2026-06-16T06:33:10.659Z',
      EndTimeUTC: null,
    });
    expect(fromJson('BackupJobSession', em12).value).toEqual(session);
  });

  it('reads nested lists under their own name, in both casings', () => {
    const page = {
      entities: {
        backupJobSessions: { backupJobSessions: [em13] },
        jobs: null,
        backups: null,
        systemSessions: null,
      },
      refs: null,
      resources: null,
      links: null,
      pagingInfo: {
        links: [{ rel: 'First', href: 'u', name: null, type: null }],
        pageNum: 1,
        pageSize: 100,
        pagesCount: 1,
      },
    };
    const { value, warnings } = fromJson('QueryResult', page);
    expect(warnings).toEqual([]);
    expect(value.Entities?.BackupJobSessions?.BackupJobSessions).toEqual([session]);
    expect(value.Entities?.Jobs).toBeUndefined();
    expect(value.PagingInfo.Links).toEqual([{ Rel: 'First', Href: 'u' }]);
    expect(value.Links).toEqual([]);
  });

  it('reports unknown keys and enum values, and ignores unknown nulls', () => {
    const { value, warnings } = fromJson('BackupJobSession', {
      ...em13,
      state: 'Hibernating',
      proxyName: 'p',
      somethingNull: null,
    });
    expect(value.State).toBe('Hibernating');
    expect(warnings).toEqual([
      { code: 'unknown-enum-value', path: '/state', name: 'JobSessionState', value: 'Hibernating' },
      { code: 'unknown-property', path: '/proxyName', name: 'proxyName', value: 'p' },
    ]);
  });

  it('reads a field under both casings by a fixed rule, whatever was read before, and reports it', () => {
    const em12 = toJson('BackupJobSession', session) as Record<string, unknown>;
    const both = {
      ...em12,
      href: 'camel-href',
      progress: 'not a number',
      jobName: null,
      Name: null,
      name: 'camel-name',
      Links: [
        { Rel: 'Up', Href: 'https://em/api/jobs/2', href: 'x', Name: 'Job', Type: 'JobReference' },
      ],
    };
    const readAfter = (previous: unknown) => {
      fromJson('BackupJobSession', previous);
      return fromJson('BackupJobSession', both);
    };
    const afterPascal = readAfter(em12);
    expect(readAfter(em13)).toEqual(afterPascal);
    expect(afterPascal.value).toEqual({ ...session, Name: 'camel-name' });
    expect(afterPascal.warnings).toEqual([
      { code: 'duplicate-property', path: '/href', name: 'href', value: 'camel-href' },
      { code: 'duplicate-property', path: '/Links/0/href', name: 'href', value: 'x' },
      { code: 'duplicate-property', path: '/progress', name: 'progress', value: 'not a number' },
    ]);
  });

  it('reads each object once when fields sit under both casings at every level', () => {
    // A field under both keys was found after the object's children had been read, and the
    // object was then read again by the rule: each level with such a field doubled the reads
    // below it (a 5,000-session page with a null camelCase twin on every object took 7 s, not
    // 0.2). Counted here as the reads of one link's properties, with such twins on the link
    // alone and then on every object above it too: the same, where it was 16 times as many.
    const pageWith = (twinsAbove: boolean) => {
      let reads = 0;
      const link = new Proxy(
        { Href: 'https://em/api/jobs/2', Rel: 'Up', Name: null, Type: null, href: null },
        {
          get(target, key, receiver) {
            reads++;
            return Reflect.get(target, key, receiver);
          },
        },
      );
      const item: Record<string, unknown> = {
        ...toJson('BackupJobSession', session),
        Links: [link],
      };
      const list: Record<string, unknown> = { BackupJobSessions: [item] };
      const entities: Record<string, unknown> = { BackupJobSessions: list };
      const page: Record<string, unknown> = {
        Entities: entities,
        PagingInfo: { PageNum: 1, PageSize: 1, PagesCount: 1 },
      };
      if (twinsAbove) {
        item.links = null;
        list.backupJobSessions = null;
        entities.backupJobSessions = null;
        page.entities = null;
      }
      const { value, warnings } = fromJson('QueryResult', page);
      expect(value.Entities?.BackupJobSessions?.BackupJobSessions).toEqual([
        { ...session, Links: [{ Href: 'https://em/api/jobs/2', Rel: 'Up' }] },
      ]);
      expect(warnings).toEqual([]);
      return reads;
    };
    expect(pageWith(true)).toBe(pageWith(false));
  });

  it('keeps at most maxWarnings warnings, and says how many more there were', () => {
    const em12 = toJson('BackupJobSession', session) as Record<string, unknown>;
    const unknown: Record<string, unknown> = { ...em12 };
    for (let i = 0; i < 3_000; i++) unknown[`New${i}`] = i;
    const { value, warnings } = fromJson('BackupJobSession', unknown);
    expect(value).toEqual(session);
    expect(warnings).toHaveLength(1_001);
    expect(warnings[999]).toMatchObject({ code: 'unknown-property', name: 'New999' });
    expect(warnings[1_000]).toEqual({
      code: 'warnings-omitted',
      path: '',
      name: 'maxWarnings',
      value: 2_000,
    });
    expect(fromJson('BackupJobSession', unknown, { maxWarnings: 0 }).warnings).toEqual([
      { code: 'warnings-omitted', path: '', name: 'maxWarnings', value: 3_000 },
    ]);
    // Read by the fixed rule (a field under two keys): its warning is kept or counted as any other.
    const both = { ...unknown, href: 'camel-href' };
    expect(fromJson('BackupJobSession', both, { maxWarnings: 2 }).warnings).toEqual([
      { code: 'duplicate-property', path: '/href', name: 'href', value: 'camel-href' },
      { code: 'unknown-property', path: '/New0', name: 'New0', value: 0 },
      { code: 'warnings-omitted', path: '', name: 'maxWarnings', value: 2_999 },
    ]);
    expect(() => fromJson('BackupJobSession', em12, { maxWarnings: -1 })).toThrow(
      new JsonDecodeError(
        'invalid-option',
        'maxWarnings must be a whole number of at least 0, got -1',
        '',
      ),
    );
  });

  it('gives the right paths after reading an object again by the fixed rule', () => {
    // PagingInfo's stray camelCase `links` holds a bad item, which fails the first reading
    // deep inside the list; the paths of what is read after must not keep its segments.
    const { warnings } = fromJson('QueryResult', {
      Refs: { Refs: [] },
      PagingInfo: {
        pageNum: 1,
        pageSize: 100,
        pagesCount: 1,
        Links: [{ Rel: 'First', Href: 'https://em/api/query?page=1' }],
        links: [{ rel: 'First', href: 42 }],
      },
      Extra: 'unknown key at the root',
    });
    expect(warnings.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: 'duplicate-property', path: '/PagingInfo/links' },
      { code: 'unknown-property', path: '/Extra' },
    ]);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    [
      'a missing required value',
      { jobName: null },
      'required JobName of BackupJobSession is missing',
      '/jobName',
    ],
    ['a string progress', { progress: '40' }, 'Progress "40" is not a safe integer', '/progress'],
    [
      'a bad date',
      { creationTimeUTC: '2026-02-30T00:00:00Z' },
      'CreationTimeUTC "2026-02-30T00:00:00Z" is not a DateTime',
      '/creationTimeUTC',
    ],
    ['a numeric boolean', { isRetry: 1 }, 'IsRetry 1 is not a boolean', '/isRetry'],
    ['links that are not a list', { links: {} }, 'Links must be an array', '/links'],
    ['a link that is not an object', { links: ['x'] }, 'expected a Link object', '/links/0'],
    // Values are shown as shownValue shows them: no raw value, no TypeError from turning one into text.
    [
      'a progress without a prototype',
      { progress: Object.create(null) },
      'Progress an object is not a safe integer',
      '/progress',
    ],
    [
      'a job name in an array',
      { jobName: ['hunter2'] },
      'JobName an array is not a string',
      '/jobName',
    ],
    [
      'a long text for a boolean',
      { isRetry: 'y'.repeat(100) },
      `IsRetry "${'y'.repeat(80)}…" is not a boolean`,
      '/isRetry',
    ],
  ])('refuses %s with its path', (_case, change, reason, path) => {
    try {
      fromJson('BackupJobSession', { ...em13, ...change });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(JsonDecodeError);
      expect((error as JsonDecodeError).message).toBe(`${reason} (${path})`);
    }
  });

  describe('names a missing required value in the casing of the document', () => {
    const missing = (root: 'EntityRef' | 'BackupJobSession', json: unknown) => {
      try {
        fromJson(root, json);
      } catch (error) {
        expect(error).toBeInstanceOf(JsonDecodeError);
        return (error as JsonDecodeError).path;
      }
      return expect.unreachable();
    };
    const pascalRef = { Href: 'h', Type: 't', Name: 'n' };
    const camelRef = { href: 'h', type: 't', name: 'n' };

    it('PascalCase (EM 12) and camelCase (EM 13), whichever was read before', () => {
      try {
        fromJson('EntityRef', pascalRef);
        expect.unreachable();
      } catch (error) {
        expect((error as JsonDecodeError).message).toBe(
          'required UID of EntityReference is missing (/UID)',
        );
      }
      // The reader tries the casing of the last document first: both orders, twice.
      for (let round = 0; round < 2; round++) {
        expect(missing('EntityRef', pascalRef)).toBe('/UID');
        expect(missing('EntityRef', camelRef)).toBe('/uid');
        expect(missing('EntityRef', camelRef)).toBe('/uid');
        expect(missing('EntityRef', pascalRef)).toBe('/UID');
      }
      const { JobName: _pascal, ...em12 } = toJson('BackupJobSession', session);
      expect(missing('BackupJobSession', em12)).toBe('/JobName');
      const { jobName: _camel, ...camel } = em13;
      expect(missing('BackupJobSession', camel)).toBe('/jobName');
      expect(missing('BackupJobSession', em12)).toBe('/JobName');
    });

    it('by the keys on the path to an object that has none of its own', () => {
      expect(missing('EntityRef', { ...camelRef, uid: 'u', links: [{}] })).toBe('/links/0/href');
      expect(missing('EntityRef', { ...pascalRef, UID: 'u', Links: [{}] })).toBe('/Links/0/Href');
      expect(missing('EntityRef', { ...camelRef, uid: 'u', links: [{ Extra: 1 }] })).toBe(
        '/links/0/href',
      );
    });

    it('relies on PascalCase keys starting upper-case and camelCase keys lower-case', () => {
      // What the path tells is read from the first letter of its keys.
      for (const descriptor of Object.values(objectTypeDescriptors)) {
        const fields = [
          ...descriptor.attributes,
          ...(descriptor.text ? [descriptor.text] : []),
          ...descriptor.elements,
        ];
        for (const field of fields) {
          expect(field.jsonName ?? field.name).toMatch(/^[A-Z]/);
          expect(field.name).toMatch(/^[A-Z]/);
          expect(field.camelName).toMatch(/^[a-z]/);
        }
      }
    });

    it('PascalCase for a root object without keys to tell', () => {
      expect(missing('EntityRef', {})).toBe('/UID');
      expect(missing('EntityRef', { Extra: 1 })).toBe('/UID');
    });

    it('under the key the document has, when it is null', () => {
      expect(missing('EntityRef', { ...pascalRef, uid: null })).toBe('/uid');
      expect(missing('EntityRef', { ...camelRef, UID: null })).toBe('/UID');
    });

    it('by the casing most of its keys have, in an object of both', () => {
      expect(missing('EntityRef', { Href: 'h', Type: 't', name: 'n' })).toBe('/UID');
      expect(missing('EntityRef', { href: 'h', type: 't', Name: 'n' })).toBe('/uid');
    });
  });

  it('reads -0 as 0, in both readers', () => {
    const fast = fromJson('BackupJobSession', { ...em13, progress: -0 });
    expect(Object.is(fast.value.Progress, 0)).toBe(true);
    // An unknown key sends the document to the descriptor-driven reader.
    const slow = fromJson('BackupJobSession', { ...em13, progress: -0, newerField: 1 });
    expect(slow.warnings).toHaveLength(1);
    expect(Object.is(slow.value.Progress, 0)).toBe(true);
  });

  it('refuses a document that is not an object, an unknown root, and prototype keys', () => {
    expect(() => fromJson('BackupJobSession', [])).toThrow(JsonDecodeError);
    expect(() => fromJson('Nope' as 'Task', {})).toThrow(/no EM type has the root element "Nope"/);
    // From JavaScript: a root or a limit that cannot even be turned into text.
    expect(() => fromJson(Object.create(null), {})).toThrow(
      new JsonDecodeError('unexpected-root', 'no EM type has the root element an object', ''),
    );
    expect(() => fromJson('BackupJobSession', em13, { maxWarnings: Object.create(null) })).toThrow(
      new JsonDecodeError(
        'invalid-option',
        'maxWarnings must be a whole number of at least 0, got an object',
        '',
      ),
    );
    const polluting = JSON.parse(`{"__proto__": {"polluted": 1}, ${JSON.stringify(em13).slice(1)}`);
    expect(() => fromJson('BackupJobSession', polluting)).toThrow(
      /property name __proto__ is not allowed/,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('fromJson and choices (XSD xs:choice)', () => {
  const paging = { PageNum: 1, PageSize: 100, PagesCount: 1, Links: [] };
  const pagingCamel = { pageNum: 1, pageSize: 100, pagesCount: 1, links: [] };
  // As EM writes a query result: every entity list, null where not returned.
  const nullLists = (camel: boolean) =>
    Object.fromEntries(
      objectTypeDescriptors.Entities.elements.map((field) => [
        camel ? field.camelName : field.name,
        null,
      ]),
    );
  const refusal = (json: unknown): JsonDecodeError => {
    try {
      fromJson('QueryResult', json);
    } catch (error) {
      if (error instanceof JsonDecodeError) return error;
      throw error;
    }
    throw new Error('fromJson accepted two members of a choice');
  };
  const pageWith = (camel: boolean, members: Record<string, unknown>): Record<string, unknown> =>
    camel
      ? { links: [], pagingInfo: pagingCamel, ...members }
      : { Links: [], PagingInfo: paging, ...members };

  it('refuses two members present in either casing, naming them and the path; null ones are not there', () => {
    // Refs and Entities, whose BackupJobSessions and Jobs are refused first, as decode does.
    const brief = refusal({
      Refs: { Refs: [] },
      Entities: { BackupJobSessions: { BackupJobSessions: [] }, Jobs: { Jobs: [] } },
      Links: [],
      PagingInfo: paging,
    });
    expect(brief).toMatchObject({
      code: 'invalid-structure',
      reason: 'only one of Jobs, BackupJobSessions may appear in Entities',
      path: '/Entities',
    });
    expect(brief.message).toBe(
      'only one of Jobs, BackupJobSessions may appear in Entities (/Entities)',
    );
    for (const camel of [false, true]) {
      const k = (pascal: string, camelKey: string) => (camel ? camelKey : pascal);
      const entities = {
        ...nullLists(camel),
        [k('BackupJobSessions', 'backupJobSessions')]: {
          [k('BackupJobSessions', 'backupJobSessions')]: [],
        },
        [k('SystemSessions', 'systemSessions')]: { [k('SystemSessions', 'systemSessions')]: [] },
      };
      expect(
        refusal(
          pageWith(camel, { [k('Refs', 'refs')]: null, [k('Entities', 'entities')]: entities }),
        ),
      ).toMatchObject({
        code: 'invalid-structure',
        reason: 'only one of BackupJobSessions, SystemSessions may appear in Entities',
        path: k('/Entities', '/entities'),
      });
      const refsAndResources = pageWith(camel, {
        [k('Refs', 'refs')]: { [k('Refs', 'refs')]: [] },
        [k('Entities', 'entities')]: null,
        [k('Resources', 'resources')]: { [k('Tasks', 'tasks')]: { [k('Tasks', 'tasks')]: [] } },
      });
      expect(refusal(refsAndResources)).toMatchObject({
        code: 'invalid-structure',
        reason: 'only one of Refs, Resources may appear in QueryResult',
        path: '',
      });
      // One member and the others null: a value.
      delete refsAndResources[k('Refs', 'refs')];
      expect(fromJson('QueryResult', refsAndResources).value).toEqual({
        Resources: { Tasks: { Tasks: [] } },
        Links: [],
        PagingInfo: paging,
      });
    }
  });

  it('refuses them in the descriptor-driven reader too, after an unknown key or a field under two keys', () => {
    const both = {
      Refs: { Refs: [] },
      Entities: { ...nullLists(false), Jobs: { Jobs: [] } },
      Links: [],
      PagingInfo: paging,
    };
    // An unknown key sends the document to the descriptor-driven reader.
    expect(refusal({ ...both, NewerEmField: 1 })).toMatchObject({
      code: 'invalid-structure',
      reason: 'only one of Refs, Entities may appear in QueryResult',
      path: '',
    });
    // A field under two keys: the object is read again by the fixed rule.
    expect(refusal({ ...both, refs: { refs: [] } })).toMatchObject({
      reason: 'only one of Refs, Entities may appear in QueryResult',
    });
    const camelEntities = {
      ...nullLists(true),
      jobs: { jobs: [] },
      backupServers: { backupServers: [] },
      newerEntityList: { items: [] },
    };
    expect(refusal({ entities: camelEntities, links: [], pagingInfo: pagingCamel })).toMatchObject({
      reason: 'only one of Jobs, BackupServers may appear in Entities',
      path: '/entities',
    });
    // A null member is not there in this reader either.
    const one = fromJson('QueryResult', { ...both, Refs: null, NewerEmField: 1 });
    expect(one.value).toEqual({ Entities: { Jobs: { Jobs: [] } }, Links: [], PagingInfo: paging });
    expect(one.warnings).toHaveLength(1);
  });
});

describe('toJson', () => {
  it('writes a Date of another realm (vm, a worker) as any Date', () => {
    const foreign = runInNewContext("new Date('2026-06-16T06:33:10.659Z')") as Date;
    expect(foreign instanceof Date).toBe(false);
    const json = toJson('BackupJobSession', { ...session, CreationTimeUTC: foreign });
    expect(json.CreationTimeUTC).toBe('2026-06-16T06:33:10.659Z');
    expect(() => toJson('BackupJobSession', foreign as unknown as BackupJobSession)).toThrow(
      new JsonEncodeError('expected a BackupJobSession object', ''),
    );
  });

  it('writes EM 12 PascalCase by default and EM 13 camelCase on request, null where absent', () => {
    const pascal = toJson('BackupJobSession', session);
    expect(Object.keys(pascal)).toEqual([
      'Href',
      'Type',
      'Name',
      'UID',
      'Links',
      'JobUid',
      'JobName',
      'JobType',
      'CreationTimeUTC',
      'EndTimeUTC',
      'State',
      'Result',
      'Progress',
      'FailureMessage',
      'IsRetry',
    ]);
    expect(pascal.FailureMessage).toBeNull();
    expect(pascal.Links).toEqual([
      { Href: 'https://em/api/jobs/2', Name: 'Job', Type: 'JobReference', Rel: 'Up' },
    ]);
    const camel = toJson('BackupJobSession', session, { casing: 'camel' });
    expect(camel).toMatchObject({
      uid: session.UID,
      creationTimeUTC: '2026-06-16T06:33:10.659Z',
      isRetry: true,
    });
    expect(camel.links).toEqual([
      { href: 'https://em/api/jobs/2', name: 'Job', type: 'JobReference', rel: 'Up' },
    ]);
  });

  it('nests list wrappers as EM does and writes every entity list of a query result', () => {
    const page: QueryResult = {
      Entities: { BackupJobSessions: { BackupJobSessions: [session] } },
      Links: [],
      PagingInfo: { PageNum: 1, PageSize: 100, PagesCount: 1, Links: [] },
    };
    const json = toJson('QueryResult', page, { casing: 'camel' });
    expect(json).toMatchObject({ refs: null, resources: null, links: [] });
    const entities = json.entities as Record<string, unknown>;
    expect(
      (entities.backupJobSessions as Record<string, unknown[]>).backupJobSessions,
    ).toHaveLength(1);
    expect(entities.jobs).toBeNull();
    expect(entities.backupServers).toBeNull();
  });

  it('refuses what EM could not have sent', () => {
    expect(() => toJson('BackupJobSession', { ...session, Progress: 1.5 })).toThrow(
      new JsonEncodeError('Progress must be a safe integer', '/Progress'),
    );
    expect(() => toJson('BackupJobSession', { ...session, Extra: 1 } as BackupJobSession)).toThrow(
      /has no property Extra/,
    );
    const missing = { ...session } as Partial<BackupJobSession>;
    delete missing.JobName;
    expect(() => toJson('BackupJobSession', missing as BackupJobSession)).toThrow(
      /required property JobName is missing/,
    );
  });
});

describe('toJson and fromJson options', () => {
  // From JavaScript: each of these wrote PascalCase or trimmed dates without a word.
  const outside = (options: unknown) => options as ToJsonOptions;

  it('toJson refuses a casing or microseconds outside their types, and options that are no object', () => {
    for (const [options, reason] of [
      [{ casing: 'kebab' }, `casing must be 'pascal' or 'camel', got "kebab"`],
      [{ casing: 'Camel' }, `casing must be 'pascal' or 'camel', got "Camel"`],
      [{ casing: null }, `casing must be 'pascal' or 'camel', got null`],
      [{ microseconds: 'yes' }, 'microseconds must be true or false, got "yes"'],
      [{ microseconds: 1 }, 'microseconds must be true or false, got 1'],
      [null, 'options must be an object, got null'],
    ] as const) {
      expect(() => toJson('BackupJobSession', session, outside(options))).toThrow(
        new JsonEncodeError(reason, ''),
      );
    }
    expect(toJson('BackupJobSession', session, { casing: 'pascal', microseconds: false })).toEqual(
      toJson('BackupJobSession', session),
    );
  });

  it('fromJson refuses options that are no object', () => {
    expect(() =>
      fromJson('BackupJobSession', {}, null as unknown as Parameters<typeof fromJson>[2]),
    ).toThrow(new JsonDecodeError('invalid-option', 'options must be an object, got null', ''));
  });
});

describe('toJson and choices (XSD xs:choice)', () => {
  const paging = { PageNum: 1, PageSize: 100, PagesCount: 1, Links: [] };

  it('refuses two members of a choice, as encode does, and takes a null one as absent', () => {
    const both = {
      Refs: { Refs: [] },
      Entities: { Jobs: { Jobs: [] } },
      Links: [],
      PagingInfo: paging,
    };
    for (const casing of ['pascal', 'camel'] as const) {
      expect(() => toJson('QueryResult', both, { casing })).toThrow(
        new JsonEncodeError('only one of Refs, Entities may be set', ''),
      );
      const nested: QueryResult = {
        Entities: { Jobs: { Jobs: [] }, BackupJobSessions: { BackupJobSessions: [] } },
        Links: [],
        PagingInfo: paging,
      };
      expect(() => toJson('QueryResult', nested, { casing })).toThrow(
        new JsonEncodeError('only one of Jobs, BackupJobSessions may be set', '/Entities'),
      );
    }
    const nullRefs = { ...both, Refs: null } as unknown as QueryResult;
    expect(toJson('QueryResult', nullRefs)).toMatchObject({ Refs: null, Resources: null });
  });
});

describe('JSON keys that differ from the XML name', () => {
  // The shape of the JSON samples of PUT /jobs/{ID}?action=edit (EM docs, build 13.0.1.1071):
  //   "OptionsPeriodically": { …, "Schedule": { "Days": [ { "Name": "Sunday", "Value": "1,1,…" } ] } }
  //   "OptionsBackupWindow": { …, "TimePeriods": { "Days": [ … ] } }
  // where the XML has <Day Name="Sunday">1,1,…</Day>. The docs quote booleans and numbers
  // ("Enabled": "false"); native values here, so that only the list key is under test.
  const hours = '1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1';
  const days = (...names: string[]) => names.map((Name) => ({ Name, Value: hours }));
  const job = (standart: Record<string, unknown>) => ({
    Href: 'https://localhost:9398/api/jobs/6c86549b-154f-4566-a76e-52bd64a33aea?format=Entity',
    Type: 'Job',
    Name: 'DB Backup',
    UID: 'urn:veeam:Job:6c86549b-154f-4566-a76e-52bd64a33aea',
    Links: [],
    JobScheduleOptions: { Standart: standart },
  });
  const docs = job({
    OptionsPeriodically: {
      Enabled: false,
      Kind: 'Hours',
      FullPeriod: 1,
      Schedule: { Days: days('Sunday', 'Monday') },
    },
    OptionsBackupWindow: { Enabled: false, TimePeriods: { Days: days('Sunday') } },
  });
  const standartOf = (value: unknown) =>
    (value as { JobScheduleOptions: { Standart: Record<string, Record<string, unknown>> } })
      .JobScheduleOptions.Standart;

  it("reads the docs' `Days` lists of a schedule into `Day`, in both casings, and writes them back", () => {
    const { value, warnings } = fromJson('Job', docs);
    expect(warnings).toEqual([]);
    const standart = standartOf(value);
    expect(standart.OptionsPeriodically?.Schedule).toEqual({ Day: days('Sunday', 'Monday') });
    expect(standart.OptionsBackupWindow?.TimePeriods).toEqual({ Day: days('Sunday') });

    const pascal = toJson('Job', value);
    expect(standartOf(pascal).OptionsBackupWindow?.TimePeriods).toEqual({ Days: days('Sunday') });
    const camel = toJson('Job', value, { casing: 'camel' }) as Record<string, unknown>;
    const window = (camel.jobScheduleOptions as Record<string, Record<string, unknown>>).standart
      ?.optionsBackupWindow as Record<string, unknown>;
    expect(window.timePeriods).toEqual({
      days: [{ name: 'Sunday', value: hours }],
    });
    expect(fromJson('Job', camel)).toEqual({ root: 'Job', value, warnings: [] });
  });

  it("reads the report frames' `Periods` and `Days` lists, as a public client reads them, in both casings", () => {
    const period = {
      Name: 'Default Backup Repository',
      Capacity: 100,
      FreeSpace: 40,
      BackupSize: 50,
    };
    const repository = fromJson('RepositoryReportFrame', { Links: [], Periods: [period] });
    expect(repository).toEqual({
      root: 'RepositoryReportFrame',
      value: { Links: [], Period: [period] },
      warnings: [],
    });
    expect(toJson('RepositoryReportFrame', repository.value)).toMatchObject({ Periods: [period] });
    const camel = toJson('RepositoryReportFrame', repository.value, { casing: 'camel' });
    expect(camel).toMatchObject({ periods: [{ name: period.Name }] });
    expect(fromJson('RepositoryReportFrame', camel).value).toEqual(repository.value);

    const day = { Timestamp: '2019-07-15T22:00:00Z', ReplicatedVms: 0, BackupedVms: 67 };
    const processed = fromJson('ProcessedVmsReportFrame', { Links: [], Days: [day] });
    expect(processed.warnings).toEqual([]);
    expect(processed.value.Day).toEqual([
      { Timestamp: new Date('2019-07-15T22:00:00Z'), ReplicatedVms: 0, BackupedVms: 67 },
    ]);
  });

  it('still reads the XML name `Day`, and prefers `Days` when both are there', () => {
    const old = job({
      OptionsBackupWindow: { Enabled: true, TimePeriods: { Day: days('Friday') } },
    });
    const read = fromJson('Job', old);
    expect(read.warnings).toEqual([]);
    expect(standartOf(read.value).OptionsBackupWindow?.TimePeriods).toEqual({
      Day: days('Friday'),
    });

    const both = job({
      OptionsBackupWindow: {
        Enabled: true,
        TimePeriods: { Day: days('Friday'), Days: days('Monday') },
      },
    });
    const { value, warnings } = fromJson('Job', both);
    expect(standartOf(value).OptionsBackupWindow?.TimePeriods).toEqual({ Day: days('Monday') });
    expect(warnings).toEqual([
      {
        code: 'duplicate-property',
        path: '/JobScheduleOptions/Standart/OptionsBackupWindow/TimePeriods/Day',
        name: 'Day',
        value: days('Friday'),
      },
    ]);
  });
});

describe('TimeSpan values', () => {
  // /reports/summary/job_statistics as EM 12 writes it; the XSD's TimeSpan is an xs:int.
  const statistics = {
    Links: [],
    RunningJobs: 1,
    ScheduledJobs: 1,
    ScheduledBackupJobs: 1,
    ScheduledReplicaJobs: 0,
    TotalJobRuns: 1,
    SuccessfulJobRuns: 1,
    WarningsJobRuns: 0,
    FailedJobRuns: 0,
    MaxJobDuration: 2160,
    MaxBackupJobDuration: 2160,
    MaxReplicaJobDuration: 0,
    MaxDurationBackupJobName: 'Backup Job 1',
    MaxDurationReplicaJobName: '',
    BackupJobStatusReportLink: '',
  };

  it('are read and written up to the int32 bounds', () => {
    const edges = { ...statistics, MaxJobDuration: 2147483647, MaxReplicaJobDuration: -2147483648 };
    const { value } = fromJson('JobStatisticsReportFrame', edges);
    expect(value.MaxJobDuration).toBe(2147483647);
    expect(toJson('JobStatisticsReportFrame', value)).toEqual({ Href: null, Type: null, ...edges });
  });

  it('are refused past int32, read or written', () => {
    expect(() =>
      fromJson('JobStatisticsReportFrame', { ...statistics, MaxJobDuration: 3e9 }),
    ).toThrow(
      new JsonDecodeError(
        'invalid-value',
        'MaxJobDuration 3000000000 is outside the int32 range',
        '/MaxJobDuration',
      ),
    );
    const { value } = fromJson('JobStatisticsReportFrame', statistics);
    expect(() =>
      toJson('JobStatisticsReportFrame', { ...value, MaxBackupJobDuration: -(2 ** 31) - 1 }),
    ).toThrow(
      new JsonEncodeError('MaxBackupJobDuration must fit in an int32', '/MaxBackupJobDuration'),
    );
  });
});
