import { describe, expect, it } from 'vitest';
import type { CliIo } from '../src/cli-io.js';
import { createProgress } from '../src/progress.js';

describe('the progress line', () => {
  it("shows a label that holds a profile's name inert: its own clearing code is the only one", () => {
    const written: string[] = [];
    const io = {
      stderr: { write: (text: string) => written.push(text), isTTY: true, columns: 200 },
      now: () => new Date('2026-11-25T12:00:00Z'),
    } as unknown as CliIo;
    const progress = createProgress(io, 'evil\u001b]0;TITLE\u0007\u202e\nprod: sessions', false);
    progress.update(1234, '3 pages');
    expect(written).toHaveLength(1);
    const [line] = written;
    expect(line?.startsWith('\r\u001b[2K')).toBe(true);
    const text = line?.slice('\r\u001b[2K'.length) ?? '';
    expect(text).toMatch(/^evil\uFFFD]0;TITLE\uFFFD\uFFFD prod: sessions 1,234 · 3 pages · /);
    expect(text).not.toMatch(/[\p{Cc}\u202A-\u202E\u2066-\u2069]/u);
  });

  it.each([
    [0, 79],
    [-1, 79],
    [undefined, 79],
    [50, 49],
  ])(
    'on a terminal of %s columns, is cut at %i, as tables count an unknown width as 80',
    (columns, cut) => {
      const written: string[] = [];
      const io = {
        stderr: { write: (text: string) => written.push(text), isTTY: true, columns },
        now: () => new Date('2026-11-25T12:00:00Z'),
      } as unknown as CliIo;
      const progress = createProgress(io, 'prod: sessions', false);
      progress.update(1234, `${'x'.repeat(100)} pages`);
      const text = written[0]?.slice('\r\u001b[2K'.length) ?? '';
      expect(text).toHaveLength(cut);
      expect(text).toMatch(/^prod: sessions 1,234 · x+$/);
    },
  );
});
