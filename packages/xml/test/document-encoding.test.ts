import { decode, EM_NAMESPACE, XmlDecodeError } from '@vbem/xml';
import { describe, expect, it } from 'vitest';

const document = (encoding: string, name = 'Café €') =>
  `<?xml version="1.0" encoding="${encoding}"?>\n<EntityRef xmlns="${EM_NAMESPACE}" Href="h" Name="${name}" UID="u" Type="t" />`;

const utf16le = (text: string) => new Uint8Array(Buffer.from(text, 'utf16le'));
const utf16be = (text: string) => new Uint8Array(Buffer.from(text, 'utf16le').swap16());
const withBytes = (first: number[], rest: Uint8Array) => new Uint8Array([...first, ...rest]);

function refusal(bytes: Uint8Array): XmlDecodeError {
  try {
    decode(bytes);
  } catch (error) {
    if (error instanceof XmlDecodeError) return error;
    throw error;
  }
  throw new Error('no error was thrown');
}

describe('the encoding of a document given as bytes', () => {
  it.each([
    [
      'UTF-8 with a byte order mark',
      withBytes([0xef, 0xbb, 0xbf], new TextEncoder().encode(document('utf-8'))),
    ],
    ['UTF-16LE with a byte order mark', withBytes([0xff, 0xfe], utf16le(document('UTF-16')))],
    ['UTF-16BE with a byte order mark', withBytes([0xfe, 0xff], utf16be(document('UTF-16')))],
    ['UTF-16LE without one (XML 1.0 Appendix F)', utf16le(document('UTF-16'))],
    ['UTF-16BE without one', utf16be(document('UTF-16'))],
    // What .NET writes from a string: the declaration says UTF-16, the bytes are UTF-8.
    ['UTF-8 that declares UTF-16', new TextEncoder().encode(document('utf-16'))],
  ])('reads %s', (_, bytes) => {
    const { value, warnings } = decode(bytes, { root: 'EntityRef' });
    expect(value.Name).toBe('Café €');
    expect(warnings).toEqual([]);
  });

  it('reads the encoding a declaration names', () => {
    const bytes = new Uint8Array(Buffer.from(document('ISO-8859-1', 'Café'), 'latin1'));
    expect(decode(bytes, { root: 'EntityRef' }).value.Name).toBe('Café');
    // The same bytes read as UTF-8 are not UTF-8 at all.
    expect(refusal(new Uint8Array(Buffer.from(document('utf-8', 'Café'), 'latin1'))).reason).toBe(
      'the document is not valid UTF-8',
    );
  });

  it.each(['windows-1252', 'ISO-8859-1', 'latin1'])(
    'reads %s as windows-1252, € and curly quotes included',
    (encoding) => {
      const head = new TextEncoder().encode(document(encoding, 'NAME').split('NAME')[0]);
      const tail = new TextEncoder().encode(document(encoding, 'NAME').split('NAME')[1]);
      // "€5 ’n “x” é" in windows-1252; Node's own TextDecoder reads 0x80 as U+0080.
      const name = [0x80, 0x35, 0x20, 0x92, 0x6e, 0x20, 0x93, 0x78, 0x94, 0x20, 0xe9, 0x81];
      const bytes = new Uint8Array([...head, ...name, ...tail]);
      expect(decode(bytes, { root: 'EntityRef' }).value.Name).toBe('€5 ’n “x” é\u0081');
    },
  );

  it.each([
    ['x-bogus', 'the document declares the encoding "x-bogus", which is not supported'],
    // The WHATWG "replacement" decoder would read every byte as U+FFFD.
    ['ISO-2022-KR', 'the document declares the encoding "ISO-2022-KR", which is not supported'],
  ])('refuses the unknown encoding %s', (encoding, reason) => {
    const error = refusal(new TextEncoder().encode(document(encoding)));
    expect(error.code).toBe('invalid-encoding');
    expect(error.reason).toBe(reason);
  });

  it('looks up only XML encoding names, each decoder kept once', () => {
    // A label with white space is no encoding name: TextDecoder would take it, and a decoder kept
    // per spelling would let a hostile stream of them grow without end.
    expect(refusal(new TextEncoder().encode(document(' utf-8'))).reason).toBe(
      'the document declares the encoding " utf-8", which is not supported',
    );
    expect(refusal(new TextEncoder().encode(document('a'.repeat(65)))).code).toBe(
      'invalid-encoding',
    );
  });

  it('refuses UTF-32 and bytes the encoding does not allow, by name', () => {
    expect(refusal(new Uint8Array([0xff, 0xfe, 0, 0, 0x3c, 0, 0, 0])).reason).toBe(
      'the document is UTF-32, which is not supported (EM sends UTF-8)',
    );
    // An unpaired surrogate.
    const broken = refusal(withBytes([0xff, 0xfe], new Uint8Array([0x00, 0xd8, 0x3c, 0x00])));
    expect([broken.code, broken.reason]).toEqual([
      'invalid-encoding',
      'the document is not valid UTF-16',
    ]);
  });

  it('applies maxBytes to the bytes, whatever their encoding', () => {
    const bytes = withBytes([0xff, 0xfe], utf16le(document('UTF-16')));
    expect(() => decode(bytes, { maxBytes: bytes.byteLength - 1 })).toThrow(/maxBytes/);
    expect(decode(bytes, { maxBytes: bytes.byteLength }).root).toBe('EntityRef');
  });
});
