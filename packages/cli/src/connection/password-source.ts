import { CliError, UsageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { MODES_APPLY, modeText, readLocalFile } from './local-file.js';
import { type PromptInput, promptPassword } from './password-prompt.js';

/** A password file holds one password; anything bigger is the wrong file. */
const MAX_PASSWORD_BYTES = 4096;

/**
 * One place a password may come from. `origin` names it in messages, e.g. `--password-file` or
 * `passwordEnv of profile prod`.
 */
export type PasswordSource =
  | { readonly kind: 'file'; readonly path: string; readonly origin: string }
  | { readonly kind: 'stdin' }
  | { readonly kind: 'env'; readonly name: string; readonly origin?: string }
  | { readonly kind: 'prompt' };

/** Removes one trailing newline (`\n` or `\r\n`), as editors and `echo` leave it; nothing else. */
export const withoutNewline = (text: string): string => text.replace(/\r?\n$/, '');

/** Removes a leading byte order mark, which Windows editors (Notepad) write at the start of a file. */
const withoutByteOrderMark = (text: string): string =>
  text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;

/**
 * The password (or a key's passphrase: `noun`) in `path`, refused unless only its owner can read
 * it (`mode & 0o077` is 0): a secret others can read is no longer a secret. A leading byte order mark and one trailing
 * newline are removed; a file of more lines is refused.
 */
export async function readPasswordFile(
  path: string,
  origin: string,
  noun: 'password' | 'passphrase' = 'password',
): Promise<string> {
  const what = `${noun} file ${path} (${origin})`;
  const localPaths = [{ path, name: `the ${noun} file` }];
  const text = await readLocalFile(path, {
    what,
    maxBytes: MAX_PASSWORD_BYTES,
    allowPipe: true,
    check: (stats) => {
      if (MODES_APPLY && stats.isFile() && (stats.mode & 0o077) !== 0) {
        throw new CliError(
          `${what} can be read or changed by group or others (mode ${modeText(stats.mode)}); vbem uses a ${noun} file only when just its owner can read it`,
          { hint: `chmod 600 ${path}`, localPaths },
        );
      }
    },
  });
  if (text === undefined) throw new CliError(`${what} does not exist`, { localPaths });
  const password = withoutNewline(withoutByteOrderMark(text));
  if (password === '') throw new CliError(`${what} is empty`, { localPaths });
  // No account's password holds a line break: more than one line is the wrong file.
  if (/[\r\n]/.test(password)) {
    throw new CliError(`${what} holds more than one line; it must hold the ${noun} alone`, {
      hint: `write only the ${noun} to it, with at most one newline after it`,
      localPaths,
    });
  }
  return password;
}

/** The first line of `stdin` (without its newline), for `--password-stdin`. */
export async function readFirstLine(stdin: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  const decoder = new TextDecoder();
  for await (const chunk of stdin) {
    text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    const end = text.indexOf('\n');
    if (end >= 0) return withoutNewline(withoutByteOrderMark(text.slice(0, end + 1)));
    if (text.length > MAX_PASSWORD_BYTES) break;
  }
  if (text.length > MAX_PASSWORD_BYTES) {
    throw new CliError(
      `--password-stdin: the first line of stdin is longer than ${MAX_PASSWORD_BYTES} characters`,
    );
  }
  return withoutByteOrderMark(text + decoder.decode());
}

/** Where the password goes, for the prompt and the messages: `CORP\svc at em1:9398`. */
export interface PasswordAccount {
  readonly username: string;
  readonly host: string;
}

/** A password and where it came from. */
export interface FoundPassword {
  readonly password: string;
  readonly source: PasswordSource;
}

/** Where a password came from, for a refused logon's hint: `VBEM_PASSWORD`, `pw.txt (--password-file)`. */
export function passwordSourceName(source: PasswordSource): string {
  switch (source.kind) {
    case 'file':
      return `${source.path} (${source.origin})`;
    case 'stdin':
      return '--password-stdin';
    case 'env':
      return source.origin === undefined ? source.name : `${source.name} (${source.origin})`;
    case 'prompt':
      return 'the password typed at the prompt';
  }
}

/**
 * The password from the first of `sources` that has one, with that source. A file or stdin that
 * was asked for must deliver (its failure is an error, not a reason to look further); an unset
 * variable is skipped; the prompt applies only when stdin is a terminal. `undefined` when no source
 * had a password.
 */
export async function firstPassword(
  sources: readonly PasswordSource[],
  io: CliIo,
  account: PasswordAccount,
): Promise<FoundPassword | undefined> {
  for (const source of sources) {
    switch (source.kind) {
      case 'file':
        return { password: await readPasswordFile(source.path, source.origin), source };
      case 'stdin': {
        // A terminal on stdin is prompted, as with no stdin at all.
        if (io.stdin.isTTY === true)
          return { password: await prompt(io, account), source: { kind: 'prompt' } };
        const line = await readFirstLine(io.stdin);
        if (line === '') throw new CliError('--password-stdin: the first line of stdin is empty');
        return { password: line, source };
      }
      case 'env': {
        const value = io.env[source.name];
        if (value !== undefined && value !== '') return { password: value, source };
        break;
      }
      case 'prompt':
        if (io.stdin.isTTY === true) return { password: await prompt(io, account), source };
        break;
    }
  }
  return undefined;
}

async function prompt(io: CliIo, account: PasswordAccount): Promise<string> {
  const password = await promptPassword(
    io.stdin as PromptInput,
    io.stderr,
    `Password for ${account.username} at ${account.host}: `,
    io.signal,
  );
  if (password === '') throw new CliError('no password typed');
  return password;
}

/** Every way to give a password, for the error when none was found. */
export const PASSWORD_SOURCES =
  '--password-file FILE (chmod 600), --password-stdin (first line of stdin), VBEM_PASSWORD, or passwordFile / passwordEnv in a config profile';

/** The usage error when no source had a password and stdin is no terminal to prompt on. */
export function noPasswordError(
  account: PasswordAccount,
  sources: readonly PasswordSource[],
): UsageError {
  const unset = sources.flatMap((source) =>
    source.kind === 'env' && source.origin !== undefined
      ? [`${source.name} (${source.origin}) is not set`]
      : [],
  );
  return new UsageError(
    `no password for ${account.username} at ${account.host}: ${[...unset, 'stdin is not a terminal to prompt on'].join('; ')}`,
    `give it through ${PASSWORD_SOURCES}`,
  );
}
