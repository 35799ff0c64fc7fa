import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPercent } from '../src/format-percent.js';
import { csvCell, csvRecord } from '../src/render/csv-cell.js';
import { displayWidth, takeWidth, truncateToWidth } from '../src/render/display-width.js';
import { escapeMarkdown } from '../src/render/escape-markdown.js';
import { escapeLabelValue } from '../src/render/escape-prometheus-label.js';
import { formatAge } from '../src/render/format-age.js';
import { formatDuration } from '../src/render/format-duration.js';
import { formatInstant } from '../src/render/format-instant.js';
import { groupKeyText } from '../src/render/group-tables.js';
import { inertJson } from '../src/render/inert-json.js';
import { jobLabeller } from '../src/render/job-labels.js';
import { DEFAULT_LIST_LIMIT, listLimit } from '../src/render/list-limit.js';
import { toSingleLine } from '../src/render/single-line.js';
import { fitLine, paintLine, span } from '../src/render/styled-line.js';
import { textTable } from '../src/render/text-table.js';
import { topFailureReasons } from '../src/render/top-failure-reasons.js';
import type { GroupReport } from '../src/report.js';
import { ReportError } from '../src/report-error.js';
import { jobReport, sessionReport, vmReport } from './render-fixtures.js';

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [0.9, '0s'],
    [45, '45s'],
    [60, '1m'],
    [725, '12m 5s'],
    [3600, '1h'],
    [12_000, '3h 20m'],
    [86_399, '23h 59m'],
    [86_400, '1d'],
    [187_200, '2d 4h'],
    [187_260, '2d 4h'],
    [45 * 86_400 + 3 * 3600, '45d 3h'],
    [-5, '0s'],
    [Number.NaN, '0s'],
  ])('%s s is %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe('formatAge', () => {
  it.each([
    [45, '45s'],
    [725, '12m 5s'],
    [3600, '1h'],
    [86_399, '23h 59m'],
    // Past an RPO of 1d by half an hour, in hours: `1d` would hide it.
    [88_200, '24h 30m'],
    [86_400, '24h'],
    [172_799, '47h 59m'],
    [172_800, '2d'],
    [187_200, '2d 4h'],
    [-5, '0s'],
    [Number.NaN, '0s'],
  ])('%s s is %s', (seconds, text) => {
    expect(formatAge(seconds)).toBe(text);
  });
});

describe('formatPercent', () => {
  it.each([
    [0, '0.0%'],
    [1, '100.0%'],
    [8 / 14, '57.1%'],
    [2 / 3, '66.7%'],
    [0.0005, '0.1%'],
    [1999 / 2000, '99.9%'],
    [0.99999, '99.9%'],
    [0.00001, '0.1%'],
  ])('%s is %s', (ratio, text) => {
    expect(formatPercent(ratio)).toBe(text);
  });
});

describe('formatInstant', () => {
  it('shows the wall-clock time of the time zone, following DST', () => {
    expect(formatInstant('2025-09-24T08:00:00.000Z', 'Europe/Berlin')).toBe('2025-09-24 10:00');
    expect(formatInstant('2025-12-24T08:00:00.000Z', 'Europe/Berlin')).toBe('2025-12-24 09:00');
    expect(formatInstant('2025-09-24T00:00:00.000Z', 'UTC')).toBe('2025-09-24 00:00');
    expect(formatInstant('2025-09-23T23:59:59.999Z', 'America/New_York')).toBe('2025-09-23 19:59');
    expect(formatInstant('0001-01-02T03:04:00.000Z', 'UTC')).toBe('0001-01-02 03:04');
  });

  it('returns a string that is not an instant unchanged', () => {
    expect(formatInstant('not a date', 'UTC')).toBe('not a date');
  });

  it('refuses a time zone the runtime does not know, with a typed error', () => {
    expect(() => formatInstant('2025-09-24T08:00:00.000Z', 'Mars/Olympus_Mons')).toThrow(
      new ReportError(
        'invalid-input',
        `the report's time zone "Mars/Olympus_Mons" is not an IANA time zone this runtime knows`,
      ),
    );
  });
});

describe('displayWidth', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['漢字', 4],
    ['ｆｕｌｌ', 8],
    ['한국어', 6],
    ['🔥', 2],
    ['👨‍👩‍👧‍👦', 2],
    ['🇩🇪', 2],
    ['1️⃣', 2],
    ['✅', 2],
    ['☺', 1],
    ['e\u0301', 1],
    ['a\u200Bb', 2],
    ['…', 1],
    ['—', 1],
    ['Größe ŝ ʼ', 9],
    ['soft\u00ADhyphen', 10],
    ['‼\uFE0F', 2],
  ])('%j takes %i columns', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });

  it('counts one column for each character of the quick path, as grapheme by grapheme', () => {
    // The quick path (a string of these only is as wide as it is long) must agree with the
    // grapheme walk, which a zero-width space forces without adding a column.
    const ranges = [
      [0x20, 0x7e],
      [0xa0, 0xac],
      [0xae, 0x2ff],
      [0x2010, 0x2027],
      [0x2030, 0x205e],
    ];
    for (const [first, last] of ranges) {
      for (let code = first as number; code <= (last as number); code++) {
        const character = String.fromCharCode(code);
        expect([code, displayWidth(character)]).toEqual([code, 1]);
        expect([code, displayWidth(`${character}\u200B`)]).toEqual([code, 1]);
      }
    }
  });
});

describe('truncateToWidth and takeWidth', () => {
  it('cuts with … only when the text is wider', () => {
    expect(truncateToWidth('abcdef', 6)).toBe('abcdef');
    expect(truncateToWidth('abcdef', 5)).toBe('abcd…');
    expect(truncateToWidth('abcdef', 1)).toBe('…');
    expect(truncateToWidth('abcdef', 0)).toBe('');
  });

  it('never splits a wide character, emoji sequence or combining mark', () => {
    expect(truncateToWidth('漢字漢字', 4)).toBe('漢…');
    expect(truncateToWidth('👨‍👩‍👧‍👦👨‍👩‍👧‍👦', 3)).toBe('👨‍👩‍👧‍👦…');
    expect(truncateToWidth('e\u0301e\u0301e\u0301', 2)).toBe('e\u0301…');
    expect(takeWidth('漢字', 3)).toEqual({ text: '漢', width: 2 });
  });

  it('cuts text of one-column characters by length', () => {
    expect(takeWidth('a—b…c', 3)).toEqual({ text: 'a—b', width: 3 });
    expect(takeWidth('Größe', 9)).toEqual({ text: 'Größe', width: 5 });
    expect(takeWidth('abc', 0)).toEqual({ text: '', width: 0 });
    expect(truncateToWidth('Größe—1', 5)).toBe('Größ…');
  });
});

describe('toSingleLine', () => {
  it('turns line breaks and tabs into spaces', () => {
    expect(toSingleLine('a\r\nb\nc\rd\te\u2028f')).toBe('a b c d e f');
  });

  it('replaces escape sequences and bidi overrides by U+FFFD', () => {
    expect(toSingleLine('\u001b[2Jx\u0007\u009b\u202Ey\u2066')).toBe(
      '\uFFFD[2Jx\uFFFD\uFFFD\uFFFDy\uFFFD',
    );
  });

  it('replaces the bidi marks too (ALM, LRM, RLM), which reorder the digits beside them', () => {
    expect(toSingleLine('a\u061Cb\u200Ec\u200Fd')).toBe('a\uFFFDb\uFFFDc\uFFFDd');
    expect(inertJson('\u200F1-2')).toBe('"\\u200f1-2"');
  });

  it('keeps the zero-width joiner of emoji sequences', () => {
    expect(toSingleLine('👨‍👩‍👧')).toBe('👨‍👩‍👧');
  });

  it('gives back text that needs no change as it is, and leaves nothing unsafe in any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const line = toSingleLine(text);
        const unsafe = /[\p{Cc}\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;
        expect(line).not.toMatch(unsafe);
        if (!unsafe.test(text)) expect(line).toBe(text);
        else expect(line).toHaveLength(text.length - (text.match(/\r\n/g)?.length ?? 0));
      }),
    );
  });
});

describe('fitLine and paintLine', () => {
  it('drops trailing spaces and cuts across spans, keeping their styles', () => {
    const line = [span('abc', 'bold'), span('  '), span('defgh', 'red'), span('   ')];
    expect(fitLine(line, 80)).toEqual([span('abc', 'bold'), span('  '), span('defgh', 'red')]);
    expect(fitLine(line, 7)).toEqual([span('abc', 'bold'), span('  '), span('d…', 'red')]);
    expect(fitLine(line, 3)).toEqual([span('ab…', 'bold')]);
    expect(fitLine(line, 0)).toEqual([]);
  });

  it('colours only styled spans, and only when asked', () => {
    const line = [span('ok', 'green'), span(' then '), span('bad', 'red')];
    expect(paintLine(line, false)).toBe('ok then bad');
    expect(paintLine(line, true)).toBe('\u001b[32mok\u001b[0m then \u001b[31mbad\u001b[0m');
  });
});

describe('textTable', () => {
  const columns = [
    { header: 'Name', align: 'start', shrinks: true },
    { header: 'Count', align: 'end' },
  ] as const;
  const plain = (lines: ReturnType<typeof textTable>) =>
    lines.map((line) => paintLine(fitLine(line, 100), false));

  it('sizes columns to their widest cell and aligns them', () => {
    const rows = [
      [span('alpha'), span('1')],
      [span('b'), span('1234567')],
    ];
    expect(plain(textTable(columns, rows, 80))).toEqual([
      'Name     Count',
      'alpha        1',
      'b      1234567',
    ]);
  });

  it('narrows the shrinking column to fit, but not below 8 columns', () => {
    const rows = [[span('a very long name indeed'), span('1')]];
    expect(plain(textTable(columns, rows, 16))).toEqual(['Name       Count', 'a very l…      1']);
    expect(plain(textTable(columns, rows, 5))).toEqual(['Name      Count', 'a very …      1']);
  });
});

describe('escapeMarkdown', () => {
  it('escapes what could format, link, break a table or form HTML', () => {
    expect(escapeMarkdown('a|b `c` *d* _e_ ~f~ [g](h) <i> & \\')).toBe(
      'a\\|b \\`c\\` \\*d\\* \\_e\\_ \\~f\\~ \\[g\\](h) &lt;i&gt; &amp; \\\\',
    );
  });

  it('leaves URLs and e-mail addresses as they are, escaping only what could format them', () => {
    expect(escapeMarkdown('see https://kb.example/x?a=1, www.example.org or ops@example.org')).toBe(
      'see https://kb.example/x?a=1, www.example.org or ops@example.org',
    );
  });

  // GitHub (cmark-gfm) autolinks `http://`, `https://` and `www.` and then takes the rest of the
  // word as written: the link text and target are the raw characters, so a backslash or entity
  // there would show. A table splits cells at `|` before inline parsing and drops a `\` before it.
  it('writes a URL that GFM autolinks verbatim, but for a table-cell pipe', () => {
    expect(escapeMarkdown('see https://kb.example/a_b?c=1&d=*2*|x now')).toBe(
      'see https://kb.example/a_b?c=1&d=*2*\\|x now',
    );
    expect(escapeMarkdown('www.kb.example/~me/[a](b)_c')).toBe('www.kb.example/~me/[a](b)_c');
    // GFM leaves trailing `?!.,:*_~'";` and an unbalanced `)` out of the link: harmless as text.
    expect(escapeMarkdown('(see https://kb.example/Pika_(x)).')).toBe(
      '(see https://kb.example/Pika_(x)).',
    );
  });

  // An escape inside a word GFM autolinks would be part of the link, with the escaped character
  // after it: `https://x.example/a\*` links `https://x.example/a\` and leaves a live `*`. So a URL
  // that cannot be verbatim is kept from autolinking (`\:` and `www\.`), and escaped as text.
  it('keeps a URL from autolinking when it cannot be left verbatim', () => {
    // what GFM leaves out of the link would be emphasis, strikethrough or a character reference
    expect(escapeMarkdown('https://x.example/a* and *b*')).toBe(
      'https\\://x.example/a\\* and \\*b\\*',
    );
    expect(escapeMarkdown('www.x.example/a~')).toBe('www\\.x.example/a\\~');
    expect(escapeMarkdown('https://x.example/a&lt;')).toBe('https\\://x.example/a&amp;lt;');
    // a `<` ends cmark-gfm's link: the rest would be raw Markdown and HTML
    expect(escapeMarkdown('https://kb.example/a_b?c=1&d=2|<b>')).toBe(
      'https\\://kb.example/a\\_b?c=1&amp;d=2\\|&lt;b&gt;',
    );
    // not after a space or `(`, an uppercase scheme, or a domain GitHub may not link (an `_`)
    expect(
      escapeMarkdown('x"https://a.example/_b_ HTTPS://a.example/_b_ https://a_b.example/_c_'),
    ).toBe(
      'x"https\\://a.example/\\_b\\_ HTTPS\\://a.example/\\_b\\_ https\\://a\\_b.example/\\_c\\_',
    );
  });

  it('escapes an @ that starts a word, so it mentions nobody; an e-mail address still links', () => {
    expect(escapeMarkdown('Pre-job script failed: @echo off; cc @acme/security-team')).toBe(
      'Pre-job script failed: \\@echo off; cc \\@acme/security-team',
    );
    expect(escapeMarkdown('(@a) x.@b x+@c ops@example.org first.last+tag@example.org')).toBe(
      '(\\@a) x.\\@b x+\\@c ops@example.org first.last+tag@example.org',
    );
  });

  it('keeps a name on one line', () => {
    expect(escapeMarkdown('one\r\ntwo\nthree')).toBe('one two three');
  });
});

describe('escapeLabelValue', () => {
  it('escapes backslash, double quote and line breaks as the exposition format says', () => {
    expect(escapeLabelValue('a\\b"c\nd\r\ne\rf')).toBe('a\\\\b\\"c\\nd\\ne\\nf');
  });

  it('writes the other line breaks as \\n, keeps a tab, and makes controls and bidi inert', () => {
    expect(escapeLabelValue('a\u0085b\u2028c\u2029d')).toBe('a\\nb\\nc\\nd');
    expect(escapeLabelValue('tab\there')).toBe('tab\there');
    expect(escapeLabelValue('\u001b[31mred\u0007\u009b\u202Eevil\u200F')).toBe(
      '\uFFFD[31mred\uFFFD\uFFFD\uFFFDevil\uFFFD',
    );
    expect(escapeLabelValue('plain name')).toBe('plain name');
  });
});

describe('csvCell', () => {
  it('quotes fields with comma or quote, doubling quotes; text is one inert line', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a\nb')).toBe('a b');
    expect(csvCell('a\r\nb\tc')).toBe('a b c');
    expect(csvCell('\u001b]0;title\u0007 \u202Egnp.exe')).toBe(
      '\uFFFD]0;title\uFFFD \uFFFDgnp.exe',
    );
  });

  it('prefixes text that a spreadsheet would run as a formula', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-cmd')).toBe("'-cmd");
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    // Tabs and CRs are spaces by then; some importers trim them, so the prefix comes first.
    expect(csvCell('\t=1')).toBe("' =1");
    expect(csvCell('\r=1')).toBe("' =1");
    expect(csvCell('  @SUM(A1)')).toBe("'  @SUM(A1)");
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('writes numbers as numbers, negative ones unprefixed, and nothing for null or non-finite', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(0.5)).toBe('0.5');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(Number.POSITIVE_INFINITY)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it('ends a record with CRLF', () => {
    expect(csvRecord(['a', 1, null, false])).toBe('a,1,,false\r\n');
  });

  it('writes a missing value as an empty field and an empty string as "", to tell them apart', () => {
    expect(csvCell(null)).toBe('');
    // From a caller without types, or a report read from JSON that lacks the field.
    expect(csvCell(undefined as unknown as null)).toBe('');
    expect(csvCell('')).toBe('""');
    expect(csvCell(' ')).toBe(' ');
    expect(csvRecord(['', null, '', undefined as unknown as null])).toBe('"",,"",\r\n');
  });
});

describe('groupKeyText', () => {
  const group = (key: string | null): GroupReport => ({
    by: 'backupServer',
    key,
    source: null,
    jobs: 1,
    runs: 1,
    failedRuns: 0,
    successRate: 1,
    jobsBreachingRpo: 0,
  });
  // What a reader sees of a cell: no invisible characters, white space one space, no padding.
  const seen = (text: string) =>
    toSingleLine(text)
      .replace(/\p{Cf}/gu, '')
      .replace(/\s+/gu, ' ')
      .trim();

  it('labels the group of no server `(no server)`, and quotes a server named like that', () => {
    expect(groupKeyText(group(null))).toBe('(no server)');
    expect(groupKeyText(group('(no server)'))).toBe('"(no server)"');
    expect(groupKeyText(group('"(no server)"'))).toBe('""(no server)""');
    expect(groupKeyText(group(' (no\u00A0server)\u200B\t'))).toBe('"(no server)"');
    expect(groupKeyText(group('vbr01'))).toBe('vbr01');
    expect(groupKeyText(group('(no server) 2'))).toBe('(no server) 2');
    expect(groupKeyText(group('"(no server)'))).toBe('"(no server)');
  });

  it('quotes a server named like the label in another case, as it reads', () => {
    expect(groupKeyText(group('(No Server)'))).toBe('"(No Server)"');
    expect(groupKeyText(group(' (NO SERVER) '))).toBe('"(NO SERVER)"');
    expect(groupKeyText(group('"(No server)"'))).toBe('""(No server)""');
    expect(groupKeyText(group('(No Server) 2'))).toBe('(No Server) 2');
  });

  it('shows no two keys alike, and no server as the label', () => {
    const labelLike = fc
      .tuple(
        fc.nat(3),
        fc.constantFrom('', ' ', '\u200B', '\t'),
        fc.constantFrom(
          '(no server)',
          '(no  server)',
          '(no\u00A0server)',
          '(No Server)',
          '(NO SERVER)',
        ),
      )
      .map(([quotes, pad, label]) => `${pad}${'"'.repeat(quotes)}${label}${'"'.repeat(quotes)}`);
    fc.assert(
      fc.property(fc.oneof(fc.string(), labelLike), fc.oneof(fc.string(), labelLike), (a, b) => {
        expect(seen(groupKeyText(group(a))).toLowerCase()).not.toBe('(no server)');
        if (seen(a) !== seen(b)) {
          expect(seen(groupKeyText(group(a)))).not.toBe(seen(groupKeyText(group(b))));
        }
      }),
    );
  });
});

describe('topFailureReasons', () => {
  it('adds up alike reasons across VMs, most frequent first, ties by text', () => {
    const reason = (normalized: string, count: number) => ({
      normalized,
      example: `${normalized} (example)`,
      count,
    });
    const vms = [
      vmReport({ failureReasons: [reason('b', 2), reason('a', 1)] }),
      vmReport({ failureReasons: [reason('a', 1), reason('c', 2)] }),
    ];
    expect(topFailureReasons(sessionReport({ vms }))).toEqual({
      reasons: [reason('a', 2), reason('b', 2), reason('c', 2)],
      kinds: 3,
    });
  });

  it("takes a report's own list, and its count of kinds when the list was cut", () => {
    const own = [{ normalized: 'x', example: 'x', count: 3 }];
    const vms = [vmReport({ failureReasons: [{ normalized: 'a', example: 'a', count: 1 }] })];
    expect(
      topFailureReasons(sessionReport({ vms, failureReasons: own, failureReasonKinds: 7 })),
    ).toEqual({ reasons: own, kinds: 7 });
  });
});

describe('listLimit', () => {
  it('defaults to 10 and refuses what is not a whole number of 1 or more', () => {
    expect(listLimit(undefined)).toBe(DEFAULT_LIST_LIMIT);
    expect(listLimit(3)).toBe(3);
    for (const top of [0, -1, 1.5, Number.NaN]) {
      expect(() => listLimit(top)).toThrow(ReportError);
    }
  });
});

describe('jobLabeller', () => {
  const uid = (id: string) => `urn:veeam:Job:${id}`;

  it('names a job alone by its name, also when another source has a job of that name', () => {
    const jobs = [
      jobReport({ jobUid: uid('1'), jobName: 'Daily', source: 'hq' }),
      jobReport({ jobUid: uid('2'), jobName: 'Daily', source: 'branch' }),
      jobReport({ jobUid: uid('3'), jobName: 'daily', source: 'hq' }),
    ];
    const label = jobLabeller(sessionReport({ jobs }));
    expect(jobs.map(label)).toEqual(['Daily', 'Daily', 'daily']);
  });

  it('adds the id where the server does not tell jobs apart, all of it where 8 characters do not', () => {
    const jobs = [
      jobReport({ jobUid: uid('0123456789-a'), jobName: 'Daily', backupServer: 'vbr01' }),
      jobReport({ jobUid: uid('0123456789-b'), jobName: 'Daily', backupServer: 'vbr01' }),
      jobReport({ jobUid: uid('fedcba98-c'), jobName: 'Daily', backupServer: 'vbr02' }),
      jobReport({ jobUid: uid('76543210-d'), jobName: 'Daily', backupServer: null }),
    ];
    const label = jobLabeller(sessionReport({ jobs }));
    expect(jobs.map(label)).toEqual([
      'Daily (vbr01, 0123456789-a)',
      'Daily (vbr01, 0123456789-b)',
      'Daily (vbr02)',
      'Daily (76543210-d)',
    ]);
    expect(label(vmReport({ jobUid: uid('fedcba98-c'), jobName: 'Daily' }))).toBe('Daily (vbr02)');
  });
});
