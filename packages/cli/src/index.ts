export { CliError, UsageError } from './cli-error.js';
export type { CliIo, OutputStream } from './cli-io.js';
export { main } from './main.js';
