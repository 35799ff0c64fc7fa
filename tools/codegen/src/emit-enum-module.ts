import { emitDocComment } from './emit-doc-comment.js';
import { generatedHeader } from './generated-header.js';
import type { EnumTypeDefinition } from './type-definition.js';

/** The module of one open enumeration: a const object, the known and open unions, the descriptor. */
export function emitEnumModule(definition: EnumTypeDefinition, schemaPath: string): string {
  const { name, values } = definition;
  const members = values.map((value) => `  ${value}: '${value}',`).join('\n');
  const valueList = values.map((value) => `'${value}'`).join(', ');
  return [
    generatedHeader(schemaPath),
    "import type { EnumTypeDescriptor } from '../descriptor.js';\n\n",
    emitDocComment([
      definition.description,
      '',
      `XSD: ${definition.xsdType}. Members are in declaration order, which the query service compares by.`,
    ]),
    `export const ${name} = {\n${members}\n} as const;\n\n`,
    emitDocComment([`A value of ${name} that this version of the model knows.`]),
    `export type Known${name} = (typeof ${name})[keyof typeof ${name}];\n\n`,
    emitDocComment([`${name}, open: a value from a newer EM is kept as the string it is.`]),
    `export type ${name} = Known${name} | (string & {});\n\n`,
    `export const ${name}Descriptor: EnumTypeDescriptor = {\n`,
    `  kind: 'enum',\n  name: '${name}',\n  xsdType: '${definition.xsdType}',\n`,
    `  values: [${valueList}],\n};\n`,
  ].join('');
}
