import { decode, XmlDecodeError } from '@vbem/xml';
import type { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { generateDocument } from '../bench/generate-document.mjs';
import { checkWellFormed } from '../src/check-well-formed.js';
import { createEmParser } from '../src/em-parser.js';
import { type OrderedNode, tagOf } from '../src/ordered-node.js';
import { piecewiseTree } from '../src/piecewise-tree.js';

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

describe('a parser objection on the piecewise path', () => {
  // The check is meant to leave the parser nothing to object to; should it still, the error
  // names the item concerned, with its position.
  const third = xml.indexOf('<BackupJobSession ', xml.indexOf('<BackupJobSession ') + 1);
  const thirdStart = xml.indexOf('<BackupJobSession ', third + 1);
  const thirdUid = /UID="([^"]+)"/.exec(xml.slice(thirdStart))?.[1] as string;
  const parsed = (parse: (text: string) => unknown) => {
    const { elements } = checkWellFormed(xml, 64);
    const parser = { parse } as unknown as XMLParser;
    const tagAt = (start: number) => /^<([^\s/>]+)/.exec(xml.slice(start))?.[1] as string;
    const root = piecewiseTree(parser, xml, elements, tagAt);
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
    const { elements } = checkWellFormed(renamed, 64);
    const parser = {
      parse: (text: string) => {
        if (text.includes(thirdUid)) throw new Error('refused');
        return real.parse(text);
      },
    } as unknown as XMLParser;
    const tagAt = (start: number) =>
      /^<([^\s/>]+)/.exec(renamed.slice(start, start + 2_000_000))?.[1] as string;
    const root = piecewiseTree(parser, renamed, elements, tagAt);
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
