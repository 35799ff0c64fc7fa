import { main } from './main.js';

export { CliError, UsageError } from './cli-error.js';

/**
 * Runs `vbem` in this process, as the `vbem` binary does (its stdout, stderr, stdin and
 * environment), and resolves to the exit code: `await vbem(['report', '--demo'])`.
 */
export function vbem(argv: readonly string[]): Promise<number> {
  return main(argv);
}
