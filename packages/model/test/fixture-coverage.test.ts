import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { type ObjectTypeName, objectTypeDescriptors, rootElements } from '../src/index.js';
import { fixtureDir } from './repo-paths.js';

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

// A plain parse: names only, no conversion, so the walk below sees the document as written.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
});

const tagOf = (node: OrderedNode): string | undefined =>
  Object.keys(node).find((key) => key !== ':@' && key !== '#text' && !key.startsWith('?'));

/** Every element and attribute path of an XML document that no schema property accounts for. */
function uncoveredXml(xml: string): string[] {
  const uncovered: string[] = [];
  const root = (parser.parse(xml) as OrderedNode[]).find((node) => tagOf(node) !== undefined);
  const rootTag = root && tagOf(root);
  if (!root || !rootTag) return ['(no root element)'];
  const type = rootElements[rootTag as keyof typeof rootElements];
  if (!type) return [`/${rootTag}: no schema declares this root element`];
  walkElement(root, rootTag, type, `/${rootTag}`, uncovered);
  return uncovered;
}

function walkElement(
  node: OrderedNode,
  tag: string,
  typeName: ObjectTypeName,
  path: string,
  uncovered: string[],
): void {
  const descriptor = objectTypeDescriptors[typeName];
  for (const attribute of Object.keys(node[':@'] ?? {})) {
    if (attribute === 'xmlns' || attribute.startsWith('xmlns:')) continue;
    if (!descriptor.attributes.some((field) => field.name === attribute)) {
      uncovered.push(`${path}/@${attribute}`);
    }
  }
  for (const child of node[tag] as OrderedNode[]) {
    const childTag = tagOf(child);
    if (childTag === undefined) {
      const text = child['#text'];
      if (typeof text === 'string' && text.trim() && !descriptor.text)
        uncovered.push(`${path}/text()`);
      continue;
    }
    const childPath = `${path}/${childTag}`;
    const field = descriptor.elements.find(
      (f) => (f.list ? (f.list.wrapper ?? f.list.item) : f.name) === childTag,
    );
    if (!field) {
      uncovered.push(childPath);
      continue;
    }
    const items = field.list?.wrapper
      ? (child[childTag] as OrderedNode[]).filter((item) => tagOf(item) !== undefined)
      : [child];
    for (const item of items) {
      const itemTag = tagOf(item) as string;
      const itemPath = field.list?.wrapper ? `${childPath}/${itemTag}` : childPath;
      if (field.list && itemTag !== field.list.item) uncovered.push(itemPath);
      else if (field.kind === 'object') {
        walkElement(item, itemTag, field.ref as ObjectTypeName, itemPath, uncovered);
      } else if ((item[itemTag] as OrderedNode[]).some((n) => tagOf(n) !== undefined)) {
        uncovered.push(`${itemPath}/* (a scalar field has child elements)`);
      }
    }
  }
}

/** Every key path of an EM JSON document that no schema property accounts for. */
function uncoveredJson(value: unknown, typeName: ObjectTypeName, path = ''): string[] {
  const descriptor = objectTypeDescriptors[typeName];
  const fields = [...descriptor.attributes, ...descriptor.elements];
  const uncovered: string[] = [];
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const field = fields.find((f) => (f.jsonName ?? f.name) === key || f.camelName === key);
    if (!field) {
      uncovered.push(`${path}/${key}`);
      continue;
    }
    if (field.kind !== 'object' || child === null) continue;
    const items = field.list ? (child as unknown[]) : [child];
    items.forEach((item, index) => {
      const itemPath = field.list ? `${path}/${key}/${index}` : `${path}/${key}`;
      uncovered.push(...uncoveredJson(item, field.ref as ObjectTypeName, itemPath));
    });
  }
  return uncovered;
}

const xmlFixtures = readdirSync(fixtureDir).filter((file) => file.endsWith('.xml'));

// JSON drops the root element name; INDEX.md says which request each document answers.
const jsonFixtureTypes: Record<string, ObjectTypeName> = {
  'get-backupSession-entity.json': 'BackupJobSession',
  'query-BackupJobSession-refs.json': 'QueryResult',
  'get-nas-backupSessions.json': 'EntityReferenceList',
  'error-400-node-root.json': 'EmError',
};

describe('fixture coverage', () => {
  it('walks exactly the documents INDEX.md lists', () => {
    const index = readFileSync(join(fixtureDir, 'INDEX.md'), 'utf8');
    const listed = [...index.matchAll(/^\| ([\w.-]+\.(?:xml|json)) \|/gm)]
      .map((m) => m[1] as string)
      .sort();
    const documents = readdirSync(fixtureDir).filter((f) => /\.(xml|json)$/.test(f));
    expect(documents.sort()).toEqual(listed);
    expect(listed.filter((f) => f.endsWith('.json'))).toEqual(Object.keys(jsonFixtureTypes).sort());
    expect(xmlFixtures).toHaveLength(30);
  });

  it.each(xmlFixtures)('every element and attribute of %s has a schema property', (file) => {
    expect(uncoveredXml(readFileSync(join(fixtureDir, file), 'utf8'))).toEqual([]);
  });

  it.each(Object.entries(jsonFixtureTypes))(
    'every key of %s has a schema property',
    (file, type) => {
      const json: unknown = JSON.parse(readFileSync(join(fixtureDir, file), 'utf8'));
      expect(uncoveredJson(json, type)).toEqual([]);
    },
  );

  it('reports what a schema does not cover', () => {
    const xml = `<BackupJobSession xmlns="http://www.veeam.com/ent/v1.0" Href="h" Name="n" UID="u" Extra="1">
      <Links><Link Href="h" Rel="Up" /><Bogus /></Links><JobUid>x</JobUid><NewThing /></BackupJobSession>`;
    expect(uncoveredXml(xml)).toEqual([
      '/BackupJobSession/@Extra',
      '/BackupJobSession/Links/Bogus',
      '/BackupJobSession/NewThing',
    ]);
    expect(uncoveredXml('<Unknown />')).toEqual(['/Unknown: no schema declares this root element']);
    expect(
      uncoveredJson(
        { IsRetry: true, isRetry: true, Links: [{ Rel: 'Up', Foo: 1 }] },
        'BackupJobSession',
      ),
    ).toEqual(['/Links/0/Foo']);
  });
});
