import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as TJS from 'typescript-json-schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { generatedIndex, schemaDir } from './repo-paths.js';

// The generator is tested from the other side: its TypeScript output is compiled back to JSON
// Schema by an independent tool and compared with the source schema, type by type.

interface Shape {
  type?: string;
  format?: string;
  ref?: string;
  enum?: string[];
  items?: Shape;
}

type JsonSchema = Record<string, unknown> & {
  properties?: Record<string, Record<string, unknown>>;
  required?: string[];
  anyOf?: Record<string, unknown>[];
  enum?: string[];
};

const refName = (ref: string): string => {
  // Schemas say `Link.schema.json`; typescript-json-schema says `#/definitions/import("…/Link.gen").Link`.
  const name = decodeURIComponent(ref.replace('#/definitions/', '')).replace('.schema.json', '');
  return name.slice(name.lastIndexOf('.') + 1);
};

/**
 * The comparable core of a property: primitive type and format, referenced object type, enum
 * values (an enum may be referenced or inlined), array items.
 */
function shapeOf(
  property: Record<string, unknown>,
  enumValues: (name: string) => string[] | undefined,
): Shape {
  if (typeof property.$ref === 'string') {
    const name = refName(property.$ref);
    const values = enumValues(name);
    return values ? { enum: [...values].sort() } : { ref: name };
  }
  if (Array.isArray(property.anyOf)) {
    const branch = (property.anyOf as JsonSchema[]).find((b) => Array.isArray(b.enum));
    return { enum: [...(branch?.enum ?? [])].sort() };
  }
  if (property.type === 'array') {
    return { type: 'array', items: shapeOf(property.items as Record<string, unknown>, enumValues) };
  }
  return {
    type: property.type as string,
    ...(typeof property.format === 'string' && { format: property.format }),
  };
}

const schemaFiles = readdirSync(schemaDir).filter((file) => file.endsWith('.schema.json'));
const schemas = schemaFiles.map(
  (file) =>
    JSON.parse(readFileSync(join(schemaDir, file), 'utf8')) as JsonSchema & { title: string },
);
const objectSchemas = schemas.filter((schema) => schema.type === 'object');
const enumSchemas = schemas.filter((schema) => schema.type === 'string');

const schemaEnumValues = (name: string): string[] | undefined =>
  enumSchemas.find((schema) => schema.title === name)?.anyOf?.[0]?.enum as string[] | undefined;

let generator: TJS.JsonSchemaGenerator;
const compiledEnumValues = (name: string): string[] | undefined =>
  generator.getUserSymbols().includes(`Known${name}`)
    ? (generator.getSchemaForSymbol(`Known${name}`) as JsonSchema).enum
    : undefined;

beforeAll(() => {
  const program = TJS.getProgramFromFiles([generatedIndex], {
    strict: true,
    skipLibCheck: true,
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
  });
  const built = TJS.buildGenerator(program, { required: true, noExtraProps: true });
  if (!built) throw new Error('typescript-json-schema could not compile the generated model');
  generator = built;
}, 60_000);

describe('generated types compiled back to JSON Schema match schemas/em/', () => {
  it('covers every schema file', () => {
    expect(objectSchemas.length + enumSchemas.length).toBe(schemaFiles.length);
    expect(objectSchemas.length).toBeGreaterThan(60);
  });

  it.each(objectSchemas.map((schema) => [schema.title, schema] as const))(
    'object type %s',
    (name, schema) => {
      const compiled = generator.getSchemaForSymbol(name) as JsonSchema;
      const expectedProperties = schema.properties ?? {};
      const compiledProperties = compiled.properties ?? {};
      expect(Object.keys(compiledProperties).sort()).toEqual(
        Object.keys(expectedProperties).sort(),
      );
      expect([...(compiled.required ?? [])].sort()).toEqual([...(schema.required ?? [])].sort());
      for (const [property, definition] of Object.entries(expectedProperties)) {
        expect({
          property,
          ...shapeOf(compiledProperties[property] ?? {}, compiledEnumValues),
        }).toEqual({
          property,
          ...shapeOf(definition, schemaEnumValues),
        });
      }
      expect(compiled.additionalProperties).toBe(false);
    },
  );

  it.each(enumSchemas.map((schema) => [schema.title, schema] as const))(
    'enumeration %s',
    (name, schema) => {
      const known = generator.getSchemaForSymbol(`Known${name}`) as JsonSchema;
      const expected = (schema.anyOf?.[0]?.enum as string[]) ?? [];
      expect([...(known.enum ?? [])].sort()).toEqual([...expected].sort());
      // Open: besides the known values, the alias admits a branch that is not restricted to them.
      const open = generator.getSchemaForSymbol(name) as JsonSchema;
      expect(open.anyOf?.some((branch) => branch.enum === undefined)).toBe(true);
    },
  );
});
