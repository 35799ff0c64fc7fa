/** Where the CLI writes: a stream with the terminal facts that decide colour and progress. */
export interface OutputStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean | undefined;
  readonly columns?: number | undefined;
}

/** Everything the CLI touches of its process, so that tests can run it in-process too. */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean | undefined };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborted on Ctrl-C (SIGINT) or SIGTERM: commands stop, log off and exit. */
  readonly signal: AbortSignal;
  readonly now: () => Date;
}

/** Colour only on a terminal, and never with NO_COLOR set (https://no-color.org). */
export const wantsColor = (io: CliIo, stream: OutputStream = io.stdout): boolean =>
  stream.isTTY === true && (io.env.NO_COLOR ?? '') === '' && io.env.TERM !== 'dumb';

/** Narrower than this, a table has no room for its columns; it overflows the terminal instead. */
const MIN_TABLE_WIDTH = 40;

/**
 * A terminal's width in columns. One that reports no width (0 under `script`, a serial console)
 * counts as 80.
 */
export function terminalColumns(stream: OutputStream): number {
  const columns = stream.columns ?? 0;
  return columns > 0 ? columns : 80;
}

/**
 * Columns a table may fill: the terminal's width (see terminalColumns), or no limit into a pipe
 * or a file (cells stay whole).
 */
export function tableWidth(io: CliIo): number {
  if (!io.stdout.isTTY) return Number.MAX_SAFE_INTEGER;
  return Math.max(terminalColumns(io.stdout), MIN_TABLE_WIDTH);
}
