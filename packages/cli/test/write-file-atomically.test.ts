import { execFileSync } from 'node:child_process';
import {
  lstatSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkOutputPath, writeFileAtomically } from '../src/output/write-file-atomically.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vbem-output-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomically', () => {
  it('replaces the file a symbolic link leads to, and keeps the link', async () => {
    const target = join(dir, 'report.prom');
    const link = join(dir, 'current.prom');
    writeFileSync(target, 'old');
    symlinkSync(target, link);
    await expect(writeFileAtomically(link, 'new', false)).rejects.toThrow(/exists/);
    await writeFileAtomically(link, 'new', true);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(target);
    expect(readFileSync(target, 'utf8')).toBe('new');
  });

  it('refuses a link to nothing, a directory, and a missing directory', async () => {
    const dangling = join(dir, 'dangling');
    symlinkSync(join(dir, 'nowhere', 'file'), dangling);
    await expect(checkOutputPath(dangling, true)).rejects.toThrow(
      /symbolic link to a file that does not exist/,
    );
    await expect(checkOutputPath(dir, true)).rejects.toThrow(/it is a directory/);
    const loop = join(dir, 'loop');
    symlinkSync(loop, loop);
    await expect(checkOutputPath(loop, true)).rejects.toThrow(/lead round in a loop/);
    await expect(checkOutputPath(join(dir, 'no', 'file'), true)).rejects.toThrow(/does not exist/);
  });

  it('writes into a FIFO or a character device as it is, without --force', async () => {
    expect(await checkOutputPath('/dev/null', false)).toEqual({
      path: '/dev/null',
      kind: 'stream',
    });
    await writeFileAtomically('/dev/null', 'report', false);
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);

    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const read = readFile(fifo, 'utf8');
    await writeFileAtomically(fifo, 'through the pipe', false);
    expect(await read).toBe('through the pipe');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('ends quietly when the reader of a FIFO leaves early, as for stdout', async () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    // The reader opens the pipe and leaves at once; a megabyte does not fit the pipe's buffer.
    const reader = open(fifo, 'r').then((handle) => handle.close());
    await writeFileAtomically(fifo, 'x'.repeat(1_000_000), false);
    await reader;
  });

  it('names the path given, not the file a link leads to, when the write fails', async () => {
    await expect(writeFileAtomically('/dev/full', 'x', false)).rejects.toThrow(
      /^cannot write \/dev\/full: no space left on the device \(ENOSPC\)$/,
    );
    expect(lstatSync('/dev/full').isCharacterDevice()).toBe(true);
  });
});
