import {
  type EnumTypeName,
  enumTypeDescriptors,
  type FieldDescriptor,
  type ObjectTypeName,
  objectTypeDescriptors,
  TICKS_PER_MILLISECOND,
  withSubMillisecondTicks,
} from '@vbem/model';
import fc from 'fast-check';

// Strings that break naive XML and JSON code. Only characters XML 1.0 can carry: the others are
// refused by encode (tested separately).
const HOSTILE = [
  '',
  ' ',
  '  padded  ',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  ']]>',
  '<![CDATA[x]]>',
  '&amp;',
  '&#38;',
  '&lt;',
  '&unknown;',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '\\',
  '\'"',
  'javascript:alert(1)',
  '__proto__',
  'constructor',
  '007',
  '1e3',
  '0x1F',
  'true',
  'null',
  '=1+2',
  '😀 Büro 東京',
  '\uFFFD',
  '\u200B',
  '\u0085',
];
const XML_CHAR = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD]|^[\uD800-\uDBFF][\uDC00-\uDFFF]/u;
const isXmlString = (text: string): boolean => [...text].every((char) => XML_CHAR.test(char));

const xmlString = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }).filter(isXmlString),
  fc.array(fc.constantFrom(...HOSTILE)).map((parts) => parts.join('')),
);

const scalar = (field: FieldDescriptor): fc.Arbitrary<unknown> => {
  switch (field.kind) {
    case 'string':
      return xmlString;
    case 'enum': {
      const values = enumTypeDescriptors[field.ref as EnumTypeName].values;
      return fc.oneof(fc.constantFrom(...values), xmlString);
    }
    case 'int':
    case 'timeSpan':
      return fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).map((n) => n + 0);
    case 'long':
      return fc.maxSafeInteger().map((n) => n + 0);
    case 'boolean':
      return fc.boolean();
    case 'dateTime':
      // Half with EM 13's digits past the millisecond (100 ns ticks), half without.
      return fc
        .tuple(
          fc.date({
            min: new Date('0001-01-01T00:00:00.000Z'),
            max: new Date('9999-12-31T23:59:59.999Z'),
            noInvalidDate: true,
          }),
          fc.oneof(fc.constant(0), fc.integer({ min: 1, max: TICKS_PER_MILLISECOND - 1 })),
        )
        .map(([date, ticks]) => withSubMillisecondTicks(date, ticks));
    default:
      throw new Error(`no scalar arbitrary for ${field.kind}`);
  }
};

const cache = new Map<string, fc.Arbitrary<Record<string, unknown>>>();

/** Random values of a model type, as the descriptors define it: optional fields absent or present, at most one choice member. */
export function modelArbitrary(
  type: ObjectTypeName,
  depth = 0,
): fc.Arbitrary<Record<string, unknown>> {
  const key = `${type}:${depth}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const descriptor = objectTypeDescriptors[type];
  const fields = [
    ...descriptor.attributes,
    ...(descriptor.text ? [descriptor.text] : []),
    ...descriptor.elements,
  ];
  const value = (field: FieldDescriptor): fc.Arbitrary<unknown> => {
    const one =
      field.kind === 'object'
        ? modelArbitrary(field.ref as ObjectTypeName, depth + 1)
        : scalar(field);
    // Deep documents stay small: lists shrink with depth.
    return field.list ? fc.array(one, { maxLength: depth < 2 ? 3 : depth < 4 ? 1 : 0 }) : one;
  };
  const plain = fields.filter((field) => !field.choice);
  const record = fc.record(Object.fromEntries(plain.map((field) => [field.name, value(field)])), {
    requiredKeys: plain.filter((field) => field.required || field.list).map((field) => field.name),
  });
  const groups = [...new Set(fields.flatMap((field) => (field.choice ? [field.choice] : [])))];
  const choices = groups.map((group) => {
    const members = fields.filter((field) => field.choice === group);
    return fc.oneof(
      fc.constant({}),
      ...members.map((field) => value(field).map((v) => ({ [field.name]: v }))),
    );
  });
  const arbitrary = fc
    .tuple(record, ...choices)
    .map(([base, ...picked]) => Object.assign({}, base, ...picked) as Record<string, unknown>);
  cache.set(key, arbitrary);
  return arbitrary;
}
