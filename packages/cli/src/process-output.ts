import type { OutputStream } from './cli-io.js';

/**
 * stdout or stderr of the process as the CLI writes to it: once the stream has failed (its reader
 * left, the disk is full) a write is dropped, as it would fail the same way.
 */
export function processOutput(stream: NodeJS.WriteStream): OutputStream {
  return {
    write: (chunk: string) => !stream.destroyed && stream.write(chunk),
    get isTTY() {
      return stream.isTTY;
    },
    get columns() {
      return stream.columns;
    },
  };
}
