import { randomBytes } from 'node:crypto';
import { chmod, rename, rm, stat, writeFile } from 'node:fs/promises';
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

/**
 * The file `--output` will replace (its mode is kept), or undefined for a new file. Throws when
 * the file exists and `force` is not set, or when its directory is missing: a command checks this
 * before it connects, so that a long crawl does not end in "file exists".
 */
export async function checkOutputPath(
  path: string,
  force: boolean,
): Promise<{ readonly mode: number } | undefined> {
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory()) throw new CliError(`cannot write ${path}: it is a directory`);
  if (existing && !force) {
    throw new CliError(`${path} exists; not overwriting it`, { hint: 'add --force to replace it' });
  }
  const directory = dirname(path);
  const parent = await stat(directory).catch(() => undefined);
  if (!parent?.isDirectory()) {
    throw new CliError(
      `cannot write ${path}: the directory ${directory} ${parent ? 'is not a directory' : 'does not exist'}`,
    );
  }
  return existing && { mode: existing.mode & 0o7777 };
}

/**
 * Writes `content` to `path` all at once: into a temporary file beside it, then renamed over it,
 * so that a reader (a web server, a textfile collector) never sees half a report. An existing
 * file is kept unless `force` says otherwise; a replaced file keeps its mode (a 0600 report stays
 * private).
 */
export async function writeFileAtomically(
  path: string,
  content: string,
  force: boolean,
): Promise<void> {
  const existing = await checkOutputPath(path, force);
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, content, { flag: 'wx', mode: existing?.mode ?? 0o644 });
    // The umask applies to the mode at creation; chmod sets the old file's mode exactly.
    if (existing) await chmod(temporary, existing.mode);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new CliError(
      `cannot write ${path}: ${REASONS[code] ?? 'failed'}${code ? ` (${code})` : ''}`,
      {
        cause: error,
      },
    );
  }
}
