import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

export const realSchemaDir = fileURLToPath(new URL('../../../schemas/em/', import.meta.url));
export const realMetaSchema = fileURLToPath(
  new URL('../../../schemas/meta/em-type.schema.json', import.meta.url),
);

const created: string[] = [];
afterEach(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A scratch copy of schemas/ (em/ and meta/) that a test may edit; removed after the test. */
export function copyOfSchemas(): { root: string; schemaDir: string; metaSchemaFile: string } {
  const root = mkdtempSync(join(tmpdir(), 'vbem-codegen-test-'));
  created.push(root);
  const schemaDir = join(root, 'em');
  mkdirSync(join(root, 'meta'));
  cpSync(realSchemaDir, schemaDir, { recursive: true });
  const metaSchemaFile = join(root, 'meta', 'em-type.schema.json');
  cpSync(realMetaSchema, metaSchemaFile);
  return { root, schemaDir, metaSchemaFile };
}

/** An empty scratch folder, removed after the test. */
export function scratchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vbem-codegen-test-'));
  created.push(dir);
  return dir;
}

/** A schema file as a test edits it: loosely typed on purpose, since tests write invalid schemas too. */
// biome-ignore lint/suspicious/noExplicitAny: tests reach into arbitrary schema paths to break them.
type EditableSchema = any;

/** Reads, changes and writes back one schema file of a scratch copy. */
export function editSchema(
  schemaDir: string,
  file: string,
  edit: (schema: EditableSchema) => void,
): void {
  const path = join(schemaDir, file);
  const schema = JSON.parse(readFileSync(path, 'utf8'));
  edit(schema);
  writeFileSync(path, JSON.stringify(schema, null, 2));
}
