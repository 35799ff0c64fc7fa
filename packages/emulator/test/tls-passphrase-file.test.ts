import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tlsPassphraseOf } from '../src/tls-passphrase-flag.js';
import { selfSignedPair } from './self-signed-pair.js';

const passphrase = 's3cr3t';
const posix = process.platform !== 'win32';

// --tls-passphrase-file is read as the cli reads --password-file: the same rules, the same words.
describe('--tls-passphrase-file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vbem-emulator-passphrase-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A passphrase file only its owner can read, holding `content`. */
  const file = (content: string | Buffer, mode = 0o600) => {
    const path = join(dir, 'passphrase');
    writeFileSync(path, content);
    chmodSync(path, mode);
    return path;
  };
  const read = (path: string) => tlsPassphraseOf(path, {})?.passphrase;
  const named = (path: string) => `--tls-passphrase-file ${JSON.stringify(path)}`;

  it("drops Notepad's byte order mark and one line break, LF or CRLF", () => {
    expect(read(file(Buffer.from(`\xef\xbb\xbf${passphrase}\r\n`, 'latin1')))).toBe(passphrase);
    expect(read(file(`${passphrase}\n`))).toBe(passphrase);
    expect(read(file(passphrase))).toBe(passphrase);
  });

  it('refuses a file of more than one line (a PEM file given by mistake), not showing it', () => {
    const pem = selfSignedPair(passphrase).key;
    const path = file(pem);
    expect(() => read(path)).toThrow(
      new Error(`${named(path)} holds more than one line; it must hold the passphrase alone`),
    );
    expect(() => read(file(`${passphrase}\n\n`))).toThrow(/holds more than one line/);
  });

  it('refuses a file larger than 1 KiB, and /dev/zero', () => {
    const path = file('x'.repeat(64 * 1024));
    expect(() => read(path)).toThrow(
      new Error(`${named(path)} is larger than 1024 bytes; is it the right file?`),
    );
    expect(() => read(file('x'.repeat(1024)))).toThrow(
      /holds a passphrase longer than 1023 bytes, the most OpenSSL takes$/,
    );
    expect(read(file(`${'x'.repeat(1023)}\n`))).toHaveLength(1023);
    if (posix) {
      expect(() => read('/dev/zero')).toThrow(
        new Error(`${named('/dev/zero')} is not a regular file`),
      );
    }
    expect(() => read(dir)).toThrow(/is a directory, not a file|cannot be read/);
  });

  it.runIf(posix)(
    'refuses a file group or others can read, as the cli refuses a password file',
    () => {
      for (const mode of [0o644, 0o640, 0o604, 0o620]) {
        const path = file(`${passphrase}\n`, mode);
        const message = `${named(path)} can be read or changed by group or others (mode ${mode.toString(8).padStart(4, '0')}); vbem-emulator uses a passphrase file only when just its owner can read it (chmod 600 ${JSON.stringify(path)})`;
        expect(() => read(path)).toThrow(new Error(message));
      }
      expect(read(file(`${passphrase}\n`, 0o400))).toBe(passphrase);
    },
  );
});
