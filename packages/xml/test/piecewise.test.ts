import { type ObjectTypeName, typeOfRoot } from '@vbem/model';
import { decode, XmlDecodeError } from '@vbem/xml';
import type { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { generateDocument } from '../bench/generate-document.mjs';
import { checkWellFormed } from '../src/check-well-formed.js';
import { type OutlinedElement, PIECE_BYTES } from '../src/document-outline.js';
import { createEmParser } from '../src/em-parser.js';
import { localName } from '../src/forbidden-names.js';
import { type OrderedNode, tagOf } from '../src/ordered-node.js';
import { piecewiseTree } from '../src/piecewise-tree.js';
import { topLevelElements } from '../src/top-level-elements.js';
import { XmlToModel } from '../src/xml-to-model.js';

// A query page large enough to be parsed item by item (> 16 KB), and the same page in forms that
// must be parsed whole: the two paths have to give the same value.
const { xml, sessions } = generateDocument(200_000);
const listStart = xml.indexOf('<BackupJobSessions>') + '<BackupJobSessions>'.length;
const withComment = `${xml.slice(0, listStart)}<!-- parsed whole: a comment among the items -->${xml.slice(listStart)}`;
const withoutNewlines = xml.replaceAll('\n', '');

describe('large documents, parsed piece by piece', () => {
  it('give the same value as when parsed whole', () => {
    const piecewise = decode(xml, { root: 'QueryResult' });
    const whole = decode(withComment, { root: 'QueryResult' });
    expect(piecewise.value.Entities?.BackupJobSessions?.BackupJobSessions).toHaveLength(sessions);
    expect(piecewise.value).toEqual(whole.value);
    expect(decode(withoutNewlines, { root: 'QueryResult' }).value).toEqual(whole.value);
  });

  it('report unknown parts inside an item the same way, with its position', () => {
    const extra = xml.replace('<IsRetry>', '<NewerEmField>x</NewerEmField><IsRetry>');
    const { warnings } = decode(extra, { root: 'QueryResult' });
    expect(warnings).toEqual([
      expect.objectContaining({
        code: 'unknown-element',
        path: '/QueryResult/Entities/BackupJobSessions/BackupJobSession[1]/NewerEmField',
      }),
    ]);
    expect(() => decode(extra, { root: 'QueryResult', strict: true })).toThrow(/NewerEmField/);
  });

  it('report an unknown element parsed piece by piece as parsed whole', () => {
    // The list in another namespace: an unknown element of 200 KB, whose items were parsed lazily.
    const foreign = xml.replace('<BackupJobSessions>', '<BackupJobSessions xmlns="urn:x">');
    const foreignStart = foreign.indexOf('<BackupJobSessions ');
    const contentStart = foreign.indexOf('>', foreignStart) + 1;
    const foreignWhole = `${foreign.slice(0, contentStart)}<!-- parsed whole -->${foreign.slice(contentStart)}`;
    const piecewise = decode(foreign).warnings;
    expect(piecewise).toEqual(decode(foreignWhole).warnings);
    expect(piecewise).toHaveLength(1);
    const value = piecewise[0]?.value as { BackupJobSessions: unknown };
    expect(value.BackupJobSessions).toBeInstanceOf(Array);
    expect(value.BackupJobSessions).toHaveLength(2 * sessions + 1); // items and the text between
  });

  it('keep the text of a mixed-content list as an unknown part, not drop it', () => {
    const mixed = `${xml.slice(0, listStart)}stray text${xml.slice(listStart)}`;
    const { warnings, value } = decode(mixed, { root: 'QueryResult' });
    expect(value.Entities?.BackupJobSessions?.BackupJobSessions).toHaveLength(sessions);
    expect(warnings.map((w) => w.code)).toContain('unknown-text');
  });
});

/** What `decode` gives when the whole document is parsed in one piece, as before any split. */
function decodeWhole(text: string) {
  const { root: tag, rootElement } = checkWellFormed(text, 64);
  const whole = { ...rootElement, isWhole: true, items: [] };
  const tree = piecewiseTree(createEmParser(64), text, whole, (start) => tagIn(text, start));
  const reader = new XmlToModel(false);
  const value = reader.readRoot(tree, tag, typeOfRoot(localName(tag)) as ObjectTypeName);
  return { value, warnings: reader.warnings };
}

describe('large elements with mixed content, parsed piece by piece', () => {
  const stray = ['stray text &amp; more', '<!-- a comment -->', '<![CDATA[<x/>]]>', '<?pi x?>'];
  const expectAsWhole = (text: string) => {
    const { value, warnings } = decode(text, { maxWarnings: 100_000 });
    expect({ value, warnings }).toEqual(decodeWhole(text));
    return warnings;
  };

  it('give what a whole parse gives, wherever the text sits in a list', () => {
    const items = xml.split('</BackupJobSession>');
    for (const inside of stray) {
      // Before the first item, after the last, and between every two (at every run's edges).
      const everywhere = items.join(`</BackupJobSession>${inside}`);
      const warnings = expectAsWhole(everywhere);
      if (inside.startsWith('stray')) expect(warnings).toHaveLength(sessions);
      const first = `${xml.slice(0, listStart)}${inside}${xml.slice(listStart)}`;
      expectAsWhole(first);
      const listEnd = xml.indexOf('</BackupJobSessions>');
      expectAsWhole(`${xml.slice(0, listEnd)}${inside}${xml.slice(listEnd)}`);
    }
  });

  it('give what a whole parse gives deep down, in the long list of links of an item', () => {
    const links = Array.from(
      { length: 3_000 },
      (_, i) => `<Link Href="https://em.example:9398/api/x/${i}" Rel="Down" />t${i}`,
    ).join('');
    for (const inside of stray) {
      const text = xml.replace('<Links>', `<Links>${inside}${links}${inside}`);
      const { value } = decode(text, { root: 'QueryResult' });
      expect(value.Entities?.BackupJobSessions?.BackupJobSessions[0]?.Links).toHaveLength(3_004);
      const warnings = expectAsWhole(text);
      expect(warnings.length).toBeGreaterThanOrEqual(3_000); // t0 to t2999, and what is stray
      expect(warnings[0]?.path).toBe(
        '/QueryResult/Entities/BackupJobSessions/BackupJobSession[1]/Links/text()',
      );
    }
  });
});

describe('a parser objection on the piecewise path', () => {
  // The check is meant to leave the parser nothing to object to; should it still, the error
  // names the item concerned, with its position.
  const third = xml.indexOf('<BackupJobSession ', xml.indexOf('<BackupJobSession ') + 1);
  const thirdStart = xml.indexOf('<BackupJobSession ', third + 1);
  const thirdUid = /UID="([^"]+)"/.exec(xml.slice(thirdStart))?.[1] as string;
  const parsed = (parse: (text: string) => unknown) => {
    const { rootElement } = checkWellFormed(xml, 64);
    const parser = { parse } as unknown as XMLParser;
    const tagAt = (start: number) => /^<([^\s/>]+)/.exec(xml.slice(start))?.[1] as string;
    const root = piecewiseTree(parser, xml, rootElement, tagAt);
    const walk = (node: OrderedNode): void => {
      const tag = tagOf(node);
      if (tag !== undefined) for (const child of node[tag] as OrderedNode[]) walk(child);
    };
    walk(root);
  };
  const real = createEmParser(64);
  const expectAtThirdItem = (run: () => void, reason: string) => {
    let error: XmlDecodeError | undefined;
    try {
      run();
    } catch (thrown) {
      error = thrown as XmlDecodeError;
    }
    expect(error).toBeInstanceOf(XmlDecodeError);
    expect(error?.reason).toContain(reason);
    expect(error?.path).toBe('/QueryResult/Entities/BackupJobSessions/BackupJobSession');
    const before = xml.slice(0, thirdStart);
    expect([error?.line, error?.column]).toEqual([
      before.split('\n').length,
      thirdStart - before.lastIndexOf('\n'),
    ]);
  };

  it('gives the line, column and path of the item the parser refused', () => {
    expectAtThirdItem(
      () =>
        parsed((text) => {
          if (text.includes(thirdUid)) throw new Error('refused');
          return real.parse(text);
        }),
      'the XML parser refused the document: refused',
    );
  });

  it('cuts the long names of the path of the item the parser refused', () => {
    const huge = 'Q'.repeat(1_000_000);
    const renamed = xml.replace('<Entities>', `<${huge}>`).replace('</Entities>', `</${huge}>`);
    const { rootElement } = checkWellFormed(renamed, 64);
    const parser = {
      parse: (text: string) => {
        if (text.includes(thirdUid)) throw new Error('refused');
        return real.parse(text);
      },
    } as unknown as XMLParser;
    const tagAt = (start: number) =>
      /^<([^\s/>]+)/.exec(renamed.slice(start, start + 2_000_000))?.[1] as string;
    const root = piecewiseTree(parser, renamed, rootElement, tagAt);
    const walk = (node: OrderedNode): void => {
      const tag = tagOf(node);
      if (tag !== undefined) for (const child of node[tag] as OrderedNode[]) walk(child);
    };
    let error: XmlDecodeError | undefined;
    try {
      walk(root);
    } catch (thrown) {
      error = thrown as XmlDecodeError;
    }
    expect(error).toBeInstanceOf(XmlDecodeError);
    expect(error?.path).toBe(`/QueryResult/${'Q'.repeat(80)}…/BackupJobSessions/BackupJobSession`);
    expect(error?.message.length).toBeLessThan(400);
  });

  it('gives the line, column and path of the item the parser split differently', () => {
    expectAtThirdItem(
      () =>
        parsed((text) => {
          const nodes = real.parse(text) as OrderedNode[];
          return text.includes(thirdUid) ? [...nodes, ...nodes] : nodes;
        }),
      'the parser split the list differently',
    );
  });
});

const tagIn = (text: string, start: number) =>
  /^<([^\s/>]+)/.exec(text.slice(start))?.[1] as string;

/**
 * The outline of an element in brief: a run as its count (`'3+'` when it keeps the text between
 * its elements), an element split in turn as `{ tag: … }`.
 */
function shapeOf(text: string, element: OutlinedElement): unknown[] {
  return element.items.map((item) =>
    'items' in item
      ? { [tagIn(text, item.start)]: shapeOf(text, item) }
      : item.keepsText
        ? `${item.count}+`
        : item.count,
  );
}

/** How many runs and split elements an outline holds, all depths. */
const itemCount = (element: OutlinedElement): number =>
  element.items.reduce((sum, item) => sum + 1 + ('items' in item ? itemCount(item) : 0), 0);

const outlineOf = (text: string) => checkWellFormed(text, 64).rootElement;

describe('the outline', () => {
  const small = '<s/>';
  const many = (count: number) => '<i/>'.repeat(count); // 4 bytes each
  // 20,011 bytes: split, its first run exactly PIECE_BYTES (4,096 items) long.
  const big = `<Big>${many(5_000)}</Big>`;

  it('holds a run per piece, not an entry per element, for millions of tiny elements', () => {
    const count = 750_000;
    const text = `<LogonSession xmlns="http://www.veeam.com/ent/v1.0" Href="h" Type="LogonSession">${'<a/>'.repeat(count)}<Links/><UserName>u</UserName><SessionId>s</SessionId></LogonSession>`;
    const root = outlineOf(text);
    expect(root.childCount).toBe(count + 3);
    expect(itemCount(root)).toBeLessThanOrEqual(2 * Math.ceil(text.length / PIECE_BYTES) + 1);
    expect(itemCount(root)).toBeLessThan(count / 1_000);
    const { value, warnings } = decode(text, { root: 'LogonSession' });
    expect([value.UserName, value.SessionId]).toEqual(['u', 's']);
    expect(warnings.at(-1)).toMatchObject({ code: 'warnings-omitted', value: count - 1_000 });
    // A 3 MB decode of 750,000 elements: about a second alone, more with every project running.
  }, 30_000);

  it('keeps a large child between small ones as an item of its own', () => {
    const text = `<r>${small}${small}${big}${small}${small}</r>`;
    const root = outlineOf(text);
    expect(shapeOf(text, root)).toEqual([2, { Big: [4_096, 904] }, 2]);
    expect(root.childCount).toBe(5);
    // The deferred children: as many as the element has, the large one's parsed lazily too.
    const tree = piecewiseTree(createEmParser(64), text, root, (start) => tagIn(text, start));
    const children = tree.r as unknown as OrderedNode[];
    expect(children).toHaveLength(5);
    const nodes = [...children];
    expect(nodes.map(tagOf)).toEqual(['s', 's', 'Big', 's', 's']);
    const bigChildren = (nodes[2] as OrderedNode).Big as OrderedNode[];
    expect(bigChildren).toHaveLength(5_000);
    expect([...bigChildren].map(tagOf)).toEqual(Array(5_000).fill('i'));
  });

  it('splits a large element with mixed content, its runs covering the text between', () => {
    for (const inside of ['text', '<!-- a comment -->', '<![CDATA[x]]>', '<?pi x?>']) {
      const text = `<r>${small}<Mixed>${many(5_000)}${inside}</Mixed>${small}</r>`;
      expect(shapeOf(text, outlineOf(text))).toEqual([1, { Mixed: ['4096+', '904+', '0+'] }, 1]);
      // The root itself mixed, however late: split all the same.
      const mixedRoot = `<r>${inside}${many(5_000)}${inside}</r>`;
      expect(shapeOf(mixedRoot, outlineOf(mixedRoot))).toEqual(['0+', '4096+', '904+', '0+']);
    }
    // A small mixed child is whole, in its parent's run.
    const smallMixed = `<r><Mixed>text${many(10)}</Mixed>${big}</r>`;
    expect(shapeOf(smallMixed, outlineOf(smallMixed))).toEqual([1, { Big: [4_096, 904] }]);
    // What a large mixed child held is dropped, not left to the next element at its depth.
    const thenBig = `<r><Mixed>text${many(10_000)}</Mixed>${big}</r>`;
    expect(shapeOf(thenBig, outlineOf(thenBig))).toEqual([
      { Mixed: ['0+', '4096+', '4096+', '1808+'] },
      { Big: [4_096, 904] },
    ]);
    // White space between children is not content.
    const spaced = `<r>\n  ${many(5_000).replaceAll('/>', '/>\n  ')}</r>`;
    expect(shapeOf(spaced, outlineOf(spaced))).toEqual([2_341, 2_341, 318]);
  });

  it('splits a child of PIECE_BYTES, and runs of up to PIECE_BYTES', () => {
    // 5 + 1 + 4,093 × 4 + 6 bytes: exactly PIECE_BYTES, so split; a byte less, so whole.
    const exact = `<Big> ${many(4_093)}</Big>`;
    const under = `<Big>${many(4_093)}</Big>`;
    expect([exact.length, under.length]).toEqual([PIECE_BYTES, PIECE_BYTES - 1]);
    const withExact = `<r>${small}${exact}${small}</r>`;
    expect(shapeOf(withExact, outlineOf(withExact))).toEqual([1, { Big: [4_093] }, 1]);
    const withUnder = `<r>${small}${under}${small}</r>`;
    expect(shapeOf(withUnder, outlineOf(withUnder))).toEqual([1, 1, 1]);
    // A run of exactly PIECE_BYTES, then one more child.
    const text = `<r>${many(4_096)}${small}</r>`;
    expect(shapeOf(text, outlineOf(text))).toEqual([4_096, 1]);
    // A whole child of exactly PIECE_BYTES (mixed), alone in its run.
    const mixed = `<M>${'x'.repeat(PIECE_BYTES - 7)}</M>`;
    expect(mixed.length).toBe(PIECE_BYTES);
    const withMixed = `<r>${mixed}${small}${mixed}</r>`;
    expect(shapeOf(withMixed, outlineOf(withMixed))).toEqual([1, 1, 1]);
  });

  it('splits large elements at any depth', () => {
    const text = `<r><A><B>${many(5_000)}</B><B>${many(10)}</B>${small}</A>${small}</r>`;
    expect(shapeOf(text, outlineOf(text))).toEqual([{ A: [{ B: [4_096, 904] }, 2] }, 1]);
    const deep = `<r><A><B><C><D><E>${many(5_000)}</E></D>${small}</C></B></A></r>`;
    expect(shapeOf(deep, outlineOf(deep))).toEqual([
      { A: [{ B: [{ C: [{ D: [{ E: [4_096, 904] }] }, 1] }] }] },
    ]);
    // A self-closing root, and a small one.
    expect(outlineOf('<r/>')).toMatchObject({ start: 0, end: 4, isWhole: true, childCount: 0 });
    expect(outlineOf(`<r>${many(3)}</r>`)).toMatchObject({ isWhole: true, items: [] });
  });

  it('gives the same value and warnings as a whole parse around large unknown elements', () => {
    const withBig = xml.replace('</BackupJobSession>', `</BackupJobSession>${big}`);
    const whole = `${withBig.slice(0, listStart)}<!-- parsed whole -->${withBig.slice(listStart)}`;
    const piecewise = decode(withBig, { root: 'QueryResult' });
    expect(piecewise).toEqual(decode(whole, { root: 'QueryResult' }));
    expect(piecewise.warnings).toEqual([
      expect.objectContaining({
        code: 'unknown-element',
        path: '/QueryResult/Entities/BackupJobSessions/Big',
      }),
    ]);
  });
});

describe('topLevelElements', () => {
  it('finds the elements of a run, whatever their content holds', () => {
    const items = [
      '<i a="/>" b=\'>\'/>',
      '<i><!-- </i> <i> --><![CDATA[</i>]]><?pi </i> ?><i><i/></i></i>',
      '<x:i xmlns:x="u" c=">">t&amp;</x:i>',
      '<i\n/>',
    ];
    const text = `<r>${items.join('\n ')}</r>`;
    const found = topLevelElements(text, 3, text.length - 4);
    expect(found.map(([start, end]) => text.slice(start, end))).toEqual(items);
  });

  it('names the exact item the parser refused inside a run of tricky items', () => {
    const item = (i: number) =>
      `<i n="${i}" a="/>"><!-- <i n="x"/> --><![CDATA[</i>]]><i>${'p'.repeat(60)}</i></i>`;
    const items = Array.from({ length: 400 }, (_, i) => item(i));
    const text = `<r>\n${items.join('\n')}\n</r>`;
    expect(shapeOf(text, outlineOf(text)).length).toBeGreaterThan(1);
    const real = createEmParser(64);
    const parser = {
      parse: (piece: string) => {
        if (piece.includes('n="237"')) throw new Error('refused');
        return real.parse(piece);
      },
    } as unknown as XMLParser;
    const tree = piecewiseTree(parser, text, outlineOf(text), (start) => tagIn(text, start));
    let error: XmlDecodeError | undefined;
    try {
      for (const _ of tree.r as OrderedNode[]);
    } catch (thrown) {
      error = thrown as XmlDecodeError;
    }
    expect(error).toBeInstanceOf(XmlDecodeError);
    expect(error?.path).toBe('/r/i');
    expect([error?.line, error?.column]).toEqual([2 + 237, 1]);
  });
});
