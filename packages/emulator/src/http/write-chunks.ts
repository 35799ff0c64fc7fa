import type { ServerResponse } from 'node:http';
import { setImmediate } from 'node:timers/promises';

/**
 * Writes `first`, then the rest of `chunks`, then ends the response. One chunk per turn of the
 * event loop, so that other requests are answered between chunks, and none while the client
 * is not reading (until `drain`): memory holds a chunk, not the body. Stops once the connection
 * closes (the client left, or the emulator is closing): the rest is never made.
 */
export async function writeChunks(
  response: ServerResponse,
  first: string,
  chunks: Iterator<string, void>,
): Promise<void> {
  let wake: (() => void) | undefined;
  const onEvent = () => wake?.();
  response.on('drain', onEvent);
  response.on('close', onEvent);
  try {
    let flowing = response.write(first);
    for (;;) {
      // A connection closed before this write sends no `close` again: look, do not wait.
      if (!flowing && !response.destroyed)
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      // A write taken at once drains within the same turn: without this, chunk would follow
      // chunk without the event loop ever accepting another connection.
      await setImmediate();
      if (response.destroyed) return;
      const next = chunks.next();
      if (next.done) {
        response.end();
        return;
      }
      flowing = response.write(next.value);
    }
  } finally {
    response.off('drain', onEvent);
    response.off('close', onEvent);
    chunks.return?.();
  }
}
