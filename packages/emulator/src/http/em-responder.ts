import type { ServerResponse } from 'node:http';
import type { RootElementName, RootValue } from '@vbem/model';
import { encode } from '@vbem/xml';
import { brokenStart } from './broken-start.js';
import { emJson } from './em-json.js';
import {
  LIST_STREAMING,
  type ListAnswer,
  type ListItems,
  type ListRootName,
} from './list-answer.js';
import { listBodyChunks, listBodyParts } from './list-body.js';
import { madeChunks, releasedAfterFirst } from './made-chunks.js';
import { mediaType } from './media-type.js';
import { statusText } from './status-text.js';
import { writeChunks } from './write-chunks.js';
import { xmlSafeText } from './xml-safe-text.js';

/** An answer as a route gives it, before it is written. */
export interface Answer {
  readonly status: number;
  readonly type: string | undefined;
  /** The body; of a list too long to be written whole, its first chunk (enough to spoil). */
  readonly text: string;
  readonly headers: Record<string, string | string[]>;
}

/** Writes EM responses in the media type the client asked for: JSON for `Accept: application/json`, else XML. */
export class EmResponder {
  /** Takes the answer instead of writing it: an `acted` fault spoils it. */
  private interceptor: ((answer: Answer) => void) | undefined;

  constructor(
    private readonly response: ServerResponse,
    private readonly json: boolean,
    private readonly emVersion: 12 | 13,
  ) {}

  /** Whether the connection has closed: the client left, or the emulator is closing. */
  get isClosed(): boolean {
    return this.response.destroyed;
  }

  /** The body a model value makes, as the client's media type wants it. */
  body<Root extends RootElementName>(
    root: Root,
    value: RootValue<Root>,
  ): { type: string; text: string } {
    if (this.json) {
      return {
        type: mediaType(true),
        text: JSON.stringify(emJson(root, value, this.emVersion)),
      };
    }
    return { type: mediaType(false), text: encode(root, value) };
  }

  /** The start of a `root` answer, never well-formed: see `brokenStart`. */
  brokenStart(root: RootElementName | undefined): { type: string; text: string } {
    return { type: mediaType(this.json), text: brokenStart(root, this.json, this.emVersion) };
  }

  send<Root extends RootElementName>(
    status: number,
    root: Root,
    value: RootValue<Root>,
    headers: Record<string, string | string[]> = {},
  ): void {
    const { type, text } = this.body(root, value);
    this.write(status, type, text, headers);
  }

  /**
   * A list body, item by item: whole with a Content-Length when it is short, as `send` writes
   * it; else chunked as the items are made (see `LIST_STREAMING`), with the same bytes, but to
   * an HTTP/1.0 request, which gets it whole with a Content-Length however long it is, made a
   * chunk a turn before it is written (see `sendMadeList`).
   */
  sendList<Root extends RootElementName, List extends ListRootName>(
    status: number,
    answer: ListAnswer<Root, List>,
    headers: Record<string, string | string[]> = {},
  ): void {
    const items = answer.items[Symbol.iterator]();
    const batch: ListItems[List][] = [];
    for (;;) {
      const next = items.next();
      if (next.done) {
        this.send(status, answer.root, answer.build(batch), headers);
        return;
      }
      batch.push(next.value);
      if (batch.length > LIST_STREAMING.wholeBodyItems) break;
    }
    const parts = listBodyParts(answer, batch[0] as ListItems[List], this.json, this.emVersion);
    const chunks = listBodyChunks(parts, resumed(batch, items), LIST_STREAMING.chunkCharacters);
    // The first chunk is made before the status is sent: an item that cannot be written is a 500.
    const first = chunks.next().value as string;
    const type = mediaType(this.json);
    if (this.interceptor) {
      chunks.return();
      this.interceptor({ status, type, text: first, headers });
      return;
    }
    if (this.response.req.httpVersion === '1.0') {
      this.sendMadeList(status, type, first, chunks, headers);
      return;
    }
    this.response.writeHead(status, statusText(status), {
      'Content-Type': type,
      Server: 'Microsoft-HTTPAPI/2.0',
      ...headers,
    });
    // Past the status line, a failure can only cut the answer short.
    writeChunks(this.response, first, chunks).catch(() => this.response.destroy());
  }

  /**
   * A long list to an HTTP/1.0 client, which has no chunked encoding: the body would end with
   * the connection, and one cut short would read as whole. So it is made first, a chunk a turn,
   * and written with its Content-Length; an item that cannot be written is still a 500.
   */
  private sendMadeList(
    status: number,
    type: string,
    first: string,
    chunks: Generator<string, void>,
    headers: Record<string, string | string[]>,
  ): void {
    madeChunks(this.response, first, chunks)
      .then((made) => {
        if (!made) return;
        this.response.writeHead(status, statusText(status), {
          'Content-Type': type,
          'Content-Length': made.bytes,
          Server: 'Microsoft-HTTPAPI/2.0',
          ...headers,
        });
        return writeChunks(
          this.response,
          made.chunks[0] as string,
          releasedAfterFirst(made.chunks),
        );
      })
      .catch((error: unknown) => {
        if (this.response.headersSent) this.response.destroy();
        else this.error(500, `Emulator failure: ${(error as Error).message}`);
      });
  }

  /**
   * An EM `Error` body, as every 4xx and 5xx carries; the message may echo the client's input.
   * XML carries .NET's status name (the XSD requires it); EM's JSON has `"Status": null`
   * (fixtures/em-docs/error-400-node-root.json).
   */
  error(status: number, message: string, headers: Record<string, string | string[]> = {}): void {
    this.send(
      status,
      'Error',
      {
        Message: xmlSafeText(message),
        StatusCode: status,
        ...(!this.json && { Status: statusText(status) ?? 'Error' }),
      },
      headers,
    );
  }

  /** From now on, answers go to `interceptor` instead of the connection. */
  intercept(interceptor: (answer: Answer) => void): void {
    this.interceptor = interceptor;
  }

  noContent(): void {
    if (this.interceptor) {
      this.interceptor({ status: 204, type: undefined, text: '', headers: {} });
      return;
    }
    this.response.writeHead(204);
    this.response.end();
  }

  write(
    status: number,
    type: string,
    text: string,
    headers: Record<string, string | string[]> = {},
  ): void {
    if (this.interceptor) {
      this.interceptor({ status, type, text, headers });
      return;
    }
    this.response.writeHead(status, statusText(status), {
      'Content-Type': type,
      'Content-Length': Buffer.byteLength(text),
      Server: 'Microsoft-HTTPAPI/2.0',
      ...headers,
    });
    this.response.end(text);
  }
}

/** `batch`, then what `rest` has left. */
function* resumed<Item>(batch: readonly Item[], rest: Iterator<Item>): Generator<Item, void> {
  yield* batch;
  try {
    for (let next = rest.next(); !next.done; next = rest.next()) yield next.value;
  } finally {
    rest.return?.();
  }
}
