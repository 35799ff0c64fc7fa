import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { isClosedCode } from '../connection/closed-unanswered.js';
import { bounded } from './net-probes.js';
import { normalizeFingerprint } from './tls-probe.js';

/** What `GET /api/` answered. */
export interface ApiAnswer {
  readonly status: number;
  readonly contentType: string;
  /** Bytes of the body (it is read up to a limit, but counted whole). */
  readonly bodyBytes: number;
  /** The root element of an XML body, e.g. `EnterpriseManager`. */
  readonly root: string | undefined;
  /** The `Message` of EM's own `<Error>` body, when it sent one. */
  readonly errorMessage: string | undefined;
  /** `SupportedVersion` names, in EM's order (`v1_5`, `v1_6`, …). */
  readonly versions: readonly string[];
  /** The `Date` header. */
  readonly date: string | undefined;
  /** When the answer arrived, by the caller's clock. */
  readonly receivedAt: Date;
}

/**
 * The server closed or reset the connection before any answer began (`code` and message are the
 * cause's): over plain http, what an https port does.
 */
export class ClosedUnanswered extends Error {
  override readonly name = 'ClosedUnanswered';
  readonly code: string | undefined;

  constructor(cause: Error & { readonly code?: string }) {
    super(cause.message, { cause });
    this.code = cause.code;
  }
}

/** The server's certificate is not the pinned one. */
export class PinMismatch extends Error {
  override readonly name = 'PinMismatch';
  readonly code = 'CERT_FINGERPRINT_MISMATCH';
}

const MAX_BODY_BYTES = 1024 * 1024;

/** The root element of an XML document: the first element after the declaration and comments. */
const rootOf = (body: string): string | undefined =>
  /^\s*(?:<\?[^>]*\?>\s*|<!--[\s\S]*?-->\s*)*<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(
    body,
  )?.[2];

const XML_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/** The `Message` attribute of an `<Error>` root, as EM writes its errors, entities decoded. */
function errorMessageOf(body: string, root: string | undefined): string | undefined {
  if (root !== 'Error') return undefined;
  const quoted = /<(?:[A-Za-z_][\w.-]*:)?Error\b[^>]*?\sMessage=(?:"([^"]*)"|'([^']*)')/.exec(body);
  const text = quoted?.[1] ?? quoted?.[2];
  // One pass, so that `&amp;#x41;` stays `&#x41;`; a reference to no character stays as written.
  return text?.replace(
    /&(?:(amp|lt|gt|quot|apos)|#(x[0-9a-fA-F]{1,8}|\d{1,10}));/g,
    (reference, name: string | undefined, code: string | undefined) => {
      if (name !== undefined) return XML_ENTITIES[name] ?? reference;
      const point = code?.startsWith('x') ? Number.parseInt(code.slice(1), 16) : Number(code);
      const isCharacter = point > 0 && point <= 0x10ffff && !(point >= 0xd800 && point <= 0xdfff);
      return isCharacter ? String.fromCodePoint(point) : reference;
    },
  );
}

const versionsOf = (body: string): string[] =>
  [...body.matchAll(/<SupportedVersion\b[^>]*\bName="([^"]*)"/g)].map((match) => match[1] ?? '');

/**
 * `GET /api/`, which EM answers without credentials with its supported API versions; over https
 * with the client's TLS settings: `ca`, verification off, or a pin checked on the connection.
 * Asks for XML, which every EM version speaks.
 */
export function getApiRoot(options: {
  readonly apiBase: URL;
  readonly ca: string[] | undefined;
  readonly fingerprint256: string | undefined;
  readonly verify: boolean;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  readonly now: () => Date;
}): Promise<ApiAnswer> {
  const { apiBase } = options;
  const https = apiBase.protocol === 'https:';
  const pin =
    options.fingerprint256 === undefined ? undefined : normalizeFingerprint(options.fingerprint256);
  return bounded<ApiAnswer>(options.signal, options.timeoutMs, `GET ${apiBase.href}`, (done) => {
    const headers = { Accept: 'application/xml', 'User-Agent': 'vbem-doctor' };
    let answered = false;
    const onResponse = (response: IncomingMessage) => {
      answered = true;
      if (pin !== undefined) {
        const actual = (response.socket as TLSSocket).getPeerCertificate?.()?.fingerprint256;
        if (actual?.toUpperCase() !== pin) {
          response.destroy();
          done(new PinMismatch(`the certificate ${actual ?? '(none)'} is not the pinned ${pin}`));
          return;
        }
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      });
      response.once('error', (error) => done(error));
      response.once('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const date = response.headers.date;
        const root = rootOf(body);
        done(null, {
          status: response.statusCode ?? 0,
          contentType: response.headers['content-type'] ?? '',
          bodyBytes: size,
          root,
          errorMessage: errorMessageOf(body, root),
          versions: versionsOf(body),
          date,
          receivedAt: options.now(),
        });
      });
    };
    const request = https
      ? httpsRequest(
          apiBase,
          {
            method: 'GET',
            headers,
            agent: false,
            rejectUnauthorized: options.verify && pin === undefined,
            ...(options.ca ? { ca: options.ca } : {}),
          },
          onResponse,
        )
      : httpRequest(apiBase, { method: 'GET', headers, agent: false }, onResponse);
    request.once('error', (error: Error & { code?: string }) =>
      done(!answered && isClosedCode(error.code) ? new ClosedUnanswered(error) : error),
    );
    request.end();
    return () => request.destroy();
  });
}
