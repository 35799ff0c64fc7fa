import { CliError, type LocalPath } from './cli-error.js';

const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `text` without the local file paths it names (see LocalPath): `file PATH` becomes `file`, and
 * PATH elsewhere its name (`the config file`). Only the path as a whole word is replaced, set off
 * by the start, a space or `(` before and the end, a space, `:`, `,` or `)` after, so that a short
 * relative path (`e`) is not taken out of the words around it.
 */
export function withoutLocalPaths(text: string, paths: readonly LocalPath[]): string {
  let result = text;
  for (const { path, name } of paths) {
    if (path === '') continue;
    const whole = `(?<=^|[\\s(])${escaped(path)}(?=$|[\\s:,)])`;
    result = result
      .replace(new RegExp(`(?<=^|[\\s(])file ${whole}`, 'g'), 'file')
      .replace(new RegExp(whole, 'g'), () => name);
  }
  return result;
}

/** An error's line (`line`, as describeError gives it) without the local files the error names. */
export const lineWithoutLocalPaths = (error: unknown, line: string): string =>
  error instanceof CliError ? withoutLocalPaths(line, error.localPaths) : line;
