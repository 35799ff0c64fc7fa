export { toCamelCase } from './camel-case.js';
export { compareGeneratedDirs, type GeneratedDrift, hasDrift, writeGeneratedFiles } from './generated-files.js';
export { type GenerateOptions, generateModel } from './generate-model.js';
export { REGENERATE_COMMAND } from './generated-header.js';
export { loadSchemas } from './load-schemas.js';
export { SchemaError } from './schema-error.js';
export type * from './type-definition.js';
