import { randomBytes } from 'node:crypto';
import { access, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CliError } from '../cli-error.js';

/**
 * Writes `content` to `path` all at once: into a temporary file beside it, then renamed over it,
 * so that a reader (a web server, a textfile collector) never sees half a report. An existing
 * file is kept unless `force` says otherwise.
 */
export async function writeFileAtomically(
  path: string,
  content: string,
  force: boolean,
): Promise<void> {
  if (!force) {
    const exists = await access(path).then(
      () => true,
      () => false,
    );
    if (exists) {
      throw new CliError(`${path} exists; not overwriting it`, {
        hint: 'add --force to replace it',
      });
    }
  }
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, content, { flag: 'wx', mode: 0o644 });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new CliError(`cannot write ${path}: ${(error as Error).message}`, { cause: error });
  }
}
