import { runInNewContext } from 'node:vm';
import { decode, encode, XmlDecodeError, XmlEncodeError } from '@vbem/xml';
import { describe, expect, it } from 'vitest';

const thrown = (call: () => unknown): unknown => {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('nothing was thrown');
};

const DOCUMENT =
  '<LogonSession xmlns="http://www.veeam.com/ent/v1.0" Href="h" Type="LogonSession"/>';

describe('arguments of the wrong type (a JavaScript caller) are typed errors, not TypeErrors', () => {
  it.each([
    [null, 'the document must be a string or a Uint8Array, got null'],
    [5, 'the document must be a string or a Uint8Array, got 5'],
    [{ xml: '<a/>' }, 'the document must be a string or a Uint8Array, got an object'],
  ])('decode(%o)', (document, message) => {
    expect(thrown(() => decode(document as never))).toMatchObject({
      name: 'XmlDecodeError',
      code: 'malformed',
      message,
    });
  });

  it('decodes a Uint8Array of another realm (vm, a worker, jsdom), which is no instanceof this one', () => {
    const bytes = runInNewContext('new Uint8Array(length)', {
      length: DOCUMENT.length,
    }) as Uint8Array;
    bytes.set(new TextEncoder().encode(DOCUMENT));
    expect(bytes instanceof Uint8Array).toBe(false);
    expect(thrown(() => decode(bytes))).toMatchObject({ code: 'invalid-structure' });
  });

  it.each([
    [null, 'options must be an object, got null'],
    ['strict', 'options must be an object, got "strict"'],
    [{ strict: 'false' }, 'strict must be true or false, got "false"'],
    [{ root: 5 }, 'root must be the name of a root element, got 5'],
  ])('decode(document, %o)', (options, message) => {
    const error = thrown(() => decode(DOCUMENT, options as never));
    expect(error).toBeInstanceOf(XmlDecodeError);
    expect(error).toMatchObject({ code: 'invalid-option', message });
  });

  it('encode with options or a root of the wrong type', () => {
    // Checked before the value is read: any value will do.
    const value = {} as never;
    for (const [call, message] of [
      [() => encode('LogonSession', value, null as never), 'options must be an object, got null'],
      [
        () => encode('LogonSession', value, { declaration: 'no' as never }),
        'declaration must be true or false, got "no"',
      ],
      [() => encode(7 as never, value), 'no EM type has the root element 7 (/7)'],
    ] as const) {
      const error = thrown(call);
      expect(error).toBeInstanceOf(XmlEncodeError);
      expect((error as Error).message).toBe(message);
    }
  });
});
