import { readFileSync } from 'node:fs';

/**
 * The content of the file a `vbem-emulator` flag names. One that cannot be read is an Error
 * naming the flag, the path and why (`ENOENT: no such file or directory`), never the content.
 */
export function readFlagFile(flag: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    // Node's message ends in the call and the path (", open 'key.pem'"), which this says first.
    const reason = (error as Error).message.replace(/, \w+ '.*'$/s, '');
    throw new Error(`${flag} ${JSON.stringify(path)} cannot be read (${reason})`);
  }
}
