import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toCamelCase } from '@vbem/codegen';
import { describe, expect, it } from 'vitest';
import * as model from '../src/index.js';
import {
  BackupJobSessionDescriptor,
  enumTypeDescriptors,
  type FieldDescriptor,
  JobSessionState,
  objectTypeDescriptors,
  rootElements,
  SessionResult,
} from '../src/index.js';
import { schemaDir } from './repo-paths.js';

interface SchemaValue {
  type?: string;
  format?: string;
  $ref?: string;
}
interface SchemaProperty extends SchemaValue {
  items?: SchemaValue;
  xml: {
    attribute?: true;
    text?: true;
    order?: number;
    wrapper?: string;
    item?: string;
    wrapperRequired?: true;
    choice?: string;
    json?: string;
  };
}
interface SchemaFile {
  title: string;
  type: 'object' | 'string';
  xml: { roots?: string[] };
  properties?: Record<string, SchemaProperty>;
  required?: string[];
  anyOf?: [{ enum: string[] }];
}

const modelExports: Record<string, unknown> = { ...model };

const schemas = readdirSync(schemaDir)
  .filter((file) => file.endsWith('.schema.json'))
  .map((file) => JSON.parse(readFileSync(join(schemaDir, file), 'utf8')) as SchemaFile);

// The value forms of schemas/README.md, read here without the generator's help.
const SCALAR_KINDS: Record<string, FieldDescriptor['kind']> = {
  string: 'string',
  'string/date-time': 'dateTime',
  'integer/int32': 'int',
  'integer/int64': 'long',
  'integer/duration-seconds': 'timeSpan',
  boolean: 'boolean',
};

function kindOf(value: SchemaValue): Pick<FieldDescriptor, 'kind' | 'ref'> {
  if (value.$ref !== undefined) {
    const ref = value.$ref.replace(/\.schema\.json$/, '');
    const target = schemas.find((schema) => schema.title === ref);
    if (!target) throw new Error(`no schema ${value.$ref}`);
    return { kind: target.type === 'object' ? 'object' : 'enum', ref };
  }
  const key = value.format === undefined ? `${value.type}` : `${value.type}/${value.format}`;
  const kind = SCALAR_KINDS[key];
  if (!kind) throw new Error(`no kind for ${key}`);
  return { kind };
}

/** The descriptor a schema property should give, field by field. */
function expectedField(name: string, property: SchemaProperty, required: boolean): object {
  const { xml } = property;
  const { kind, ref } = kindOf(property.type === 'array' ? (property.items ?? {}) : property);
  return {
    name,
    ...(xml.json !== undefined && { jsonName: xml.json }),
    camelName: toCamelCase(xml.json ?? name),
    node: xml.attribute ? 'attribute' : xml.text ? 'text' : 'element',
    kind,
    ...(ref !== undefined && { ref }),
    required,
    ...(property.type === 'array' && {
      list: {
        ...(xml.wrapper !== undefined && { wrapper: xml.wrapper }),
        item: xml.item,
        ...(xml.wrapperRequired && { wrapperRequired: true }),
      },
    }),
    ...(xml.choice !== undefined && { choice: xml.choice }),
  };
}

describe('runtime descriptors', () => {
  it('exist for every schema and nothing else', () => {
    const objects = schemas.filter((s) => s.type === 'object').map((s) => s.title);
    const enums = schemas.filter((s) => s.type === 'string').map((s) => s.title);
    expect(Object.keys(objectTypeDescriptors).sort()).toEqual(objects.sort());
    expect(Object.keys(enumTypeDescriptors).sort()).toEqual(enums.sort());
  });

  it.each(schemas.filter((s) => s.type === 'object').map((s) => [s.title, s] as const))(
    "%s keeps the schema's XML layout",
    (name, schema) => {
      const descriptor = objectTypeDescriptors[name as keyof typeof objectTypeDescriptors];
      const properties = Object.entries(schema.properties ?? {});
      const elementOrder = properties
        .filter(([, p]) => p.xml.order !== undefined)
        .sort(([, a], [, b]) => (a.xml.order ?? 0) - (b.xml.order ?? 0))
        .map(([key]) => key);
      expect(descriptor.elements.map((field) => field.name)).toEqual(elementOrder);
      expect(descriptor.attributes.map((field) => field.name)).toEqual(
        properties.filter(([, p]) => p.xml.attribute).map(([key]) => key),
      );
      expect(descriptor.text?.name).toEqual(properties.find(([, p]) => p.xml.text)?.[0]);
      expect(descriptor.roots).toEqual(schema.xml.roots);
      for (const field of descriptor.elements) {
        const xml = schema.properties?.[field.name]?.xml;
        expect(xml).toBeDefined();
        expect(field.list?.item).toBe(xml?.item);
        expect(field.list?.wrapper).toBe(xml?.wrapper);
        expect(field.choice).toBe(xml?.choice);
      }
    },
  );

  it.each(schemas.filter((s) => s.type === 'object').map((s) => [s.title, s] as const))(
    '%s has, for every property, the names, node, kind, ref, required-ness, list layout and choice of its schema',
    (name, schema) => {
      const descriptor = objectTypeDescriptors[name as keyof typeof objectTypeDescriptors];
      const properties = Object.entries(schema.properties ?? {});
      const expected = (node: 'attribute' | 'text' | 'element') =>
        properties
          .map(([key, property]) =>
            expectedField(key, property, (schema.required ?? []).includes(key)),
          )
          .filter((field) => (field as { node: string }).node === node);
      const byOrder = (key: string) => schema.properties?.[key]?.xml.order ?? 0;
      expect(descriptor.attributes).toStrictEqual(expected('attribute'));
      expect(descriptor.text).toStrictEqual(expected('text')[0]);
      expect(descriptor.elements).toStrictEqual(
        expected('element').sort(
          (a, b) => byOrder((a as { name: string }).name) - byOrder((b as { name: string }).name),
        ),
      );
    },
  );

  it.each(schemas.filter((s) => s.type === 'string').map((s) => [s.title, s] as const))(
    'enumeration %s lists the values of its schema in declaration order',
    (name, schema) => {
      const expected = schema.anyOf?.[0].enum;
      expect(enumTypeDescriptors[name as keyof typeof enumTypeDescriptors].values).toStrictEqual(
        expected,
      );
      // The exported const object, whose member order editors and Object.values show.
      expect(Object.values(modelExports[name] as object)).toStrictEqual(expected);
    },
  );

  it('resolves every reference to a descriptor of the right kind', () => {
    for (const descriptor of Object.values(objectTypeDescriptors)) {
      for (const field of [...descriptor.attributes, ...descriptor.elements]) {
        if (field.kind === 'object')
          expect(objectTypeDescriptors).toHaveProperty(field.ref as string);
        if (field.kind === 'enum') expect(enumTypeDescriptors).toHaveProperty(field.ref as string);
      }
    }
    for (const type of Object.values(rootElements))
      expect(objectTypeDescriptors).toHaveProperty(type);
  });

  it('names the EM 13 camelCase keys as Newtonsoft writes them', () => {
    const camel = (type: keyof typeof objectTypeDescriptors, name: string) =>
      [...objectTypeDescriptors[type].attributes, ...objectTypeDescriptors[type].elements].find(
        (field) => field.name === name,
      )?.camelName;
    expect(camel('BackupJobSession', 'UID')).toBe('uid');
    expect(camel('BackupJobSession', 'CreationTimeUTC')).toBe('creationTimeUTC');
    expect(camel('BackupJobSession', 'IsRetry')).toBe('isRetry');
    expect(camel('BackupTaskSession', 'VmUid')).toBe('vmUid');
    expect(camel('PagingInfo', 'PageNum')).toBe('pageNum');
    expect(camel('GuestProcessingOptions', 'FSFileExcludeOptions')).toBe('fsFileExcludeOptions');
    expect(camel('Entities', 'BackupJobSessions')).toBe('backupJobSessions');
  });

  it('keeps enumerations open and in declaration order', () => {
    expect(enumTypeDescriptors.SessionResult.values).toEqual([
      'None',
      'Success',
      'Warning',
      'Failed',
    ]);
    expect(Object.values(SessionResult)).toEqual(['None', 'Success', 'Warning', 'Failed']);
    expect(JobSessionState.Working).toBe('Working');
    const future: SessionResult = 'SomethingNewer';
    expect(future).toBe('SomethingNewer');
  });

  it('encodes the documented quirks', () => {
    const field = (name: string) =>
      BackupJobSessionDescriptor.elements.find((f) => f.name === name);
    expect(field('EndTimeUTC')?.required).toBe(false);
    expect(field('FailureMessage')?.required).toBe(false);
    expect(
      objectTypeDescriptors.BackupTaskSession.elements.find((f) => f.name === 'Reason')?.required,
    ).toBe(true);
    expect(
      objectTypeDescriptors.BackupTaskSession.elements.find((f) => f.name === 'VmUid')?.required,
    ).toBe(false);
    expect(objectTypeDescriptors.QueryResult.elements.map((f) => f.name)).toEqual([
      'Refs',
      'Entities',
      'Resources',
      'Links',
      'PagingInfo',
    ]);
    expect(rootElements.EntityRef).toBe('EntityReference');
    expect(rootElements.Error).toBe('EmError');
  });
});
