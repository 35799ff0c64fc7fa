import { toCamelCase } from './camel-case.js';
import { generatedHeader } from './generated-header.js';
import type {
  ObjectTypeDefinition,
  PropertyDefinition,
  TypeDefinition,
} from './type-definition.js';

/**
 * The fast JSON readers: one function per object type that reads EM's JSON with every key written
 * out, where `readObject` in `@vbem/model` looks each one up from the descriptors. V8 then turns
 * each property access into a cached one: the readers were 3.6 times as fast as `readObject` on a
 * page of sessions.
 *
 * A reader reads every field first, then makes its value with one object literal: one per set of
 * optional fields present, for a type with at most MAX_LITERAL_OPTIONALS of them (sessions, links,
 * references). A value made by a literal holds its fields inside it, where one made field by field
 * gets a separate store that is regrown as fields are added: `fromJson` of a 10 MB page of
 * sessions allocates 5.7 MB instead of 7.6. V8 may also allocate a literal's values straight into
 * the old generation once it sees them outlive collections (a whole document kept, not a crawl's
 * pages dropped one by one): `JSON.parse` + `fromJson` of a 10 MB page then took 27 ms instead of
 * 45. A type with more optional fields (a job's options) would need too many literals; its reader
 * adds the fields present one by one. Either way the keys come in the XSD's order, as in
 * `@vbem/xml`'s values.
 *
 * A reader returns undefined for anything it does not read exactly as `readObject` would, with no
 * warning: an unknown key with a value, a field under two keys, an unknown enum value, any error
 * (more than one member of a choice too: only the types with choices test for it, and the
 * literal-made ones at no cost, in the cases of the switch that picks the literal).
 * `fromJson` then reads the whole document again with `readObject`, which says what is wrong.
 */
export function emitJsonReaderModule(
  definitions: readonly TypeDefinition[],
  schemaDir: string,
): string {
  const sorted = [...definitions].sort((a, b) => (a.name < b.name ? -1 : 1));
  const objects = sorted.filter((d) => d.kind === 'object');
  const enumsUsed = [
    ...new Set(
      objects.flatMap((d) => d.properties.filter((p) => p.kind === 'enum').map((p) => p.ref)),
    ),
  ]
    .filter((ref): ref is string => ref !== undefined)
    .sort();
  const imports = [
    ...objects.map((d) => `import { ${d.name}Descriptor } from './${d.name}.gen.js';\n`),
    ...enumsUsed.map((name) => `import { ${name}Descriptor } from './${name}.gen.js';\n`),
  ]
    .sort()
    .join('');
  return [
    generatedHeader(`${schemaDir}/*.schema.json`),
    "import { dateTimeValue, enumValue, int32Value, isJsonRecord, keyCount, listOfLength, onlyIgnorableKeys, safeIntegerValue } from '../json/json-read-values.js';\n",
    imports,
    "import type { ObjectTypeName } from './index.gen.js';\n",
    '\n',
    enumsUsed
      .map(
        (name) => `const ${name}Values: ReadonlySet<string> = new Set(${name}Descriptor.values);\n`,
      )
      .join(''),
    '\n',
    objects.map(emitReader).join('\n'),
    '\n/** The fast reader of each object type (see `readObject` for the rules they follow). */\n',
    'export const jsonReaders: {\n',
    '  readonly [Name in ObjectTypeName]: (json: unknown) => Record<string, unknown> | undefined;\n',
    '} = {\n',
    objects.map((d) => `  ${d.name}: read${d.name},\n`).join(''),
    '};\n',
  ].join('');
}

const key = (name: string): string => JSON.stringify(name);

/** The value of one item, from the expression `raw`: undefined when it is not what the field holds. */
function valueExpression(property: PropertyDefinition, raw: string): string {
  switch (property.kind) {
    case 'object':
      return `read${property.ref}(${raw})`;
    case 'enum':
      return `enumValue(${raw}, ${property.ref}Values)`;
    case 'string':
      return `(typeof ${raw} === 'string' ? ${raw} : undefined)`;
    case 'boolean':
      return `(typeof ${raw} === 'boolean' ? ${raw} : undefined)`;
    case 'int':
    case 'timeSpan':
      return `int32Value(${raw})`;
    case 'long':
      return `safeIntegerValue(${raw})`;
    case 'dateTime':
      return `dateTimeValue(${raw})`;
  }
}

/** Optional fields of a type whose values are made by one literal per set of them present. */
const MAX_LITERAL_OPTIONALS = 4;

/** Whether a field is in every value: required, or a list (empty when absent). */
const alwaysThere = (property: PropertyDefinition): boolean =>
  property.required || property.list !== undefined;

/** The local a reader keeps field `index` in until it makes the value. */
const fieldVariable = (index: number): string => `field${index}`;

function emitField(property: PropertyDefinition, index: number): string {
  const pascal = property.jsonName ?? property.name;
  const keys = [...new Set([pascal, toCamelCase(pascal), property.name])];
  const out = fieldVariable(index);
  const lines = [
    `  // ${property.name}\n`,
    `  let ${out}: unknown;\n`,
    `  raw = json[${key(keys[0] as string)}];\n`,
  ];
  for (const other of keys.slice(1))
    lines.push(`  if (raw === undefined) raw = json[${key(other)}];\n`);
  lines.push('  if (raw !== undefined) matched++;\n');
  if (property.list) {
    lines.push(
      `  if (raw === undefined || raw === null) ${out} = [];\n`,
      '  else {\n',
      '    if (!Array.isArray(raw)) return undefined;\n',
      '    const items = listOfLength(raw.length);\n',
      '    for (let index = 0; index < raw.length; index++) {\n',
      `      const item = ${valueExpression(property, 'raw[index]')};\n`,
      '      if (item === undefined) return undefined;\n',
      '      items[index] = item;\n',
      '    }\n',
      `    ${out} = items;\n`,
      '  }\n',
    );
  } else if (property.required) {
    lines.push(
      '  {\n',
      `    const value = ${valueExpression(property, 'raw')};\n`,
      '    if (value === undefined) return undefined;\n',
      `    ${out} = value;\n`,
      '  }\n',
    );
  } else {
    lines.push(
      '  if (raw !== undefined && raw !== null) {\n',
      `    const value = ${valueExpression(property, 'raw')};\n`,
      '    if (value === undefined) return undefined;\n',
      `    ${out} = value;\n`,
      '  }\n',
    );
  }
  return lines.join('');
}

/** The statements that make and return the value from the fields read (see emitJsonReaderModule). */
function emitValue(properties: readonly PropertyDefinition[]): string[] {
  const fields = properties.map((property, index) => ({
    property,
    variable: fieldVariable(index),
  }));
  const optional = fields.filter(({ property }) => !alwaysThere(property));
  // The members of each choice, as bits of `optional` (load-schemas makes every member optional).
  const choiceMasks = [
    ...new Set(properties.flatMap(({ choice }) => (choice === undefined ? [] : [choice]))),
  ].map((choice) =>
    optional.reduce(
      (mask, { property }, bit) => (property.choice === choice ? mask | (1 << bit) : mask),
      0,
    ),
  );
  /** Whether a set of optional fields present holds more than one member of some choice. */
  const refused = (present: number) =>
    choiceMasks.some((choiceMask) => {
      const members = present & choiceMask;
      return (members & (members - 1)) !== 0;
    });
  if (optional.length > MAX_LITERAL_OPTIONALS) {
    // One bit per member present; more than one bit of a choice and readObject refuses the value.
    const choiceChecks = choiceMasks.flatMap((choiceMask, index) => {
      const members = optional.filter((_, bit) => (choiceMask & (1 << bit)) !== 0);
      const name = `choice${index}`;
      return [
        `  const ${name} = ${members
          .map(({ variable }, position) => `(${variable} !== undefined ? ${1 << position} : 0)`)
          .join(' | ')};\n`,
        `  if ((${name} & (${name} - 1)) !== 0) return undefined;\n`,
      ];
    });
    return [
      ...(choiceChecks.length > 0
        ? ['  // At most one member of each choice: readObject refuses more.\n', ...choiceChecks]
        : []),
      '  const out: Record<string, unknown> = {};\n',
      ...fields.map(({ property, variable }) =>
        alwaysThere(property)
          ? `  out[${key(property.name)}] = ${variable};\n`
          : `  if (${variable} !== undefined) out[${key(property.name)}] = ${variable};\n`,
      ),
      '  return out;\n',
    ];
  }
  const literalOf = (present: number) =>
    `{ ${fields
      .filter(
        ({ property }) =>
          alwaysThere(property) ||
          (present & (1 << optional.findIndex((o) => o.property === property))) !== 0,
      )
      .map(({ property, variable }) => `${key(property.name)}: ${variable}`)
      .join(', ')} }`;
  if (optional.length === 0) return [`  return ${literalOf(0)};\n`];
  const mask = optional
    .map(({ variable }, bit) => `(${variable} !== undefined ? ${1 << bit} : 0)`)
    .join(' | ');
  const sets = 1 << optional.length;
  // A set with more than one member of a choice makes no value: readObject refuses it.
  const returned = (present: number) => (refused(present) ? 'undefined' : literalOf(present));
  return [
    `  switch (${mask}) {\n`,
    ...Array.from({ length: sets }, (_, present) =>
      present === sets - 1
        ? `    default: return ${returned(present)};\n`
        : `    case ${present}: return ${returned(present)};\n`,
    ),
    '  }\n',
  ];
}

function emitReader(definition: ObjectTypeDefinition): string {
  const { name, properties } = definition;
  return [
    `function read${name}(json: unknown): Record<string, unknown> | undefined {\n`,
    '  if (!isJsonRecord(json)) return undefined;\n',
    '  let matched = 0;\n',
    ...(properties.length > 0 ? ['  let raw: unknown;\n'] : []),
    properties.map(emitField).join(''),
    '  if (matched !== keyCount(json) &&',
    ` !onlyIgnorableKeys(json, ${name}Descriptor)) return undefined;\n`,
    ...emitValue(properties),
    '}\n',
  ].join('');
}
