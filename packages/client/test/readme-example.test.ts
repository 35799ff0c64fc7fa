import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

describe('the README example', () => {
  it('is the file the README shows', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const example = readFileSync(
      new URL('../examples/last-day-failures.ts', import.meta.url),
      'utf8',
    );
    expect(readme).toContain(example.trim());
  });

  it('runs against a fresh emulator and finds the failures', async () => {
    const lines: string[] = [];
    const log = vi
      .spyOn(console, 'log')
      .mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    try {
      const { failures } = await import('../examples/last-day-failures.js');
      expect(lines[0]).toBe(`${failures.length} sessions need a look`);
      expect(lines.slice(1).every((line) => /: .+/.test(line))).toBe(true);
    } finally {
      log.mockRestore();
    }
  });
});
