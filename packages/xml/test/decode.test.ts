import { fromJson, toJson } from '@vbem/model';
import { type DecodeWarning, decode, EM_NAMESPACE, encode, XmlDecodeError } from '@vbem/xml';
import { describe, expect, it } from 'vitest';
import { readDocumented } from './fixture-files.js';

const NS = `xmlns="${EM_NAMESPACE}"`;
const session = (inner: string, attributes = '') =>
  `<BackupJobSession ${NS} Href="h" Name="n" UID="urn:veeam:BackupJobSession:1"${attributes}>${inner}</BackupJobSession>`;
const body = (fields: Record<string, string>) =>
  Object.entries({
    JobUid: 'urn:veeam:Job:1',
    JobName: 'Job',
    JobType: 'Backup',
    CreationTimeUTC: '2025-09-24T20:00:09Z',
    State: 'Stopped',
    Result: 'Success',
    Progress: '100',
    IsRetry: 'false',
    ...fields,
  })
    .map(([name, value]) => `<${name}>${value}</${name}>`)
    .join('');
const decodeSession = (xml: string | Uint8Array) => decode(xml, { root: 'BackupJobSession' });

function decodeError(run: () => unknown): XmlDecodeError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(XmlDecodeError);
    return error as XmlDecodeError;
  }
  throw new Error('decode did not throw');
}

describe('decode: roots', () => {
  it('returns the root and a typed value for any known root', () => {
    const result = decode(
      `<EntityRef ${NS} UID="urn:veeam:Job:1" Name="n" Href="h" Type="JobReference" />`,
    );
    expect(result.root).toBe('EntityRef');
    if (result.root === 'EntityRef') expect(result.value.Links).toEqual([]);
  });

  it('refuses another root than the one asked for, and unknown roots', () => {
    const wrong = decodeError(() => decode(`<Task ${NS} Href="h" />`, { root: 'QueryResult' }));
    expect(wrong.code).toBe('unexpected-root');
    expect(wrong.message).toContain('expected root element QueryResult, found Task');
    expect(decodeError(() => decode(`<Mystery ${NS} />`)).code).toBe('unexpected-root');
    expect(decodeError(() => decode(`<hasOwnProperty ${NS} />`)).code).toBe('unexpected-root');
  });
});

describe('decode: conversion comes only from the descriptors', () => {
  it('keeps strings that look like numbers, booleans or dates as strings', () => {
    for (const name of ['007', '1e3', '0x1F', 'true', 'null', '2025-01-01T00:00:00Z', ' padded ']) {
      expect(decodeSession(session(body({ JobName: name }))).value.JobName).toBe(name);
    }
  });

  it('converts integers, booleans in any case, and dates', () => {
    const { value } = decodeSession(
      session(
        body({
          Progress: ' 42\t',
          IsRetry: '\nTRUE\r\n',
          EndTimeUTC: ' 2025-09-24T20:02:54.7171234Z\n',
        }),
      ),
    );
    expect(value.Progress).toBe(42);
    expect(value.IsRetry).toBe(true);
    expect(value.EndTimeUTC).toEqual(new Date('2025-09-24T20:02:54.717Z'));
    expect(decodeSession(session(body({ IsRetry: 'False' }))).value.IsRetry).toBe(false);
    // No negative zero: it prints as 0 but is not Object.is-equal to it.
    expect(Object.is(decodeSession(session(body({ Progress: '-0' }))).value.Progress, 0)).toBe(
      true,
    );
  });

  it.each([
    ['Progress', '1.5', 'is not an integer'],
    ['Progress', '0x10', 'is not an integer'],
    ['Progress', '99999999999', 'int32'],
    ['IsRetry', 'yes', 'is not a boolean'],
    ['CreationTimeUTC', '2025-02-30T00:00:00Z', 'is not a DateTime'],
    ['CreationTimeUTC', 'yesterday', 'is not a DateTime'],
    // White space XML does not know as such (JavaScript's trim() and \s do).
    ['Progress', '\u00a0100', 'is not an integer'],
    ['Progress', '\ufeff100\u2028', 'is not an integer'],
    ['IsRetry', '\u3000true', 'is not a boolean'],
    ['CreationTimeUTC', '\u00a02025-01-01T00:00:00Z', 'is not a DateTime'],
  ])('refuses %s = %j with its path', (name, text, reason) => {
    const error = decodeError(() => decodeSession(session(body({ [name]: text }))));
    expect(error.code).toBe('invalid-value');
    expect(error.message).toContain(reason);
    expect(error.path).toBe(`/BackupJobSession/${name}`);
  });

  it('keeps TimeSpan values within int32, as the XSD restricts them from xs:int', () => {
    const statistics = (seconds: string) =>
      readDocumented('get-reports-summary-job_statistics.xml').replace(
        '<MaxJobDuration>2160</MaxJobDuration>',
        `<MaxJobDuration>${seconds}</MaxJobDuration>`,
      );
    const read = (xml: string) => decode(xml, { root: 'JobStatisticsReportFrame' }).value;
    expect(read(statistics('2147483647')).MaxJobDuration).toBe(2147483647);
    const error = decodeError(() => read(statistics('2147483648')));
    expect(error.message).toContain('is outside the int32 range');
    expect(error.path).toBe('/JobStatisticsReportFrame/MaxJobDuration');
  });

  it('reads an empty element as an empty string and makes every list an array', () => {
    const xml = `<BackupTaskSession ${NS} Href="h" Name="n" UID="u"><JobSessionUid>j</JobSessionUid><CreationTimeUTC>2025-01-01T00:00:00Z</CreationTimeUTC><State>Completed</State><Result>Success</Result><Reason /><TotalSize>0</TotalSize></BackupTaskSession>`;
    const { value } = decode(xml, { root: 'BackupTaskSession' });
    expect(value.Reason).toBe('');
    expect(value.Links).toEqual([]);
    const one = decodeSession(session(`<Links><Link Href="a" Rel="Up" /></Links>${body({})}`)).value
      .Links;
    expect(one).toEqual([{ Href: 'a', Rel: 'Up' }]);
  });

  it('refuses a missing required element and a repeated single one', () => {
    const missing = decodeError(() =>
      decodeSession(session(body({}).replace('<State>Stopped</State>', ''))),
    );
    expect(missing.code).toBe('invalid-structure');
    expect(missing.message).toContain('required element State of BackupJobSession is missing');
    const twice = decodeError(() => decodeSession(session(`${body({})}<JobName>again</JobName>`)));
    expect(twice.message).toContain('element JobName appears more than once');
  });

  it('refuses two members of a choice', () => {
    const xml = `<QueryResult ${NS}><Refs /><Entities /><PagingInfo PageNum="1" PageSize="1" PagesCount="1" /></QueryResult>`;
    expect(decodeError(() => decode(xml)).message).toContain('only one of Refs, Entities');
  });
});

describe('decode: unknown attributes on any element', () => {
  it('reports an unknown attribute of an element holding a value, or refuses it with strict', () => {
    for (const field of ['JobName', 'State', 'Progress', 'IsRetry', 'CreationTimeUTC']) {
      const xml = session(body({})).replace(`<${field}>`, `<${field} Culture="de&amp;DE">`);
      const { warnings } = decodeSession(xml);
      expect(warnings).toEqual([
        {
          code: 'unknown-attribute',
          path: `/BackupJobSession/${field}/@Culture`,
          name: 'Culture',
          value: 'de&DE',
        },
      ]);
      expect(decodeError(() => decode(xml, { strict: true })).code).toBe('unknown-content');
    }
    // Namespace declarations are not attributes.
    const declared = session(body({})).replace('<JobName>', `<JobName ${NS} xmlns:x="urn:x">`);
    expect(decodeSession(declared).warnings).toEqual([]);
  });

  it("reports an unknown attribute of a list's wrapper, or refuses it with strict", () => {
    const links = '<Links Count="1"><Link Href="a" Rel="r"/></Links>';
    const xml = session(`${links}${body({})}`);
    const { value, warnings } = decodeSession(xml);
    expect(value.Links).toHaveLength(1);
    expect(warnings).toEqual([
      {
        code: 'unknown-attribute',
        path: '/BackupJobSession/Links/@Count',
        name: 'Count',
        value: '1',
      },
    ]);
    expect(decodeError(() => decode(xml, { strict: true })).code).toBe('unknown-content');
  });

  it("refuses a list's wrapper that appears twice, rather than merge the lists", () => {
    const links = '<Links><Link Href="a" Rel="r"/></Links><Links><Link Href="b" Rel="r"/></Links>';
    const error = decodeError(() => decodeSession(session(`${links}${body({})}`)));
    expect(error.code).toBe('invalid-structure');
    expect(error.reason).toBe('element Links appears more than once');
    expect(error.path).toBe('/BackupJobSession');
  });
});

describe('decode: xsi:nil, and the attributes of the xml and xsi namespaces', () => {
  const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
  const nilSession = (inner: string, prefix = 'xsi', uri = XSI) =>
    session(inner, ` xmlns:${prefix}="${uri}"`);
  const nil = (name: string, value = 'true', prefix = 'xsi') =>
    `<${name} ${prefix}:nil="${value}" />`;
  const withoutNil = decodeSession(session(body({}))).value;

  it('reads an optional element with xsi:nil="true" or "1" as absent, as JSON null, also with strict', () => {
    for (const value of ['true', '1', ' true ']) {
      const xml = nilSession(
        `${nil('Links', value)}${body({})}${nil('EndTimeUTC', value)}${nil('FailureMessage', value)}`,
      );
      for (const strict of [false, true]) {
        const result = decode(xml, { root: 'BackupJobSession', strict });
        expect(result.value).toEqual(withoutNil);
        expect(Object.keys(result.value)).not.toContain('EndTimeUTC');
        expect(Object.keys(result.value)).not.toContain('FailureMessage');
        expect(result.warnings).toEqual([]);
      }
    }
    const json = toJson('BackupJobSession', withoutNil);
    expect(json).toMatchObject({ EndTimeUTC: null, FailureMessage: null, Links: [] });
    expect(fromJson('BackupJobSession', json).value).toEqual(withoutNil);
  });

  it('resolves the prefix of xsi:nil by namespace, not by its spelling', () => {
    const other = nilSession(`${body({})}${nil('FailureMessage', 'true', 'i')}`, 'i');
    expect(decodeSession(other).value).toEqual(withoutNil);
    const notXsi = decodeSession(nilSession(`${body({})}${nil('FailureMessage')}`, 'xsi', 'urn:x'));
    expect(notXsi.value.FailureMessage).toBe('');
    expect(notXsi.warnings.map((warning) => warning.path)).toEqual([
      '/BackupJobSession/FailureMessage/@xsi:nil',
    ]);
  });

  it('reads xsi:nil="false" or "0" as no nil, without a warning', () => {
    const xml = nilSession(
      body({ FailureMessage: 'm' }).replace('<FailureMessage>', '<FailureMessage xsi:nil="0">'),
    );
    const { value, warnings } = decodeSession(xml);
    expect(value.FailureMessage).toBe('m');
    expect(warnings).toEqual([]);
  });

  it('refuses a required element with xsi:nil, naming the field and where it is', () => {
    const xml = nilSession(body({}).replace('<JobName>Job</JobName>', nil('JobName')));
    const error = decodeError(() => decodeSession(xml));
    expect(error.code).toBe('invalid-structure');
    expect(error.reason).toBe(
      'required element JobName of BackupJobSession is nil (xsi:nil), which is no value',
    );
    expect(error.path).toBe('/BackupJobSession/JobName');
    const root = decodeError(() => decode(nilSession('').replace('Href=', 'xsi:nil="true" Href=')));
    expect([root.code, root.path]).toEqual(['invalid-structure', '/BackupJobSession']);
  });

  it('refuses a nil item of a list, as fromJson refuses null in a list', () => {
    const xml = nilSession(`<Links><Link Href="a" Rel="r"/>${nil('Link')}</Links>${body({})}`);
    const error = decodeError(() => decodeSession(xml));
    expect([error.code, error.path]).toEqual([
      'invalid-structure',
      '/BackupJobSession/Links/Link[2]',
    ]);
    expect(error.reason).toBe('an item of Links is nil (xsi:nil): a list holds no absent items');
  });

  it('refuses xsi:nil with content, or with a value that is not a boolean', () => {
    const content = nilSession(`${body({})}<FailureMessage xsi:nil="true">m</FailureMessage>`);
    const withContent = decodeError(() => decodeSession(content));
    expect([withContent.code, withContent.path]).toEqual([
      'invalid-structure',
      '/BackupJobSession/FailureMessage',
    ]);
    const yes = decodeError(() =>
      decodeSession(nilSession(`${body({})}${nil('EndTimeUTC', 'yes')}`)),
    );
    expect([yes.code, yes.path]).toEqual([
      'invalid-value',
      '/BackupJobSession/EndTimeUTC/@xsi:nil',
    ]);
  });

  it('reads an optional object element with xsi:nil as absent', () => {
    const page = (entities: string) =>
      `<QueryResult ${NS} xmlns:xsi="${XSI}"><Refs/>${entities}<PagingInfo PageNum="1" PageSize="1" PagesCount="1"/></QueryResult>`;
    const { value, warnings } = decode(page('<Entities xsi:nil="true"/>'), { root: 'QueryResult' });
    expect(value).toEqual(decode(page(''), { root: 'QueryResult' }).value);
    expect(warnings).toEqual([]);
  });

  it('takes xml:space, xml:lang and xsi:schemaLocation without a warning, but not xsi:type', () => {
    const xml = nilSession(
      body({}).replace('<JobName>', '<JobName xml:space="preserve" xml:lang="de">'),
      'xsi',
    ).replace('Href=', `xsi:schemaLocation="${EM_NAMESPACE} em.xsd" xml:lang="en" Href=`);
    expect(decode(xml, { strict: true }).warnings).toEqual([]);
    const typed = nilSession(body({}).replace('<JobName>', '<JobName xsi:type="xs:string">'));
    expect(decodeSession(typed).warnings.map((warning) => warning.path)).toEqual([
      '/BackupJobSession/JobName/@xsi:type',
    ]);
    expect(decodeError(() => decode(typed, { strict: true })).code).toBe('unknown-content');
  });

  it('writes no xsi:nil: an absent value stays absent through encode and decode', () => {
    const xml = encode('BackupJobSession', withoutNil);
    expect(xml).not.toContain('nil');
    expect(xml).not.toContain('EndTimeUTC');
    expect(decodeSession(xml).value).toEqual(withoutNil);
  });
});

describe('decode: real-world tolerance', () => {
  const plain = session(body({}));

  it('ignores attribute order, declarations, a BOM, extra namespace declarations', () => {
    const expected = decodeSession(plain).value;
    const reordered = `<?xml version="1.0" encoding="utf-8"?>\n<BackupJobSession xmlns:xsd="http://www.w3.org/2001/XMLSchema" UID="urn:veeam:BackupJobSession:1" Name="n" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" Href="h" ${NS}>\n  ${body({})}\n</BackupJobSession>`;
    expect(decodeSession(reordered).value).toEqual(expected);
    expect(decodeSession(`\uFEFF${plain}`).value).toEqual(expected);
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(plain)]);
    expect(decodeSession(bytes).value).toEqual(expected);
  });

  it('resolves element prefixes by namespace, not by spelling', () => {
    const prefixed = plain
      .replace(NS, `xmlns:ent="${EM_NAMESPACE}"`)
      .replaceAll(/<(\/?)([A-Z]\w*)/g, '<$1ent:$2');
    expect(decodeSession(prefixed).value).toEqual(decodeSession(plain).value);
    const foreign = session(`<other:JobName xmlns:other="urn:not-em">x</other:JobName>${body({})}`);
    const result = decodeSession(foreign);
    expect(result.value.JobName).toBe('Job');
    expect(result.warnings.map((w) => [w.code, w.name])).toEqual([
      ['unknown-element', 'other:JobName'],
    ]);
    const rebound = `<x:BackupJobSession xmlns:x="urn:elsewhere" xmlns="${EM_NAMESPACE}" Href="h" Name="n" UID="u">${body({})}</x:BackupJobSession>`;
    expect(decodeError(() => decode(rebound)).code).toBe('unexpected-root');
    expect(decodeError(() => decodeSession(session(`<nope:X />${body({})}`))).message).toContain(
      'prefix nope is not declared',
    );
  });

  it('keeps non-ASCII text', () => {
    expect(
      decodeSession(session(body({ JobName: 'Sicherung Büro – 東京 😀' }))).value.JobName,
    ).toBe('Sicherung Büro – 東京 😀');
  });

  it('keeps unknown elements, attributes and enum values aside as warnings', () => {
    const xml = session(`${body({ State: 'Hibernating' })}<ProxyName>p1</ProxyName>`, ' Extra="1"');
    const { value, warnings } = decodeSession(xml);
    expect(value.State).toBe('Hibernating');
    expect(warnings).toEqual<DecodeWarning[]>([
      { code: 'unknown-attribute', path: '/BackupJobSession/@Extra', name: 'Extra', value: '1' },
      {
        code: 'unknown-enum-value',
        path: '/BackupJobSession/State',
        name: 'JobSessionState',
        value: 'Hibernating',
      },
      {
        code: 'unknown-element',
        path: '/BackupJobSession/ProxyName',
        name: 'ProxyName',
        value: { ProxyName: [{ '#text': 'p1' }] },
      },
    ]);
  });

  it('names unknown parts as EM wrote them, Object.prototype method names included', () => {
    const xml = session(
      `${body({})}<hasOwnProperty>1</hasOwnProperty><valueOf/>`,
      ' toString="y" __defineGetter__="z"',
    );
    const { value, warnings } = decodeSession(xml);
    expect(value.JobName).toBeDefined();
    expect(warnings.map((warning) => [warning.code, warning.path, warning.name])).toEqual([
      ['unknown-attribute', '/BackupJobSession/@toString', 'toString'],
      ['unknown-attribute', '/BackupJobSession/@__defineGetter__', '__defineGetter__'],
      ['unknown-element', '/BackupJobSession/hasOwnProperty', 'hasOwnProperty'],
      ['unknown-element', '/BackupJobSession/valueOf', 'valueOf'],
    ]);
    const strict = decodeError(() => decode(xml, { strict: true }));
    expect(strict.message).toMatch(/unknown attribute toString/);
    expect(strict.path).toBe('/BackupJobSession/@toString');
    // The attribute named toString is data of its node, not Object.prototype's method.
    expect({}.toString).toBe(Object.prototype.toString);
  });

  it('turns unknown elements and attributes into errors with strict, but not unknown enum values', () => {
    const extra = decodeError(() =>
      decode(session(`${body({})}<ProxyName>p1</ProxyName>`), { strict: true }),
    );
    expect(extra.code).toBe('unknown-content');
    expect(extra.path).toBe('/BackupJobSession/ProxyName');
    expect(decode(session(body({ Result: 'Aborted' })), { strict: true }).warnings).toHaveLength(1);
    expect(decode(session(body({ Result: 'None' })), { strict: true }).warnings).toEqual([]);
  });

  it('names list positions in paths', () => {
    const xml = session(
      `<Links><Link Href="a" Rel="Up" /><Link Href="b" Rel="Up" Odd="1" /></Links>${body({})}`,
    );
    expect(decodeSession(xml).warnings[0]?.path).toBe('/BackupJobSession/Links/Link[2]/@Odd');
  });
});

describe('decode: CDATA sections', () => {
  it('keep their content as written, joined with the text around them in document order', () => {
    const jobName = 'JN1<![CDATA[ R&amp;D &#0; <b>]]>&amp;<![CDATA[]]>x<![CDATA[&lt;]]>';
    const { value } = decodeSession(session(body({ JobName: jobName })));
    expect(value.JobName).toBe('JN1 R&amp;D &#0; <b>&x&lt;');
    const again = encode('BackupJobSession', value, { declaration: false });
    expect(decodeSession(again).value).toEqual(value);
  });

  it('keep their content as written in simpleContent values', () => {
    const job = readDocumented('get-job-entity-backup.xml').replaceAll(
      '<Day Name="Sunday">1,',
      '<Day Name="Sunday"><![CDATA[&amp;]]>&amp;1,',
    );
    const day = decode(job, { root: 'Job' }).value.JobScheduleOptions?.Standart?.OptionsBackupWindow
      ?.TimePeriods.Day[0];
    expect(day?.Value).toMatch(/^&amp;&1,1,/);
  });

  it('are reported when the model expects no text there', () => {
    const xml = session(`${body({})}<![CDATA[a&amp;b]]><![CDATA[ ]]>`);
    expect(decodeSession(xml).warnings).toEqual<DecodeWarning[]>([
      { code: 'unknown-text', path: '/BackupJobSession/text()', name: '#text', value: 'a&amp;b' },
    ]);
  });
});

describe('decode: attribute values', () => {
  it('read raw tabs and line ends as spaces, as XML does, and character references as written', () => {
    const xml = session(body({}), ' Extra="a\tb\nc\r\nd\re&#9;&#10;&#13;f"');
    const { value, warnings } = decodeSession(xml.replace('Name="n"', 'Name="x\n\ty"'));
    expect(value.Name).toBe('x  y');
    expect(warnings[0]?.value).toBe('a b c d e\t\n\rf');
  });
});
