import { VbemError } from '@vbem/model';

/**
 * A local file a message names, and how text others read (check's status line) names it instead:
 * `password file PATH (origin)` reads `password file (origin)`, any other `PATH` reads `name`.
 */
export interface LocalPath {
  readonly path: string;
  readonly name: string;
}

/** An error the CLI reports as one line (plus a hint) and an exit code. */
export class CliError extends VbemError {
  override readonly name: string = 'CliError';
  readonly exitCode: number;
  readonly hint: string | undefined;
  /** The local files its message names, left out of check's status line (stderr has them). */
  readonly localPaths: readonly LocalPath[];

  constructor(
    message: string,
    options: {
      exitCode?: number;
      hint?: string;
      cause?: unknown;
      localPaths?: readonly LocalPath[];
    } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.exitCode = options.exitCode ?? 1;
    this.hint = options.hint;
    this.localPaths = options.localPaths ?? [];
  }
}

/** A mistake in the command line: exit code 2 and the usage line. */
export class UsageError extends CliError {
  override readonly name = 'UsageError';

  constructor(message: string, hint?: string, localPaths?: readonly LocalPath[]) {
    super(message, {
      exitCode: 2,
      ...(hint === undefined ? {} : { hint }),
      ...(localPaths === undefined ? {} : { localPaths }),
    });
  }
}
