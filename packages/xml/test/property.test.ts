import { fromJson, type RootElementName, rootElements, toJson } from '@vbem/model';
import { decode, encode, XmlDecodeError, XmlLimitError } from '@vbem/xml';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { xmlFixtures } from './fixture-files.js';
import { modelArbitrary } from './model-arbitrary.js';

const roots = Object.keys(rootElements) as RootElementName[];

describe('property: decode(encode(v)) equals v', () => {
  it.each(roots)('for random %s values, through XML and both JSON casings', (root) => {
    fc.assert(
      fc.property(modelArbitrary(rootElements[root]), (value) => {
        const xml = encode(root, value as never);
        const decoded = decode(xml, { root }).value;
        expect(decoded).toEqual(value);
        // toEqual compares dates by their millisecond: the text shows every digit.
        expect(encode(root, decoded as never)).toBe(xml);
        for (const casing of ['pascal', 'camel'] as const) {
          const json = JSON.parse(JSON.stringify(toJson(root, value as never, { casing })));
          const read = fromJson(root, json).value;
          expect(read).toEqual(value);
          expect(encode(root, read as never)).toBe(xml);
        }
      }),
      { numRuns: 40 },
    );
  });
});

// Random damage to real documents: decode either succeeds or throws one of its typed errors.
const mutation = (length: number) =>
  fc.oneof(
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(length) }),
    fc.record({
      kind: fc.constant('delete' as const),
      at: fc.nat(length),
      count: fc.integer({ min: 1, max: 20 }),
    }),
    fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat(length),
      text: fc.oneof(
        fc.constantFrom(
          '<',
          '>',
          '&',
          '"',
          "'",
          '</',
          '/>',
          '<!DOCTYPE x>',
          '&#0;',
          '&#x110000;',
          ']]>',
          '<a>',
          'xmlns:p="u"',
          '<__proto__>',
          '\u0000',
          '\uFFFF',
        ),
        fc.string({ maxLength: 8 }),
      ),
    }),
    fc.record({
      kind: fc.constant('duplicate' as const),
      at: fc.nat(length),
      count: fc.integer({ min: 1, max: 200 }),
    }),
  );

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'duplicate'; at: number; count: number };

const apply = (xml: string, m: Mutation): string => {
  switch (m.kind) {
    case 'truncate':
      return xml.slice(0, m.at);
    case 'delete':
      return xml.slice(0, m.at) + xml.slice(m.at + m.count);
    case 'insert':
      return xml.slice(0, m.at) + m.text + xml.slice(m.at);
    case 'duplicate':
      return xml.slice(0, m.at + m.count) + xml.slice(m.at);
  }
};

describe('property: damaged fixtures decode or fail with a typed error', () => {
  it.each(xmlFixtures.map(({ file, xml }) => [file, xml] as const))('%s', (_file, xml) => {
    fc.assert(
      fc.property(fc.array(mutation(xml.length), { minLength: 1, maxLength: 4 }), (mutations) => {
        const damaged = mutations.reduce(apply, xml);
        try {
          decode(damaged);
        } catch (error) {
          if (!(error instanceof XmlDecodeError || error instanceof XmlLimitError)) throw error;
        }
      }),
      { numRuns: 60 },
    );
  });
});
