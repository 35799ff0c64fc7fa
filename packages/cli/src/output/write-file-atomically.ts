import { randomBytes } from 'node:crypto';
import { chmod, lstat, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CliError } from '../cli-error.js';

/** Why a write failed, by error code; the message of the error would name the temporary file. */
const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'its directory does not exist',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'over the disk quota',
  EISDIR: 'it is a directory',
};

/** Where `--output` goes, once links are followed. */
export interface OutputTarget {
  /** The file to write: the path given, or the file its symbolic links lead to. */
  readonly path: string;
  /**
   * `new`: no file yet. `file`: a regular file, replaced whole (its mode kept). `stream`: a FIFO or
   * a character device (`/dev/stdout`, a terminal), written into as it is: there is nothing to
   * replace, and renaming a file over it would put a plain file in its place.
   */
  readonly kind: 'new' | 'file' | 'stream';
  readonly mode?: number;
}

/**
 * Where `--output` will write. Throws when a regular file exists and `force` is not set, when the
 * path is a directory, a block device, a socket or a link to nothing, or when its directory is
 * missing: a command checks this before it connects, so that a long crawl does not end in "file
 * exists". A symbolic link is followed, so that the file it leads to is replaced and the link kept.
 */
export async function checkOutputPath(path: string, force: boolean): Promise<OutputTarget> {
  // stat follows links, /dev/stdout's to a pipe included, which realpath cannot name.
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory()) throw new CliError(`cannot write ${path}: it is a directory`);
  if (existing?.isFIFO() || existing?.isCharacterDevice()) return { path, kind: 'stream' };
  if (existing && !existing.isFile()) {
    throw new CliError(`cannot write ${path}: it is not a regular file, a FIFO or a terminal`);
  }
  let target = path;
  if ((await lstat(path).catch(() => undefined))?.isSymbolicLink()) {
    target = await realpath(path).catch((error: NodeJS.ErrnoException) => {
      throw new CliError(
        error.code === 'ELOOP'
          ? `cannot write ${path}: its symbolic links lead round in a loop`
          : `cannot write ${path}: it is a symbolic link to a file that does not exist`,
      );
    });
  }
  if (existing && !force) {
    throw new CliError(`${path} exists; not overwriting it`, { hint: 'add --force to replace it' });
  }
  const directory = dirname(target);
  const parent = await stat(directory).catch(() => undefined);
  if (!parent?.isDirectory()) {
    throw new CliError(
      `cannot write ${path}: the directory ${directory} ${parent ? 'is not a directory' : 'does not exist'}`,
    );
  }
  return existing
    ? { path: target, kind: 'file', mode: existing.mode & 0o7777 }
    : { path: target, kind: 'new' };
}

const writeError = (path: string, error: unknown): CliError => {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return new CliError(
    `cannot write ${path}: ${REASONS[code] ?? 'failed'}${code ? ` (${code})` : ''}`,
    { cause: error },
  );
};

/**
 * Writes `content` to `path` all at once: into a temporary file beside it, then renamed over it,
 * so that a reader (a web server, a textfile collector) never sees half a report. An existing
 * file is kept unless `force` says otherwise; a replaced file keeps its mode (a 0600 report stays
 * private). A symbolic link is followed (the file it leads to is replaced); a FIFO or a character
 * device is written into directly.
 */
export async function writeFileAtomically(
  path: string,
  content: string,
  force: boolean,
): Promise<void> {
  const target = await checkOutputPath(path, force);
  if (target.kind === 'stream') {
    await writeFile(target.path, content, { flag: 'a' }).catch((error: unknown) => {
      // A pipe whose reader left (`-o /dev/stdout | head`) ends the run quietly, as stdout does.
      if ((error as NodeJS.ErrnoException).code === 'EPIPE') return;
      throw writeError(path, error);
    });
    return;
  }
  const temporary = join(
    dirname(target.path),
    `.${basename(target.path)}.${randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    await writeFile(temporary, content, { flag: 'wx', mode: target.mode ?? 0o644 });
    // The umask applies to the mode at creation; chmod sets the old file's mode exactly.
    if (target.mode !== undefined) await chmod(temporary, target.mode);
    await rename(temporary, target.path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw writeError(path, error);
  }
}
