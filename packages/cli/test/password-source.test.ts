import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CliError, UsageError } from '../src/cli-error.js';
import type { CliIo } from '../src/cli-io.js';
import { promptPassword } from '../src/connection/password-prompt.js';
import {
  firstPassword,
  noPasswordError,
  type PasswordSource,
  passwordSourceName,
  readFirstLine,
  readPasswordFile,
  withoutNewline,
} from '../src/connection/password-source.js';

const isRoot = process.getuid?.() === 0;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vbem-password-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

let files = 0;
function passwordFile(text: string, mode = 0o600): string {
  files += 1;
  const path = join(dir, `pw-${files}`);
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
}

/** A terminal as the prompt sees it: a stream with isTTY and setRawMode. */
function fakeTerminal() {
  const input = Object.assign(new PassThrough(), {
    isTTY: true as const,
    setRawMode: vi.fn((_mode: boolean) => input),
  });
  const written: string[] = [];
  const output = { write: (text: string) => written.push(text), isTTY: true };
  return { input, output, written };
}

function fakeIo(options: { env?: Record<string, string>; stdin?: string[]; tty?: boolean } = {}) {
  const stderr: string[] = [];
  const terminal = fakeTerminal();
  const stdin = options.tty
    ? terminal.input
    : Object.assign(Readable.from(options.stdin ?? []), { isTTY: false });
  const io: CliIo = {
    stdout: { write: () => true },
    stderr: { write: (text: string) => stderr.push(text) },
    stdin,
    env: options.env ?? {},
    signal: new AbortController().signal,
    now: () => new Date(),
  };
  return { io, stderr, terminal };
}

const account = { username: 'CORP\\svc', host: 'em1:9398' };

describe('readPasswordFile', () => {
  it('reads a file only its owner can read and strips one trailing newline only', async () => {
    expect(await readPasswordFile(passwordFile('s3cret'), '--password-file')).toBe('s3cret');
    expect(await readPasswordFile(passwordFile('s3cret\n'), '--password-file')).toBe('s3cret');
    expect(await readPasswordFile(passwordFile('s3cret\r\n'), '--password-file')).toBe('s3cret');
    // As Notepad saves it: a byte order mark first, CRLF after.
    expect(await readPasswordFile(passwordFile('\ufeffs3cret\r\n'), '--password-file')).toBe(
      's3cret',
    );
    expect(await readPasswordFile(passwordFile(' spaced out \n'), '--password-file')).toBe(
      ' spaced out ',
    );
    expect(await readPasswordFile(passwordFile('ok', 0o400), '--password-file')).toBe('ok');
  });

  it('refuses a file of more than one line, without showing any of it', async () => {
    for (const text of ['s3cret\n\n', 's3cret\nsecond line\n', 'hunter2\r', 'a\rb\n']) {
      const path = passwordFile(text);
      const error = await readPasswordFile(path, '--password-file').catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).message).toBe(
        `password file ${path} (--password-file) holds more than one line; it must hold the password alone`,
      );
      expect(`${(error as CliError).message} ${(error as CliError).hint}`).not.toMatch(
        /s3cret|second|hunter2/,
      );
    }
  });

  it('refuses a file group or others can read, naming it, with a chmod 600 hint', async () => {
    for (const mode of [0o644, 0o640, 0o604, 0o620, 0o601]) {
      const path = passwordFile('hunter2\n', mode);
      const error = await readPasswordFile(path, '--password-file').catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(CliError);
      expect(error).not.toBeInstanceOf(UsageError);
      const { message, hint } = error as CliError;
      expect(message).toBe(
        `password file ${path} (--password-file) can be read or changed by group or others (mode 0${mode.toString(8)}); vbem uses a password file only when just its owner can read it`,
      );
      expect(hint).toBe(`chmod 600 ${path}`);
      expect(`${message} ${hint}`).not.toContain('hunter2');
    }
  });

  it('says clearly when the file is missing, a directory, empty or not readable', async () => {
    const missing = join(dir, 'missing.pw');
    await expect(readPasswordFile(missing, '--password-file')).rejects.toThrow(
      `password file ${missing} (--password-file) does not exist`,
    );
    const folder = join(dir, 'folder.pw');
    mkdirSync(folder, { mode: 0o700 });
    await expect(readPasswordFile(folder, 'passwordFile of profile prod')).rejects.toThrow(
      `password file ${folder} (passwordFile of profile prod) is a directory, not a file`,
    );
    const empty = passwordFile('\n');
    await expect(readPasswordFile(empty, '--password-file')).rejects.toThrow(
      `password file ${empty} (--password-file) is empty`,
    );
    const big = passwordFile('x'.repeat(5000));
    await expect(readPasswordFile(big, '--password-file')).rejects.toThrow(
      /is larger than 4096 bytes/,
    );
  });

  it.skipIf(isRoot)(
    'says so when the file cannot be read (not as root, who reads everything)',
    async () => {
      const locked = passwordFile('hunter2', 0o000);
      await expect(readPasswordFile(locked, '--password-file')).rejects.toThrow(
        `password file ${locked} (--password-file) cannot be read: permission denied`,
      );
    },
  );
});

describe('withoutNewline and readFirstLine', () => {
  it('removes one newline only', () => {
    expect(withoutNewline('a\n\n')).toBe('a\n');
    expect(withoutNewline('a\r\n')).toBe('a');
    expect(withoutNewline('a\r')).toBe('a\r');
  });

  it('reads the first line of stdin, across chunks, with or without a final newline', async () => {
    expect(await readFirstLine(Readable.from(['s3', 'cret\nsecond line\n']))).toBe('s3cret');
    expect(await readFirstLine(Readable.from([Buffer.from('pässword\r\n')]))).toBe('pässword');
    expect(await readFirstLine(Readable.from(['no newline']))).toBe('no newline');
    expect(await readFirstLine(Readable.from([]))).toBe('');
    expect(await readFirstLine(Readable.from(['\ufeffs3cret\r\n']))).toBe('s3cret');
    expect(await readFirstLine(Readable.from(['\ufeffno newline']))).toBe('no newline');
  });
});

describe('promptPassword', () => {
  it('writes the prompt, reads with echo off (raw mode), and restores the terminal', async () => {
    const { input, output, written } = fakeTerminal();
    const answer = promptPassword(input, output, 'Password for CORP\\svc at em1:9398: ');
    input.write('s3cx');
    input.write('\u007fret\r');
    expect(await answer).toBe('s3cret');
    expect(written).toEqual(['Password for CORP\\svc at em1:9398: ', '\n']);
    expect(input.setRawMode.mock.calls).toEqual([[true], [false]]);
    expect(input.listenerCount('data')).toBe(0);
  });

  it('Ctrl-U clears the line; arrow keys are ignored; multi-byte characters stay whole', async () => {
    const { input, output } = fakeTerminal();
    const answer = promptPassword(input, output, 'Password: ');
    input.write('wrong\u0015');
    input.write('\u001b[A');
    input.write(Buffer.from('pä'));
    input.write(Buffer.from('ss\u007f\n'));
    expect(await answer).toBe('päs');
  });

  it('Ctrl-C and Ctrl-D cancel with exit code 130 and restore the terminal', async () => {
    for (const key of ['\u0003', '\u0004']) {
      const { input, output } = fakeTerminal();
      const answer = promptPassword(input, output, 'Password: ');
      input.write(`abc${key === '\u0004' ? '\u0015' : ''}${key}`);
      const error = await answer.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).exitCode).toBe(130);
      expect((error as CliError).message).toBe('password prompt cancelled');
      expect(input.setRawMode.mock.calls.at(-1)).toEqual([false]);
    }
  });

  it('stops on the abort signal (SIGTERM) and when the terminal closes', async () => {
    const stop = new AbortController();
    const first = fakeTerminal();
    const answer = promptPassword(first.input, first.output, 'Password: ', stop.signal);
    stop.abort();
    await expect(answer).rejects.toThrow('password prompt cancelled');
    expect(first.input.setRawMode.mock.calls).toEqual([[true], [false]]);
    const second = fakeTerminal();
    const closed = promptPassword(second.input, second.output, 'Password: ');
    second.input.end();
    await expect(closed).rejects.toThrow('no password typed: the terminal closed');
  });
});

describe('firstPassword', () => {
  const file = (path: string): PasswordSource => ({
    kind: 'file',
    path,
    origin: '--password-file',
  });
  const env = (name: string, origin?: string): PasswordSource =>
    origin === undefined ? { kind: 'env', name } : { kind: 'env', name, origin };

  it('takes the first source that has a password, in the order given, and says which', async () => {
    const sources: PasswordSource[] = [env('A'), { kind: 'stdin' }, env('B')];
    expect(
      await firstPassword(sources, fakeIo({ env: { A: 'from-a' }, stdin: ['x\n'] }).io, account),
    ).toEqual({ password: 'from-a', source: env('A') });
    expect(
      await firstPassword(sources, fakeIo({ env: { A: '', B: 'b' }, stdin: ['x\n'] }).io, account),
    ).toEqual({ password: 'x', source: { kind: 'stdin' } });
    expect(
      await firstPassword([env('A'), env('B')], fakeIo({ env: { B: 'b' } }).io, account),
    ).toEqual({ password: 'b', source: env('B') });
    expect(
      await firstPassword([env('A'), { kind: 'prompt' }], fakeIo().io, account),
    ).toBeUndefined();
  });

  it('names a source for a hint', () => {
    expect(passwordSourceName(env('VBEM_PASSWORD'))).toBe('VBEM_PASSWORD');
    expect(passwordSourceName(env('PROD_PW', 'passwordEnv of profile prod'))).toBe(
      'PROD_PW (passwordEnv of profile prod)',
    );
    expect(passwordSourceName(file('/etc/vbem/pw'))).toBe('/etc/vbem/pw (--password-file)');
    expect(passwordSourceName({ kind: 'stdin' })).toBe('--password-stdin');
    expect(passwordSourceName({ kind: 'prompt' })).toBe('the password typed at the prompt');
  });

  it('a file or stdin that was asked for must deliver: its failure is an error, not a fallthrough', async () => {
    const missing = join(dir, 'absent.pw');
    await expect(
      firstPassword([file(missing), env('A')], fakeIo({ env: { A: 'a' } }).io, account),
    ).rejects.toThrow(/does not exist/);
    await expect(
      firstPassword(
        [{ kind: 'stdin' }, env('A')],
        fakeIo({ env: { A: 'a' }, stdin: ['\n'] }).io,
        account,
      ),
    ).rejects.toThrow('--password-stdin: the first line of stdin is empty');
  });

  it('prompts on a terminal only, naming the account, and stdin on a terminal prompts too', async () => {
    for (const sources of [[{ kind: 'prompt' }], [{ kind: 'stdin' }]] as PasswordSource[][]) {
      const { io, stderr, terminal } = fakeIo({ tty: true });
      const answer = firstPassword(sources, io, account);
      terminal.input.write('typed\r');
      expect(await answer).toEqual({ password: 'typed', source: { kind: 'prompt' } });
      expect(stderr).toEqual(['Password for CORP\\svc at em1:9398: ', '\n']);
    }
    const { io, terminal } = fakeIo({ tty: true });
    const empty = firstPassword([{ kind: 'prompt' }], io, account);
    terminal.input.write('\r');
    await expect(empty).rejects.toThrow('no password typed');
  });

  it('the error without a password lists every source and the unset profile variables', () => {
    const error = noPasswordError(account, [
      env('VBEM_PASSWORD'),
      env('PROD_PW', 'passwordEnv of profile prod'),
      { kind: 'prompt' },
    ]);
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(
      'no password for CORP\\svc at em1:9398: PROD_PW (passwordEnv of profile prod) is not set; stdin is not a terminal to prompt on',
    );
    expect(error.hint).toBe(
      'give it through --password-file FILE (chmod 600), --password-stdin (first line of stdin), VBEM_PASSWORD, or passwordFile / passwordEnv in a config profile',
    );
  });
});
