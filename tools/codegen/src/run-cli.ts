import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateModel } from './generate-model.js';
import { compareGeneratedDirs, hasDrift, writeGeneratedFiles } from './generated-files.js';
import { REGENERATE_COMMAND } from './generated-header.js';
import { SchemaError } from './schema-error.js';

const USAGE = `usage: vbem-codegen <generate|check> --schemas DIR --out DIR [--meta FILE] [--label PATH]

  generate   write the model's generated files into --out
  check      regenerate into a temporary folder and fail when --out differs

  --schemas  folder of the *.schema.json files
  --out      the generated folder (packages/model/src/generated)
  --meta     the vocabulary schema (default: <schemas>/../meta/em-type.schema.json)
  --label    how headers name the schema folder (default: schemas/em)`;

/** Where the CLI writes: the console by default, a buffer in tests. */
export interface CliOutput {
  log(line: string): void;
  error(line: string): void;
}

/** Runs `vbem-codegen` and returns its exit code: 0 done, 1 drift or a bad schema, 2 usage. */
export function runCli(argv: readonly string[], output: CliOutput = console): number {
  try {
    return run(argv, output);
  } catch (error) {
    if (!(error instanceof SchemaError)) throw error;
    output.error(`vbem-codegen: ${error.message}`);
    return 1;
  }
}

function run(argv: readonly string[], output: CliOutput): number {
  const { values, positionals } = parseArgs({
    args: [...argv],
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
    output.log(USAGE);
    return 0;
  }
  if ((command !== 'generate' && command !== 'check') || !values.schemas || !values.out) {
    output.error(USAGE);
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
    output.log(`vbem-codegen: wrote ${files.size} files to ${values.out}`);
    return 0;
  }
  const fresh = mkdtempSync(join(tmpdir(), 'vbem-codegen-'));
  try {
    writeGeneratedFiles(fresh, files);
    const drift = compareGeneratedDirs(fresh, outDir);
    if (!hasDrift(drift)) {
      output.log(`vbem-codegen: ${files.size} generated files are up to date`);
      return 0;
    }
    output.error('vbem-codegen: the generated code does not match schemas/em/:');
    for (const file of drift.changed) output.error(`  changed  ${values.out}/${file}`);
    for (const file of drift.missing) output.error(`  missing  ${values.out}/${file}`);
    for (const file of drift.stale) output.error(`  stale    ${values.out}/${file}`);
    output.error(
      `Run \`${REGENERATE_COMMAND}\` and commit the result; never edit generated files.`,
    );
    return 1;
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
}
