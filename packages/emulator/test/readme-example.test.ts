import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

describe('the README example', () => {
  it('is the file the README shows', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const example = readFileSync(
      new URL('../examples/failed-last-day.ts', import.meta.url),
      'utf8',
    );
    expect(readme).toContain(example.trim());
  });

  it('runs against a real emulator and prints failed sessions, the same whatever the time', async () => {
    const lines: string[] = [];
    const log = vi
      .spyOn(console, 'log')
      .mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    await import('../examples/failed-last-day.js');
    log.mockRestore();
    expect(lines.at(-1)).toBe('1 logon session open');
    // Its clock is fixed at 2025-06-15T12:00:00Z: the failures of the day before, newest first.
    const failures = lines.slice(0, -1);
    expect(failures.length).toBeGreaterThan(0);
    const times = failures.map((line) => {
      const match = /^.+: Failed at (\d{4}-\d\d-\d\dT[\d:.]+Z)$/.exec(line);
      expect(match, line).not.toBeNull();
      return Date.parse(match?.[1] ?? '');
    });
    for (const time of times) {
      expect(time).toBeGreaterThanOrEqual(Date.parse('2025-06-14T12:00:00Z'));
      expect(time).toBeLessThanOrEqual(Date.parse('2025-06-15T12:00:00Z'));
    }
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });
});
