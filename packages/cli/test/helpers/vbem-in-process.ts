import { Readable } from 'node:stream';
import type { CliIo } from '../../src/cli-io.js';
import { main } from '../../src/main.js';

export interface InProcessOptions {
  /** The environment, besides HOME (a directory that does not exist, so no config file is found). */
  readonly env?: Readonly<Record<string, string>>;
  readonly now?: Date;
  /** The clock, when it must move between reads (`now` is fixed). */
  readonly clock?: () => Date;
  /** stdout as a terminal of this width (columns may be unknown); a pipe when absent. */
  readonly terminal?: { readonly columns: number | undefined };
}

/** `vbem argv…` run in this process by `main`, with no stdin, its output collected. */
export async function vbemInProcess(
  argv: readonly string[],
  options: InProcessOptions = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const { terminal, now, clock } = options;
  const io: CliIo = {
    stdout: {
      write: (text: string) => (stdout += text),
      ...(terminal ? { isTTY: true, columns: terminal.columns } : {}),
    },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: Object.assign(Readable.from([]), { isTTY: false }),
    env: { HOME: '/nonexistent', ...options.env },
    signal: new AbortController().signal,
    now: clock ?? (() => now ?? new Date()),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
