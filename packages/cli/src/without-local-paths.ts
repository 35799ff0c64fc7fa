import { CliError, type LocalPath } from './cli-error.js';

/** `text` without the local file paths it names (see LocalPath). */
export function withoutLocalPaths(text: string, paths: readonly LocalPath[]): string {
  let result = text;
  for (const { path, name } of paths) {
    if (path === '') continue;
    result = result.replaceAll(`file ${path}`, 'file').replaceAll(path, name);
  }
  return result;
}

/** An error's line (`line`, as describeError gives it) without the local files the error names. */
export const lineWithoutLocalPaths = (error: unknown, line: string): string =>
  error instanceof CliError ? withoutLocalPaths(line, error.localPaths) : line;
