import { emitEnumModule } from './emit-enum-module.js';
import { emitIndexModule } from './emit-index-module.js';
import { emitJsonReaderModule } from './emit-json-reader-module.js';
import { emitObjectModule } from './emit-object-module.js';
import { loadSchemas } from './load-schemas.js';

export interface GenerateOptions {
  /** Folder of the `*.schema.json` files. */
  readonly schemaDir: string;
  /** The vocabulary every schema file is checked against. */
  readonly metaSchemaFile: string;
  /** How generated headers name the schema folder (a repository-relative path keeps output machine-independent). */
  readonly schemaDirLabel: string;
}

/** The generated files, by file name, in a stable order. Pure: nothing is written. */
export function generateModel(options: GenerateOptions): Map<string, string> {
  const definitions = loadSchemas(options.schemaDir, options.metaSchemaFile);
  const files = new Map<string, string>();
  for (const definition of definitions) {
    const source = `${options.schemaDirLabel}/${definition.file}`;
    const text =
      definition.kind === 'object'
        ? emitObjectModule(definition, source)
        : emitEnumModule(definition, source);
    files.set(`${definition.name}.gen.ts`, text);
  }
  files.set('index.gen.ts', emitIndexModule(definitions, options.schemaDirLabel));
  files.set('json-readers.gen.ts', emitJsonReaderModule(definitions, options.schemaDirLabel));
  return files;
}
