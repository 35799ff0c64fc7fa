import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSchemas, SchemaError } from '../src/index.js';
import { copyOfSchemas, editSchema, realMetaSchema, realSchemaDir } from './temp-schemas.js';

function loadError(prepare: (schemaDir: string) => void): SchemaError {
  const { schemaDir, metaSchemaFile } = copyOfSchemas();
  prepare(schemaDir);
  try {
    loadSchemas(schemaDir, metaSchemaFile);
  } catch (error) {
    if (error instanceof SchemaError) return error;
    throw error;
  }
  throw new Error('the schemas loaded without error');
}

describe('loadSchemas', () => {
  it('loads the real schemas with attributes, then elements in XSD order', () => {
    const definitions = loadSchemas(realSchemaDir, realMetaSchema);
    const session = definitions.find((d) => d.name === 'BackupJobSession');
    expect(session?.kind).toBe('object');
    if (session?.kind !== 'object') return;
    expect(session.properties.map((p) => p.name)).toEqual([
      'Href',
      'Type',
      'Name',
      'UID',
      'Links',
      'JobUid',
      'JobName',
      'JobType',
      'CreationTimeUTC',
      'EndTimeUTC',
      'State',
      'Result',
      'Progress',
      'FailureMessage',
      'IsRetry',
    ]);
    expect(session.properties.find((p) => p.name === 'Links')).toMatchObject({
      kind: 'object',
      ref: 'Link',
      required: true,
      list: { wrapper: 'Links', item: 'Link' },
    });
  });

  it.each([
    [
      'a file that is not JSON',
      (dir: string) => writeFileSync(join(dir, 'Broken.schema.json'), '{'),
      /Broken\.schema\.json: not valid JSON/,
    ],
    [
      'a title that differs from the file name',
      (dir: string) =>
        editSchema(dir, 'Link.schema.json', (s) => {
          s.title = 'Lnk';
        }),
      /Link\.schema\.json#\/title: must equal the file name "Link"/,
    ],
    [
      'a reference to a missing file',
      (dir: string) =>
        editSchema(dir, 'Task.schema.json', (s) => {
          s.properties.Result.$ref = 'Nope.schema.json';
        }),
      /Task\.schema\.json#\/properties\/Result\/\$ref: no schema file "Nope\.schema\.json"/,
    ],
    [
      'a gap in the element order',
      (dir: string) =>
        editSchema(dir, 'Task.schema.json', (s) => {
          s.properties.Operation.xml.order = 9;
        }),
      /Task\.schema\.json#\/properties: element orders must run 1\.\.5/,
    ],
    [
      'an optional array',
      (dir: string) =>
        editSchema(dir, 'Task.schema.json', (s) => {
          s.required = s.required.filter((n: string) => n !== 'Links');
        }),
      /Task\.schema\.json#\/properties\/Links: an array must be required/,
    ],
    [
      'a required name that is not a property',
      (dir: string) =>
        editSchema(dir, 'Task.schema.json', (s) => {
          s.required.push('Ghost');
        }),
      /"Ghost" is not a property/,
    ],
    [
      'an array attribute',
      (dir: string) =>
        editSchema(dir, 'Link.schema.json', (s) => {
          s.properties.Rel = { type: 'array', items: { type: 'string' }, xml: { attribute: true } };
        }),
      /Link\.schema\.json#\/properties\/Rel: attribute content is one scalar or enum value/,
    ],
    [
      'an unknown integer format',
      (dir: string) =>
        editSchema(dir, 'Task.schema.json', (s) => {
          s.properties.TaskId = { type: 'integer', format: 'int16', xml: { order: 2 } };
        }),
      /Task\.schema\.json.*does not match schemas\/meta\/em-type\.schema\.json/,
    ],
    [
      'a root element declared twice',
      (dir: string) =>
        editSchema(dir, 'LogonSession.schema.json', (s) => {
          s.xml.roots.push('Task');
        }),
      /root element "Task" is already declared by/,
    ],
    [
      'a required member of a choice',
      (dir: string) =>
        editSchema(dir, 'QueryResult.schema.json', (s) => {
          s.required.push('Refs');
        }),
      /QueryResult\.schema\.json#\/properties\/Refs\/xml\/choice: a member of a choice cannot be required/,
    ],
    [
      'a JSON key that repeats the property name',
      (dir: string) =>
        editSchema(dir, 'TimePeriods.schema.json', (s) => {
          s.properties.Day.xml.json = 'Day';
        }),
      /TimePeriods\.schema\.json#\/properties\/Day\/xml\/json: names the JSON key only where it differs/,
    ],
    [
      'a JSON key that another property has',
      (dir: string) =>
        editSchema(dir, 'Task.schema.json', (s) => {
          s.properties.Operation.xml.json = 'State';
        }),
      /Task\.schema\.json#\/properties\/(State|Operation): JSON key "State" is already the key of (Operation|State)/,
    ],
    [
      'a JSON key on an attribute',
      (dir: string) =>
        editSchema(dir, 'Link.schema.json', (s) => {
          s.properties.Rel.xml.json = 'Relation';
        }),
      /Link\.schema\.json.*does not match schemas\/meta\/em-type\.schema\.json/,
    ],
  ])('refuses %s, naming the file and the place', (_case, prepare, message) => {
    expect(loadError(prepare).message).toMatch(message);
  });

  it('refuses a schema whose referenced file was removed', () => {
    const error = loadError((dir) => rmSync(join(dir, 'TaskResultInfo.schema.json')));
    expect(error.file).toBe('Task.schema.json');
    expect(error.pointer).toBe('/properties/Result/$ref');
  });
});
