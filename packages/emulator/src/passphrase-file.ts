import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/**
 * The most a passphrase file may hold: OpenSSL takes a passphrase of at most 1023 bytes, and a
 * file of more (a PEM key passed by mistake, /dev/zero) is the wrong file.
 */
export const MAX_PASSPHRASE_FILE_BYTES = 1024;
const MAX_PASSPHRASE_BYTES = 1023;

/** Whether file modes mean anything here (on Windows they do not: access is by ACL). */
const MODES_APPLY = process.platform !== 'win32';

/** `0644`, as `ls -l` users and `chmod` read it. */
const modeText = (mode: number): string => (mode & 0o777).toString(8).padStart(4, '0');

/**
 * The passphrase (or, with `noun` 'password', the password) in the file `flag` names, read as the
 * cli reads a `--password-file`: refused unless only its owner can read it (POSIX), larger than
 * `MAX_PASSPHRASE_FILE_BYTES` (read no further), or of more than one line; a leading byte order
 * mark (Notepad's) and one trailing line break are removed. A pipe (`<(pass show tls)`) is taken
 * too. Errors name the flag and the path, never the content.
 */
export function readPassphraseFile(
  flag: string,
  path: string,
  noun: 'passphrase' | 'password' = 'passphrase',
): string {
  const what = `${flag} ${JSON.stringify(path)}`;
  const io = <T>(call: () => T): T => {
    try {
      return call();
    } catch (error) {
      // Node's message ends in the call and the path (", open 'pass'"), which this says first.
      const reason = (error as Error).message.replace(/, \w+ '.*'$/s, '');
      throw new Error(`${what} cannot be read (${reason})`);
    }
  };
  const fd = io(() => openSync(path, 'r'));
  let text: string;
  try {
    const stats = io(() => fstatSync(fd));
    if (stats.isDirectory()) throw new Error(`${what} is a directory, not a file`);
    if (!stats.isFile() && !stats.isFIFO()) throw new Error(`${what} is not a regular file`);
    if (MODES_APPLY && stats.isFile() && (stats.mode & 0o077) !== 0) {
      throw new Error(
        `${what} can be read or changed by group or others (mode ${modeText(stats.mode)}); vbem-emulator uses a ${noun} file only when just its owner can read it (chmod 600 ${JSON.stringify(path)})`,
      );
    }
    const buffer = Buffer.alloc(MAX_PASSPHRASE_FILE_BYTES + 1);
    let length = 0;
    for (;;) {
      const bytesRead = io(() => readSync(fd, buffer, length, buffer.length - length, null));
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > MAX_PASSPHRASE_FILE_BYTES) {
        throw new Error(
          `${what} is larger than ${MAX_PASSPHRASE_FILE_BYTES} bytes; is it the right file?`,
        );
      }
    }
    text = buffer.toString('utf8', 0, length);
  } finally {
    closeSync(fd);
  }
  const passphrase = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r?\n$/, '');
  if (passphrase === '') throw new Error(`${what} holds no ${noun}`);
  // No passphrase holds a line break: more than one line is the wrong file (a PEM file, say).
  if (/[\r\n]/.test(passphrase))
    throw new Error(`${what} holds more than one line; it must hold the ${noun} alone`);
  // OpenSSL's limit; an account's password has none short of the file's.
  if (noun === 'passphrase' && Buffer.byteLength(passphrase) > MAX_PASSPHRASE_BYTES)
    throw new Error(
      `${what} holds a passphrase longer than ${MAX_PASSPHRASE_BYTES} bytes, the most OpenSSL takes`,
    );
  return passphrase;
}
