import type { Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { CliError } from '../cli-error.js';

/** Whether file modes mean anything here (on Windows they do not: access is by ACL). */
export const MODES_APPLY = process.platform !== 'win32';

/** `0644`, as `ls -l` users and `chmod` read it. */
export const modeText = (mode: number): string => (mode & 0o777).toString(8).padStart(4, '0');

/**
 * `~` and `~/…` from `env.HOME`; a relative path against `base` (the config file's folder) when
 * given. Other paths are returned as they are.
 */
export function expandPath(
  path: string,
  env: Readonly<Record<string, string | undefined>>,
  base?: string,
): string {
  if (path === '~' || path.startsWith('~/')) {
    const home = env.HOME;
    if (!home) {
      throw new CliError(`cannot expand ~ in ${path}: HOME is not set`, {
        localPaths: [{ path, name: 'a path' }],
      });
    }
    return `${home}${path.slice(1)}`;
  }
  return base !== undefined && !isAbsolute(path) ? resolve(base, path) : path;
}

export interface ReadLocalFileOptions {
  /** How the file is named in messages, e.g. `password file /x (--password-file)`. */
  readonly what: string;
  /** Larger files are refused: every file read here is small. */
  readonly maxBytes: number;
  /** Also accept a pipe, so that `--password-file <(pass show em)` works. */
  readonly allowPipe?: boolean;
  /** Checks the opened file before anything is read from it; throws to refuse it. */
  readonly check?: (stats: Stats) => void;
}

/**
 * The text of a small local file, checked on the open handle (no race between the check and the
 * read). A missing file is `undefined`; anything else that keeps it from being read is a
 * `CliError` naming the file. Messages never quote the file's content.
 */
export async function readLocalFile(
  path: string,
  options: ReadLocalFileOptions,
): Promise<string | undefined> {
  const localPaths = [{ path, name: 'the file' }];
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    if (code === 'EACCES' || code === 'EPERM') {
      throw new CliError(`${options.what} cannot be read: permission denied`, {
        hint: 'make it readable by the account that runs vbem',
        localPaths,
      });
    }
    throw new CliError(`${options.what} cannot be opened (${code ?? 'unknown error'})`, {
      localPaths,
    });
  }
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) {
      throw new CliError(`${options.what} is a directory, not a file`, { localPaths });
    }
    if (!stats.isFile() && !(options.allowPipe && stats.isFIFO())) {
      throw new CliError(`${options.what} is not a regular file`, { localPaths });
    }
    options.check?.(stats);
    const buffer = Buffer.alloc(options.maxBytes + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > options.maxBytes) {
        throw new CliError(
          `${options.what} is larger than ${options.maxBytes} bytes; is it the right file?`,
          { localPaths },
        );
      }
    }
    return buffer.toString('utf8', 0, length);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') {
      throw new CliError(`${options.what} is a directory, not a file`, { localPaths });
    }
    throw new CliError(`${options.what} cannot be read (${code ?? 'unknown error'})`, {
      localPaths,
    });
  } finally {
    await handle.close();
  }
}
