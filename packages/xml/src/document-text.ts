import { decodeWindows1252 } from './windows-1252.js';
import { XmlDecodeError } from './xml-decode-error.js';

/**
 * The encoding in an XML declaration at the start of ASCII-compatible bytes. Read from the first
 * bytes only: a declaration is short, and a document without one must not be scanned for it.
 */
const DECLARED_ENCODING =
  /^<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(?:"[^"]*"|'[^']*')[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(?:"([^"]*)"|'([^']*)')/;
const DECLARATION_BYTES = 256;

/** An XML encoding name (EncName): the only labels looked up, so that a hostile one costs nothing. */
const ENCODING_NAME = /^[A-Za-z][A-Za-z0-9._-]{0,63}$/;

/**
 * Decoders made once per encoding, by its canonical name (so at most one per encoding the WHATWG
 * standard knows, whatever the labels); fatal, so that bytes the encoding does not allow are an
 * error, never U+FFFD.
 */
const decoders = new Map<string, InstanceType<typeof TextDecoder>>();

function decoderOf(encoding: string): InstanceType<typeof TextDecoder> {
  let decoder = decoders.get(encoding);
  if (!decoder) {
    decoder = new TextDecoder(encoding, { fatal: true });
    decoders.set(encoding, decoder);
  }
  return decoder;
}

/** The canonical name of the encoding a declaration's label names (`latin1` → `windows-1252`), or undefined. */
function encodingNamed(label: string): string | undefined {
  if (!ENCODING_NAME.test(label)) return undefined;
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
}

const refusal = (reason: string) => new XmlDecodeError('invalid-encoding', reason, '');

function decodeAs(encoding: string, bytes: Uint8Array, named: string): string {
  try {
    return decoderOf(encoding).decode(bytes); // drops the encoding's byte order mark
  } catch {
    throw refusal(`the document is not valid ${named}`);
  }
}

function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = String.fromCharCode(...bytes.subarray(0, DECLARATION_BYTES));
  const match = DECLARED_ENCODING.exec(head);
  return match ? (match[1] ?? match[2]) : undefined;
}

/**
 * The text of a document given as bytes: UTF-8 or UTF-16 by the byte order mark (or, without
 * one, by how `<?` is written, as XML 1.0 Appendix F says), else the encoding its declaration
 * names (`encoding="ISO-8859-1"`), else UTF-8. EM sends UTF-8; the rest is what every XML
 * processor reads. An encoding no decoder knows, or bytes it does not allow, is an
 * `invalid-encoding` error.
 */
export function documentText(bytes: Uint8Array): string {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return decodeAs('utf-8', bytes, 'UTF-8');
  if (
    (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) ||
    (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0)
  )
    throw refusal('the document is UTF-32, which is not supported (EM sends UTF-8)');
  if (b0 === 0xff && b1 === 0xfe) return decodeAs('utf-16le', bytes, 'UTF-16');
  if (b0 === 0xfe && b1 === 0xff) return decodeAs('utf-16be', bytes, 'UTF-16');
  if (b0 === 0x3c && b1 === 0 && b2 === 0x3f && b3 === 0)
    return decodeAs('utf-16le', bytes, 'UTF-16');
  if (b0 === 0 && b1 === 0x3c && b2 === 0 && b3 === 0x3f)
    return decodeAs('utf-16be', bytes, 'UTF-16');

  const declared = declaredEncoding(bytes);
  if (declared === undefined) return decodeAs('utf-8', bytes, 'UTF-8');
  const shown = JSON.stringify(declared.slice(0, 40));
  const encoding = encodingNamed(declared);
  // The WHATWG "replacement" decoder reads any byte as U+FFFD: it decodes nothing.
  if (encoding === undefined || encoding === 'replacement')
    throw refusal(`the document declares the encoding ${shown}, which is not supported`);
  // UTF-16 declared over bytes that are not (no byte order mark, '<?' in one byte each) is what
  // .NET writes from a string: the bytes are UTF-8, and read as such.
  if (encoding === 'utf-8' || encoding === 'utf-16le' || encoding === 'utf-16be')
    return decodeAs('utf-8', bytes, 'UTF-8');
  if (encoding === 'windows-1252') return decodeWindows1252(bytes);
  return decodeAs(encoding, bytes, `${shown} (its declared encoding)`);
}
