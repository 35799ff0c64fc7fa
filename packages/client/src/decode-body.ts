import { type EmError, fromJson, type RootElementName, type RootValue } from '@vbem/model';
import { DEFAULT_MAX_DEPTH, decode } from '@vbem/xml';
import type { RequestInfo } from './errors/request-info.js';
import { ResponseError } from './errors/response-error.js';
import { checkJsonDepth } from './json-depth.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A decoded body: its root element, its value and what the model did not know (a newer EM). */
export interface DecodedBody<Root extends RootElementName> {
  readonly root: Root;
  readonly value: RootValue<Root>;
  readonly warnings: readonly string[];
}

/** Characters of a name from the body that a warning repeats, as the decoders cut names in paths. */
const SHOWN_NAME_CHARS = 80;

/** A name cut to SHOWN_NAME_CHARS with `…`, never between the halves of a surrogate pair. */
function shownName(name: string): string {
  if (name.length <= SHOWN_NAME_CHARS) return name;
  const code = name.charCodeAt(SHOWN_NAME_CHARS - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? SHOWN_NAME_CHARS - 1 : SHOWN_NAME_CHARS;
  return `${name.slice(0, end)}…`;
}

const describeWarning = (w: {
  code: string;
  name: string;
  path: string;
  value: unknown;
}): string =>
  w.code === 'warnings-omitted'
    ? `${String(w.value)} more warnings omitted (maxWarnings) at ${w.path || '/'}`
    : `${w.code} ${shownName(w.name)} at ${w.path}`;

/** XML or JSON, told by the first significant byte: EM before 9.5 U4 answers XML whatever was asked. */
function isXml(body: Uint8Array): boolean {
  for (const byte of body) {
    if (
      byte === 0x20 ||
      byte === 0x09 ||
      byte === 0x0a ||
      byte === 0x0d ||
      byte === 0xef ||
      byte === 0xbb ||
      byte === 0xbf
    )
      continue;
    return byte === 0x3c; // '<'
  }
  return false;
}

/**
 * Decodes an EM body into the value of `root`, whichever of XML and JSON it is. JSON carries no
 * root name, so the caller says what it asked for; XML must have that root. Anything else, or a
 * body that is broken, is a `ResponseError` (never a partial value).
 */
export function decodeBody<Root extends RootElementName>(
  body: Uint8Array,
  root: Root | undefined,
  request: RequestInfo,
  maxBytes: number,
): DecodedBody<Root> {
  try {
    if (isXml(body)) {
      const decoded =
        root === undefined ? decode(body, { maxBytes }) : decode(body, { root, maxBytes });
      return {
        root: decoded.root as Root,
        value: decoded.value as RootValue<Root>,
        warnings: decoded.warnings.map(describeWarning),
      };
    }
    if (root === undefined) {
      throw new Error(
        'a JSON body does not name its type; the caller must say which root it expects',
      );
    }
    // The XML decoder's nesting limit, for the same reason: EM's documents nest about 12 deep.
    const text = utf8.decode(body);
    checkJsonDepth(text, DEFAULT_MAX_DEPTH);
    const decoded = fromJson(root, JSON.parse(text));
    return {
      root,
      value: decoded.value,
      warnings: decoded.warnings.map(describeWarning),
    };
  } catch (error) {
    const what = body.byteLength === 0 ? 'an empty body' : (error as Error).message;
    throw new ResponseError(
      `${request.method} ${request.url}: expected ${root ?? 'an EM document'}, got ${what.slice(0, 300)}`,
      { request, retryable: true, cause: error },
    );
  }
}

/** EM's `<Error>` body of a failed request, or undefined when the body is not one. */
export function decodeEmError(body: Uint8Array, request: RequestInfo): EmError | undefined {
  if (body.byteLength === 0 || body.byteLength > 1024 * 1024) return undefined;
  try {
    return decodeBody(body, 'Error', request, body.byteLength).value;
  } catch {
    return undefined;
  }
}
