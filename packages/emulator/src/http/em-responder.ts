import type { ServerResponse } from 'node:http';
import type { RootElementName, RootValue } from '@vbem/model';
import { encode } from '@vbem/xml';
import { emJson } from './em-json.js';
import { mediaType } from './media-type.js';
import { statusText } from './status-text.js';
import { xmlSafeText } from './xml-safe-text.js';

/** An answer as a route gives it, before it is written. */
export interface Answer {
  readonly status: number;
  readonly type: string | undefined;
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

  send<Root extends RootElementName>(
    status: number,
    root: Root,
    value: RootValue<Root>,
    headers: Record<string, string | string[]> = {},
  ): void {
    const { type, text } = this.body(root, value);
    this.write(status, type, text, headers);
  }

  /** An EM `Error` body, as every 4xx and 5xx carries; the message may echo the client's input. */
  error(status: number, message: string, headers: Record<string, string | string[]> = {}): void {
    this.send(
      status,
      'Error',
      { Message: xmlSafeText(message), StatusCode: status, Status: statusText(status) ?? 'Error' },
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
