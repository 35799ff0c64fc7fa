export { toCamelCase } from './camel-case.js';
export { type GenerateOptions, generateModel } from './generate-model.js';
export {
  compareGeneratedDirs,
  type GeneratedDrift,
  hasDrift,
  writeGeneratedFiles,
} from './generated-files.js';
export { REGENERATE_COMMAND } from './generated-header.js';
export { loadSchemas } from './load-schemas.js';
export { type CliOutput, runCli } from './run-cli.js';
export { SchemaError } from './schema-error.js';
export type * from './type-definition.js';
