export type { CliIo, OutputStream } from './cli-io.js';
export { CliError, UsageError } from './cli-error.js';
export { main } from './main.js';
