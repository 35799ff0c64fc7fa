#!/usr/bin/env node
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { compareGeneratedDirs, hasDrift, writeGeneratedFiles } from './generated-files.js';
import { generateModel } from './generate-model.js';
import { REGENERATE_COMMAND } from './generated-header.js';
import { SchemaError } from './schema-error.js';

const USAGE = `usage: vbem-codegen <generate|check> --schemas DIR --out DIR [--meta FILE] [--label PATH]

  generate   write the model's generated files into --out
  check      regenerate into a temporary folder and fail when --out differs

  --schemas  folder of the *.schema.json files
  --out      the generated folder (packages/model/src/generated)
  --meta     the vocabulary schema (default: <schemas>/../meta/em-type.schema.json)
  --label    how headers name the schema folder (default: schemas/em)`;

function main(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      schemas: { type: 'string' },
      out: { type: 'string' },
      meta: { type: 'string' },
      label: { type: 'string', default: 'schemas/em' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if ((command !== 'generate' && command !== 'check') || !values.schemas || !values.out) {
    console.error(USAGE);
    return 2;
  }
  const schemaDir = resolve(values.schemas);
  const outDir = resolve(values.out);
  const files = generateModel({
    schemaDir,
    metaSchemaFile: resolve(values.meta ?? join(dirname(schemaDir), 'meta', 'em-type.schema.json')),
    schemaDirLabel: values.label,
  });

  if (command === 'generate') {
    writeGeneratedFiles(outDir, files);
    console.log(`vbem-codegen: wrote ${files.size} files to ${values.out}`);
    return 0;
  }
  const fresh = mkdtempSync(join(tmpdir(), 'vbem-codegen-'));
  try {
    writeGeneratedFiles(fresh, files);
    const drift = compareGeneratedDirs(fresh, outDir);
    if (!hasDrift(drift)) {
      console.log(`vbem-codegen: ${files.size} generated files are up to date`);
      return 0;
    }
    console.error('vbem-codegen: the generated code does not match schemas/em/:');
    for (const file of drift.changed) console.error(`  changed  ${values.out}/${file}`);
    for (const file of drift.missing) console.error(`  missing  ${values.out}/${file}`);
    for (const file of drift.stale) console.error(`  stale    ${values.out}/${file}`);
    console.error(`Run \`${REGENERATE_COMMAND}\` and commit the result; never edit generated files.`);
    return 1;
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof SchemaError)) throw error;
  console.error(`vbem-codegen: ${error.message}`);
  process.exitCode = 1;
}
