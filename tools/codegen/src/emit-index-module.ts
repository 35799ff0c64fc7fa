import { generatedHeader } from './generated-header.js';
import type { TypeDefinition } from './type-definition.js';

/** The registry: every type re-exported, the descriptor tables, and the root element map. */
// Code-unit order, not locale order: the output must not depend on the machine's ICU data.
export function emitIndexModule(definitions: readonly TypeDefinition[], schemaDir: string): string {
  const sorted = [...definitions].sort((a, b) => (a.name < b.name ? -1 : 1));
  const objects = sorted.filter((d) => d.kind === 'object');
  const enums = sorted.filter((d) => d.kind === 'enum');
  const roots = objects
    .flatMap((d) => d.roots.map((root) => [root, d.name] as const))
    .sort(([a], [b]) => (a < b ? -1 : 1));

  const reexports = sorted.map((d) => `export * from './${d.name}.gen.js';\n`).join('');
  const imports = sorted
    .map((d) => {
      const value = `${d.name}Descriptor`;
      const names = d.kind === 'object' ? `type ${d.name}, ${value}` : value;
      return `import { ${names} } from './${d.name}.gen.js';\n`;
    })
    .join('');
  const table = (list: readonly TypeDefinition[]) =>
    list.map((d) => `  ${d.name}: ${d.name}Descriptor,\n`).join('');

  return [
    generatedHeader(`${schemaDir}/*.schema.json`),
    "import type { EnumTypeDescriptor, ObjectTypeDescriptor } from '../descriptor.js';\n",
    imports,
    '\n',
    reexports,
    '\n/** Every object type of the model, by type name. */\n',
    `export interface ObjectTypes {\n${objects.map((d) => `  ${d.name}: ${d.name};\n`).join('')}}\n\n`,
    'export type ObjectTypeName = keyof ObjectTypes;\n\n',
    `export type EnumTypeName =\n${enums.map((d) => `  | '${d.name}'`).join('\n')};\n\n`,
    '/** Runtime descriptors of the object types: the single source for codecs, JSON mapping and emulator. */\n',
    'export const objectTypeDescriptors: { readonly [Name in ObjectTypeName]: ObjectTypeDescriptor } = {\n',
    table(objects),
    '};\n\n',
    '/** Runtime descriptors of the enumerations. */\n',
    'export const enumTypeDescriptors: { readonly [Name in EnumTypeName]: EnumTypeDescriptor } = {\n',
    table(enums),
    '};\n\n',
    '/** The object type behind each XML root element. */\n',
    'export const rootElements = {\n',
    roots.map(([root, name]) => `  ${root}: '${name}',\n`).join(''),
    '} as const satisfies Record<string, ObjectTypeName>;\n\n',
    'export type RootElementName = keyof typeof rootElements;\n\n',
    "/** The model value of a root element: `RootValue<'EntityRef'>` is `EntityReference`. */\n",
    'export type RootValue<Root extends RootElementName> = ObjectTypes[(typeof rootElements)[Root]];\n',
  ].join('');
}
