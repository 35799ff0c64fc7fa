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

  it('runs against a real emulator and prints failed sessions', async () => {
    const lines: string[] = [];
    const log = vi
      .spyOn(console, 'log')
      .mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    await import('../examples/failed-last-day.js');
    log.mockRestore();
    expect(lines.at(-1)).toBe('1 logon session open');
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^.+: Failed at \d{4}-\d\d-\d\dT/);
  });
});
