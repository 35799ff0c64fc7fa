import type { ServerResponse } from 'node:http';
import { setImmediate } from 'node:timers/promises';

/** Every chunk of a body, made before any is written, and the bytes they come to. */
export interface MadeChunks {
  readonly chunks: string[];
  readonly bytes: number;
}

/**
 * Makes every chunk of a body, `first` and the rest of `chunks`, for an answer that needs its
 * Content-Length before its first byte (HTTP/1.0 has no chunked encoding). One chunk per turn of
 * the event loop, so that other requests are answered while a long body is made; memory holds
 * the whole body, but as chunks, not one string. Undefined once the connection closes (the
 * client left, or the emulator is closing): the rest is never made.
 */
export async function madeChunks(
  response: ServerResponse,
  first: string,
  chunks: Iterator<string, void>,
): Promise<MadeChunks | undefined> {
  const made = [first];
  let bytes = Buffer.byteLength(first);
  try {
    for (;;) {
      await setImmediate();
      if (response.destroyed) return undefined;
      const next = chunks.next();
      if (next.done) return { chunks: made, bytes };
      made.push(next.value);
      bytes += Buffer.byteLength(next.value);
    }
  } finally {
    chunks.return?.();
  }
}

/** The chunks after the first, each let go of once it is read: written, it is no longer held. */
export function* releasedAfterFirst(made: string[]): Generator<string, void> {
  for (let index = 1; index < made.length; index++) {
    const chunk = made[index] as string;
    made[index] = '';
    yield chunk;
  }
}
