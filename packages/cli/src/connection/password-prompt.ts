import { StringDecoder } from 'node:string_decoder';
import { CliError } from '../cli-error.js';
import type { OutputStream } from '../cli-io.js';

/** A terminal to read a password from: stdin, put in raw mode so that nothing is echoed. */
export type PromptInput = NodeJS.ReadableStream & {
  readonly isTTY?: boolean | undefined;
  setRawMode?: (mode: boolean) => unknown;
};

/** The exit code of a prompt ended with Ctrl-C (128 + SIGINT), as the runner uses. */
const INTERRUPTED = 130;

/**
 * Writes `prompt` to `output` and reads one line from the terminal `input` with echo off: raw mode,
 * so the characters typed never reach the screen. Enter ends it; Backspace and Ctrl-U edit;
 * Ctrl-C, Ctrl-D on an empty line, or `signal` cancel it. Raw mode is restored in every case.
 */
export function promptPassword(
  input: PromptInput,
  output: OutputStream,
  prompt: string,
  signal?: AbortSignal,
): Promise<string> {
  return new Promise<string>((resolvePrompt, rejectPrompt) => {
    const decoder = new StringDecoder('utf8');
    const raw = typeof input.setRawMode === 'function';
    let password = '';
    const finish = (error: CliError | undefined) => {
      input.removeListener('data', onData);
      input.removeListener('end', onEnd);
      signal?.removeEventListener('abort', onAbort);
      if (raw) input.setRawMode?.(false);
      input.pause();
      output.write('\n');
      if (error) rejectPrompt(error);
      else resolvePrompt(password);
    };
    const cancelled = () => new CliError('password prompt cancelled', { exitCode: INTERRUPTED });
    const onAbort = () => finish(cancelled());
    const onEnd = () =>
      finish(password === '' ? new CliError('no password typed: the terminal closed') : undefined);
    const onData = (chunk: string | Buffer) => {
      const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
      // An escape sequence (arrow keys, function keys) is not part of a password.
      if (text.startsWith('\u001b')) return;
      for (const char of text) {
        if (char === '\r' || char === '\n') return finish(undefined);
        if (char === '\u0003') return finish(cancelled());
        if (char === '\u0004') {
          if (password === '') return finish(cancelled());
          continue;
        }
        if (char === '\u007f' || char === '\b')
          password = Array.from(password).slice(0, -1).join('');
        else if (char === '\u0015') password = '';
        else if (char >= ' ') password += char;
      }
    };
    if (signal?.aborted) {
      rejectPrompt(cancelled());
      return;
    }
    output.write(prompt);
    if (raw) input.setRawMode?.(true);
    signal?.addEventListener('abort', onAbort, { once: true });
    input.on('data', onData);
    input.on('end', onEnd);
    input.resume();
  });
}
