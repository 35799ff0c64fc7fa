import { type DecodeOptions, decode, EM_NAMESPACE, XmlDecodeError, XmlLimitError } from '@vbem/xml';
import { describe, expect, it } from 'vitest';
import {
  declarePrefix,
  isPrefixDeclared,
  leavePrefixScopes,
  newPrefixScopes,
} from '../src/prefix-scopes.js';

const NS = `xmlns="${EM_NAMESPACE}"`;
const ref = (name: string) =>
  `<EntityRef ${NS} UID="urn:veeam:Job:1" Name="${name}" Href="h" Type="JobReference" />`;

// A query page of minimal sessions, each named n<i>, with `between` put between the items.
const sessionItem = (i: number, jobName = `JN${i}`) =>
  `<BackupJobSession Href="h${i}" Type="BackupJobSession" Name="n${i}" UID="u${i}"><JobUid>j</JobUid><JobName>${jobName}</JobName><JobType>Backup</JobType><CreationTimeUTC>2025-06-05T01:03:37Z</CreationTimeUTC><State>Stopped</State><Result>Failed</Result><Progress>100</Progress><IsRetry>false</IsRetry></BackupJobSession>`;
const pageOf = (items: string) =>
  `<QueryResult ${NS}><Entities><BackupJobSessions>${items}</BackupJobSessions></Entities><PagingInfo PageNum="1" PageSize="100" PagesCount="1"/></QueryResult>`;
const sessionNames = (xml: string, maxDepth = 64) =>
  decode(xml, {
    root: 'QueryResult',
    maxDepth,
  }).value.Entities?.BackupJobSessions?.BackupJobSessions.map((session) => session.Name);

function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('no error was thrown');
}

describe('hardening: declarations', () => {
  it.each([
    ['a DOCTYPE', `<!DOCTYPE EntityRef [<!ENTITY x "y">]>${ref('&x;')}`],
    [
      'billion laughs',
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>${ref('&lol2;')}`,
    ],
    [
      'an external entity',
      `<!DOCTYPE EntityRef [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${ref('&xxe;')}`,
    ],
    ['a lower-case doctype', `<!doctype EntityRef>${ref('x')}`],
    ['an ENTITY alone', `<!ENTITY x "y">${ref('x')}`],
  ])('refuses %s before parsing', (_case, xml) => {
    const error = thrown(() => decode(xml)) as XmlDecodeError;
    expect(error).toBeInstanceOf(XmlDecodeError);
    expect(error.code).toBe('forbidden-declaration');
    expect(error.line).toBe(1);
  });

  it('refuses references to entities that do not exist instead of passing them through', () => {
    const error = thrown(() => decode(ref('&nbsp;'))) as XmlDecodeError;
    expect(error.code).toBe('malformed');
    expect(error.message).toContain('unknown entity reference &nbsp;');
  });
});

describe('hardening: malformed input', () => {
  const valid = `<?xml version="1.0"?>\n<Task ${NS} Href="h">\n  <TaskId>t</TaskId>\n  <State>Finished</State>\n  <Operation>o</Operation>\n</Task>`;

  it.each([
    [
      'truncated',
      valid.slice(0, valid.indexOf('<State>')),
      'the document ends inside <Task> (truncated?)',
      4,
    ],
    [
      'truncated inside a tag',
      valid.slice(0, valid.indexOf('<State') + 4),
      'unterminated start tag',
      4,
    ],
    ['mismatched tags', valid.replace('</State>', '</Stat>'), 'does not match <State>', 4],
    ['garbage', 'this is not XML at all', 'text before the root element', 1],
    ['empty', '', 'the document is empty', 1],
    ['white space only', '  \n  ', 'no root element', 2],
    ['two roots', `${valid}<Task ${NS} Href="h" />`, 'a second root element', 6],
    ['text after the root', `${valid}junk`, 'text after the root element', 6],
    ['a bare ampersand', valid.replace('>t<', '>a & b<'), "'&' that does not start a reference", 3],
    ['an unquoted attribute', valid.replace('Href="h"', 'Href=h'), 'is not quoted', 2],
    [
      "a '<' in an attribute value",
      valid.replace('Href="h"', 'Href="a<b"'),
      "'<' in the value of attribute Href",
      2,
    ],
    [
      "a '<' in a later attribute value",
      valid.replace('Href="h"', 'Href="h" Name="x > y < z"'),
      "'<' in the value of attribute Name",
      2,
    ],
    [
      'a repeated attribute',
      valid.replace('Href="h"', 'Href="h" Href="i"'),
      'attribute Href is repeated',
      2,
    ],
    [
      'a closing tag too many',
      valid.replace('</TaskId>', '</TaskId></TaskId>'),
      'does not match <Task>',
      3,
    ],
    [
      'an unterminated comment',
      valid.replace('<TaskId>', '<!-- <TaskId>'),
      'unterminated comment',
      3,
    ],
    [
      'an invalid character reference',
      valid.replace('>t<', '>&#0;<'),
      'is not an XML character',
      3,
    ],
  ])('refuses %s with line, column and element path', (_case, xml, reason, line) => {
    const error = thrown(() => decode(xml)) as XmlDecodeError;
    expect(error).toBeInstanceOf(XmlDecodeError);
    expect(error.code).toBe('malformed');
    expect(error.message).toContain(reason);
    expect(error.line).toBe(line);
    expect(error.column).toBeGreaterThan(0);
  });

  it('checks references after an ampersand that a comment or CDATA section holds', () => {
    const afterComment = valid.replace('<TaskId>t', '<!-- a & b --><TaskId>a & b');
    expect(thrown(() => decode(afterComment)).message).toContain(
      "'&' that does not start a reference",
    );
    const afterCdata = valid.replace('<TaskId>t', '<TaskId><![CDATA[&]]>&bogus;');
    expect(thrown(() => decode(afterCdata)).message).toContain('unknown entity reference &bogus;');
    const fine = valid.replace('<TaskId>t', '<!-- & --><TaskId><![CDATA[&]]>&amp;&#38;');
    expect(decode(fine, { root: 'Task' }).value.TaskId).toBe('&&&');
  });

  it("accepts a '>' in an attribute value", () => {
    const withGreaterThan = ref('a > b').replace('Href="h"', 'Href="x>y"');
    const { value } = decode(withGreaterThan, { root: 'EntityRef' });
    expect([value.Name, value.Href]).toEqual(['a > b', 'x>y']);
  });

  it('accepts white space before the end of a closing tag, and nothing else there', () => {
    expect(decode(valid.replace('</State>', '</State \n>'), { root: 'Task' }).value.State).toBe(
      'Finished',
    );
    expect(thrown(() => decode(valid.replace('</State>', '</StateX>'))).message).toContain(
      'closing tag </StateX> does not match <State>',
    );
  });

  it('names the element path where it stopped', () => {
    const error = thrown(() => decode(valid.replace('</State>', '</Stat>'))) as XmlDecodeError;
    expect(error.path).toBe('/Task/State');
    expect(error.message).toMatch(/line 4, column \d+ \(\/Task\/State\)$/);
  });

  it.each([
    ['a bare ampersand', 'Href="a&b"', '/@Href'],
    ['an unknown entity', 'Rel="&nbsp;"', '/@Rel'],
    ["a '<'", 'Href="a<b"', '/@Href'],
    ['an unquoted value', 'Href=a', '/@Href'],
    ['a repeated attribute', 'Rel="z"', '/@Rel'],
    ['a control character', 'Href="a\u0001"', '/@Href'],
    ['no white space between attributes', 'Href="a"Name="b"', ''],
  ])(
    'names the element and the attribute of %s in a start tag, not the parent',
    (_case, attributes, at) => {
      const links = `<Links><Link Href="x" Rel="y"/><Link ${attributes} Rel="y"/></Links>`;
      const xml = `<BackupJobSession ${NS} Href="h" Name="n" UID="u">${links}</BackupJobSession>`;
      const error = thrown(() => decode(xml)) as XmlDecodeError;
      expect(error).toBeInstanceOf(XmlDecodeError);
      expect(error.path).toBe(`/BackupJobSession/Links/Link${at}`);
      // The root's own attributes: the path was empty.
      const root = thrown(() => decode(ref('a&b'))) as XmlDecodeError;
      expect(root.path).toBe('/EntityRef/@Name');
    },
  );

  it('refuses bytes that are not UTF-8', () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode(ref('x')).slice(0, 40),
      0xff,
      0xfe,
      0x3e,
    ]);
    expect((thrown(() => decode(bytes)) as XmlDecodeError).code).toBe('invalid-encoding');
  });
});

describe('hardening: prototype pollution', () => {
  it.each([
    `<__proto__ ${NS} />`,
    `<Task ${NS} Href="h"><__proto__><polluted>1</polluted></__proto__></Task>`,
    `<Task ${NS} Href="h"><constructor>1</constructor></Task>`,
    `<Task ${NS} Href="h"><prototype>1</prototype></Task>`,
    `<Task ${NS} Href="h"><ent:__proto__ xmlns:ent="${EM_NAMESPACE}">1</ent:__proto__></Task>`,
    `<Task ${NS} Href="h" __proto__="1" />`,
    `<Task ${NS} Href="h" constructor="1" />`,
  ])('refuses %s with a typed error and leaves Object.prototype alone', (xml) => {
    const error = thrown(() => decode(xml)) as XmlDecodeError;
    expect(error).toBeInstanceOf(XmlDecodeError);
    expect(error.code).toBe('forbidden-name');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe('hardening: entities are decoded exactly once', () => {
  it.each([
    ['&amp;', '&'],
    ['&amp;lt;', '&lt;'],
    ['&lt;script&gt;', '<script>'],
    ['&#38;', '&'],
    ['&#38;#38;', '&#38;'],
    ['&#x1F600;', '😀'],
    ['&#13;', '\r'],
    ['&quot;&apos;', `"'`],
    ['&#000000000000038;', '&'],
    ['&#x000000000041;', 'A'],
  ])('%s becomes %j in attributes and text', (encoded, decoded) => {
    expect(decode(ref(encoded), { root: 'EntityRef' }).value.Name).toBe(decoded);
    const task = `<Task ${NS} Href="h"><TaskId>${encoded}</TaskId><State>Finished</State><Operation>o</Operation></Task>`;
    expect(decode(task, { root: 'Task' }).value.TaskId).toBe(decoded);
  });
});

describe('hardening: limits', () => {
  it('refuses a document over maxBytes, as a string or as bytes', () => {
    const xml = ref('x'.repeat(2000));
    for (const input of [xml, new TextEncoder().encode(xml)]) {
      const error = thrown(() => decode(input, { maxBytes: 1024 })) as XmlLimitError;
      expect(error).toBeInstanceOf(XmlLimitError);
      expect(error.limit).toBe('maxBytes');
      expect(error.max).toBe(1024);
    }
    expect(decode(xml, { maxBytes: 4096 }).root).toBe('EntityRef');
  });

  it('counts UTF-8 bytes, not characters', () => {
    const xml = ref('ü'.repeat(600)); // 600 characters, 1200 bytes
    expect(() => decode(xml, { maxBytes: 1000 })).toThrow(XmlLimitError);
  });

  it('refuses nesting deeper than maxDepth with its path', () => {
    const deep = `<Task ${NS} Href="h">${'<a>'.repeat(100)}${'</a>'.repeat(100)}</Task>`;
    const error = thrown(() => decode(deep)) as XmlLimitError;
    expect(error).toBeInstanceOf(XmlLimitError);
    expect(error.limit).toBe('maxDepth');
    expect(error.max).toBe(64);
    expect(error.path.split('/')).toHaveLength(66);
    expect(
      decode(
        `<Task ${NS} Href="h"><TaskId>t</TaskId><State>s</State><Operation>o</Operation></Task>`,
        { maxDepth: 2 },
      ).root,
    ).toBe('Task');
    expect(() =>
      decode(`<Task ${NS} Href="h"><Result Success="true"><Message>m</Message></Result></Task>`, {
        maxDepth: 2,
      }),
    ).toThrow(XmlLimitError);
  });

  describe('counts self-closing elements toward maxDepth', () => {
    // <Link/> is at depth 4, <Refs/> at depth 2.
    const page = `<QueryResult ${NS}><Refs/><PagingInfo PageNum="1" PageSize="1" PagesCount="1"><Links><Link Href="a" Rel="b"/></Links></PagingInfo></QueryResult>`;

    it.each([
      [3, '/QueryResult/PagingInfo/Links/Link', '<Link '],
      [1, '/QueryResult/Refs', '<Refs/'],
    ])('refuses maxDepth %s with the path and position of the element', (maxDepth, path, tag) => {
      const error = thrown(() => decode(page, { maxDepth })) as XmlLimitError;
      expect(error).toBeInstanceOf(XmlLimitError);
      expect(error.limit).toBe('maxDepth');
      expect(error.max).toBe(maxDepth);
      expect(error.path).toBe(path);
      expect([error.line, error.column]).toEqual([1, page.indexOf(tag) + 1]);
      expect(error.message).toBe(
        `elements nest deeper than ${maxDepth} (maxDepth) at line 1, column ${page.indexOf(tag) + 1} (${path})`,
      );
    });

    it('accepts the page at maxDepth 4, its depth', () => {
      expect(decode(page, { maxDepth: 4, root: 'QueryResult' }).value.PagingInfo?.Links).toEqual([
        { Href: 'a', Rel: 'b' },
      ]);
    });

    it('accepts a root alone at maxDepth 1, self-closing or not, and nothing below it', () => {
      expect(decode(ref('x'), { maxDepth: 1 }).root).toBe('EntityRef');
      expect(decode(ref('x').replace('/>', '></EntityRef>'), { maxDepth: 1 }).root).toBe(
        'EntityRef',
      );
      const error = thrown(() =>
        decode(ref('x').replace('/>', '><Links/></EntityRef>'), { maxDepth: 1 }),
      );
      expect((error as XmlLimitError).path).toBe('/EntityRef/Links');
    });

    // fast-xml-parser has its own limit (maxNestedTags, set to maxDepth + 1): whatever the check
    // accepts, open or self-closing at the bottom, in one piece or in several, must get past it.
    it.each([1, 2, 3, 4, 5, 8])(
      'lets fast-xml-parser read every document the check accepts at maxDepth %s',
      (maxDepth) => {
        // The root at depth 1, `bottom` at depth `depth`.
        const nested = (depth: number, bottom: string) =>
          depth === 1
            ? ref('x')
            : ref('x').replace(
                '/>',
                `>${'<a>'.repeat(depth - 2)}${bottom}${'</a>'.repeat(depth - 2)}</EntityRef>`,
              );
        for (const bottom of ['<b/>', '<b>x</b>', '<b></b>']) {
          expect(decode(nested(maxDepth, bottom), { maxDepth }).root).toBe('EntityRef');
          expect(() => decode(nested(maxDepth + 1, bottom), { maxDepth })).toThrow(XmlLimitError);
        }
        // Large enough to be parsed piece by piece.
        const items = Array.from({ length: 200 }, (_, i) => sessionItem(i)).join('');
        const page = pageOf(items);
        if (maxDepth >= 5) expect(sessionNames(page, maxDepth)).toHaveLength(200);
        else expect(() => decode(page, { maxDepth })).toThrow(XmlLimitError);
      },
    );
  });

  it.each([
    ['maxBytes', Number.NaN],
    ['maxBytes', 0],
    ['maxDepth', Number.NaN],
    ['maxDepth', -1],
    ['maxDepth', 2.5],
    ['maxDepth', Number.POSITIVE_INFINITY],
  ])('refuses %s = %s, which would switch the limit off or refuse everything', (name, value) => {
    const error = thrown(() =>
      decode(`<Task ${NS} Href="h"/>`, { [name]: value }),
    ) as XmlDecodeError;
    expect(error).toBeInstanceOf(XmlDecodeError);
    expect(error.code).toBe('invalid-option');
    expect(error.message).toBe(`${name} must be a whole number of at least 1, got ${value}`);
  });

  it('checks a start tag with 100,000 attributes for repeats, in linear time', () => {
    // Compared pairwise, this took minutes (the test times out); by a set, milliseconds.
    let attributes = '';
    for (let i = 0; i < 100_000; i++) attributes += ` a${i}="${i}"`;
    const entity = (extra: string) =>
      `<EntityRef ${NS} Href="h" Type="t" Name="n" UID="u"><Extra${attributes}${extra}/></EntityRef>`;
    const { warnings } = decode(entity(''), { root: 'EntityRef' });
    expect(warnings).toHaveLength(1);
    const extra = warnings[0]?.value as { ':@': object };
    expect(Object.keys(extra[':@'])).toHaveLength(100_000);
    for (const repeated of ['a3', 'a99999']) {
      const xml = entity(` ${repeated}="again"`);
      const error = thrown(() => decode(xml)) as XmlDecodeError;
      expect(error.message).toContain(`attribute ${repeated} is repeated`);
      expect(error.column).toBe(xml.lastIndexOf(repeated) + 1);
    }
  });

  it('keeps at most maxWarnings warnings, and says how many more there were', () => {
    const unknown = (count: number, extra = '') =>
      `<EntityRef ${NS} UID="u" Name="n" Href="h" Type="t"${extra}>${'<New/>'.repeat(count)}</EntityRef>`;
    const { warnings } = decode(unknown(5_000));
    expect(warnings).toHaveLength(1_001);
    expect(warnings[999]).toMatchObject({ code: 'unknown-element', path: '/EntityRef/New' });
    expect(warnings[1_000]).toEqual({
      code: 'warnings-omitted',
      path: '/EntityRef',
      name: 'maxWarnings',
      value: 4_000,
    });
    // Attributes, text and enum values count alike.
    const mixed = decode(unknown(2, ' A="1" B="2"'), { maxWarnings: 3 }).warnings;
    expect(mixed.map((warning) => warning.code)).toEqual([
      'unknown-attribute',
      'unknown-attribute',
      'unknown-element',
      'warnings-omitted',
    ]);
    expect(decode(unknown(3), { maxWarnings: 0 }).warnings).toEqual([
      { code: 'warnings-omitted', path: '/EntityRef', name: 'maxWarnings', value: 3 },
    ]);
    expect(decode(unknown(3), { maxWarnings: 3 }).warnings).toHaveLength(3);
    // Strict mode still refuses the first unknown element.
    expect(() => decode(unknown(3), { maxWarnings: 0, strict: true })).toThrow(XmlDecodeError);
    for (const maxWarnings of [-1, 1.5, Number.NaN]) {
      expect(thrown(() => decode(unknown(1), { maxWarnings }))).toMatchObject({
        code: 'invalid-option',
        message: expect.stringContaining('maxWarnings must be a whole number of at least 0'),
      });
    }
  });

  it('survives a million nested elements without exhausting the stack', () => {
    const depth = 1_000_000;
    const error = thrown(() =>
      decode(`${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}`, { maxBytes: 16 * 1024 * 1024 }),
    );
    expect(error).toBeInstanceOf(XmlLimitError);
  });
});

describe('hardening: fast-xml-parser reads what the check accepted', () => {
  it('refuses a quote in a processing instruction, which the parser would end later', () => {
    // XML ends the first PI at its '?>'; the parser skipped the quoted '?>…<?q "' and lost n2.
    const xml = pageOf(`${sessionItem(1)}<?p "?>${sessionItem(2)}<?q "?>${sessionItem(3)}`);
    const error = thrown(() => decode(xml)) as XmlDecodeError;
    expect(error).toBeInstanceOf(XmlDecodeError);
    expect(error.code).toBe('malformed');
    expect(error.message).toContain('quote in processing instruction <?p');
    expect([error.line, error.column]).toEqual([1, xml.indexOf('<?p') + 1]);
    expect(error.path).toBe('/QueryResult/Entities/BackupJobSessions');
  });

  it('keeps every item around a processing instruction without quotes', () => {
    const xml = pageOf(`${sessionItem(1)}<?p a b?>${sessionItem(2)}<?q?>${sessionItem(3)}`);
    expect(sessionNames(xml)).toEqual(['n1', 'n2', 'n3']);
  });

  it('ends comments where XML ends them, quotes or not', () => {
    const xml = pageOf(`${sessionItem(1)}<!-- "?> -->${sessionItem(2)}<!-- " -->${sessionItem(3)}`);
    expect(sessionNames(xml)).toEqual(['n1', 'n2', 'n3']);
  });

  it.each([
    ['a declaration with a ?> in a quoted value', '<?xml version="1.0" encoding="a?>b"?>'],
    ['a declaration without a version', '<?xml?>'],
    ['a processing instruction without a target', '<? ?>'],
    ['a name the parser refuses in a processing instruction', '<?p __proto__?>'],
  ])('refuses %s', (_case, instruction) => {
    const error = thrown(() => decode(`${instruction}${pageOf(sessionItem(1))}`)) as XmlDecodeError;
    expect(error.code).toBe('malformed');
    expect([error.line, error.column]).toEqual([1, 1]);
  });

  it("accepts the XML declaration in EM's forms", () => {
    for (const declaration of [
      '<?xml version="1.0" encoding="utf-8"?>',
      "<?xml version='1.0' standalone='yes' ?>",
      '<?xml version="1.0"?>',
    ])
      expect(sessionNames(`${declaration}\n${pageOf(sessionItem(1))}`)).toEqual(['n1']);
  });
});

describe('hardening: what XML itself refuses, and the check now does', () => {
  const withExtra = (extra: string) =>
    pageOf(sessionItem(1).replace('<JobUid>', `${extra}<JobUid>`));
  const refusal = (xml: string) => {
    const error = thrown(() => decode(xml)) as XmlDecodeError;
    expect(error).toBeInstanceOf(XmlDecodeError);
    expect(error.code).toBe('malformed');
    return error;
  };

  it('refuses an XML declaration anywhere but at the very start', () => {
    // The parser would drop it, and the two halves of the value would join.
    const inside = pageOf(sessionItem(1).replace('>Stopped<', '>Stopp<?xml version="1.0"?>ed<'));
    const error = refusal(inside);
    expect(error.reason).toBe('an XML declaration anywhere but at the start of the document');
    expect(error.column).toBe(inside.indexOf('<?xml') + 1);
    expect(error.path).toBe('/QueryResult/Entities/BackupJobSessions/BackupJobSession/State');
    expect(refusal(`\n<?xml version="1.0"?>${pageOf(sessionItem(1))}`).line).toBe(2);
    expect(refusal(`${pageOf(sessionItem(1))}<?XML version="1.0"?>`).reason).toContain('start');
  });

  it('refuses an undeclared prefix in an attribute name that starts with xmlns', () => {
    const xml = withExtra('<Extra xmlnsfoo:bar="1"/>');
    expect(refusal(xml).reason).toBe('namespace prefix xmlnsfoo is not declared (xmlnsfoo:bar)');
    // Declared, it is an attribute like any other.
    const declared = withExtra('<Extra xmlns:xmlnsfoo="urn:x" xmlnsfoo:bar="1"/>');
    expect(decode(declared).warnings.map((warning) => warning.name)).toEqual(['Extra']);
  });

  it('refuses xml and xmlns bound to another namespace', () => {
    for (const declaration of ['xmlns:xml="urn:x"', 'xmlns:xmlns="urn:x"'])
      expect(refusal(withExtra(`<Extra ${declaration}/>`)).reason).toContain('cannot be bound');
    const own = withExtra('<Extra xmlns:xml="http://www.w3.org/XML/1998/namespace"/>');
    expect(decode(own).warnings.map((warning) => warning.name)).toEqual(['Extra']);
  });

  it("refuses ']]>' in text, and '--' in a comment", () => {
    const text = pageOf(sessionItem(1, 'a]]>b'));
    expect(refusal(text).column).toBe(text.indexOf(']]>') + 1);
    for (const comment of ['<!-- a -- b -->', '<!-- a --->']) {
      const xml = withExtra(comment);
      expect(refusal(xml).reason).toBe("'--' inside a comment");
    }
    // Where XML allows them: in CDATA, attribute values and comments, and an empty comment.
    const allowed = withExtra('<![CDATA[]]]]><Extra a="]]>"/><!-- ]]> - - --><!---->');
    expect(decode(allowed).warnings.map((warning) => warning.code)).toEqual([
      'unknown-text',
      'unknown-element',
    ]);
  });
});

describe('hardening: characters and names XML does not allow', () => {
  it.each([
    ['a control character in text', 'a\u0001b', 1, 'character U+0001 is not allowed in XML'],
    ['U+FFFE in text', 'ab\uFFFE', 2, 'character U+FFFE is not allowed in XML'],
    ['U+FFFF in a comment', '<!-- \uFFFF -->', 5, 'character U+FFFF is not allowed in XML'],
    ['an unpaired high surrogate', 'a\uD83Db', 1, 'character U+D83D is an unpaired surrogate'],
    ['an unpaired low surrogate', '\uDE00', 0, 'character U+DE00 is an unpaired surrogate'],
  ])('refuses %s with its line and column', (_case, jobName, offset, reason) => {
    const xml = pageOf(`${sessionItem(1)}\n${sessionItem(2, `JN2${jobName}`)}`);
    const error = thrown(() => decode(xml)) as XmlDecodeError;
    expect(error).toBeInstanceOf(XmlDecodeError);
    expect(error.code).toBe('malformed');
    expect(error.reason).toBe(reason);
    const line2 = xml.slice(xml.indexOf('\n') + 1);
    expect([error.line, error.column]).toEqual([2, line2.indexOf('JN2') + 3 + offset + 1]);
    expect(error.path).toBe('/QueryResult/Entities/BackupJobSessions/BackupJobSession/JobName');
  });

  it('refuses a control character in an attribute value', () => {
    const error = thrown(() => decode(ref('a\u001Fb'))) as XmlDecodeError;
    expect(error.reason).toBe('character U+001F is not allowed in XML');
    expect(error.column).toBe(ref('a\u001Fb').indexOf('\u001F') + 1);
  });

  it('keeps characters outside the BMP, tab, LF and CR', () => {
    expect(sessionNames(pageOf(sessionItem(1, '😀\t\r\n')))).toEqual(['n1']);
  });

  it.each([
    [':@, which the converter would skip', '<:@>x</:@>', "character '@' in an element name"],
    ['#text, which the parser refuses', '<#text>x</#text>', "character '#' in an element name"],
    ['a name starting with a digit', '<1a>x</1a>', 'name 1a does not start with a letter'],
    ['a name with two colons', '<a:b:c>x</a:b:c>', 'name a:b:c is not a valid prefixed name'],
    ['a name with U+FEFF, where the parser would split it', '<a\uFEFFb>x</a\uFEFFb>', 'U+FEFF'],
    ['an attribute name with a quote', '<Extra x"y="1"/>', `character '"' in an attribute name`],
    ['an attribute name with U+00A0', '<Extra x\u00A0y="1"/>', 'U+00A0 in an attribute name'],
  ])('refuses an element or attribute named with %s', (_case, element, reason) => {
    const xml = pageOf(sessionItem(1).replace('<JobUid>', `${element}<JobUid>`));
    const error = thrown(() => decode(xml)) as XmlDecodeError;
    expect(error).toBeInstanceOf(XmlDecodeError);
    expect(error.code).toBe('malformed');
    expect(error.reason).toContain(reason);
    expect(error.line).toBe(1);
    expect(error.column).toBeGreaterThan(xml.indexOf(element));
    expect(error.path).toMatch(/^\/QueryResult\/Entities\/BackupJobSessions\/BackupJobSession/);
  });

  it('accepts non-ASCII names, and reports them as unknown', () => {
    const xml = pageOf(
      sessionItem(1).replace('<JobUid>', '<Größe·x_1 Maß="1">x</Größe·x_1><JobUid>'),
    );
    const { warnings } = decode(xml);
    expect(warnings.map((warning) => warning.name)).toEqual(['Größe·x_1']);
  });
});

describe('hardening: namespace prefixes', () => {
  const withExtra = (extra: string) =>
    pageOf(sessionItem(1).replace('<JobUid>', `${extra}<JobUid>`));

  it.each([
    ['an element', '<v:Extra/>', 'namespace prefix v is not declared (v:Extra)', '/v:Extra'],
    ['an attribute', '<Extra v:a="1"/>', 'namespace prefix v is not declared (v:a)', '/Extra/@v:a'],
    [
      'a prefix declared on a sibling only',
      '<Extra xmlns:v="urn:x"/><v:Extra/>',
      'namespace prefix v is not declared (v:Extra)',
      '/v:Extra',
    ],
  ])(
    'refuses an undeclared prefix on %s with line, column and path',
    (_case, extra, reason, at) => {
      const xml = withExtra(extra);
      const error = thrown(() => decode(xml)) as XmlDecodeError;
      expect(error).toBeInstanceOf(XmlDecodeError);
      expect(error.reason).toBe(reason);
      const prefixedTag = extra.lastIndexOf('<');
      expect([error.line, error.column]).toEqual([1, xml.indexOf(extra) + prefixedTag + 1]);
      expect(error.path).toBe(`/QueryResult/Entities/BackupJobSessions/BackupJobSession${at}`);
    },
  );

  it('accepts prefixes declared on the element or an ancestor, and xml:', () => {
    const xml = withExtra(
      '<v:Extra xmlns:v="urn:x" v:a="1"><v:Inner xml:lang="en"/></v:Extra><Extra xml:lang="en"/>',
    );
    expect(decode(xml).warnings.map((warning) => warning.name)).toEqual(['v:Extra', 'Extra']);
  });

  it('puts a prefix and the default namespace back when the element that rebound them closes', () => {
    const xml = pageOf(sessionItem(1))
      .replace(`<QueryResult ${NS}`, `<QueryResult ${NS} xmlns:e="${EM_NAMESPACE}"`)
      .replace(
        '<JobUid>',
        '<Links xmlns:e="urn:x"><e:Link Href="a" Rel="r"/><Link xmlns="urn:y" Href="b" Rel="r"/><Link Href="c" Rel="r"/></Links><e:JobUid>',
      )
      .replace('</JobUid>', '</e:JobUid>');
    const { value, warnings } = decode(xml, { root: 'QueryResult' });
    const session = value.Entities?.BackupJobSessions?.BackupJobSessions[0];
    expect(session?.Links).toEqual([{ Href: 'c', Rel: 'r' }]);
    expect(session?.JobUid).toBe('j');
    expect(warnings.map((warning) => warning.name)).toEqual(['e:Link', 'Link']);
  });

  it('reads many declarations in linear time: no map of the prefixes copied per declaration', () => {
    // The converter copied the map of the prefixes in scope for each declaration and for each
    // element declaring one: for 2,000 declarations on the root and 2,000 children that declare
    // one each, about 6,000,000 calls of Map.prototype.set (new Map(map) calls it per entry once
    // it is replaced), against a few per declaration now.
    const count = 2_000;
    let declarations = '';
    let children = '';
    for (let i = 0; i < count; i++) {
      declarations += ` xmlns:p${i}="urn:p${i}"`;
      children += `<Extra xmlns:q${i % 3}="urn:q" p${i}:a="1"/>`;
    }
    const xml = `<EntityRef ${NS}${declarations} Href="h" Type="t" Name="n" UID="u">${children}</EntityRef>`;
    const set = Map.prototype.set;
    let calls = 0;
    Map.prototype.set = function countedSet(this: Map<unknown, unknown>, key, value) {
      calls++;
      return set.call(this, key, value);
    };
    try {
      expect(decode(xml, { maxWarnings: 0 }).warnings).toHaveLength(1);
    } finally {
      Map.prototype.set = set;
    }
    expect(calls).toBeLessThan(20 * count);
  });

  it('looks a prefix up in the well-formedness pass without going through the declared ones', () => {
    // Each prefixed name scanned the list of the prefixes in scope: with 1,000 declared, 1,000
    // lookups read about 500,000 entries of the list.
    const count = 1_000;
    const scopes = newPrefixScopes();
    let reads = 0;
    const prefixes = new Proxy(scopes.prefixes, {
      get(target, key, receiver) {
        reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    const counted = { ...scopes, prefixes };
    for (let i = 0; i < count; i++) declarePrefix(counted, `p${i}`, 2);
    declarePrefix(counted, 'p0', 3);
    for (let i = 0; i < count; i++) expect(isPrefixDeclared(counted, `p${i}`)).toBe(true);
    expect(isPrefixDeclared(counted, 'q')).toBe(false);
    leavePrefixScopes(counted, 2);
    expect(isPrefixDeclared(counted, 'p0')).toBe(true);
    leavePrefixScopes(counted, 1);
    expect(isPrefixDeclared(counted, 'p0')).toBe(false);
    expect(isPrefixDeclared(counted, 'xml')).toBe(true);
    expect(reads).toBeLessThan(20 * count);
  });
});

describe('hardening: names from the document are cut in messages and paths', () => {
  // A name of a million characters: messages and paths quote at most 80 of them, and show the cut.
  const huge = 'Q'.repeat(1_000_000);
  const cut = `${'Q'.repeat(80)}…`;
  const entity = (children: string, attributes = '', prefix = '') =>
    `<EntityRef ${NS}${prefix ? ` xmlns:${prefix}="${EM_NAMESPACE}"` : ''} Href="h" Type="t" Name="n" UID="u"${attributes}>${children}</EntityRef>`;
  // A session whose JobUid, JobName or Progress may be written with a prefix bound to EM's namespace.
  const session = (replace: [string, string]) =>
    sessionItem(1)
      .replace('<BackupJobSession ', `<BackupJobSession ${NS} xmlns:${huge}="${EM_NAMESPACE}" `)
      .replace(...replace);
  const prefixed = (element: string, content: string) =>
    `<${huge}:${element}>${content}</${huge}:${element}>`;

  const bounded = (text: string) => {
    expect(text.length).toBeLessThan(1000);
    expect(text).not.toMatch(/Q{81}/);
  };

  it.each<[string, string, DecodeOptions?]>([
    ['an unknown element with strict', entity(`<${huge}/>`), { strict: true }],
    ['an unknown attribute with strict', entity('', ` ${huge}="1"`), { strict: true }],
    ['an unknown root', `<${huge} ${NS}/>`],
    ['a root outside EM’s namespace', `<${huge}:EntityRef xmlns:${huge}="urn:x"/>`],
    ['a mismatch inside a long-named element', entity(`<${huge}><a></b></${huge}>`)],
    ['a closing tag that does not match', entity(`<${huge}></${huge}R>`)],
    ['a closing tag without an opening tag', `${entity('')}</${huge}>`],
    ['a document that ends inside an element', entity('').replace('</EntityRef>', `<${huge}>`)],
    ['an unterminated start tag', entity('').replace('</EntityRef>', `<${huge}`)],
    ['a second root', `${entity('')}<${huge}/>`],
    ['a forbidden name with a prefix', entity(`<${huge}:constructor xmlns:${huge}="urn:x"/>`)],
    ['an undeclared prefix', entity(`<${huge}:a/>`)],
    ['a name that starts with a digit', entity(`<1${huge}/>`)],
    ['a repeated attribute', entity(`<a ${huge}="1" ${huge}="2"/>`)],
    ['an attribute without a value', entity(`<a ${huge} />`)],
    ['an unquoted attribute value', entity(`<a ${huge}=1/>`)],
    ['a quote in an attribute name of an element', entity(`<${huge} x"y="1"/>`)],
    ['a forbidden attribute name', entity(`<a ${huge}:prototype="1" xmlns:${huge}="urn:x"/>`)],
    [
      'an element repeated under a prefix',
      session(['</JobUid>', `</JobUid>${prefixed('JobUid', 'j')}`]),
    ],
    [
      'a bad value under a prefix',
      session(['<Progress>100</Progress>', prefixed('Progress', 'x')]),
    ],
    [
      'elements in a value under a prefix',
      session(['<JobName>JN1</JobName>', prefixed('JobName', '<a/>')]),
    ],
  ])(
    'refuses %s with a message and a path that quote at most 80 characters of a name',
    (_case, xml, options) => {
      const error = thrown(() => decode(xml, options)) as XmlDecodeError;
      expect(error).toBeInstanceOf(XmlDecodeError);
      bounded(error.message);
      bounded(error.path);
      expect(error.message).toContain('Q…');
    },
  );

  it('cuts the names of the path of a maxDepth error', () => {
    const error = thrown(() =>
      decode(entity(`<${huge}><${huge}/></${huge}>`), { maxDepth: 2 }),
    ) as XmlLimitError;
    expect(error).toBeInstanceOf(XmlLimitError);
    expect(error.path).toBe(`/EntityRef/${cut}/${cut}`);
    bounded(error.message);
  });

  it('cuts a padded character reference in a message', () => {
    const error = thrown(() => decode(entity(`<a>&#x${'0'.repeat(1_000_000)}1;</a>`)));
    expect(error.message).toContain('is not an XML character');
    expect(error.message.length).toBeLessThan(300);
    expect(error.message).toContain('…');
  });

  it('cuts names in the paths of warnings, and keeps the name of the unknown part whole', () => {
    const xml = entity(
      `<${huge}/><${huge}:Links><${huge}>x</${huge}></${huge}:Links>`,
      ` ${huge}="1"`,
      huge,
    );
    const { warnings } = decode(xml);
    expect(warnings.map(({ code, path }) => [code, path])).toEqual([
      ['unknown-attribute', `/EntityRef/@${cut}`],
      ['unknown-element', `/EntityRef/${cut}`],
      ['unknown-element', `/EntityRef/${cut}/${cut}`],
    ]);
    for (const warning of warnings) expect(warning.name).toBe(huge);
    const state = session(['<State>Stopped</State>', prefixed('State', 'Hibernating')]);
    const enumWarning = decode(state).warnings;
    expect(enumWarning.map(({ code, path, name }) => [code, path, name])).toEqual([
      ['unknown-enum-value', `/BackupJobSession/${cut}`, 'JobSessionState'],
    ]);
  });

  it('leaves names of up to 80 characters whole', () => {
    const name = `${'Q'.repeat(79)}R`;
    const { warnings } = decode(entity(`<${name}/>`));
    expect(warnings[0]?.path).toBe(`/EntityRef/${name}`);
    const error = thrown(() => decode(entity(`<${name}/>`), { strict: true }));
    expect(error.message).toBe(`unknown element ${name} (strict mode) (/EntityRef/${name})`);
  });
});
